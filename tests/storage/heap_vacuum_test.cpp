// HeapFile::Vacuum (issue 4): pages compacted and spare capacity given back, one redo-only HEAP_VACUUM per
// changed page, and the free-space map refreshed so later inserts reuse the space instead of growing the file.
// Its redo after a crash is in recovery_test.cpp.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "storage/buffer_pool.h"
#include "storage/heap_file.h"
#include "storage/log_manager.h"
#include "storage/slotted_page.h"
#include "storage/storage_engine.h"
#include "storage/undo.h"
#include "support/byte_strings.h"
#include "support/temp_dir.h"

using namespace lumadb::storage;
using lumadb::testing::Bytes;
using lumadb::testing::Str;
using lumadb::testing::TempDir;

namespace {

constexpr FileId kFile{1, 16384};

using Rows = std::map<std::pair<PageId, uint16_t>, std::string>;

Rows ScanAll(const HeapFile& heap) {
  Rows rows;
  HeapFile::Iterator it = heap.Scan();
  Rid rid;
  std::vector<std::byte> t;
  while (it.Next(&rid, &t)) rows[{rid.page, rid.slot}] = Str(t);
  return rows;
}

/// TransactionManager::Commit's protocol, for a test that links storage only.
void Commit(StorageEngine& engine, LogContext& ctx) {
  LogRecord rec;
  rec.type = LogRecordType::kCommit;
  engine.log().FlushTo(engine.log().Append(ctx, rec));
  ApplyDeferredDeletes(engine, ctx);
  engine.log().Discard(ctx);
  rec.type = LogRecordType::kEnd;
  engine.log().Append(ctx, rec);
}

/// The types of the records in [from, the end of the log), after flushing it.
std::vector<LogRecordType> RecordsSince(LogManager& log, Lsn from) {
  log.FlushAll();
  std::vector<LogRecordType> types;
  LogRecord rec;
  size_t size = 0;
  for (Lsn lsn = from; log.ReadRecord(lsn, &rec, &size); lsn += size) types.push_back(rec.type);
  return types;
}

bool AnyPageNeedsVacuum(StorageEngine& engine, const HeapFile& heap) {
  for (PageId p = 0; p < heap.PageCount(); ++p) {
    if (ConstSlottedPage(engine.pool().Read(kFile, p).data()).NeedsVacuum()) return true;
  }
  return false;
}

std::string Payload(int i, size_t size) {
  std::string s = std::to_string(i) + ":";
  return s + std::string(size - s.size(), static_cast<char>('a' + i % 26));
}

}  // namespace

TEST_CASE("HEAP_VACUUM serialises as a heap record without images") {
  LogRecord rec;
  rec.type = LogRecordType::kHeapVacuum;
  rec.lsn = 16 * 1024 * 1024;
  rec.txn = 7;
  rec.file = kFile;
  rec.rid = Rid{42, 0};
  std::vector<std::byte> out;
  SerializeLogRecord(rec, &out);
  CHECK(out.size() == LogRecord::kHeaderSize + 22);  // the diagram in log_record.h
  LogRecord back;
  REQUIRE(DeserializeLogRecord(out, &back) == out.size());
  CHECK(back == rec);
  CHECK(std::string(LogRecordTypeName(back.type)) == "HEAP_VACUUM");
  CHECK(IsHeapRecord(back.type));
  CHECK_FALSE(IsUndoable(back.type));
}

TEST_CASE("after deleting most rows, vacuum compacts the pages and new rows reuse them") {
  TempDir dir;
  StorageEngine engine(dir.path(), 8);
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  constexpr int kRows = 3000;
  LogContext load{1, &engine.log(), 0, {}};
  std::vector<Rid> rids;
  for (int i = 0; i < kRows; ++i) rids.push_back(heap.Insert(load, Bytes(Payload(i, 60 + i % 40))));
  Commit(engine, load);
  const PageId pages = heap.PageCount();
  REQUIRE(pages > 20);

  LogContext del{2, &engine.log(), 0, {}};
  for (int i = 0; i < kRows; ++i) {
    if (i % 10 != 0) heap.Delete(del, rids[i]);
  }
  Commit(engine, del);
  const Rows survivors = ScanAll(heap);
  REQUIRE(survivors.size() == kRows / 10);
  REQUIRE(AnyPageNeedsVacuum(engine, heap));  // freed tuples left holes

  LogContext vac{3, &engine.log(), 0, {}};
  Lsn from = engine.log().next_lsn();
  HeapFile::VacuumStats stats = heap.Vacuum(vac);
  CHECK(stats.pages_scanned == pages);
  CHECK(stats.pages_vacuumed > 0);
  CHECK(stats.pages_vacuumed <= pages);
  CHECK(stats.empty_pages == 0);      // every page kept a row
  CHECK(ScanAll(heap) == survivors);  // same TIDs, same bytes
  CHECK_FALSE(AnyPageNeedsVacuum(engine, heap));
  CHECK(vac.records.empty());  // redo-only: nothing kept for undo
  size_t vacuum_records = 0;
  for (LogRecordType t : RecordsSince(engine.log(), from)) {
    CHECK((t == LogRecordType::kHeapVacuum || t == LogRecordType::kFpi));
    vacuum_records += t == LogRecordType::kHeapVacuum;
  }
  CHECK(vacuum_records == stats.pages_vacuumed);

  // A second pass finds nothing to do and logs nothing.
  from = engine.log().next_lsn();
  HeapFile::VacuumStats again = heap.Vacuum(vac);
  CHECK(again.pages_vacuumed == 0);
  CHECK(again.bytes_reclaimed == 0);
  CHECK(engine.log().next_lsn() == from);

  // Nearly as many rows as were deleted (2400 of 2700: the free space is spread over the pages) fit again
  // without growing the file.
  LogContext refill{4, &engine.log(), 0, {}};
  for (int i = 0; i < kRows * 8 / 10; ++i) heap.Insert(refill, Bytes(Payload(i, 60 + i % 40)));
  CHECK(heap.PageCount() == pages);
  CHECK(ScanAll(heap).size() == kRows * 9 / 10);
  CHECK(engine.pool().PinnedFrames() == 0);
}

TEST_CASE("vacuum gives back the capacity shrinking updates kept, and the free-space map offers it") {
  TempDir dir;
  StorageEngine engine(dir.path(), 8);
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  LogContext load{1, &engine.log(), 0, {}};
  std::vector<Rid> rids;
  for (int i = 0; i < 800; ++i) rids.push_back(heap.Insert(load, Bytes(Payload(i, 200))));
  Commit(engine, load);
  const PageId pages = heap.PageCount();

  LogContext shrink{2, &engine.log(), 0, {}};
  for (int i = 0; i < 800; ++i) CHECK(heap.Update(shrink, rids[i], Bytes(Payload(i, 10))) == rids[i]);
  Commit(engine, shrink);
  const Rows shrunk = ScanAll(heap);

  LogContext vac{3, &engine.log(), 0, {}};
  HeapFile::VacuumStats stats = heap.Vacuum(vac);
  CHECK(stats.pages_vacuumed == pages);
  CHECK(stats.bytes_reclaimed == 800 * (200 - 10));
  CHECK(ScanAll(heap) == shrunk);

  // 30 more 200-byte rows per page fit in the space given back (without VACUUM none would: the pages
  // were full and the shrunken tuples kept their 200 bytes).
  LogContext more{4, &engine.log(), 0, {}};
  for (PageId i = 0; i < 30 * pages; ++i) heap.Insert(more, Bytes(Payload(static_cast<int>(i), 200)));
  CHECK(heap.PageCount() == pages);
}

TEST_CASE("vacuum builds the free-space map of a reopened heap and leaves empty pages for reuse") {
  TempDir dir;
  PageId pages = 0;
  {
    StorageEngine engine(dir.path(), 8);
    engine.CreateFile(kFile);
    HeapFile& heap = engine.Heap(kFile);
    LogContext ctx{1, &engine.log(), 0, {}};
    std::vector<Rid> rids;
    for (int i = 0; i < 1000; ++i) rids.push_back(heap.Insert(ctx, Bytes(Payload(i, 100))));
    for (int i = 0; i < 1000; ++i) {
      if (i >= 100) heap.Delete(ctx, rids[i]);  // the rows of every page but the first ones
    }
    Commit(engine, ctx);
    pages = heap.PageCount();
    engine.FlushAll();
  }
  StorageEngine engine(dir.path(), 8);
  HeapFile& heap = engine.Heap(kFile);  // a fresh free-space map, not built yet
  LogContext vac{2, &engine.log(), 0, {}};
  HeapFile::VacuumStats stats = heap.Vacuum(vac);
  CHECK(stats.pages_scanned == pages);
  CHECK(stats.empty_pages > 0);
  CHECK(stats.empty_pages < pages);
  CHECK(heap.PageCount() == pages);  // empty pages are not given back to the file system
  LogContext ctx{3, &engine.log(), 0, {}};
  for (int i = 0; i < 900; ++i) heap.Insert(ctx, Bytes(Payload(i, 100)));
  CHECK(heap.PageCount() == pages);
  CHECK(ScanAll(heap).size() == 1000);
}

#include "storage/heap_file.h"

#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "common/error.h"
#include "heap_test_util.h"
#include "storage/buffer_pool.h"
#include "storage/log_manager.h"
#include "storage/page.h"
#include "storage/storage_engine.h"
#include "storage/undo.h"
#include "support/byte_strings.h"
#include "support/temp_dir.h"

using namespace lumadb::storage;
using lumadb::DbError;
using lumadb::testing::Bytes;
using lumadb::testing::ScanAll;
using lumadb::testing::Str;
using lumadb::testing::TempDir;

namespace {

constexpr FileId kFile{1, 16384};

std::string Row(int i) {
  return "row-" + std::to_string(i) + std::string(static_cast<size_t>(i % 97), '.');
}

}  // namespace

TEST_CASE("thousands of tuples through a 4-frame pool; they survive FlushAll and reopening") {
  TempDir dir;
  constexpr int kRows = 5000;
  std::map<std::pair<PageId, uint16_t>, std::string> expected;
  {
    StorageEngine engine(dir.path(), 4);
    engine.CreateFile(kFile);
    HeapFile& heap = engine.Heap(kFile);
    LogContext ctx{1, &engine.log(), 0, {}};
    for (int i = 0; i < kRows; ++i) {
      Rid rid = heap.Insert(ctx, Bytes(Row(i)));
      expected[{rid.page, rid.slot}] = Row(i);
    }
    CHECK(heap.PageCount() > 30);  // the table is ten times the pool
    CHECK(ScanAll(heap) == expected);
    CHECK(engine.pool().PinnedFrames() == 0);
    for (LogRecordType type : {LogRecordType::kCommit, LogRecordType::kEnd}) {
      LogRecord rec;
      rec.type = type;
      engine.log().Append(ctx, rec);  // else recovery rolls the inserts back
    }
    engine.FlushAll();
  }
  StorageEngine engine(dir.path(), 3);
  CHECK_FALSE(engine.recovery_stats().crashed);
  HeapFile& heap = engine.Heap(kFile);
  CHECK(ScanAll(heap) == expected);
  std::vector<std::byte> t;
  REQUIRE(heap.Get(Rid{0, 0}, &t));
  CHECK(Str(t) == expected[{0, 0}]);
  CHECK_FALSE(heap.Get(Rid{100000, 0}, &t));
  // Inserting after the reopen finds room through the rebuilt free-space map (no new page needed).
  PageId pages = heap.PageCount();
  LogContext ctx{2, nullptr, 0, {}};
  heap.Insert(ctx, Bytes("x"));
  CHECK(heap.PageCount() == pages);
}

TEST_CASE("row too big is 54000 with PostgreSQL's message") {
  TempDir dir;
  StorageEngine engine(dir.path(), 4);
  engine.CreateFile(kFile);
  LogContext ctx{1, &engine.log(), 0, {}};
  std::vector<std::byte> big(9000, std::byte{1});
  try {
    engine.Heap(kFile).Insert(ctx, big);
    FAIL("expected an error");
  } catch (const DbError& e) {
    CHECK(e.code() == lumadb::sqlstate::kProgramLimitExceeded);
    CHECK(e.message() == "row is too big: size 9000, maximum size 8160");
  }
  std::vector<std::byte> max(8160, std::byte{2});
  Rid rid = engine.Heap(kFile).Insert(ctx, max);
  CHECK(rid.slot == 0);
}

TEST_CASE("delete hides a tuple from Get and Scan; update in place and by moving") {
  TempDir dir;
  StorageEngine engine(dir.path(), 4);
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  LogContext ctx{1, &engine.log(), 0, {}};
  Rid a = heap.Insert(ctx, Bytes("a"));
  Rid b = heap.Insert(ctx, Bytes("b"));
  heap.Delete(ctx, a);
  std::vector<std::byte> t;
  CHECK_FALSE(heap.Get(a, &t));
  CHECK(ScanAll(heap).size() == 1);
  CHECK_THROWS_AS(heap.Delete(ctx, a), DbError);  // already deleted
  CHECK_THROWS_AS(heap.Update(ctx, a, Bytes("z")), DbError);

  Rid b2 = heap.Update(ctx, b, Bytes("bigger b"));
  CHECK(b2 == b);  // fits on its page: same TID
  REQUIRE(heap.Get(b, &t));
  CHECK(Str(t) == "bigger b");

  // Fill page 0, then grow b beyond what is left: it moves.
  while (heap.PageCount() == 1) heap.Insert(ctx, Bytes(std::string(500, 'f')));
  Rid moved = heap.Update(ctx, b, Bytes(std::string(3000, 'm')));
  CHECK(moved.page != b.page);
  CHECK_FALSE(heap.Get(b, &t));
  REQUIRE(heap.Get(moved, &t));
  CHECK(Str(t) == std::string(3000, 'm'));
}

TEST_CASE("storage undo reverses insert, delete, update and a move, newest first") {
  TempDir dir;
  StorageEngine engine(dir.path(), 4);
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  LogContext setup{1, &engine.log(), 0, {}};
  Rid keep = heap.Insert(setup, Bytes("keep"));
  Rid del = heap.Insert(setup, Bytes("to delete"));
  Rid upd = heap.Insert(setup, Bytes("to update, long value"));
  Rid mov = heap.Insert(setup, Bytes("to move"));
  while (heap.PageCount() == 1) heap.Insert(setup, Bytes(std::string(700, 'f')));
  engine.log().Discard(setup);  // "committed"
  auto before = ScanAll(heap);

  LogContext ctx{2, &engine.log(), 0, {}};
  heap.Insert(ctx, Bytes("new row"));
  heap.Delete(ctx, del);
  heap.Update(ctx, upd, Bytes("short"));
  heap.Update(ctx, upd, Bytes("shorter"));
  Rid moved = heap.Update(ctx, mov, Bytes(std::string(4000, 'M')));
  CHECK(moved != mov);
  heap.Delete(ctx, keep);
  CHECK(ScanAll(heap) != before);
  CHECK(ctx.records.size() == 7);  // insert, markdelete, update, update, markdelete + insert, markdelete

  Lsn last_change = ctx.last_lsn;
  UndoRecords(engine, ctx);
  CHECK(ctx.records.empty());
  CHECK(ctx.last_lsn > last_change);  // one CLR per undone record, chained after the changes
  CHECK(engine.log().KeptRecords() == 0);
  CHECK(ScanAll(heap) == before);
}

TEST_CASE("commit applies deferred deletes: the slot is freed and reused") {
  TempDir dir;
  StorageEngine engine(dir.path(), 4);
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  LogContext ctx{1, &engine.log(), 0, {}};
  Rid a = heap.Insert(ctx, Bytes("a"));
  heap.Insert(ctx, Bytes("b"));
  heap.Delete(ctx, a);
  CHECK(heap.Insert(ctx, Bytes("c")).slot == 2);  // a's slot is still reserved
  size_t kept = ctx.records.size();
  ApplyDeferredDeletes(engine, ctx);
  CHECK(ctx.records.size() == kept);  // HEAP_APPLYDELETE is redo-only: not kept for undo
  CHECK(PageLsn(engine.pool().Read(kFile, a.page).data()) == ctx.last_lsn);
  engine.log().Discard(ctx);
  LogContext next{2, &engine.log(), 0, {}};
  CHECK(heap.Insert(next, Bytes("d")) == a);  // now reused
}

TEST_CASE("scans and Get can return mark-deleted tuples; a refused claim moves the insert to a new page") {
  TempDir dir;
  StorageEngine engine(dir.path(), 4);
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  LogContext ctx{1, &engine.log(), 0, {}};
  Rid a = heap.Insert(ctx, Bytes("a"));
  Rid b = heap.Insert(ctx, Bytes("b"));
  heap.Delete(ctx, a);
  std::vector<std::byte> t;
  bool deleted = false;
  CHECK_FALSE(heap.Get(a, &t));
  REQUIRE(heap.Get(a, &t, &deleted));
  CHECK(deleted);
  CHECK(Str(t) == "a");
  REQUIRE(heap.Get(b, &t, &deleted));
  CHECK_FALSE(deleted);
  HeapFile::Iterator it = heap.Scan();
  Rid rid;
  std::vector<std::pair<std::string, bool>> seen;
  while (it.Next(&rid, &t, &deleted)) seen.emplace_back(Str(t), deleted);
  CHECK(seen == std::vector<std::pair<std::string, bool>>{{"a", true}, {"b", false}});

  std::vector<Rid> asked;
  HeapFile::InsertClaim refuse_first_page = [&](Rid r) {
    asked.push_back(r);
    return r.page != 0;
  };
  Rid c = heap.Insert(ctx, Bytes("c"), &refuse_first_page);
  CHECK(c.page == 1);
  REQUIRE(asked.size() == 2);
  CHECK(asked[0].page == 0);
  CHECK(asked[1] == c);
  CHECK(heap.PageCount() == 2);
}

TEST_CASE("page LSNs follow the log") {
  TempDir dir;
  StorageEngine engine(dir.path(), 4);
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  LogContext ctx{1, &engine.log(), 0, {}};
  Rid r = heap.Insert(ctx, Bytes("x"));
  CHECK(PageLsn(engine.pool().Read(kFile, r.page).data()) == ctx.last_lsn);
  heap.Update(ctx, r, Bytes("y"));
  CHECK(PageLsn(engine.pool().Read(kFile, r.page).data()) == ctx.last_lsn);
}

TEST_CASE("concurrent inserters share pages without losing tuples") {
  TempDir dir;
  StorageEngine engine(dir.path(), 8);
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 1500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      LogContext ctx{static_cast<TxnId>(t + 1), &engine.log(), 0, {}};
      for (int i = 0; i < kPerThread; ++i) heap.Insert(ctx, Bytes(std::to_string(t) + ":" + Row(i)));
      engine.log().Discard(ctx);
    });
  }
  for (auto& th : threads) th.join();
  auto rows = ScanAll(heap);
  CHECK(rows.size() == static_cast<size_t>(kThreads) * kPerThread);
  std::map<std::string, int> seen;
  for (auto& [rid, s] : rows) ++seen[s];
  CHECK(seen.size() == rows.size());
}

TEST_CASE("DropFile and DropDatabaseFiles remove the files; a new heap on the same id starts empty") {
  TempDir dir;
  StorageEngine engine(dir.path(), 4);
  engine.CreateFile(kFile);
  LogContext ctx{1, nullptr, 0, {}};
  engine.Heap(kFile).Insert(ctx, Bytes("x"));
  engine.DropFile(kFile);
  CHECK_FALSE(engine.FileExists(kFile));
  CHECK_THROWS_AS(engine.Heap(kFile), DbError);
  engine.CreateFile(kFile);
  CHECK(ScanAll(engine.Heap(kFile)).empty());
  engine.Heap(kFile).Insert(ctx, Bytes("y"));
  engine.CreateFile(FileId{1, 16385});
  engine.DropDatabaseFiles(1);
  CHECK_FALSE(engine.FileExists(kFile));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "base" / "1"));
  engine.FlushAll();  // nothing of the dropped database is written back
}

TEST_CASE("a corrupted heap page is reported as XX001 when a scan reads it") {
  TempDir dir;
  {
    StorageEngine engine(dir.path(), 4);
    engine.CreateFile(kFile);
    LogContext ctx{1, nullptr, 0, {}};
    for (int i = 0; i < 300; ++i) engine.Heap(kFile).Insert(ctx, Bytes(Row(i)));
    REQUIRE(engine.Heap(kFile).PageCount() >= 2);
    engine.FlushAll();
  }
  {
    std::fstream file(dir.path() / "base" / "1" / "16384", std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(kPageSize + 6000);
    char c = 0;
    file.read(&c, 1);
    file.seekp(kPageSize + 6000);
    file.put(static_cast<char>(c ^ 0x40));
  }
  StorageEngine engine(dir.path(), 4);
  try {
    ScanAll(engine.Heap(kFile));
    FAIL("expected an error");
  } catch (const DbError& e) {
    CHECK(e.code() == lumadb::sqlstate::kDataCorrupted);
    CHECK(e.message() == "invalid page in block 1 of relation base/1/16384");
  }
  CHECK(engine.pool().PinnedFrames() == 0);
}

TEST_CASE("a scan copies a page at a time: pages_read counts them, and no pin outlives Next") {
  TempDir dir;
  StorageEngine engine(dir.path(), 4);
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  LogContext ctx{1, nullptr, 0, {}};
  for (int i = 0; i < 2000; ++i) heap.Insert(ctx, Bytes(Row(i)));
  REQUIRE(heap.PageCount() > 3);

  HeapFile::Iterator it = heap.Scan();
  CHECK(it.pages_read() == 0);
  Rid rid;
  std::vector<std::byte> t;
  std::map<PageId, uint64_t> read_when_first_seen;
  std::map<PageId, uint64_t> rows_on;
  uint64_t rows = 0;
  while (it.Next(&rid, &t)) {
    CHECK(engine.pool().PinnedFrames() == 0);
    read_when_first_seen.emplace(rid.page, it.pages_read());
    ++rows_on[rid.page];
    ++rows;
  }
  CHECK(rows == 2000);
  CHECK(it.pages_read() == heap.PageCount());
  // The first tuple of page p came right after page p was copied.
  for (const auto& [page, reads] : read_when_first_seen) CHECK(reads == page + 1);

  // A change to the page being served does not reach this pass (it serves its copy); a new pass sees it.
  HeapFile::Iterator again = heap.Scan();
  REQUIRE(again.Next(&rid, &t));
  REQUIRE(rid.page == 0);
  heap.Delete(ctx, Rid{0, 1});
  uint64_t first_page = 1;
  while (again.Next(&rid, &t) && rid.page == 0) ++first_page;
  CHECK(first_page == rows_on[0]);
  HeapFile::Iterator fresh = heap.Scan();
  uint64_t first_page_now = 0;
  while (fresh.Next(&rid, &t) && rid.page == 0) ++first_page_now;
  CHECK(first_page_now == rows_on[0] - 1);
}

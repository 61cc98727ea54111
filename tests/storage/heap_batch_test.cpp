// HeapFile::InsertBatch (COPY FROM's bulk path): one HEAP_MULTI_INSERT per page, claims, runtime undo with
// CLRs, redo and undo by crash recovery.
#include <algorithm>
#include <map>
#include <span>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "btree_test_util.h"
#include "common/error.h"
#include "heap_test_util.h"
#include "storage/buffer_pool.h"
#include "storage/heap_file.h"
#include "storage/log_manager.h"
#include "storage/storage_engine.h"
#include "storage/undo.h"
#include "support/byte_strings.h"
#include "support/temp_dir.h"

using namespace lumadb::storage;
using lumadb::DbError;
using lumadb::testing::Bytes;
using lumadb::testing::CommitCtx;
using lumadb::testing::ScanAll;
using lumadb::testing::Str;
using lumadb::testing::TempDir;

namespace {

constexpr FileId kFile{1, 16384};

std::vector<std::vector<std::byte>> Tuples(int n, int from = 0) {
  std::vector<std::vector<std::byte>> out;
  for (int i = from; i < from + n; ++i) out.push_back(Bytes("copy-" + std::to_string(i) + std::string(i % 50, '+')));
  return out;
}

/// The spans InsertBatch takes, over tuples that must outlive them.
std::vector<std::span<const std::byte>> Spans(const std::vector<std::vector<std::byte>>& tuples) {
  return {tuples.begin(), tuples.end()};
}

std::map<std::pair<PageId, uint16_t>, std::string> Expected(const std::vector<Rid>& rids,
                                                            const std::vector<std::vector<std::byte>>& tuples) {
  std::map<std::pair<PageId, uint16_t>, std::string> out;
  for (size_t i = 0; i < rids.size(); ++i) out[{rids[i].page, rids[i].slot}] = Str(tuples[i]);
  return out;
}

}  // namespace

TEST_CASE("InsertBatch fills page after page, one kept HEAP_MULTI_INSERT per page filled, without tuple images") {
  TempDir dir;
  StorageEngine engine(dir.path(), 8);
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  LogContext ctx{1, &engine.log(), 0, {}};
  auto tuples = Tuples(3000);
  std::vector<Rid> rids;
  heap.InsertBatch(ctx, Spans(tuples), &rids);
  REQUIRE(rids.size() == tuples.size());
  CHECK(ScanAll(heap) == Expected(rids, tuples));
  CHECK(heap.PageCount() > 10);
  // One record per page filled (a tuple too big for the rest of a page sends the batch on, and a smaller
  // one after it may go back to that page's remaining room, as in PostgreSQL's heap_multi_insert).
  CHECK(ctx.records.size() >= heap.PageCount());
  CHECK(ctx.records.size() < rids.size() / 50);
  for (Lsn lsn : ctx.records) {
    const LogRecord* rec = engine.log().Fetch(lsn);
    REQUIRE(rec != nullptr);
    CHECK(rec->type == LogRecordType::kHeapMultiInsert);
    CHECK(rec->after.empty());
  }
  UndoRecords(engine, ctx);  // rollback: one CLR per page frees every slot
  CHECK(ScanAll(heap).empty());
  CHECK(engine.log().KeptRecords() == 0);
}

TEST_CASE("InsertBatch reuses free slots of an existing page first, then claims new pages whole") {
  TempDir dir;
  StorageEngine engine(dir.path(), 8);
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  LogContext ctx{1, &engine.log(), 0, {}};
  std::vector<Rid> first{heap.Insert(ctx, Bytes("a")), heap.Insert(ctx, Bytes("b")), heap.Insert(ctx, Bytes("c"))};
  heap.Delete(ctx, first[0]);
  heap.ApplyDelete(ctx, first[0]);  // slot 0 of page 0 is empty again
  std::vector<PageId> claimed_pages;
  std::vector<Rid> claimed_rows;
  HeapFile::InsertClaim claim = [&](Rid rid) {
    claimed_rows.push_back(rid);
    return true;
  };
  HeapFile::PageClaim page_claim = [&](PageId p, bool fresh) {
    if (!fresh) return std::count(claimed_pages.begin(), claimed_pages.end(), p) > 0;
    claimed_pages.push_back(p);
    return true;
  };
  auto tuples = Tuples(500);
  std::vector<Rid> rids;
  heap.InsertBatch(ctx, Spans(tuples), &rids, &claim, &page_claim);
  CHECK(rids[0] == Rid{0, 0});  // the freed slot
  CHECK(rids[1] == Rid{0, 3});
  // Rows on page 0 (which existed) were claimed one by one; the pages the batch added were claimed whole.
  for (const Rid& r : claimed_rows) CHECK(r.page == 0);
  CHECK(claimed_rows.size() ==
        static_cast<size_t>(std::count_if(rids.begin(), rids.end(), [](Rid r) { return r.page == 0; })));
  CHECK(claimed_pages.size() == heap.PageCount() - 1);
  auto all = ScanAll(heap);
  CHECK(all.size() == 502);
  // A second batch goes on filling the last page it claimed: no per-row claims there.
  size_t row_claims = claimed_rows.size();
  PageId last = heap.PageCount() - 1;
  std::vector<Rid> more;
  const auto three = Tuples(3);
  heap.InsertBatch(ctx, Spans(three), &more, &claim, &page_claim);
  CHECK(more[0].page == last);
  CHECK(claimed_rows.size() == row_claims);
}

TEST_CASE("InsertBatch: a refused TID sends the rest to a new page; a too-big tuple inserts nothing") {
  TempDir dir;
  StorageEngine engine(dir.path(), 8);
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  LogContext ctx{1, &engine.log(), 0, {}};
  heap.Insert(ctx, Bytes("x"));
  HeapFile::InsertClaim refuse_slot_2 = [](Rid rid) { return !(rid.page == 0 && rid.slot == 2); };
  auto tuples = Tuples(5);
  std::vector<Rid> rids;
  heap.InsertBatch(ctx, Spans(tuples), &rids, &refuse_slot_2);
  REQUIRE(rids.size() == 5);
  CHECK(rids[0] == Rid{0, 1});
  CHECK(rids[1].page == 1);
  CHECK(ScanAll(heap).size() == 6);

  std::vector<std::vector<std::byte>> big{Bytes("ok"), std::vector<std::byte>(9000)};
  std::vector<Rid> none;
  CHECK_THROWS_AS(heap.InsertBatch(ctx, Spans(big), &none), DbError);
  CHECK(none.empty());
  CHECK(ScanAll(heap).size() == 6);
}

TEST_CASE("crash: a committed batch is redone, a loser's batch undone even when its pages reached disk") {
  TempDir dir;
  auto committed = Tuples(1200);
  auto lost = Tuples(1500, 5000);
  std::vector<Rid> rids;
  {
    StorageEngine engine(dir.path(), 8);
    engine.CreateFile(kFile);
    engine.Checkpoint();
    HeapFile& heap = engine.Heap(kFile);
    LogContext ctx{1, &engine.log(), 0, {}};
    const Lsn start = engine.log().next_lsn();
    heap.InsertBatch(ctx, Spans(committed), &rids);
    // New pages are logged without full-page images (INIT_PAGE): about the tuple bytes plus 4 a tuple.
    size_t bytes = 0;
    for (const auto& t : committed) bytes += t.size() + 4;
    CHECK(engine.log().next_lsn() - start < bytes + 100 * heap.PageCount());
    CommitCtx(engine, ctx);
    LogContext loser{2, &engine.log(), 0, {}};
    std::vector<Rid> lost_rids;
    heap.InsertBatch(loser, Spans(lost), &lost_rids);
    engine.pool().FlushAll();  // the loser's pages are on disk (the WAL rule flushed its records first)
  }
  {
    StorageEngine engine(dir.path(), 8);
    CHECK(engine.recovery_stats().losers == 1);
    CHECK(ScanAll(engine.Heap(kFile)) == Expected(rids, committed));
  }
  StorageEngine again(dir.path(), 8);  // the CLRs are not undone twice
  CHECK(again.recovery_stats().losers == 0);
  CHECK(ScanAll(again.Heap(kFile)) == Expected(rids, committed));
}

TEST_CASE("HEAP_MULTI_INSERT and its CLR survive serialisation") {
  LogRecord rec;
  rec.type = LogRecordType::kHeapMultiInsert;
  rec.file = kFile;
  rec.rid = Rid{7, 0};
  rec.before = Bytes(std::string("\x01\x00\x02\x00", 4));
  rec.after =
      Bytes(std::string("\x01\x00"
                        "a\x02\x00"
                        "bc",
                        7));
  std::vector<std::byte> out;
  SerializeLogRecord(rec, &out);
  LogRecord back;
  CHECK(DeserializeLogRecord(out, &back) == out.size());
  CHECK(back == rec);
  LogRecord clr;
  clr.type = LogRecordType::kClr;
  clr.action = LogRecordType::kHeapMultiApplyDelete;
  clr.file = kFile;
  clr.before = rec.before;
  out.clear();
  SerializeLogRecord(clr, &out);
  CHECK(DeserializeLogRecord(out, &back) == out.size());
  CHECK(back == clr);
}

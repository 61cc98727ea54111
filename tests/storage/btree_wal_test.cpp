// The B+tree's WAL: rollback (logical undo after splits), savepoints, deletes on commit, crash recovery
// and torn pages. A crash is destroying the StorageEngine without FlushAll.
#include <fcntl.h>
#include <unistd.h>

#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "btree_test_util.h"
#include "storage/btree.h"
#include "support/temp_dir.h"

using namespace lumadb::storage;
using lumadb::testing::AbortCtx;
using lumadb::testing::CommitCtx;
using lumadb::testing::kIndexFile;
using lumadb::testing::Marker;
using lumadb::testing::NumKey;
using lumadb::testing::RootLevel;
using lumadb::testing::ScanAll;
using lumadb::testing::TempDir;

namespace {

/// 300-byte keys: about 26 to a page, so a few thousand make a tree of three levels.
constexpr size_t kWidth = 300;

Rid RidOf(int i) {
  return Rid{static_cast<PageId>(i), static_cast<uint16_t>(i % 7)};
}

std::set<std::string> Keys(const BTree& tree) {
  std::set<std::string> out;
  for (const BTree::Entry& e : ScanAll(tree)) out.insert(e.key);
  return out;
}

std::set<std::string> KeyRange(int from, int to, int step = 1) {
  std::set<std::string> out;
  for (int i = from; i < to; i += step) out.insert(NumKey(i, kWidth));
  return out;
}

/// A directory holding an index with keys [0, n) committed and
/// checkpointed.
void Setup(const std::filesystem::path& dir, int n) {
  StorageEngine engine(dir, 64);
  LogContext ctx{1, &engine.log(), 0, {}};
  engine.CreateFile(kIndexFile, &ctx);
  BTree& tree = engine.Index(kIndexFile);
  tree.Initialize(ctx);
  for (int i = 0; i < n; ++i) tree.Insert(ctx, NumKey(i, kWidth), RidOf(i));
  CommitCtx(engine, ctx);
  engine.Checkpoint();
}

}  // namespace

TEST_CASE("rollback removes a transaction's inserts even after splits moved them") {
  TempDir dir;
  Setup(dir.path(), 100);
  StorageEngine engine(dir.path(), 64);
  BTree& tree = engine.Index(kIndexFile);
  uint32_t level_before = RootLevel(engine, kIndexFile);
  LogContext ctx{2, &engine.log(), 0, {}};
  for (int i = 100; i < 5000; ++i) tree.Insert(ctx, NumKey(i, kWidth), RidOf(i));
  CHECK(RootLevel(engine, kIndexFile) > level_before);
  AbortCtx(engine, ctx);
  CHECK(Keys(tree) == KeyRange(0, 100));
  CHECK(tree.Verify().empty());
  CHECK(engine.log().KeptRecords() == 0);
}

TEST_CASE("savepoint rollback undoes index inserts and forgets pending deletes after the mark") {
  TempDir dir;
  Setup(dir.path(), 100);
  StorageEngine engine(dir.path(), 64);
  BTree& tree = engine.Index(kIndexFile);
  LogContext ctx{2, &engine.log(), 0, {}};
  tree.DeleteOnCommit(ctx, NumKey(1, kWidth), RidOf(1));
  tree.Insert(ctx, NumKey(1000, kWidth), RidOf(1000));
  size_t mark = ctx.records.size();
  tree.DeleteOnCommit(ctx, NumKey(2, kWidth), RidOf(2));
  for (int i = 2000; i < 2600; ++i) tree.Insert(ctx, NumKey(i, kWidth), RidOf(i));
  CHECK(tree.CountEntries() == 100 + 1 + 600);  // pending deletes leave their entries visible
  UndoRecords(engine, ctx, mark);               // ROLLBACK TO SAVEPOINT
  CHECK(tree.CountEntries() == 101);
  CommitCtx(engine, ctx);
  std::set<std::string> expected = KeyRange(0, 100);
  expected.erase(NumKey(1, kWidth));
  expected.insert(NumKey(1000, kWidth));
  CHECK(Keys(tree) == expected);
  CHECK(tree.Verify().empty());
}

TEST_CASE("DeleteOnCommit: applied after COMMIT, forgotten by a rollback") {
  TempDir dir;
  Setup(dir.path(), 50);
  StorageEngine engine(dir.path(), 64);
  BTree& tree = engine.Index(kIndexFile);
  {
    LogContext ctx{2, &engine.log(), 0, {}};
    tree.DeleteOnCommit(ctx, NumKey(3, kWidth), RidOf(3));
    AbortCtx(engine, ctx);
    CHECK(Keys(tree) == KeyRange(0, 50));
  }
  LogContext ctx{3, &engine.log(), 0, {}};
  for (int i = 0; i < 50; i += 2) tree.DeleteOnCommit(ctx, NumKey(i, kWidth), RidOf(i));
  CHECK(Keys(tree) == KeyRange(0, 50));
  CommitCtx(engine, ctx);
  CHECK(Keys(tree) == KeyRange(1, 50, 2));
}

TEST_CASE("crash recovery: committed entries stay, a loser's go, pending deletes of a commit are applied") {
  TempDir dir;
  Setup(dir.path(), 300);
  {
    StorageEngine engine(dir.path(), 64);
    BTree& tree = engine.Index(kIndexFile);
    LogContext committed{2, &engine.log(), 0, {}};
    for (int i = 300; i < 1300; ++i) tree.Insert(committed, NumKey(i, kWidth), RidOf(i));
    for (int i = 0; i < 100; ++i) tree.DeleteOnCommit(committed, NumKey(i, kWidth), RidOf(i));
    size_t mark = committed.records.size();
    tree.DeleteOnCommit(committed, NumKey(200, kWidth), RidOf(200));  // rolled back to a savepoint: stays
    UndoRecords(engine, committed, mark);
    LogContext loser{3, &engine.log(), 0, {}};
    for (int i = 5000; i < 7000; ++i) tree.Insert(loser, NumKey(i, kWidth), RidOf(i));
    Marker(committed, LogRecordType::kCommit);  // crash right after the commit flush: deletes not applied
    engine.pool().FlushAll();                   // the loser's entries and splits reach disk
  }
  {
    StorageEngine engine(dir.path(), 64);
    CHECK(engine.recovery_stats().losers == 1);
    CHECK(engine.recovery_stats().finished_commits == 1);
    BTree& tree = engine.Index(kIndexFile);
    CHECK(Keys(tree) == KeyRange(100, 1300));
    CHECK(tree.Verify().empty());
  }
  StorageEngine again(dir.path(), 64);  // recovery after recovery: nothing left to do
  CHECK(again.recovery_stats().losers == 0);
  CHECK(Keys(again.Index(kIndexFile)) == KeyRange(100, 1300));
}

TEST_CASE("a crash with nothing written back: redo rebuilds the splits from BTREE_SMO records") {
  TempDir dir;
  {
    StorageEngine engine(dir.path(), 64);
    LogContext ctx{1, &engine.log(), 0, {}};
    engine.CreateFile(kIndexFile, &ctx);
    BTree& tree = engine.Index(kIndexFile);
    for (int i = 0; i < 3000; ++i) tree.Insert(ctx, NumKey((i * 7919) % 3000, kWidth), RidOf(i));  // lazy init
    CommitCtx(engine, ctx);
  }
  StorageEngine engine(dir.path(), 64);
  CHECK(engine.recovery_stats().crashed);
  BTree& tree = engine.Index(kIndexFile);
  CHECK(Keys(tree) == KeyRange(0, 3000));
  CHECK(RootLevel(engine, kIndexFile) >= 2);
  CHECK(tree.Verify().empty());
}

TEST_CASE("a bulk-loaded index is recovered from its page images; a loser's bulk load is dropped") {
  TempDir dir;
  constexpr FileId kOther{1, 20001};
  std::vector<BTree::Entry> entries;
  for (int i = 0; i < 20000; ++i) entries.push_back({NumKey(i, kWidth), RidOf(i)});
  {
    StorageEngine engine(dir.path(), 64);
    LogContext ctx{1, &engine.log(), 0, {}};
    engine.CreateFile(kIndexFile, &ctx);
    engine.Index(kIndexFile).BulkLoad(ctx, entries);
    CommitCtx(engine, ctx);
    LogContext loser{2, &engine.log(), 0, {}};
    engine.CreateFile(kOther, &loser);
    engine.Index(kOther).BulkLoad(loser, entries);
    engine.log().FlushAll();
  }
  StorageEngine engine(dir.path(), 64);
  BTree& tree = engine.Index(kIndexFile);
  CHECK(tree.CountEntries() == 20000);
  CHECK(tree.Verify().empty());
  CHECK_FALSE(engine.FileExists(kOther));
}

TEST_CASE("a torn index page is restored from its full-page image") {
  TempDir dir;
  Setup(dir.path(), 10);  // one leaf: block 1, the root
  {
    StorageEngine engine(dir.path(), 64);
    LogContext ctx{2, &engine.log(), 0, {}};
    engine.Index(kIndexFile).Insert(ctx, NumKey(10, kWidth), RidOf(10));  // first change since the checkpoint
    CommitCtx(engine, ctx);
    engine.pool().FlushAll();
  }
  {
    int fd = ::open((dir.path() / "base" / "1" / "20000").c_str(), O_WRONLY);
    REQUIRE(fd >= 0);
    std::string junk(4096, '\x5a');
    REQUIRE(::pwrite(fd, junk.data(), junk.size(), 8192 + 4096) == 4096);
    ::close(fd);
  }
  StorageEngine engine(dir.path(), 64);
  BTree& tree = engine.Index(kIndexFile);
  CHECK(Keys(tree) == KeyRange(0, 11));
  CHECK(tree.Verify().empty());
}

TEST_CASE("B+tree records and their CLRs survive serialisation; only inserts and pending deletes are undoable") {
  LogRecord smo;
  smo.type = LogRecordType::kBtreeSmo;
  smo.file = kIndexFile;
  smo.rid = Rid{3, 0};
  smo.after.assign(2 * (4 + kPageSize), std::byte{7});
  LogRecord clr;
  clr.type = LogRecordType::kClr;
  clr.action = LogRecordType::kBtreeDelete;
  clr.undo_next_lsn = 99;
  clr.file = kIndexFile;
  clr.rid = Rid{5, 2};
  clr.before = {std::byte{'k'}, std::byte{0}, std::byte{0}, std::byte{0}, std::byte{1}, std::byte{0}, std::byte{2}};
  for (const LogRecord& rec : {smo, clr}) {
    std::vector<std::byte> bytes;
    SerializeLogRecord(rec, &bytes);
    LogRecord back;
    CHECK(DeserializeLogRecord(bytes, &back) == bytes.size());
    CHECK(back == rec);
  }
  CHECK(IsUndoable(LogRecordType::kBtreeInsert));
  CHECK(IsUndoable(LogRecordType::kBtreeDeletePending));
  CHECK_FALSE(IsUndoable(LogRecordType::kBtreeDelete));
  CHECK_FALSE(IsUndoable(LogRecordType::kBtreeSmo));
  CHECK(std::string(LogRecordTypeName(LogRecordType::kBtreeDeletePending)) == "BTREE_DELETE_PENDING");
}

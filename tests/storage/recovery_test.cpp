// Crash recovery: a "crash" is destroying the StorageEngine without FlushAll (pages not written back, WAL
// buffer not flushed), or, for crash points, a child process that dies with _exit(134).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "storage/buffer_pool.h"
#include "storage/heap_file.h"
#include "storage/log_manager.h"
#include "storage/page.h"
#include "storage/slotted_page.h"
#include "storage/storage_engine.h"
#include "storage/undo.h"
#include "support/byte_strings.h"
#include "support/temp_dir.h"
#include <sys/wait.h>

using namespace lumadb::storage;
using lumadb::testing::Bytes;
using lumadb::testing::Str;
using lumadb::testing::TempDir;

namespace {

constexpr FileId kFile{1, 16384};
constexpr FileId kNewFile{1, 16390};

std::multiset<std::string> Contents(StorageEngine& engine) {
  std::multiset<std::string> out;
  HeapFile::Iterator it = engine.Heap(kFile).Scan();
  Rid rid;
  std::vector<std::byte> t;
  while (it.Next(&rid, &t)) out.insert(Str(t));
  return out;
}

void Marker(LogContext& ctx, LogRecordType type) {
  LogRecord rec;
  rec.type = type;
  Lsn lsn = ctx.log->Append(ctx, rec);
  if (type == LogRecordType::kCommit) ctx.log->FlushTo(lsn);
}

/// TransactionManager::Commit's protocol, for a test that links storage only.
void Commit(StorageEngine& engine, LogContext& ctx) {
  Marker(ctx, LogRecordType::kCommit);
  ApplyDeferredDeletes(engine, ctx);
  engine.log().Discard(ctx);
  Marker(ctx, LogRecordType::kEnd);
}

/// A directory holding x, y, z committed and checkpointed; returns their TIDs.
std::vector<Rid> Setup(const std::filesystem::path& dir) {
  StorageEngine engine(dir, 8);
  engine.CreateFile(kFile);
  LogContext ctx{1, &engine.log(), 0, {}};
  HeapFile& heap = engine.Heap(kFile);
  std::vector<Rid> rids{heap.Insert(ctx, Bytes("x")), heap.Insert(ctx, Bytes("y")), heap.Insert(ctx, Bytes("z"))};
  Commit(engine, ctx);
  engine.Checkpoint();
  return rids;
}

const std::multiset<std::string> kXyz{"x", "y", "z"};

}  // namespace

TEST_CASE("committed changes survive a crash; a fresh directory needs no recovery") {
  TempDir dir;
  {
    StorageEngine engine(dir.path(), 8);
    CHECK_FALSE(engine.recovery_stats().crashed);
    engine.CreateFile(kFile);
    LogContext ctx{1, &engine.log(), 0, {}};
    for (int i = 0; i < 500; ++i) engine.Heap(kFile).Insert(ctx, Bytes("row" + std::to_string(i)));
    Commit(engine, ctx);
  }  // crash: no page was written
  StorageEngine engine(dir.path(), 8);
  CHECK(engine.recovery_stats().crashed);
  CHECK(engine.recovery_stats().redo_records > 500);
  CHECK(Contents(engine).size() == 500);
}

TEST_CASE("a loser's insert, update, delete and new file are undone, even when its pages reached disk") {
  TempDir dir;
  std::vector<Rid> rids = Setup(dir.path());
  {
    StorageEngine engine(dir.path(), 8);
    LogContext ctx{2, &engine.log(), 0, {}};
    HeapFile& heap = engine.Heap(kFile);
    heap.Insert(ctx, Bytes("new"));
    heap.Update(ctx, rids[1], Bytes("Y, longer than before"));
    heap.Delete(ctx, rids[2]);
    engine.CreateFile(kNewFile, &ctx);
    engine.Heap(kNewFile).Insert(ctx, Bytes("in new file"));
    engine.pool().FlushAll();  // the loser's changes are on disk (the WAL rule flushed its records first)
    CHECK(Contents(engine) != kXyz);
  }
  {
    StorageEngine engine(dir.path(), 8);
    CHECK(engine.recovery_stats().losers == 1);
    CHECK(Contents(engine) == kXyz);
    CHECK_FALSE(engine.FileExists(kNewFile));
  }
  StorageEngine again(dir.path(), 8);  // recovery after recovery: nothing left to undo
  CHECK(again.recovery_stats().losers == 0);
  CHECK(Contents(again) == kXyz);
}

TEST_CASE("CLRs written by a partial rollback are not undone twice") {
  TempDir dir;
  std::vector<Rid> rids = Setup(dir.path());
  {
    StorageEngine engine(dir.path(), 8);
    LogContext ctx{2, &engine.log(), 0, {}};
    HeapFile& heap = engine.Heap(kFile);
    heap.Delete(ctx, rids[2]);
    UndoRecords(engine, ctx);  // ROLLBACK TO SAVEPOINT: a CLR restores z
    heap.Update(ctx, rids[1], Bytes("Y"));
    engine.log().FlushAll();
  }
  StorageEngine engine(dir.path(), 8);  // undoing the MARKDELETE again would find z live and fail
  CHECK(engine.recovery_stats().losers == 1);
  CHECK(Contents(engine) == kXyz);
}

TEST_CASE("a committed transaction without END gets its deletes applied by recovery") {
  TempDir dir;
  std::vector<Rid> rids = Setup(dir.path());
  {
    StorageEngine engine(dir.path(), 8);
    LogContext ctx{2, &engine.log(), 0, {}};
    engine.Heap(kFile).Delete(ctx, rids[0]);
    Marker(ctx, LogRecordType::kCommit);  // crash right after the commit flush
  }
  StorageEngine engine(dir.path(), 8);
  CHECK(engine.recovery_stats().finished_commits == 1);
  CHECK(Contents(engine) == std::multiset<std::string>{"y", "z"});
  std::vector<std::byte> t;
  bool deleted = false;
  CHECK_FALSE(engine.Heap(kFile).Get(rids[0], &t, &deleted));  // freed, not just mark-deleted
}

TEST_CASE("a torn page is restored from its full-page image") {
  TempDir dir;
  std::vector<Rid> rids = Setup(dir.path());
  {
    StorageEngine engine(dir.path(), 8);
    LogContext ctx{2, &engine.log(), 0, {}};
    engine.Heap(kFile).Update(ctx, rids[0], Bytes("X"));  // first change since the checkpoint: FPI
    Commit(engine, ctx);
    engine.pool().FlushAll();
  }
  {
    int fd = ::open((dir.path() / "base" / "1" / "16384").c_str(), O_WRONLY);
    REQUIRE(fd >= 0);
    std::string junk(4096, '\x5a');  // the second half of block 0 from "another write"
    REQUIRE(::pwrite(fd, junk.data(), junk.size(), 4096) == 4096);
    ::close(fd);
  }
  StorageEngine engine(dir.path(), 8);
  CHECK(Contents(engine) == std::multiset<std::string>{"X", "y", "z"});
}

namespace {

/// Every page of kFile (frames of the pool), the checksum field zeroed (it is set only in write copies).
std::vector<std::vector<char>> PageImages(StorageEngine& engine) {
  std::vector<std::vector<char>> images;
  for (PageId p = 0; p < engine.Heap(kFile).PageCount(); ++p) {
    ReadPageGuard g = engine.pool().Read(kFile, p);
    images.emplace_back(g.data(), g.data() + kPageSize);
    std::fill_n(images.back().begin() + kPageChecksumOffset, 4, 0);
  }
  return images;
}

/// The record types from `from` to the end of the log, after flushing it.
std::vector<LogRecordType> RecordsSince(LogManager& log, Lsn from) {
  log.FlushAll();
  std::vector<LogRecordType> types;
  LogRecord rec;
  size_t size = 0;
  for (Lsn lsn = from; log.ReadRecord(lsn, &rec, &size); lsn += size) types.push_back(rec.type);
  return types;
}

size_t CountOf(const std::vector<LogRecordType>& types, LogRecordType t) {
  return static_cast<size_t>(std::count(types.begin(), types.end(), t));
}

/// 300 committed rows of 100 bytes (several pages) and a checkpoint; then every third row deleted and the
/// others shrunk by an in-place update, committed: pages with holes and spare capacity.
std::vector<Rid> HolesAndSpareCapacity(StorageEngine& engine) {
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  LogContext load{1, &engine.log(), 0, {}};
  std::vector<Rid> rids;
  for (int i = 0; i < 300; ++i) rids.push_back(heap.Insert(load, Bytes(std::to_string(i) + std::string(97, 'v'))));
  Commit(engine, load);
  engine.Checkpoint();
  LogContext change{2, &engine.log(), 0, {}};
  for (int i = 0; i < 300; ++i) {
    if (i % 3 == 0) {
      heap.Delete(change, rids[i]);
    } else {
      heap.Update(change, rids[i], Bytes("short" + std::to_string(i)));
    }
  }
  Commit(engine, change);
  return rids;
}

bool EveryPageVacuumed(StorageEngine& engine) {
  for (PageId p = 0; p < engine.Heap(kFile).PageCount(); ++p) {
    ConstSlottedPage page(engine.pool().Read(kFile, p).data());
    if (page.NeedsVacuum() || page.ContiguousFree() != page.TotalFree()) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("HEAP_VACUUM is redone after a crash: the same compacted pages, the same TIDs") {
  TempDir dir;
  std::vector<std::vector<char>> vacuumed;
  std::multiset<std::string> rows;
  {
    StorageEngine engine(dir.path(), 16);
    HolesAndSpareCapacity(engine);
    Lsn from = engine.log().next_lsn();
    LogContext vac{3, &engine.log(), 0, {}};
    HeapFile::VacuumStats stats = engine.Heap(kFile).Vacuum(vac);
    REQUIRE(stats.pages_vacuumed == engine.Heap(kFile).PageCount());
    std::vector<LogRecordType> logged = RecordsSince(engine.log(), from);
    // The pages changed since the checkpoint, so no FPI: recovery must redo HEAP_VACUUM itself.
    CHECK(CountOf(logged, LogRecordType::kHeapVacuum) == stats.pages_vacuumed);
    CHECK(CountOf(logged, LogRecordType::kFpi) == 0);
    REQUIRE(EveryPageVacuumed(engine));
    vacuumed = PageImages(engine);
    rows = Contents(engine);
  }  // crash: the pages never reached the disk after the checkpoint
  StorageEngine engine(dir.path(), 16);
  CHECK(engine.recovery_stats().crashed);
  CHECK(Contents(engine) == rows);
  CHECK(EveryPageVacuumed(engine));
  CHECK(PageImages(engine) == vacuumed);  // byte for byte (page LSNs included)
}

TEST_CASE("a torn vacuumed page is restored from the full-page image logged with HEAP_VACUUM") {
  TempDir dir;
  std::multiset<std::string> rows;
  {
    StorageEngine engine(dir.path(), 16);
    HolesAndSpareCapacity(engine);
    engine.Checkpoint();  // the next change to each page logs an FPI
    Lsn from = engine.log().next_lsn();
    LogContext vac{3, &engine.log(), 0, {}};
    HeapFile::VacuumStats stats = engine.Heap(kFile).Vacuum(vac);
    std::vector<LogRecordType> logged = RecordsSince(engine.log(), from);
    CHECK(CountOf(logged, LogRecordType::kFpi) == stats.pages_vacuumed);
    engine.pool().FlushAll();
    rows = Contents(engine);
  }
  {
    int fd = ::open((dir.path() / "base" / "1" / "16384").c_str(), O_WRONLY);
    REQUIRE(fd >= 0);
    std::string junk(4096, '\x5a');
    REQUIRE(::pwrite(fd, junk.data(), junk.size(), 4096) == 4096);
    ::close(fd);
  }
  StorageEngine engine(dir.path(), 16);
  CHECK(Contents(engine) == rows);
  CHECK(EveryPageVacuumed(engine));
}

TEST_CASE("wal child: open a data directory (run by the mid-recovery test)") {
  const char* dir = std::getenv("LUMADB_WAL_TEST_DIR");
  if (dir == nullptr) return;
  StorageEngine engine(dir, 8);
}

TEST_CASE("a crash in the middle of recovery is recovered by the next start") {
  TempDir dir;
  Setup(dir.path());
  {
    StorageEngine engine(dir.path(), 8);
    LogContext ctx{2, &engine.log(), 0, {}};
    for (int i = 0; i < 3; ++i) engine.Heap(kFile).Insert(ctx, Bytes("loser" + std::to_string(i)));
    engine.pool().FlushAll();
  }
  // Hit 1 is after redo, hit 3 after the second CLR: the child dies with one loser record still to undo.
  std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::string cmd = "LUMADB_CRASH_POINT=mid-recovery:3 LUMADB_WAL_TEST_DIR='" + dir.path().string() + "' '" + self +
                    "' --test-case='wal child*' > /dev/null 2>&1";
  int status = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 134);
  StorageEngine engine(dir.path(), 8);
  CHECK(engine.recovery_stats().losers == 1);
  CHECK(Contents(engine) == kXyz);
}

TEST_CASE("a checkpoint removes or recycles old WAL segments; recovery ignores recycled ones") {
  TempDir dir;
  auto segments = [&] {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir.path() / "pg_wal")) {
      names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  };
  {
    StorageEngine engine(dir.path(), 64);
    engine.SetWalOptions(WalOptions{.fsync = false});
    engine.CreateFile(kFile);
    LogContext ctx{1, &engine.log(), 0, {}};
    while (engine.log().next_lsn() < 4 * kWalSegmentSize) engine.Heap(kFile).Insert(ctx, Bytes(std::string(4000, 'w')));
    Commit(engine, ctx);
    REQUIRE(segments().size() >= 3);
    engine.Checkpoint();
    std::vector<std::string> after = segments();
    CHECK(after.front() > "000000010000000000000002");  // segments 1 and 2 are gone (or renamed ahead)
    CHECK(after.size() <= 1 + 4);                       // the current one plus at most 4 recycled
    LogContext more{2, &engine.log(), 0, {}};
    engine.Heap(kFile).Insert(more, Bytes("after the checkpoint"));
    Commit(engine, more);
  }  // crash
  StorageEngine engine(dir.path(), 64);
  CHECK(engine.recovery_stats().crashed);
  std::multiset<std::string> rows = Contents(engine);
  CHECK(rows.count("after the checkpoint") == 1);
  CHECK(rows.size() > 4000);
}

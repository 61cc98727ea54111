// The write-ahead log: segment files, end-of-log detection, group commit, the WAL rule and full-page images.
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "storage/buffer_pool.h"
#include "storage/heap_file.h"
#include "storage/log_manager.h"
#include "storage/page.h"
#include "storage/storage_engine.h"
#include "support/byte_strings.h"
#include "support/temp_dir.h"

using namespace lumadb::storage;
using lumadb::testing::Bytes;
using lumadb::testing::TempDir;

namespace {

constexpr FileId kFile{1, 16384};

LogRecord Insert(size_t payload, char fill) {
  LogRecord r;
  r.type = LogRecordType::kHeapInsert;
  r.file = kFile;
  r.rid = Rid{3, 4};
  r.after = Bytes(std::string(payload, fill));
  return r;
}

/// Every record in [from, to) read back from the WAL files.
std::vector<LogRecord> ReadAll(LogManager& log, Lsn from, Lsn to) {
  std::vector<LogRecord> out;
  LogRecord rec;
  size_t size = 0;
  for (Lsn pos = from; pos < to && log.ReadRecord(pos, &rec, &size); pos += size) out.push_back(rec);
  return out;
}

size_t CountType(const std::vector<LogRecord>& recs, LogRecordType type) {
  size_t n = 0;
  for (const LogRecord& r : recs) n += r.type == type ? 1 : 0;
  return n;
}

void Overwrite(const std::filesystem::path& file, off_t offset, const std::string& bytes) {
  int fd = ::open(file.c_str(), O_WRONLY);
  REQUIRE(fd >= 0);
  REQUIRE(::pwrite(fd, bytes.data(), bytes.size(), offset) == static_cast<ssize_t>(bytes.size()));
  ::close(fd);
}

}  // namespace

TEST_CASE("WAL records are written and read back across a segment boundary") {
  TempDir dir;
  LogManager log(dir.path() / "pg_wal");
  log.set_fsync(false);
  Lsn start = 2 * kWalSegmentSize - 5000;  // the second record spans segments 1 and 2
  log.Start(start);
  LogContext ctx{9, &log, 0, {}};
  std::vector<Lsn> lsns;
  for (int i = 0; i < 4; ++i) lsns.push_back(log.Append(ctx, Insert(3000, static_cast<char>('a' + i))));
  log.FlushTo(lsns.back());
  CHECK(log.flushed_lsn() > lsns.back());
  CHECK(std::filesystem::exists(dir.path() / "pg_wal" / "000000010000000000000001"));
  CHECK(std::filesystem::exists(dir.path() / "pg_wal" / "000000010000000000000002"));
  std::vector<LogRecord> back = ReadAll(log, start, log.next_lsn());
  REQUIRE(back.size() == 4);
  for (int i = 0; i < 4; ++i) {
    CHECK(back[i].lsn == lsns[i]);
    CHECK(back[i].txn == 9);
    CHECK(back[i].after == Bytes(std::string(3000, static_cast<char>('a' + i))));
  }
  CHECK(back[1].prev_lsn == lsns[0]);
}

TEST_CASE("entering a segment has the next one prepared in the background, zero-filled") {
  TempDir dir;
  auto next = dir.path() / "pg_wal" / "000000010000000000000004";
  {
    LogManager log(dir.path() / "pg_wal");
    log.set_fsync(false);
    log.Start(3 * kWalSegmentSize + 100);
    LogContext ctx{9, &log, 0, {}};
    log.FlushTo(log.Append(ctx, Insert(100, 'x')));
    for (int i = 0; i < 500 && !std::filesystem::exists(next); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }  // the destructor waits for a creation in progress
  REQUIRE(std::filesystem::exists(next));
  CHECK(std::filesystem::file_size(next) == kWalSegmentSize);
  LogManager reopened(dir.path() / "pg_wal");
  LogRecord rec;
  size_t size = 0;
  CHECK_FALSE(reopened.ReadRecord(4 * kWalSegmentSize, &rec, &size));
}

TEST_CASE("a torn or corrupt record is the end of the log") {
  TempDir dir;
  Lsn third;
  Lsn end;
  {
    LogManager log(dir.path() / "pg_wal");
    log.set_fsync(false);
    log.Start(kWalSegmentSize);
    LogContext ctx{1, &log, 0, {}};
    log.Append(ctx, Insert(100, 'x'));
    log.Append(ctx, Insert(100, 'y'));
    third = log.Append(ctx, Insert(100, 'z'));
    log.Append(ctx, Insert(100, 'w'));
    end = log.next_lsn();
    log.FlushAll();
  }
  Overwrite(dir.path() / "pg_wal" / "000000010000000000000001", static_cast<off_t>(third % kWalSegmentSize + 50),
            "garbage");
  LogManager log(dir.path() / "pg_wal");
  CHECK(ReadAll(log, kWalSegmentSize, end).size() == 2);  // the 4th record, intact, is not reached
  LogRecord rec;
  size_t size = 0;
  CHECK_FALSE(log.ReadRecord(third, &rec, &size));
  CHECK_FALSE(log.ReadRecord(third + 1, &rec, &size));  // not at a record's own position
}

TEST_CASE("group commit: concurrent committers all become durable with fewer fdatasyncs than commits") {
  TempDir dir;
  LogManager log(dir.path() / "pg_wal");
  log.Start(kWalSegmentSize);
  constexpr int kThreads = 8;
  constexpr int kCommits = 40;
  uint64_t syncs_before = log.sync_count();
  std::atomic<bool> all_durable{true};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      LogContext ctx{static_cast<TxnId>(t + 1), &log, 0, {}};
      for (int i = 0; i < kCommits; ++i) {
        log.Append(ctx, Insert(50, 'g'));
        LogRecord commit;
        commit.type = LogRecordType::kCommit;
        Lsn lsn = log.Append(ctx, commit);
        log.FlushTo(lsn);
        if (log.flushed_lsn() <= lsn) all_durable = false;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(all_durable);
  uint64_t syncs = log.sync_count() - syncs_before;
  CHECK(syncs >= 1);
  CHECK(syncs < static_cast<uint64_t>(kThreads * kCommits));
  MESSAGE("fdatasyncs for " << kThreads * kCommits << " commits: " << syncs);
}

TEST_CASE("the WAL rule: no page reaches disk with an LSN the log has not flushed") {
  TempDir dir;
  StorageEngine engine(dir.path(), 2);
  engine.SetWalOptions(WalOptions{.fsync = false});
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  LogContext ctx{1, &engine.log(), 0, {}};
  for (int i = 0; i < 300; ++i) heap.Insert(ctx, Bytes(std::string(200, 'r')));
  REQUIRE(heap.PageCount() > 4);  // with 2 frames, most pages were evicted (written) already
  Lsn flushed = engine.log().flushed_lsn();
  int fd = ::open((dir.path() / "base" / "1" / "16384").c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  std::vector<char> page(kPageSize);
  size_t written = 0;
  for (PageId p = 0; ::pread(fd, page.data(), kPageSize, static_cast<off_t>(p) * kPageSize) == kPageSize; ++p) {
    if (PageIsZero(page.data())) continue;
    ++written;
    CHECK(PageLsn(page.data()) < flushed);
  }
  ::close(fd);
  CHECK(written > 0);
}

TEST_CASE("the first change to a page after a checkpoint logs one full-page image") {
  TempDir dir;
  StorageEngine engine(dir.path(), 8);
  engine.SetWalOptions(WalOptions{.fsync = false});
  engine.CreateFile(kFile);
  HeapFile& heap = engine.Heap(kFile);
  LogContext ctx{1, &engine.log(), 0, {}};
  Rid a = heap.Insert(ctx, Bytes("a"));
  while (heap.PageCount() < 2) heap.Insert(ctx, Bytes(std::string(1000, 'f')));
  Rid b = heap.Insert(ctx, Bytes("b"));
  REQUIRE(b.page == 1);
  engine.Checkpoint();

  Lsn from = engine.log().next_lsn();
  for (int i = 0; i < 3; ++i) heap.Update(ctx, a, Bytes("a" + std::to_string(i)));
  heap.Update(ctx, b, Bytes("b2"));
  Lsn mid = engine.log().next_lsn();
  heap.Update(ctx, a, Bytes("a9"));
  engine.log().FlushAll();
  std::vector<LogRecord> recs = ReadAll(engine.log(), from, mid);
  CHECK(CountType(recs, LogRecordType::kFpi) == 2);
  CHECK(CountType(recs, LogRecordType::kHeapUpdate) == 4);
  REQUIRE(recs[0].type == LogRecordType::kFpi);
  CHECK(recs[0].after.size() == kPageSize);
  CHECK(PageLsn(reinterpret_cast<const char*>(recs[0].after.data())) == recs[1].lsn);  // the change it precedes
  CHECK(CountType(ReadAll(engine.log(), mid, engine.log().next_lsn()), LogRecordType::kFpi) == 0);
}

TEST_CASE("after a restart, the first change to a page still logs a full-page image") {
  TempDir dir;
  Rid a;
  {
    StorageEngine engine(dir.path(), 8);
    engine.CreateFile(kFile);
    LogContext unlogged{1, nullptr, 0, {}};
    a = engine.Heap(kFile).Insert(unlogged, Bytes("a"));
    engine.FlushAll();
  }
  StorageEngine engine(dir.path(), 8);
  LogContext ctx{2, &engine.log(), 0, {}};
  Lsn from = engine.log().next_lsn();
  engine.Heap(kFile).Update(ctx, a, Bytes("b"));
  engine.log().FlushAll();
  CHECK(CountType(ReadAll(engine.log(), from, engine.log().next_lsn()), LogRecordType::kFpi) == 1);
}

#include "storage/storage_engine.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "common/crash_point.h"
#include "common/error.h"
#include "control_file.h"
#include "recovery.h"
#include "storage/btree.h"
#include "storage/buffer_pool.h"
#include "storage/disk_manager.h"
#include "storage/heap_file.h"
#include "storage/log_manager.h"
#include "storage/temp_file.h"
#include "wal_segments.h"

namespace lumadb::storage {

namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

/// How often the checkpointer wakes up to flush asynchronous commits (PostgreSQL's wal_writer_delay).
constexpr auto kWalWriterDelay = std::chrono::milliseconds(200);

}  // namespace

struct StorageEngine::Impl {
  Impl(const std::filesystem::path& dir, size_t pages)
      : data_dir(dir), disk(dir), log(dir / "pg_wal"), pool(disk, pages, &log) {}
  std::filesystem::path data_dir;
  DiskManager disk;
  LogManager log;
  BufferPool pool;
  std::mutex heaps_mu;
  std::unordered_map<FileId, std::unique_ptr<HeapFile>> heaps;
  std::unordered_map<FileId, std::unique_ptr<BTree>> indexes;  // under heaps_mu too
  RecoveryStats stats;
  std::mutex checkpoint_mu;  // one checkpoint at a time
  std::atomic<int64_t> last_checkpoint_ms{0};
  std::atomic<Lsn> last_redo{0};
  std::mutex bg_mu;  // guards options and stop
  std::condition_variable bg_cv;
  WalOptions options;
  bool stop = false;
  std::thread checkpointer;
};

StorageEngine::StorageEngine(const std::filesystem::path& data_dir, size_t buffer_pages)
    : impl_(std::make_unique<Impl>(data_dir, buffer_pages)) {
  TempFile::RemoveAll(data_dir);  // what a crashed run's spilling statements left
  StartUp();
  impl_->checkpointer = std::thread([this] { CheckpointerLoop(); });
}

StorageEngine::~StorageEngine() {
  {
    std::lock_guard lock(impl_->bg_mu);
    impl_->stop = true;
  }
  impl_->bg_cv.notify_all();
  if (impl_->checkpointer.joinable()) impl_->checkpointer.join();
}

void StorageEngine::StartUp() {
  std::optional<ControlData> control = ReadControlFile(impl_->data_dir);
  if (!control) {
    if (!impl_->log.segments().List().empty()) {
      throw DbError(sqlstate::kIoError, "could not open file \"global/pg_control\": No such file or directory");
    }
    impl_->log.Start(kWalSegmentSize);  // a new log starts in segment 1, as PostgreSQL's does
    RunCheckpoint(false);
    return;
  }
  impl_->pool.set_zero_damaged_pages(true);
  impl_->stats = RunRecovery(*this, *control);
  impl_->pool.set_zero_damaged_pages(false);
  {
    // Free-space maps are rebuilt from the recovered pages on first use.
    std::lock_guard lock(impl_->heaps_mu);
    impl_->heaps.clear();
  }
  if (impl_->stats.crashed) {
    RunCheckpoint(false);  // the end-of-recovery checkpoint
  } else {
    WriteControlFile(impl_->data_dir, {ControlData::kInProduction, control->checkpoint_lsn, control->redo_lsn});
    impl_->last_redo = control->redo_lsn;
    impl_->last_checkpoint_ms = NowMs();
  }
}

void StorageEngine::RunCheckpoint(bool shutdown) {
  std::lock_guard lock(impl_->checkpoint_mu);
  LogManager& log = impl_->log;
  Lsn redo = log.BeginCheckpoint();
  impl_->pool.FlushAll();
  impl_->disk.SyncAll();
  LUMADB_CRASH_POINT("mid-checkpoint");
  Lsn checkpoint = log.AppendCheckpoint(redo);
  WriteControlFile(impl_->data_dir, {shutdown ? ControlData::kShutdown : ControlData::kInProduction, checkpoint, redo});
  log.RemoveSegmentsBefore(std::min(redo, log.OldestNeededLsn()));
  impl_->last_redo = redo;
  impl_->last_checkpoint_ms = NowMs();
}

void StorageEngine::CheckpointerLoop() {
  std::unique_lock lock(impl_->bg_mu);
  while (!impl_->stop) {
    impl_->bg_cv.wait_for(lock, kWalWriterDelay);
    if (impl_->stop) break;
    WalOptions options = impl_->options;
    lock.unlock();
    try {
      impl_->log.FlushAll();  // asynchronous commits reach disk within kWalWriterDelay
      bool timed_out = NowMs() - impl_->last_checkpoint_ms.load() >= options.checkpoint_timeout_ms;
      bool wal_full = impl_->log.next_lsn() - impl_->last_redo.load() >= options.max_wal_size_bytes;
      if (timed_out || wal_full) RunCheckpoint(false);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "LOG:  checkpoint failed: %s\n", e.what());
    }
    lock.lock();
  }
}

void StorageEngine::Checkpoint() {
  RunCheckpoint(false);
}

void StorageEngine::FlushAll() {
  RunCheckpoint(true);
}

void StorageEngine::SetWalOptions(const WalOptions& options) {
  {
    std::lock_guard lock(impl_->bg_mu);
    impl_->options = options;
  }
  impl_->log.set_fsync(options.fsync);
  impl_->bg_cv.notify_all();
}

WalOptions StorageEngine::wal_options() const {
  std::lock_guard lock(impl_->bg_mu);
  return impl_->options;
}

const RecoveryStats& StorageEngine::recovery_stats() const {
  return impl_->stats;
}

void StorageEngine::CreateFile(FileId file, LogContext* log) {
  LogRecord rec;
  rec.type = LogRecordType::kFileCreate;
  rec.file = file;
  if (log != nullptr && log->log != nullptr) {
    AppendLog(*log, std::move(rec));
  } else {
    impl_->log.AppendSystem(std::move(rec));
  }
  impl_->disk.Create(file);
}

void StorageEngine::DropFile(FileId file) {
  LogRecord rec;
  rec.type = LogRecordType::kFileDrop;
  rec.file = file;
  impl_->log.AppendSystem(std::move(rec));
  RemoveFile(file);
}

void StorageEngine::DropDatabaseFiles(uint32_t db) {
  DropFile(FileId{db, 0});
}

void StorageEngine::RemoveFile(FileId file) {
  if (file.rel == 0) {
    {
      std::lock_guard lock(impl_->heaps_mu);
      std::erase_if(impl_->heaps, [&](const auto& kv) { return kv.first.db == file.db; });
      std::erase_if(impl_->indexes, [&](const auto& kv) { return kv.first.db == file.db; });
    }
    impl_->pool.DiscardDatabase(file.db);
    impl_->disk.RemoveDatabase(file.db);
    return;
  }
  {
    std::lock_guard lock(impl_->heaps_mu);
    impl_->heaps.erase(file);
    impl_->indexes.erase(file);
  }
  impl_->pool.DiscardFile(file);
  impl_->disk.Unlink(file);
}

bool StorageEngine::FileExists(FileId file) const {
  return impl_->disk.Exists(file);
}

HeapFile& StorageEngine::Heap(FileId file) {
  std::lock_guard lock(impl_->heaps_mu);
  auto it = impl_->heaps.find(file);
  if (it != impl_->heaps.end()) return *it->second;
  impl_->disk.PageCount(file);  // opens the file: 58P01 now if it does not exist
  auto heap = std::make_unique<HeapFile>(impl_->pool, file);
  HeapFile& ref = *heap;
  impl_->heaps.emplace(file, std::move(heap));
  return ref;
}

BTree& StorageEngine::Index(FileId file) {
  std::lock_guard lock(impl_->heaps_mu);
  auto it = impl_->indexes.find(file);
  if (it != impl_->indexes.end()) return *it->second;
  impl_->disk.PageCount(file);  // opens the file: 58P01 now if it does not exist
  auto index = std::make_unique<BTree>(impl_->pool, file);
  BTree& ref = *index;
  impl_->indexes.emplace(file, std::move(index));
  return ref;
}

BufferPool& StorageEngine::pool() {
  return impl_->pool;
}
LogManager& StorageEngine::log() {
  return impl_->log;
}
const std::filesystem::path& StorageEngine::data_dir() const {
  return impl_->data_dir;
}

}  // namespace lumadb::storage

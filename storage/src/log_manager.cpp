#include "storage/log_manager.h"

#include <algorithm>

#include "common/error.h"
#include "storage/page.h"
#include "wal_segments.h"

namespace lumadb::storage {

LogManager::LogManager(const std::filesystem::path& wal_dir) : segments_(std::make_unique<WalSegments>(wal_dir)) {}

LogManager::~LogManager() = default;

void LogManager::Start(Lsn end) {
  segments_->TruncateAt(end);
  std::lock_guard lock(mu_);
  started_ = true;
  insert_lsn_ = buffer_start_ = flushed_lsn_ = end;
  buffer_.clear();
}

Lsn LogManager::AppendLocked(LogRecord& rec) {
  LUMADB_ASSERT(started_, "WAL record appended before the log was started");
  Lsn lsn = insert_lsn_;
  rec.lsn = lsn;
  size_t before = buffer_.size();
  SerializeLogRecord(rec, &buffer_);
  insert_lsn_ += buffer_.size() - before;
  if (rec.txn != 0) {
    auto [it, fresh] = active_.try_emplace(rec.txn);
    CheckpointTxn& t = it->second;
    if (fresh) {
      t.txn = rec.txn;
      t.first_lsn = lsn;
    }
    t.last_lsn = lsn;
    if (rec.type == LogRecordType::kCommit) t.state = CheckpointTxn::kCommitted;
    if (rec.type == LogRecordType::kAbort) t.state = CheckpointTxn::kAborted;
    if (rec.type == LogRecordType::kEnd) active_.erase(it);
  }
  return lsn;
}

void LogManager::Keep(Lsn lsn, LogRecord rec) {
  // Undo of a multi-insert frees its slots and needs none of the tuple images (a page's worth of bytes).
  if (rec.type == LogRecordType::kHeapMultiInsert) rec.after = {};
  records_.emplace(lsn, std::move(rec));
}

Lsn LogManager::Append(LogContext& ctx, LogRecord rec) {
  rec.txn = ctx.txn;
  rec.prev_lsn = ctx.last_lsn;
  bool keep = IsUndoable(rec.type);
  Lsn lsn;
  {
    std::lock_guard lock(mu_);
    lsn = AppendLocked(rec);
    if (keep) Keep(lsn, std::move(rec));
  }
  ctx.last_lsn = lsn;
  if (keep) ctx.records.push_back(lsn);
  return lsn;
}

Lsn LogManager::AppendForPage(LogContext& ctx, LogRecord rec, const char* page) {
  rec.txn = ctx.txn;
  rec.prev_lsn = ctx.last_lsn;
  bool keep = IsUndoable(rec.type);
  Lsn lsn;
  {
    std::lock_guard lock(mu_);
    if (PageLsn(page) < redo_lsn_ && !InitializesPage(rec)) {
      LogRecord fpi;
      fpi.type = LogRecordType::kFpi;
      fpi.file = rec.file;
      fpi.rid = Rid{rec.rid.page, 0};
      fpi.after.assign(reinterpret_cast<const std::byte*>(page), reinterpret_cast<const std::byte*>(page) + kPageSize);
      // The image already holds rec's change, so it carries rec's LSN: redo then skips rec on this page.
      SetPageLsn(reinterpret_cast<char*>(fpi.after.data()), insert_lsn_ + fpi.SerializedSize());
      AppendLocked(fpi);
    }
    lsn = AppendLocked(rec);
    if (keep) Keep(lsn, std::move(rec));
  }
  ctx.last_lsn = lsn;
  if (keep) ctx.records.push_back(lsn);
  return lsn;
}

Lsn LogManager::AppendSystem(LogRecord rec) {
  rec.txn = 0;
  rec.prev_lsn = 0;
  std::lock_guard lock(mu_);
  return AppendLocked(rec);
}

Lsn LogManager::BeginCheckpoint() {
  std::lock_guard lock(mu_);
  redo_lsn_ = insert_lsn_;
  return redo_lsn_;
}

void LogManager::SetRedoLsn(Lsn redo_lsn) {
  std::lock_guard lock(mu_);
  redo_lsn_ = redo_lsn;
}

Lsn LogManager::AppendCheckpoint(Lsn redo_lsn) {
  LogRecord rec;
  rec.type = LogRecordType::kCheckpoint;
  rec.redo_lsn = redo_lsn;
  Lsn lsn;
  {
    std::lock_guard lock(mu_);
    for (const auto& [txn, t] : active_) rec.active.push_back(t);
    lsn = AppendLocked(rec);
  }
  FlushTo(lsn);
  return lsn;
}

Lsn LogManager::OldestNeededLsn() const {
  std::lock_guard lock(mu_);
  Lsn oldest = insert_lsn_;
  for (const auto& [txn, t] : active_) oldest = std::min(oldest, t.first_lsn);
  return oldest;
}

bool LogManager::ReadRecord(Lsn lsn, LogRecord* out, size_t* size) {
  // Larger lengths are garbage (the largest real records, BTREE_SMOs of splits up a tall tree, hold a few
  // page images).
  constexpr uint32_t kMaxRecordSize = 1 << 20;
  std::byte len_bytes[4];
  if (segments_->Read(lsn, len_bytes) < sizeof(len_bytes)) return false;
  uint32_t len = PeekLogRecordLength(len_bytes);
  if (len < LogRecord::kHeaderSize || len > kMaxRecordSize) return false;
  std::vector<std::byte> buf(len);
  if (segments_->Read(lsn, buf) < len) return false;
  *size = DeserializeLogRecord(buf, out);
  return *size != 0 && out->lsn == lsn;
}

void LogManager::LeadFlush(std::unique_lock<std::mutex>& lock) {
  flushing_ = true;
  std::vector<std::byte> out = std::move(buffer_);
  buffer_ = std::move(spare_);
  buffer_.clear();
  Lsn start = buffer_start_;
  Lsn end = insert_lsn_;
  buffer_start_ = end;
  bool sync = fsync_;
  lock.unlock();
  // A PANIC inside ends the process, so the leadership never needs handing back on failure.
  segments_->Write(start, out);
  if (sync) segments_->Sync();
  lock.lock();
  flushed_lsn_ = end;
  out.clear();
  spare_ = std::move(out);
  flushing_ = false;
  flushed_cv_.notify_all();
}

void LogManager::FlushTo(Lsn lsn) {
  std::unique_lock lock(mu_);
  Lsn target = std::min(lsn + 1, insert_lsn_);
  while (flushed_lsn_ < target) {
    if (flushing_) {
      flushed_cv_.wait(lock);
    } else {
      LeadFlush(lock);
    }
  }
}

void LogManager::FlushAll() {
  FlushTo(next_lsn());
}

void LogManager::RemoveSegmentsBefore(Lsn keep) {
  std::unique_lock lock(mu_);
  flushed_cv_.wait(lock, [this] { return !flushing_; });
  flushing_ = true;  // the segment files belong to the flush leader
  Lsn end = insert_lsn_;
  lock.unlock();
  segments_->RemoveBefore(keep, end);
  lock.lock();
  flushing_ = false;
  flushed_cv_.notify_all();
}

Lsn LogManager::flushed_lsn() const {
  std::lock_guard lock(mu_);
  return flushed_lsn_;
}

Lsn LogManager::next_lsn() const {
  std::lock_guard lock(mu_);
  return insert_lsn_;
}

void LogManager::set_fsync(bool on) {
  std::lock_guard lock(mu_);
  fsync_ = on;
}

uint64_t LogManager::sync_count() const {
  return segments_->sync_count();
}

const LogRecord* LogManager::Fetch(Lsn lsn) const {
  std::lock_guard lock(mu_);
  auto it = records_.find(lsn);
  return it == records_.end() ? nullptr : &it->second;
}

void LogManager::Forget(Lsn lsn) {
  std::lock_guard lock(mu_);
  records_.erase(lsn);
}

void LogManager::Discard(LogContext& ctx) {
  {
    std::lock_guard lock(mu_);
    for (Lsn lsn : ctx.records) records_.erase(lsn);
  }
  ctx.records.clear();
}

size_t LogManager::KeptRecords() const {
  std::lock_guard lock(mu_);
  return records_.size();
}

}  // namespace lumadb::storage

#include "storage/log_manager.h"

namespace lumadb::storage {

Lsn LogManager::Append(LogContext& ctx, LogRecord rec) {
  rec.txn = ctx.txn;
  rec.prev_lsn = ctx.last_lsn;
  size_t size = rec.SerializedSize();
  Lsn lsn;
  {
    std::lock_guard lock(mu_);
    lsn = next_lsn_;
    next_lsn_ += size;
    rec.lsn = lsn;
    records_.emplace(lsn, std::move(rec));
  }
  ctx.last_lsn = lsn;
  ctx.records.push_back(lsn);
  return lsn;
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

Lsn LogManager::next_lsn() const {
  std::lock_guard lock(mu_);
  return next_lsn_;
}

size_t LogManager::KeptRecords() const {
  std::lock_guard lock(mu_);
  return records_.size();
}

}  // namespace lumadb::storage

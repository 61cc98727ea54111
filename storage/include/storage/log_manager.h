#pragma once
// LogManager: assigns LSNs to log records and keeps every record of a running transaction so rollback can
// fetch it by LSN. Issue 2: in memory only, records are dropped when their transaction ends. Issue 3 adds
// the WAL buffer and files, FlushTo(lsn) for the WAL rule and group commit, and recovery. Thread-safe.

#include <cstddef>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "storage/ids.h"
#include "storage/log_context.h"
#include "storage/log_record.h"

namespace lumadb::storage {

class LogManager {
 public:
  /// The first LSN handed out (0 means "no record").
  static constexpr Lsn kFirstLsn = 1;

  LogManager() = default;
  LogManager(const LogManager&) = delete;
  LogManager& operator=(const LogManager&) = delete;

  /// Appends rec on behalf of ctx's transaction: sets rec.txn = ctx.txn and rec.prev_lsn = ctx.last_lsn,
  /// assigns the next LSN (LSNs increase by each record's serialised size, so they are byte positions),
  /// keeps the record, and records the LSN in ctx (last_lsn, records). Returns the LSN.
  Lsn Append(LogContext& ctx, LogRecord rec);

  /// The kept record with this LSN, or nullptr. The pointer stays valid until Discard of its transaction.
  const LogRecord* Fetch(Lsn lsn) const;

  /// Forgets one record (it has been undone).
  void Forget(Lsn lsn);

  /// Forgets the records listed in ctx.records and clears them (the transaction has ended).
  void Discard(LogContext& ctx);

  /// The LSN the next record will get.
  Lsn next_lsn() const;
  /// Number of records kept (tests).
  size_t KeptRecords() const;

 private:
  mutable std::mutex mu_;
  Lsn next_lsn_ = kFirstLsn;
  std::unordered_map<Lsn, LogRecord> records_;
};

/// Appends rec through ctx when it has a log manager; returns the LSN, or 0 for an unlogged context
/// (ctx.log == nullptr: bootstrap and tests, whose changes cannot be rolled back).
inline Lsn AppendLog(LogContext& ctx, LogRecord rec) {
  return ctx.log != nullptr ? ctx.log->Append(ctx, std::move(rec)) : 0;
}

}  // namespace lumadb::storage

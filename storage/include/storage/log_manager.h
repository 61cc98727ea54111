#pragma once
// LogManager: the write-ahead log (PostgreSQL's xlog.c, ARIES; architecture-anchors §2.7). Append
// serialises a record into an in-memory WAL buffer under a mutex and assigns its LSN (its byte position in
// the WAL stream); FlushTo writes the buffer to the segment files (pg_wal/, wal_segments.h) and fdatasyncs
// them with leader/follower group commit. It also keeps the records of running transactions in memory for
// runtime rollback (Fetch), and a table of the transactions with records and no END (for checkpoints).
// Thread-safe.
//
// A failed WAL write or fdatasync is a PANIC (storage/panic.h): recovery repairs the state on restart.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "storage/ids.h"
#include "storage/log_context.h"
#include "storage/log_record.h"

namespace lumadb::storage {

class WalSegments;

/// Bytes per WAL segment file (PostgreSQL's default wal_segment_size).
inline constexpr uint64_t kWalSegmentSize = 16 * 1024 * 1024;

class LogManager {
 public:
  /// A log over the segments in `wal_dir` (created if missing). Nothing can be appended before Start.
  explicit LogManager(const std::filesystem::path& wal_dir);
  ~LogManager();
  LogManager(const LogManager&) = delete;
  LogManager& operator=(const LogManager&) = delete;

  /// Starts appending at `end` (the end of the valid log found by recovery, or the first LSN of a new log):
  /// makes it the end of the WAL files (WalSegments::TruncateAt) and the flushed LSN.
  void Start(Lsn end);

  /// Appends rec on behalf of ctx's transaction: sets rec.txn = ctx.txn and rec.prev_lsn = ctx.last_lsn,
  /// assigns the LSN, and sets ctx.last_lsn. Undoable records (IsUndoable) are also kept in memory and
  /// listed in ctx.records. Returns the LSN.
  Lsn Append(LogContext& ctx, LogRecord rec);

  /// Append for a change to a page whose (already changed) bytes are `page`: if the page's LSN is older
  /// than the current checkpoint's redo LSN, first appends an FPI of it (whose image carries the LSN of
  /// rec), so a torn write of the page can be repaired. Decided under the log mutex, so a checkpoint
  /// starting concurrently is never missed. The caller then sets the page LSN to the returned LSN.
  Lsn AppendForPage(LogContext& ctx, LogRecord rec, const char* page);

  /// Appends a record of no transaction (txn 0): FILE_CREATE / FILE_DROP done by the storage engine.
  Lsn AppendSystem(LogRecord rec);

  /// Starts a checkpoint: the current insert LSN becomes the redo LSN that FPI decisions compare with.
  Lsn BeginCheckpoint();
  /// At start-up: the redo LSN of the last completed checkpoint, which FPI decisions compare with until
  /// the next checkpoint begins (a torn page must be repairable from the checkpoint recovery will use).
  void SetRedoLsn(Lsn redo_lsn);
  /// Appends CHECKPOINT{redo_lsn, the table of transactions not ended} and flushes it; returns its LSN.
  Lsn AppendCheckpoint(Lsn redo_lsn);
  /// The smallest first LSN of a transaction not ended, or the insert LSN when there is none.
  Lsn OldestNeededLsn() const;

  /// Makes the record at `lsn` (and all before it) durable: group commit. The first waiter becomes the
  /// leader, writes the buffer up to its current end and fdatasyncs (unless fsync is off), then wakes the
  /// others; followers wait until flushed_lsn() > lsn. An lsn beyond the end flushes everything.
  void FlushTo(Lsn lsn);
  /// Flushes everything appended so far.
  void FlushAll();
  /// Every record that starts before this LSN is durable.
  Lsn flushed_lsn() const;
  /// The LSN the next record will get.
  Lsn next_lsn() const;

  /// fsync = off skips fdatasync (tests; a crash of the machine may then lose commits or corrupt data).
  void set_fsync(bool on);
  /// Number of fdatasync calls made on WAL segments (tests: group commit).
  uint64_t sync_count() const;
  /// Reads the record at `lsn` from the WAL files (recovery, tests) into *out and its size into *size;
  /// false at the end of the log (missing, torn, corrupt, or stale: its LSN field differs). Only records
  /// before flushed_lsn() are in the files.
  bool ReadRecord(Lsn lsn, LogRecord* out, size_t* size);
  /// The segment files (start-up and recovery).
  WalSegments& segments() { return *segments_; }
  /// Removes segments no longer needed by recovery (before `keep`), recycling some.
  void RemoveSegmentsBefore(Lsn keep);

  /// The kept record with this LSN, or nullptr. The pointer stays valid until Forget/Discard.
  const LogRecord* Fetch(Lsn lsn) const;
  /// Forgets one kept record (it has been undone).
  void Forget(Lsn lsn);
  /// Forgets the records listed in ctx.records and clears them (the transaction has ended).
  void Discard(LogContext& ctx);
  /// Number of records kept (tests).
  size_t KeptRecords() const;

 private:
  /// Serialises rec at the insert position (mu_ held); updates the transaction table.
  Lsn AppendLocked(LogRecord& rec);
  /// Keeps an undoable record in memory for runtime rollback (mu_ held); a HEAP_MULTI_INSERT without its
  /// tuple images.
  void Keep(Lsn lsn, LogRecord rec);
  /// Writes and syncs the buffer as the flush leader; mu_ held on entry and exit (released during I/O).
  void LeadFlush(std::unique_lock<std::mutex>& lock);

  std::unique_ptr<WalSegments> segments_;
  mutable std::mutex mu_;
  std::condition_variable flushed_cv_;
  bool started_ = false;
  bool fsync_ = true;
  bool flushing_ = false;          // a leader is writing
  Lsn insert_lsn_ = 0;             // next record's LSN
  Lsn buffer_start_ = 0;           // WAL position of buffer_[0]
  Lsn flushed_lsn_ = 0;            // everything before it is durable
  Lsn redo_lsn_ = 0;               // the current checkpoint's redo LSN (FPI decisions)
  std::vector<std::byte> buffer_;  // serialised records [buffer_start_, insert_lsn_)
  std::vector<std::byte> spare_;   // the buffer the last leader wrote, reused
  std::map<TxnId, CheckpointTxn> active_;
  std::unordered_map<Lsn, LogRecord> records_;
};

/// Appends rec through ctx when it has a log manager; returns the LSN, or 0 for an unlogged context
/// (ctx.log == nullptr: bootstrap and tests, whose changes cannot be rolled back).
inline Lsn AppendLog(LogContext& ctx, LogRecord rec) {
  return ctx.log != nullptr ? ctx.log->Append(ctx, std::move(rec)) : 0;
}

/// AppendForPage through ctx when it has a log manager, else 0 (see AppendLog).
inline Lsn AppendPageLog(LogContext& ctx, LogRecord rec, const char* page) {
  return ctx.log != nullptr ? ctx.log->AppendForPage(ctx, std::move(rec), page) : 0;
}

}  // namespace lumadb::storage

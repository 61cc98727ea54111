#pragma once
// Transaction: the state of one transaction under strict two-phase locking: id, isolation level, its log
// records (in the WAL; undoable ones also kept in memory for ROLLBACK), held locks and commit/abort hooks.
//
// A Transaction is used by one thread at a time (its session). It is ended by TransactionManager::Commit
// or Abort. Destroying an active transaction releases its locks but undoes nothing: always end it.
//
// (Contract for the other modules. The txn module owns the implementation and may add members.)

#include <functional>
#include <memory>
#include <vector>

#include "storage/ids.h"
#include "storage/log_context.h"

namespace lumadb::txn {

/// SQL isolation levels (PostgreSQL's XactIsoLevel); on 2PL they differ in how long S locks are held.
enum class IsolationLevel { kReadUncommitted, kReadCommitted, kRepeatableRead, kSerializable };

enum class TxnState { kActive, kCommitted, kAborted };

/// A point inside a transaction that ROLLBACK TO SAVEPOINT returns to (Transaction::Mark): how many log
/// records, OnCommit and OnAbort hooks the transaction had, and its newest LSN then.
struct SavepointMark {
  size_t records = 0;
  size_t on_commit = 0;
  size_t on_abort = 0;
  storage::Lsn last_lsn = 0;
};

class Transaction {
 public:
  Transaction(storage::TxnId id, IsolationLevel iso, bool read_only);
  ~Transaction();

  storage::TxnId id() const { return id_; }
  IsolationLevel isolation() const { return isolation_; }
  bool read_only() const { return read_only_; }
  TxnState state() const { return state_; }

  /// The sink every heap change of this transaction is logged through.
  storage::LogContext& log() { return log_; }

  /// Runs fn after the transaction commits (e.g. unlink a dropped relation's file, bump the catalog version).
  void OnCommit(std::function<void()> fn) { on_commit_.push_back(std::move(fn)); }
  /// Runs fn after the transaction's changes are undone (e.g. drop the cached catalog, unlink a new file).
  void OnAbort(std::function<void()> fn) { on_abort_.push_back(std::move(fn)); }

  /// The current point of the transaction, for TransactionManager::RollbackTo (SAVEPOINT, and statement
  /// rollback inside a transaction block).
  SavepointMark Mark() const { return {log_.records.size(), on_commit_.size(), on_abort_.size(), log_.last_lsn}; }

  /// Per-transaction synchronous_commit (PostgreSQL's GUC; the session sets it before commit). Off: commit
  /// does not wait for its COMMIT record to reach disk (a crash may lose it, never corrupt). Default on.
  void set_synchronous_commit(bool on) { synchronous_commit_ = on; }
  bool synchronous_commit() const { return synchronous_commit_; }

  /// Installs the session's interrupt check (throws 57014 on cancel or statement_timeout, 57P01 on
  /// shutdown). Lock waits call it at least every kInterruptPollMs while they sleep.
  void SetInterruptCheck(std::function<void()> fn) { interrupt_check_ = std::move(fn); }
  /// Runs the interrupt check, if any.
  void CheckForInterrupts() const {
    if (interrupt_check_) interrupt_check_();
  }
  static constexpr int64_t kInterruptPollMs = 50;
  /// Installs the session's wait reporter (pg_stat_activity's wait_event). A lock wait calls it with what
  /// it waits for ("relation", or "transactionid" for a row: PostgreSQL's Lock wait events) before it sleeps and
  /// with nullptr once it stops waiting, granted or not. It must not block on the lock manager.
  void SetWaitReporter(std::function<void(const char* lock_event)> fn) { wait_reporter_ = std::move(fn); }
  void ReportWait(const char* lock_event) const {
    if (wait_reporter_) wait_reporter_(lock_event);
  }

 private:
  friend class TransactionManager;
  friend class LockManager;
  storage::TxnId id_;
  IsolationLevel isolation_;
  bool read_only_;
  TxnState state_ = TxnState::kActive;
  bool synchronous_commit_ = true;
  storage::LogContext log_;
  std::vector<std::function<void()>> on_commit_;
  std::vector<std::function<void()>> on_abort_;
  std::function<void()> interrupt_check_;
  std::function<void(const char*)> wait_reporter_;
  struct HeldLocks;
  std::unique_ptr<HeldLocks> locks_;
};

}  // namespace lumadb::txn

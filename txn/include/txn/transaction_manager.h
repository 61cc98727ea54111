#pragma once
// TransactionManager: begins, commits and aborts transactions (strict 2PL: locks released only at the end).
// Commit: COMMIT record -> flush (synchronous_commit) -> post-commit deletes -> hooks -> release locks -> END.
// Abort / RollbackTo undo newest first writing CLRs (ARIES). See txn/README.md.
//
// (Contract for the other modules. The txn module owns the implementation and may add members.)

#include <atomic>
#include <memory>

#include "txn/lock_manager.h"
#include "txn/transaction.h"

namespace lumadb::storage {
class StorageEngine;
}

namespace lumadb::txn {

class TransactionManager {
 public:
  TransactionManager(storage::StorageEngine& storage, LockManager& locks);

  /// Starts a transaction. read_only transactions get 25006 on any write (checked by the executor).
  std::unique_ptr<Transaction> Begin(IsolationLevel iso = IsolationLevel::kReadCommitted, bool read_only = false);

  /// Appends COMMIT and (if txn.synchronous_commit()) waits until it is durable (group commit), then, past
  /// the commit point, frees the tuples txn deleted (redo-only HEAP_APPLYDELETE), runs OnCommit hooks,
  /// releases all locks and appends END. Does not throw: failures after the commit point PANIC.
  void Commit(Transaction& txn);

  /// Undoes every change of txn newest first (CLRs), appends ABORT, runs OnAbort hooks (newest first),
  /// releases all locks, appends END. Never throws; a failed undo is a PANIC.
  void Abort(Transaction& txn);

  /// Undoes txn's changes made after `mark` newest first (writing CLRs), runs the OnAbort hooks registered
  /// after the mark (newest first) and drops them and the OnCommit hooks registered after it. The
  /// transaction stays active and keeps its locks (PostgreSQL's RollbackToSavepoint). A failed undo is a
  /// PANIC: the process aborts and crash recovery finishes the rollback.
  void RollbackTo(Transaction& txn, const SavepointMark& mark);

  LockManager& locks() { return locks_; }

 private:
  storage::StorageEngine& storage_;
  LockManager& locks_;
  std::atomic<storage::TxnId> next_id_{1};
};

}  // namespace lumadb::txn

#pragma once
// TransactionManager: begins, commits and aborts transactions (strict 2PL: locks released only at the end).
// Abort undoes the transaction's log records newest first (ARIES undo pass, without CLRs until issue 3).
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

  /// Applies deferred deletes, runs OnCommit hooks, releases all locks.
  void Commit(Transaction& txn);

  /// Undoes every change of txn newest first, runs OnAbort hooks (newest first), releases all locks.
  /// Never throws for a valid transaction.
  void Abort(Transaction& txn);

  LockManager& locks() { return locks_; }

 private:
  storage::StorageEngine& storage_;
  LockManager& locks_;
  std::atomic<storage::TxnId> next_id_{1};
};

}  // namespace lumadb::txn

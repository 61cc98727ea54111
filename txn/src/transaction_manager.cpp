#include "txn/transaction_manager.h"

#include <cstdio>
#include <exception>

#include "common/error.h"
#include "storage/log_manager.h"
#include "storage/storage_engine.h"
#include "storage/undo.h"

namespace lumadb::txn {

namespace {

/// Errors that cannot be raised to the caller (they happen after the commit point, or inside Abort) go
/// to stderr, as PostgreSQL reports them to its log as WARNINGs.
void ReportUnraisable(const char* where, storage::TxnId id, const std::exception& e) {
  std::fprintf(stderr, "WARNING: %s of transaction %llu: %s\n", where, static_cast<unsigned long long>(id), e.what());
}

}  // namespace

TransactionManager::TransactionManager(storage::StorageEngine& storage, LockManager& locks)
    : storage_(storage), locks_(locks) {}

std::unique_ptr<Transaction> TransactionManager::Begin(IsolationLevel iso, bool read_only) {
  auto txn = std::make_unique<Transaction>(next_id_.fetch_add(1), iso, read_only);
  txn->log_.log = &storage_.log();
  return txn;
}

void TransactionManager::Commit(Transaction& txn) {
  LUMADB_ASSERT(txn.state_ == TxnState::kActive, "commit of a transaction that is not active");
  // The only step that may fail; the transaction is still active then, and the caller aborts it (the
  // APPLYDELETE records written so far are undone with the rest).
  storage::ApplyDeferredDeletes(storage_, txn.log_);
  txn.state_ = TxnState::kCommitted;
  for (auto& fn : txn.on_commit_) {
    try {
      fn();
    } catch (const std::exception& e) {
      ReportUnraisable("commit hook", txn.id(), e);
    }
  }
  txn.on_commit_.clear();
  txn.on_abort_.clear();
  storage_.log().Discard(txn.log_);
  locks_.ReleaseAll(txn);
}

void TransactionManager::Abort(Transaction& txn) {
  if (txn.state_ != TxnState::kActive) return;
  storage::LogContext& ctx = txn.log_;
  while (!ctx.records.empty()) {
    try {
      storage::UndoRecords(storage_, ctx);
    } catch (const std::exception& e) {
      // Keep undoing the older records; the one that failed is dropped (issue 3: PANIC, and recovery).
      ReportUnraisable("rollback", txn.id(), e);
      if (ctx.log != nullptr) ctx.log->Forget(ctx.records.back());
      ctx.records.pop_back();
    }
  }
  ctx.last_lsn = 0;
  for (auto it = txn.on_abort_.rbegin(); it != txn.on_abort_.rend(); ++it) {
    try {
      (*it)();
    } catch (const std::exception& e) {
      ReportUnraisable("abort hook", txn.id(), e);
    }
  }
  txn.on_abort_.clear();
  txn.on_commit_.clear();
  txn.state_ = TxnState::kAborted;
  try {
    locks_.ReleaseAll(txn);
  } catch (const std::exception& e) {
    ReportUnraisable("lock release", txn.id(), e);
  }
}

}  // namespace lumadb::txn

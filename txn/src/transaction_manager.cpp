#include "txn/transaction_manager.h"

#include <algorithm>
#include <cstdio>
#include <exception>

#include "common/crash_point.h"
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

/// Appends a record with no payload (COMMIT, ABORT, END) to the transaction's chain.
storage::Lsn AppendMarker(storage::LogContext& ctx, storage::LogRecordType type) {
  storage::LogRecord rec;
  rec.type = type;
  return storage::AppendLog(ctx, std::move(rec));
}

/// True when the transaction wrote WAL records (so it needs COMMIT/ABORT and END records).
bool Logged(const storage::LogContext& ctx) {
  return ctx.log != nullptr && ctx.last_lsn != 0;
}

/// Runs hooks [from, end) newest first, reporting failures.
void RunAbortHooks(std::vector<std::function<void()>>& hooks, size_t from, storage::TxnId id) {
  for (size_t i = hooks.size(); i > from; --i) {
    try {
      hooks[i - 1]();
    } catch (const std::exception& e) {
      ReportUnraisable("abort hook", id, e);
    }
  }
  hooks.resize(std::min(from, hooks.size()));
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
  storage::LogContext& ctx = txn.log_;
  bool logged = Logged(ctx);
  if (logged) {
    storage::Lsn commit = AppendMarker(ctx, storage::LogRecordType::kCommit);
    if (txn.synchronous_commit_) ctx.log->FlushTo(commit);
    LUMADB_CRASH_POINT("after-commit-flush");
  }
  // The commit point has passed: what follows cannot fail the transaction (it PANICs or reports).
  txn.state_ = TxnState::kCommitted;
  storage::ApplyDeferredDeletes(storage_, ctx);
  for (auto& fn : txn.on_commit_) {
    try {
      fn();
    } catch (const std::exception& e) {
      ReportUnraisable("commit hook", txn.id(), e);
    }
  }
  txn.on_commit_.clear();
  txn.on_abort_.clear();
  if (ctx.log != nullptr) ctx.log->Discard(ctx);
  locks_.ReleaseAll(txn);
  if (logged) AppendMarker(ctx, storage::LogRecordType::kEnd);
}

void TransactionManager::Abort(Transaction& txn) {
  if (txn.state_ != TxnState::kActive) return;
  storage::LogContext& ctx = txn.log_;
  storage::UndoRecords(storage_, ctx);  // a failure PANICs: recovery finishes the rollback
  bool logged = Logged(ctx);
  if (logged) AppendMarker(ctx, storage::LogRecordType::kAbort);
  RunAbortHooks(txn.on_abort_, 0, txn.id());
  txn.on_commit_.clear();
  txn.state_ = TxnState::kAborted;
  try {
    locks_.ReleaseAll(txn);
  } catch (const std::exception& e) {
    ReportUnraisable("lock release", txn.id(), e);
  }
  if (logged) AppendMarker(ctx, storage::LogRecordType::kEnd);
}

void TransactionManager::RollbackTo(Transaction& txn, const SavepointMark& mark) {
  LUMADB_ASSERT(txn.state_ == TxnState::kActive, "rollback to savepoint of a transaction that is not active");
  storage::UndoRecords(storage_, txn.log_, mark.records);
  RunAbortHooks(txn.on_abort_, mark.on_abort, txn.id());
  txn.on_commit_.resize(std::min(mark.on_commit, txn.on_commit_.size()));
}

}  // namespace lumadb::txn

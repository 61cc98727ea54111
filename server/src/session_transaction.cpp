// The transaction side of Session: xact.c's BeginTransactionBlock, EndTransactionBlock,
// UserAbortTransactionBlock, DefineSavepoint, ReleaseSavepoint and RollbackToSavepoint, the lazy start and
// the end of the txn::Transaction, and CHECKPOINT (utility.c).

#include "catalog/cluster.h"
#include "server/session.h"
#include "storage/storage_engine.h"
#include "txn/transaction.h"
#include "txn/transaction_manager.h"

namespace lumadb::server {

namespace {

txn::IsolationLevel ParseIsolation(const std::string& level) {
  if (level == "serializable") return txn::IsolationLevel::kSerializable;
  if (level == "repeatable read") return txn::IsolationLevel::kRepeatableRead;
  if (level == "read uncommitted") return txn::IsolationLevel::kReadUncommitted;
  return txn::IsolationLevel::kReadCommitted;
}

}  // namespace

txn::Transaction& Session::EnsureTransaction() {
  if (!txn_) {
    static const SettingKey kIsolation("transaction_isolation");
    static const SettingKey kReadOnly("transaction_read_only");
    txn_ =
        server_.cluster.transactions().Begin(ParseIsolation(settings_.Get(kIsolation)), settings_.GetBool(kReadOnly));
    // Lock waits and the executor's scan loops poll it, so a running statement can be canceled.
    txn_->SetInterruptCheck([this] { CheckInterruptsWhileRunning(); });
    txn_->SetWaitReporter([this](const char* event) { Backends()->ReportWait(event ? "Lock" : nullptr, event); });
    // Savepoints taken before the first statement that needed storage all return to the empty transaction.
    for (SavepointState& savepoint : savepoints_) savepoint.txn_mark = txn_->Mark();
  }
  return *txn_;
}

void Session::FinishTransaction(bool commit) {
  if (commit && txn_ && temp_tables_ && (!temp_tables_->drop.empty() || !temp_tables_->delete_rows.empty())) {
    exec::SessionContext ctx = StatementContext();
    exec::RunOnCommitActions(ctx);
  }
  PortalsAtTransactionEnd(commit);  // while the transaction their executors read in still exists
  std::unique_ptr<txn::Transaction> tx = std::move(txn_);
  if (reg_names_) reg_names_->SetTransaction(nullptr);
  savepoints_.clear();
  // Read before AtTransactionEnd: SET LOCAL synchronous_commit applies to this very commit.
  static const SettingKey kSynchronousCommit("synchronous_commit");
  bool synchronous = settings_.Get(kSynchronousCommit) != "off";
  settings_.AtTransactionEnd(commit);
  SyncIsSuperuser();
  if (!tx) return;
  auto& manager = server_.cluster.transactions();
  if (!commit) {
    manager.Abort(*tx);
    return;
  }
  tx->set_synchronous_commit(synchronous);
  try {
    manager.Commit(*tx);
  } catch (...) {
    if (tx->state() == txn::TxnState::kActive) manager.Abort(*tx);
    throw;
  }
}

void Session::AbortTransaction() {
  if (block_.state() == BlockState::kDefault && !txn_) return;
  if (block_.savepoint_count() > 0) {
    // Only the innermost savepoint's work is lost (xact.c AbortSubTransaction); the block waits in 'E' for
    // ROLLBACK or ROLLBACK TO. A failed statement's partial changes go with it.
    RollbackToSavepoint(savepoints_.size() - 1);
  } else {
    FinishTransaction(false);
  }
  block_.Failed();
}

void Session::RollbackToSavepoint(size_t index) {
  SavepointState& savepoint = savepoints_.at(index);
  if (txn_) server_.cluster.transactions().RollbackTo(*txn_, *savepoint.txn_mark);
  settings_.RollbackTo(savepoint.settings);
  SyncIsSuperuser();
  savepoints_.resize(index + 1);
  PortalsAtSavepointEnd(index, true);
}

std::string Session::SavepointControl(const ast::TransactionStmt& stmt) {
  using T = ast::TransactionStmt::Type;
  switch (stmt.type) {
    case T::kSavepoint:
      block_.DefineSavepoint(stmt.savepoint);
      savepoints_.push_back({txn_ ? std::optional(txn_->Mark()) : std::nullopt, settings_.Mark()});
      return "SAVEPOINT";
    case T::kRelease:
      // The released savepoints' changes and settings now belong to the enclosing level.
      savepoints_.resize(block_.ReleaseSavepoint(stmt.savepoint));
      PortalsAtSavepointEnd(savepoints_.size(), false);
      return "RELEASE";
    default:
      RollbackToSavepoint(block_.RollbackToSavepoint(stmt.savepoint));
      return "ROLLBACK";
  }
}

std::string Session::TransactionControl(const ast::TransactionStmt& stmt) {
  using T = ast::TransactionStmt::Type;
  auto warn = [this](SqlState code, const std::string& message) {
    SendNotice(DbError(code, message, Severity::kWarning));
  };
  if (stmt.chain) throw DbError(sqlstate::kFeatureNotSupported, "AND CHAIN is not supported yet");
  switch (stmt.type) {
    case T::kBegin:
      if (block_.Begin()) {
        warn(sqlstate::kActiveSqlTransaction, "there is already a transaction in progress");
      } else {
        ApplyTransactionModes(stmt.options, false);
      }
      return stmt.start_syntax ? "START TRANSACTION" : "BEGIN";
    case T::kCommit:
    case T::kRollback: {
      BlockEnd end = stmt.type == T::kCommit ? block_.Commit() : block_.Rollback();
      if (end.warn_no_block) warn(sqlstate::kNoActiveSqlTransaction, "there is no transaction in progress");
      FinishTransaction(end.commit);
      return stmt.type == T::kRollback || end.tag_rollback ? "ROLLBACK" : "COMMIT";
    }
    case T::kSetTransaction:
      if (block_.state() != BlockState::kInBlock) {
        warn(sqlstate::kNoActiveSqlTransaction, "SET TRANSACTION can only be used in transaction blocks");
        return "SET";
      }
      ApplyTransactionModes(stmt.options, false);
      return "SET";
    case T::kSetSessionCharacteristics:
      ApplyTransactionModes(stmt.options, true);
      return "SET";
    default:
      return SavepointControl(stmt);
  }
}

void Session::ApplyTransactionModes(const std::vector<std::string>& modes, bool session_defaults) {
  std::string isolation_param = session_defaults ? "default_transaction_isolation" : "transaction_isolation";
  std::string read_only_param = session_defaults ? "default_transaction_read_only" : "transaction_read_only";
  for (const std::string& mode : modes) {
    constexpr std::string_view kIsolationPrefix = "isolation level ";
    if (mode.rfind(kIsolationPrefix, 0) == 0) {
      std::string level = mode.substr(kIsolationPrefix.size());
      // variable.c check_XactIsoLevel: restating the level in force is always allowed.
      if (!session_defaults && level != settings_.Get("transaction_isolation")) {
        if (txn_) {
          throw DbError(sqlstate::kActiveSqlTransaction,
                        "SET TRANSACTION ISOLATION LEVEL must be called before any query");
        }
        if (!savepoints_.empty()) {
          throw DbError(sqlstate::kActiveSqlTransaction,
                        "SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction");
        }
      }
      settings_.Set(isolation_param, {level}, false);
    } else if (mode == "read only" || mode == "read write") {
      settings_.Set(read_only_param, {mode == "read only" ? "on" : "off"}, false);
    }
  }
}

std::string Session::Checkpoint() {
  // PostgreSQL 15 also admits members of pg_checkpoint; LumaDB has no predefined roles yet.
  if (!settings_.GetBool("is_superuser")) {
    throw DbError(sqlstate::kInsufficientPrivilege,
                  "must be superuser or have privileges of pg_checkpoint to do CHECKPOINT");
  }
  server_.cluster.storage().Checkpoint();
  return "CHECKPOINT";
}

}  // namespace lumadb::server

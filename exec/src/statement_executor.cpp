#include "exec/statement_executor.h"

#include "ddl.h"
#include "exec/executor.h"
#include "planner/binder.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

// The tag word PostgreSQL uses in "cannot execute %s in a read-only transaction" (CreateCommandName), or
// null for a statement a read-only transaction may run.
const char* WriteCommandName(const ast::Statement& stmt) {
  switch (stmt.kind) {
    case ast::StmtKind::kInsert:
      return "INSERT";
    case ast::StmtKind::kUpdate:
      return "UPDATE";
    case ast::StmtKind::kDelete:
      return "DELETE";
    case ast::StmtKind::kCreateTable:
      return "CREATE TABLE";
    case ast::StmtKind::kCreateSchema:
      return "CREATE SCHEMA";
    case ast::StmtKind::kCreateDatabase:
      return "CREATE DATABASE";
    case ast::StmtKind::kTruncate:
      return "TRUNCATE TABLE";
    case ast::StmtKind::kDrop: {
      auto type = stmt.As<ast::DropStmt>().object_type;
      return type == ast::ObjectType::kTable    ? "DROP TABLE"
             : type == ast::ObjectType::kSchema ? "DROP SCHEMA"
                                                : "DROP DATABASE";
    }
    case ast::StmtKind::kSelect: {
      // SELECT FOR UPDATE/SHARE locks rows, so a read-only transaction refuses it (CreateCommandName).
      const auto& locking = stmt.As<ast::SelectStmt>().locking;
      if (locking.empty()) return nullptr;
      switch (locking.front().strength) {
        case ast::LockStrength::kUpdate:
          return "SELECT FOR UPDATE";
        case ast::LockStrength::kNoKeyUpdate:
          return "SELECT FOR NO KEY UPDATE";
        case ast::LockStrength::kShare:
          return "SELECT FOR SHARE";
        case ast::LockStrength::kKeyShare:
          return "SELECT FOR KEY SHARE";
      }
      return nullptr;
    }
    default:
      return nullptr;
  }
}

ExecContext MakeExecContext(SessionContext& ctx) {
  ExecContext e;
  e.catalog = &ctx.catalog;
  e.txn = &ctx.txn;
  e.locks = &ctx.cluster.locks();
  e.lock_timeout_ms = ctx.lock_timeout_ms;
  e.deadlock_timeout_ms = ctx.deadlock_timeout_ms;
  e.env.transaction_start_us = ctx.transaction_start_us;
  e.env.statement_start_us = ctx.statement_start_us;
  e.env.user = ctx.user;
  e.env.database = ctx.database;
  e.env.current_schema = CreationSchema(ctx);
  e.env.get_setting = ctx.get_setting;
  return e;
}

std::vector<ResultColumn> ResultColumns(const planner::PlanNode& plan) {
  std::vector<ResultColumn> cols;
  for (const auto& c : plan.output) cols.push_back({c.name, c.type, c.table_oid, c.attnum});
  return cols;
}

std::string RunQuery(const planner::PlanNode& plan, SessionContext& ctx, ResultSink& sink) {
  ExecContext ec = MakeExecContext(ctx);
  auto exec = BuildExecutor(plan, ec);
  exec->Init();
  sink.Columns(ResultColumns(plan));
  int64_t count = 0;
  Row row;
  while (exec->Next(&row)) {
    sink.Row(row);
    ++count;
  }
  return "SELECT " + std::to_string(count);
}

int64_t RunModify(const planner::PlanNode& plan, SessionContext& ctx) {
  ExecContext ec = MakeExecContext(ctx);
  auto exec = BuildExecutor(plan, ec);
  exec->Init();
  return exec->RowsAffected();
}

}  // namespace

std::string ExecuteStatement(const ast::Statement& stmt, std::string_view query_text, SessionContext& ctx,
                             ResultSink& sink) {
  if (const char* name = WriteCommandName(stmt); name && ctx.txn.read_only()) {
    throw DbError(sqlstate::kReadOnlySqlTransaction,
                  std::string("cannot execute ") + name + " in a read-only transaction");
  }
  planner::Binder binder(ctx.catalog, ctx.txn, ctx.search_path, query_text);
  switch (stmt.kind) {
    case ast::StmtKind::kSelect:
      return RunQuery(*binder.BindSelect(stmt.As<ast::SelectStmt>()), ctx, sink);
    case ast::StmtKind::kInsert:
      return "INSERT 0 " + std::to_string(RunModify(*binder.BindInsert(stmt.As<ast::InsertStmt>()), ctx));
    case ast::StmtKind::kUpdate:
      return "UPDATE " + std::to_string(RunModify(*binder.BindUpdate(stmt.As<ast::UpdateStmt>()), ctx));
    case ast::StmtKind::kDelete:
      return "DELETE " + std::to_string(RunModify(*binder.BindDelete(stmt.As<ast::DeleteStmt>()), ctx));
    case ast::StmtKind::kCreateTable:
      return ExecuteCreateTable(stmt.As<ast::CreateTableStmt>(), query_text, ctx, sink);
    case ast::StmtKind::kCreateSchema:
      return ExecuteCreateSchema(stmt.As<ast::CreateSchemaStmt>(), ctx, sink);
    case ast::StmtKind::kCreateDatabase:
      return ExecuteCreateDatabase(stmt.As<ast::CreateDatabaseStmt>(), ctx);
    case ast::StmtKind::kDrop:
      return ExecuteDrop(stmt.As<ast::DropStmt>(), ctx, sink);
    case ast::StmtKind::kTruncate:
      return ExecuteTruncate(stmt.As<ast::TruncateStmt>(), ctx);
    default:
      throw DbError(sqlstate::kInternalError, "internal error: statement kind is handled by the session");
  }
}

}  // namespace lumadb::exec

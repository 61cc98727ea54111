#include "exec/statement_executor.h"

#include "ddl.h"
#include "exec/executor.h"
#include "planner/binder.h"
#include "sequence_functions.h"
#include "statement_info.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

std::string RunQuery(const planner::PlanNode& plan, SessionContext& ctx, ResultSink& sink) {
  StatementExecContext sec(ctx);
  auto exec = BuildExecutor(plan, sec.exec);
  exec->Init();
  sink.Columns(PlanResultColumns(plan));
  int64_t count = 0;
  Row row;
  while (exec->Next(&row)) {
    sink.Row(row);
    ++count;
  }
  return "SELECT " + std::to_string(count);
}

const planner::ModifyCommon& ModifyOf(const planner::PlanNode& plan) {
  switch (plan.kind) {
    case planner::PlanKind::kInsert:
      return plan.As<planner::InsertPlan>();
    case planner::PlanKind::kUpdate:
      return plan.As<planner::UpdatePlan>();
    default:
      return plan.As<planner::DeletePlan>();
  }
}

/// Runs INSERT/UPDATE/DELETE; with RETURNING its rows go to the sink (plan.md §9). Returns the row count.
int64_t RunModify(const planner::PlanNode& plan, SessionContext& ctx, ResultSink& sink) {
  StatementExecContext sec(ctx);
  auto exec = BuildExecutor(plan, sec.exec);
  exec->Init();
  if (!ModifyOf(plan).returning.empty()) {
    sink.Columns(PlanResultColumns(plan));
    Row row;
    while (exec->Next(&row)) sink.Row(row);
  }
  return exec->RowsAffected();
}

}  // namespace

StatementExecContext::StatementExecContext(SessionContext& ctx) : sequences(MakeSequenceFunctions(ctx)) {
  exec.catalog = &ctx.catalog;
  exec.txn = &ctx.txn;
  exec.locks = &ctx.cluster.locks();
  exec.lock_timeout_ms = ctx.lock_timeout_ms;
  exec.deadlock_timeout_ms = ctx.deadlock_timeout_ms;
  exec.env.transaction_start_us = ctx.transaction_start_us;
  exec.env.statement_start_us = ctx.statement_start_us;
  exec.env.user = ctx.user;
  exec.env.database = ctx.database;
  exec.env.schemas = [&ctx](bool implicit) { return SearchSchemas(ctx, implicit); };
  exec.env.get_setting = ctx.get_setting;
  exec.env.reload_config = ctx.reload_config;
  exec.env.sequences = sequences.get();
  exec.env.backends = ctx.backends;
  exec.env.check_interrupts = [txn = &ctx.txn] { txn->CheckForInterrupts(); };
  exec.search_path = ctx.search_path;
}

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
      return "INSERT 0 " + std::to_string(RunModify(*binder.BindInsert(stmt.As<ast::InsertStmt>()), ctx, sink));
    case ast::StmtKind::kUpdate:
      return "UPDATE " + std::to_string(RunModify(*binder.BindUpdate(stmt.As<ast::UpdateStmt>()), ctx, sink));
    case ast::StmtKind::kDelete:
      return "DELETE " + std::to_string(RunModify(*binder.BindDelete(stmt.As<ast::DeleteStmt>()), ctx, sink));
    case ast::StmtKind::kCreateTable:
      return ExecuteCreateTable(stmt.As<ast::CreateTableStmt>(), query_text, ctx, sink);
    case ast::StmtKind::kCreateSchema:
      return ExecuteCreateSchema(stmt.As<ast::CreateSchemaStmt>(), ctx, sink);
    case ast::StmtKind::kCreateDatabase:
      return ExecuteCreateDatabase(stmt.As<ast::CreateDatabaseStmt>(), ctx);
    case ast::StmtKind::kDrop:
      return ExecuteDrop(stmt.As<ast::DropStmt>(), ctx, sink);
    case ast::StmtKind::kTruncate:
      return ExecuteTruncate(stmt.As<ast::TruncateStmt>(), ctx, sink);
    case ast::StmtKind::kCreateIndex:
      return ExecuteCreateIndex(stmt.As<ast::CreateIndexStmt>(), query_text, ctx, sink);
    case ast::StmtKind::kReindex:
      return ExecuteReindex(stmt.As<ast::ReindexStmt>(), ctx);
    case ast::StmtKind::kCreateSequence:
      return ExecuteCreateSequence(stmt.As<ast::CreateSequenceStmt>(), ctx, sink);
    case ast::StmtKind::kAlterSequence:
      return ExecuteAlterSequence(stmt.As<ast::AlterSequenceStmt>(), ctx, sink);
    case ast::StmtKind::kAlterTable:
      return ExecuteAlterTable(stmt.As<ast::AlterTableStmt>(), query_text, ctx, sink);
    case ast::StmtKind::kExplain:
      return ExecuteExplain(stmt.As<ast::ExplainStmt>(), query_text, ctx, sink);
    case ast::StmtKind::kVacuum:
      return ExecuteVacuum(stmt.As<ast::VacuumStmt>(), ctx);
    default:
      throw DbError(sqlstate::kInternalError, "internal error: statement kind is handled by the session");
  }
}

}  // namespace lumadb::exec

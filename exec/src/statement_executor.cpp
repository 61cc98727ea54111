#include "exec/statement_executor.h"

#include <unistd.h>

#include "ddl.h"
#include "ddl_function.h"
#include "ddl_function_lookup.h"
#include "ddl_roles.h"
#include "ddl_view.h"
#include "exec/executor.h"
#include "permissions.h"
#include "planner/binder.h"
#include "planner/planner_settings.h"
#include "sequence_functions.h"
#include "statement_info.h"
#include "storage/storage_engine.h"
#include "storage/temp_file.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

// Binds a planned statement and checks its privileges before anything runs (ExecCheckRTPerms).
template <class Stmt>
planner::PlanPtr BindChecked(planner::Binder& binder, planner::PlanPtr (planner::Binder::*bind)(const Stmt&),
                             const ast::Statement& stmt, SessionContext& ctx) {
  planner::PlanPtr plan = (binder.*bind)(stmt.As<Stmt>());
  CheckPermissions(binder.permissions(), ctx);
  return plan;
}

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

StatementExecContext::StatementExecContext(SessionContext& ctx)
    : sequences(ctx),
      privileges(ctx),
      inquiry(ctx.cluster, ctx.catalog, ctx.txn, [&ctx] { return SearchSchemas(ctx, true); }) {
  exec.catalog = &ctx.catalog;
  exec.txn = &ctx.txn;
  exec.locks = &ctx.cluster.locks();
  exec.transactions = &ctx.cluster.transactions();
  exec.lock_timeout_ms = ctx.lock_timeout_ms;
  exec.deadlock_timeout_ms = ctx.deadlock_timeout_ms;
  exec.env.transaction_start_us = ctx.transaction_start_us;
  exec.env.statement_start_us = ctx.statement_start_us;
  exec.env.user = ctx.user;
  exec.env.session_user = ctx.session_user;
  exec.env.privileges = &privileges;
  exec.env.inquiry = &inquiry;
  exec.env.database = ctx.database;
  exec.env.schemas = [&ctx](bool implicit) { return SearchSchemas(ctx, implicit); };
  exec.env.get_setting = ctx.get_setting;
  exec.env.reload_config = ctx.reload_config;
  exec.env.sequences = &sequences;
  exec.env.backends = ctx.backends;
  exec.env.check_interrupts = [txn = &ctx.txn] { txn->CheckForInterrupts(); };
  exec.env.describe_function = [&ctx](std::string_view what, Oid oid) { return DescribeUserFunction(ctx, what, oid); };
  exec.search_path = &ctx.search_path;
  exec.work_mem_kb = ctx.work_mem_kb;
  if (ctx.temp_files) {
    ctx.temp_files->set_limit_kb(ctx.temp_file_limit_kb);
    exec.temp_files = ctx.temp_files;
  } else {
    exec.temp_files = std::make_shared<storage::TempFileSpace>(
        ctx.cluster.storage().data_dir() / "base" / "pgsql_tmp",
        ctx.backends ? ctx.backends->BackendPid() : static_cast<int32_t>(::getpid()), ctx.temp_file_limit_kb);
  }
}

planner::PlannerSettings StatementPlannerSettings(const SessionContext& ctx) {
  return ctx.planner_settings ? *ctx.planner_settings : planner::ReadPlannerSettings(ctx.get_setting);
}

std::string ExecuteStatement(const ast::Statement& stmt, std::string_view query_text, SessionContext& ctx,
                             ResultSink& sink) {
  if (const char* name = WriteCommandName(stmt); name && ctx.txn.read_only()) {
    throw DbError(sqlstate::kReadOnlySqlTransaction,
                  std::string("cannot execute ") + name + " in a read-only transaction");
  }
  const planner::PlannerSettingsScope planner_settings(StatementPlannerSettings(ctx));
  planner::Binder binder(ctx.catalog, ctx.txn, ctx.search_path, query_text);
  switch (stmt.kind) {
    case ast::StmtKind::kSelect:
      return RunQuery(*BindChecked(binder, &planner::Binder::BindSelect, stmt, ctx), ctx, sink);
    case ast::StmtKind::kInsert:
      return "INSERT 0 " +
             std::to_string(RunModify(*BindChecked(binder, &planner::Binder::BindInsert, stmt, ctx), ctx, sink));
    case ast::StmtKind::kUpdate:
      return "UPDATE " +
             std::to_string(RunModify(*BindChecked(binder, &planner::Binder::BindUpdate, stmt, ctx), ctx, sink));
    case ast::StmtKind::kDelete:
      return "DELETE " +
             std::to_string(RunModify(*BindChecked(binder, &planner::Binder::BindDelete, stmt, ctx), ctx, sink));
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
    case ast::StmtKind::kCreateRole:
      return ExecuteCreateRole(stmt.As<ast::CreateRoleStmt>(), ctx, sink);
    case ast::StmtKind::kAlterRole:
      return ExecuteAlterRole(stmt.As<ast::AlterRoleStmt>(), ctx, sink);
    case ast::StmtKind::kDropRole:
      return ExecuteDropRole(stmt.As<ast::DropRoleStmt>(), ctx, sink);
    case ast::StmtKind::kGrantRole:
      return ExecuteGrantRole(stmt.As<ast::GrantRoleStmt>(), ctx, sink);
    case ast::StmtKind::kGrant:
      return ExecuteGrant(stmt.As<ast::GrantStmt>(), ctx, sink);
    case ast::StmtKind::kAlterOwner:
      return ExecuteAlterOwner(stmt.As<ast::AlterOwnerStmt>(), ctx);
    case ast::StmtKind::kAlterRoleSet:
      return ExecuteAlterRoleSet(stmt.As<ast::AlterRoleSetStmt>(), ctx);
    case ast::StmtKind::kAlterView:
      return ExecuteAlterView(stmt.As<ast::AlterViewStmt>(), ctx, sink);
    case ast::StmtKind::kCreateView:
      return ExecuteCreateView(stmt.As<ast::CreateViewStmt>(), query_text, ctx);
    case ast::StmtKind::kCreateTableAs:
      return ExecuteCreateTableAs(stmt.As<ast::CreateTableAsStmt>(), query_text, ctx, sink);
    case ast::StmtKind::kRefreshMatView:
      return ExecuteRefreshMatView(stmt.As<ast::RefreshMatViewStmt>(), ctx);
    case ast::StmtKind::kCreateFunction:
      return ExecuteCreateFunction(stmt.As<ast::CreateFunctionStmt>(), query_text, ctx);
    case ast::StmtKind::kDropFunction:
      return ExecuteDropFunction(stmt.As<ast::DropFunctionStmt>(), query_text, ctx, sink);
    case ast::StmtKind::kAlterFunction:
      return ExecuteAlterFunction(stmt.As<ast::AlterFunctionStmt>(), query_text, ctx);
    default:
      throw DbError(sqlstate::kInternalError, "internal error: statement kind is handled by the session");
  }
}

}  // namespace lumadb::exec

// EXPLAIN [ANALYZE] [VERBOSE] [(options)] (commands/explain.c ExplainQuery, ExplainOnePlan): binds the
// statement, runs it under ANALYZE with every executor instrumented (a DML statement then really changes
// the table, as in PostgreSQL), and returns the planner's output in the chosen format as rows of one
// column "QUERY PLAN".

#include <chrono>
#include <map>
#include <memory>

#include "ddl.h"
#include "exec/explain_analyze.h"
#include "exec/sql_prepare.h"
#include "permissions.h"
#include "planner/binder.h"
#include "planner/planner_settings.h"
#include "planner/spill_stats.h"
#include "statement_info.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

double Millis(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// ExplainQuery's option list: the parser already rejected unknown names, non-Boolean values, unknown formats
// and TIMING or WAL without ANALYZE.
planner::ExplainOptions ParseOptions(const ast::ExplainStmt& stmt) {
  planner::ExplainOptions options;
  bool summary_set = false;
  for (const auto& [name, value] : stmt.options) {
    const bool on = value != "false";
    if (name == "analyze") options.analyze = on;
    if (name == "verbose") options.verbose = on;
    if (name == "costs") options.costs = on;
    if (name == "timing") options.timing = on;
    if (name == "buffers") options.buffers = on;
    if (name == "settings") options.settings = on;
    if (name == "wal") options.wal = on;
    if (name == "summary") {
      options.summary = on;
      summary_set = true;
    }
    if (name == "format") {
      options.format = value == "json"   ? planner::ExplainFormat::kJson
                       : value == "xml"  ? planner::ExplainFormat::kXml
                       : value == "yaml" ? planner::ExplainFormat::kYaml
                                         : planner::ExplainFormat::kText;
    }
  }
  if (!summary_set) options.summary = options.analyze;  // "if summary was not set explicitly, default to analyze"
  return options;
}

// ANALYZE may write: not in a read-only transaction (ExecCheckXactReadOnly).
void CheckReadOnly(const ast::Statement& query, const planner::ExplainOptions& options, const SessionContext& ctx) {
  if (const char* name = WriteCommandName(query); name && options.analyze && ctx.txn.read_only()) {
    throw DbError(sqlstate::kReadOnlySqlTransaction,
                  std::string("cannot execute ") + name + " in a read-only transaction");
  }
}

// ExplainResultDesc: json for FORMAT JSON; XML has no xml type here, so it is text like YAML and TEXT.
TypeDesc ResultType(planner::ExplainFormat format) {
  return TypeDesc{format == planner::ExplainFormat::kJson ? TypeId::kJson : TypeId::kText, -1};
}

// ExplainOnePlan: runs the plan under ANALYZE (rows fetched and dropped, as the None receiver), then prints.
std::string ExplainPlan(const planner::PlanNode& plan, const planner::ExplainOptions& options,
                        std::chrono::steady_clock::duration planning, const std::vector<Value>* params,
                        SessionContext& ctx, ResultSink& sink) {
  planner::ExplainSummary summary;
  if (options.settings) summary.settings = ChangedPlannerSettings(ctx);
  AnalyzeRun run(options.timing);
  if (options.analyze) {
    const auto exec_start = std::chrono::steady_clock::now();
    std::map<const planner::PlanNode*, planner::SpillStats> spill_stats;
    {
      // Executors report what they counted when destroyed: all of them are gone at the end of this block.
      StatementExecContext sec(ctx);
      sec.exec.params = params;
      sec.exec.analyze = &run;
      sec.exec.spill_stats = &spill_stats;
      auto exec = BuildExecutor(plan, sec.exec);
      exec->Init();
      Row row;
      while (exec->Next(&row)) {
      }
    }
    summary.execution_ms = Millis(std::chrono::steady_clock::now() - exec_start);
    for (const auto& [node, stats] : spill_stats) run.At(*node).details.push_back(planner::SpillStatsDetail(stats));
  }
  if (options.summary) summary.planning_ms = Millis(planning);
  if (!options.summary) summary.execution_ms.reset();
  auto lines = planner::ExplainDocument(
      plan, options, [&run](const planner::PlanNode& node) { return run.Find(node); }, summary);
  sink.Columns({ResultColumn{"QUERY PLAN", ResultType(options.format), 0, 0}});
  for (auto& line : lines) sink.Row(Row{Value::String(std::move(line))});
  return "EXPLAIN";
}

}  // namespace

std::string ExecuteExplain(const ast::ExplainStmt& stmt, std::string_view query_text, SessionContext& ctx,
                           ResultSink& sink) {
  const planner::ExplainOptions options = ParseOptions(stmt);
  const ast::Statement& query = *stmt.query;
  CheckReadOnly(query, options, ctx);
  const auto plan_start = std::chrono::steady_clock::now();
  const planner::PlannerSettingsScope planner_settings(StatementPlannerSettings(ctx));
  planner::Binder binder(ctx.catalog, ctx.txn, ctx.search_path, query_text);
  planner::PlanPtr plan;
  switch (query.kind) {
    case ast::StmtKind::kSelect:
      plan = binder.BindSelect(query.As<ast::SelectStmt>());
      break;
    case ast::StmtKind::kInsert:
      plan = binder.BindInsert(query.As<ast::InsertStmt>());
      break;
    case ast::StmtKind::kUpdate:
      plan = binder.BindUpdate(query.As<ast::UpdateStmt>());
      break;
    case ast::StmtKind::kDelete:
      plan = binder.BindDelete(query.As<ast::DeleteStmt>());
      break;
    default:
      throw DbError(sqlstate::kFeatureNotSupported, "EXPLAIN of this statement is not supported");
  }
  CheckPermissions(binder.permissions(), ctx);  // EXPLAIN's ExecutorStart checks them too
  return ExplainPlan(*plan, options, std::chrono::steady_clock::now() - plan_start, nullptr, ctx, sink);
}

std::string ExplainPrepared(const ast::ExplainStmt& stmt, const PreparedStatement& prepared,
                            const std::vector<Value>& params, SessionContext& ctx, ResultSink& sink) {
  const planner::ExplainOptions options = ParseOptions(stmt);
  CheckReadOnly(prepared.statement(), options, ctx);
  if (prepared.plan() == nullptr) {
    throw DbError(sqlstate::kFeatureNotSupported, "EXPLAIN of this statement is not supported");
  }
  CheckPermissions(prepared.permissions(), ctx);
  return ExplainPlan(*prepared.plan(), options, std::chrono::steady_clock::duration::zero(), &params, ctx, sink);
}

TypeDesc ExplainResultType(const ast::ExplainStmt& stmt) {
  return ResultType(ParseOptions(stmt).format);
}

}  // namespace lumadb::exec

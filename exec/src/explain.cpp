// EXPLAIN [ANALYZE] [VERBOSE] [(options)] (commands/explain.c ExplainQuery): binds the statement, runs it
// when ANALYZE asks (a DML statement then really changes the table, as in PostgreSQL), and returns the
// planner's text format as rows of one text column "QUERY PLAN".

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>

#include "ddl.h"
#include "exec/sql_prepare.h"
#include "permissions.h"
#include "planner/binder.h"
#include "planner/planner_settings.h"
#include "statement_info.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

/// EXPLAIN ANALYZE's per-node counter: passes rows through and adds them to *rows (summed over rescans,
/// as PostgreSQL's Instrumentation totals).
class CountingExecutor : public Executor {
 public:
  CountingExecutor(std::unique_ptr<Executor> inner, int64_t* rows) : inner_(std::move(inner)), rows_(rows) {}
  void Init() override { inner_->Init(); }
  bool Next(Row* out) override {
    if (!inner_->Next(out)) return false;
    ++*rows_;
    return true;
  }
  int64_t RowsAffected() const override { return inner_->RowsAffected(); }
  void SetTupleBound(int64_t bound) override { inner_->SetTupleBound(bound); }

 private:
  std::unique_ptr<Executor> inner_;
  int64_t* rows_;
};

bool OptionValue(const std::string& name, const std::string& value) {
  if (value.empty() || value == "true" || value == "on" || value == "1") return true;
  if (value == "false" || value == "off" || value == "0") return false;
  throw DbError(sqlstate::kSyntaxError, name + " requires a Boolean value");
}

std::string Millis(std::chrono::steady_clock::duration d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f ms", std::chrono::duration<double, std::milli>(d).count());
  return buf;
}

// ExplainQuery's option list (the parser already rejected unknown names and non-Boolean values).
planner::ExplainOptions ParseOptions(const ast::ExplainStmt& stmt) {
  planner::ExplainOptions options;
  for (const auto& [name, value] : stmt.options) {
    if (name == "analyze") {
      options.analyze = OptionValue(name, value);
    } else if (name == "verbose") {
      options.verbose = OptionValue(name, value);
    } else if (name == "costs") {
      options.costs = OptionValue(name, value);
    } else if (name == "buffers" || name == "timing" || name == "summary" || name == "settings" || name == "wal") {
      OptionValue(name, value);
    } else if (name == "format") {
      if (value == "json" || value == "xml" || value == "yaml") {
        throw DbError(sqlstate::kFeatureNotSupported, "EXPLAIN (FORMAT " + value + ") is not supported");
      }
      if (value != "text") {
        throw DbError(sqlstate::kInvalidParameterValue,
                      "unrecognized value for EXPLAIN option \"format\": \"" + value + "\"");
      }
    } else {
      throw DbError(sqlstate::kSyntaxError, "unrecognized EXPLAIN option \"" + name + "\"");
    }
  }
  return options;
}

// ANALYZE may write: not in a read-only transaction (ExecCheckXactReadOnly).
void CheckReadOnly(const ast::Statement& query, const planner::ExplainOptions& options, const SessionContext& ctx) {
  if (const char* name = WriteCommandName(query); name && options.analyze && ctx.txn.read_only()) {
    throw DbError(sqlstate::kReadOnlySqlTransaction,
                  std::string("cannot execute ") + name + " in a read-only transaction");
  }
}

// ExplainOnePlan: the plan's text, run first under ANALYZE with `params` as $1..$n, streamed to sink.
std::string ExplainPlan(const planner::PlanNode& plan, const planner::ExplainOptions& options,
                        std::chrono::steady_clock::duration planning, const std::vector<Value>* params,
                        SessionContext& ctx, ResultSink& sink) {
  std::vector<std::string> lines;
  if (options.analyze) {
    const auto exec_start = std::chrono::steady_clock::now();
    StatementExecContext sec(ctx);
    sec.exec.params = params;
    std::map<const planner::PlanNode*, int64_t> counts;
    sec.exec.instrument = [&counts](const planner::PlanNode& node, std::unique_ptr<Executor> inner) {
      return std::unique_ptr<Executor>(std::make_unique<CountingExecutor>(std::move(inner), &counts[&node]));
    };
    auto exec = BuildExecutor(plan, sec.exec);
    exec->Init();
    int64_t rows = 0;
    Row row;
    while (exec->Next(&row)) ++rows;
    const auto execution = std::chrono::steady_clock::now() - exec_start;
    counts[&plan] = rows;
    lines = planner::ExplainText(plan, options, [&](const planner::PlanNode& node) -> int64_t {
      auto it = counts.find(&node);
      return it == counts.end() ? -1 : it->second;
    });
    // Nodes run outside BuildExecutor (an index nested loop's inner scan) have no count: they show no
    // "actual" part rather than a made-up one.
    const std::string unknown = " (actual rows=-1 loops=1)";
    for (auto& line : lines) {
      if (auto pos = line.find(unknown); pos != std::string::npos) line.erase(pos, unknown.size());
    }
    lines.push_back("Planning Time: " + Millis(planning));
    lines.push_back("Execution Time: " + Millis(execution));
  } else {
    lines = planner::ExplainText(plan, options);
  }
  sink.Columns({ResultColumn{"QUERY PLAN", TypeDesc{TypeId::kText, -1}, 0, 0}});
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
  const planner::PlannerSettingsScope planner_settings(planner::ReadPlannerSettings(ctx.get_setting));
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

}  // namespace lumadb::exec

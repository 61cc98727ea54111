// EXECUTE's parameters (commands/prepare.c EvaluateParams) and the portal behind a SQL cursor.

#include "exec/sql_prepare.h"

#include "ddl.h"
#include "exec/expression_evaluator.h"
#include "planner/binder.h"

namespace lumadb::exec {

namespace {

// Keeps the one row a Run(max_rows = 1) hands out; notices go on to the cursor's sink.
class OneRowSink final : public ResultSink {
 public:
  OneRowSink(lumadb::Row* row, ResultSink& notices) : row_(row), notices_(notices) {}
  void Columns(const std::vector<ResultColumn>&) override {}
  void Row(const lumadb::Row& row) override {
    *row_ = row;
    got_ = true;
  }
  void Notice(Severity severity, SqlState code, const std::string& message) override {
    notices_.Notice(severity, code, message);
  }
  void NoticeWithDetail(const DbError& notice) override { notices_.NoticeWithDetail(notice); }
  bool got() const { return got_; }

 private:
  lumadb::Row* row_;
  ResultSink& notices_;
  bool got_ = false;
};

class PortalRowSource final : public RowSource {
 public:
  PortalRowSource(std::unique_ptr<Portal> portal, const SessionContext& ctx) : portal_(std::move(portal)), ctx_(ctx) {}
  bool Next(Row* row, ResultSink& notices) override {
    if (portal_->done()) return false;
    OneRowSink sink(row, notices);
    portal_->Run(ctx_, sink, 1);
    return sink.got();
  }

 private:
  std::unique_ptr<Portal> portal_;
  SessionContext ctx_;
};

}  // namespace

std::vector<Value> EvaluateParams(const PreparedStatement& statement, std::string_view name,
                                  const std::vector<ast::ExprPtr>& args, std::string_view query_text,
                                  SessionContext& ctx) {
  const std::vector<TypeDesc>& types = statement.param_types();
  if (args.size() != types.size()) {
    throw DbError(sqlstate::kSyntaxError,
                  "wrong number of parameters for prepared statement \"" + std::string(name) + "\"")
        .Detail("Expected " + std::to_string(types.size()) + " parameters but got " + std::to_string(args.size()) +
                ".");
  }
  std::vector<Value> values;
  if (args.empty()) return values;
  planner::Binder binder(ctx.catalog, ctx.txn, ctx.search_path, query_text);
  StatementExecContext sec(ctx);
  for (size_t i = 0; i < args.size(); ++i) {
    planner::BoundExprPtr bound = binder.BindExpr(*args[i], planner::Scope{});
    planner::BoundExprPtr coerced = binder.TryCoerce(bound, types[i], CastContext::kAssignment);
    if (!coerced) {
      throw binder
          .Error(sqlstate::kDatatypeMismatch,
                 "parameter $" + std::to_string(i + 1) + " of type " + FormatType({bound->type.id, -1}) +
                     " cannot be coerced to the expected type " + FormatType({types[i].id, -1}),
                 args[i]->location)
          .Hint("You will need to rewrite or cast the expression.");
    }
    values.push_back(Evaluate(*coerced, Row{}, sec.exec));
  }
  return values;
}

std::unique_ptr<RowSource> MakePortalRowSource(std::unique_ptr<Portal> portal, const SessionContext& ctx) {
  return std::make_unique<PortalRowSource>(std::move(portal), ctx);
}

}  // namespace lumadb::exec

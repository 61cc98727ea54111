// The set-returning regexp_matches and regexp_split_to_table (utils/adt/regexp.c), in FROM or the select
// list: the rows are computed when the scan starts (planner's RegexSetRows) and returned one at a time.
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "planner/function_registry.h"

namespace lumadb::exec {

namespace {

class RegexScanExecutor : public Executor {
 public:
  RegexScanExecutor(const planner::FunctionScanPlan& plan, ExecContext& ctx) : plan_(plan), ctx_(ctx) {}

  void Init() override {
    rows_.clear();
    next_ = 0;
    std::vector<Value> args;
    for (const auto& a : plan_.args) {
      args.push_back(Evaluate(*a, Row{}, ctx_));
      if (args.back().is_null()) return;  // strict: no rows
    }
    rows_ = planner::RegexSetRows(plan_.function, args);
  }

  bool Next(Row* out) override {
    if (next_ >= rows_.size()) return false;
    out->assign(1, rows_[next_++]);
    return true;
  }

 private:
  const planner::FunctionScanPlan& plan_;
  ExecContext& ctx_;
  std::vector<Value> rows_;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<Executor> MakeRegexScanExecutor(const planner::FunctionScanPlan& plan, ExecContext& ctx) {
  return std::make_unique<RegexScanExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

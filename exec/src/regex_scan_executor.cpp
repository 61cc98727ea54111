// The set-returning regexp_matches and regexp_split_to_table (utils/adt/regexp.c) and string_to_table
// (varlena.c text_to_table), in FROM or the select list: the rows are computed when the scan starts
// (planner's RegexSetRows, common's StringToArray) and returned one at a time.
#include "common/array_funcs.h"
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
    for (const auto& a : plan_.args) args.push_back(Evaluate(*a, Row{}, ctx_));
    if (plan_.function == "string_to_table") {
      // Not strict: a NULL delimiter splits into characters; a NULL text gives no rows.
      if (args[0].is_null()) return;
      const std::string* delimiter = args[1].is_null() ? nullptr : &args[1].GetString();
      const std::string* null_string = args.size() > 2 && !args[2].is_null() ? &args[2].GetString() : nullptr;
      rows_ = StringToArray(args[0].GetString(), delimiter, null_string).GetArray().items;
      return;
    }
    for (const auto& a : args) {
      if (a.is_null()) return;  // strict: no rows
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

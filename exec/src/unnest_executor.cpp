// unnest(anyarray) in FROM (PostgreSQL 15 arrayfuncs.c array_unnest): one row per element, in storage
// (row-major) order, whatever the number of dimensions; no rows for a NULL or empty array.
#include "common/array.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"

namespace lumadb::exec {

namespace {

class UnnestExecutor : public Executor {
 public:
  UnnestExecutor(const planner::FunctionScanPlan& plan, ExecContext& ctx) : plan_(plan), ctx_(ctx) {}

  void Init() override {
    next_ = 0;
    array_ = Evaluate(*plan_.args.at(0), Row{}, ctx_);
  }

  bool Next(Row* out) override {
    if (array_.is_null() || next_ >= array_.GetArray().items.size()) return false;
    out->assign(1, array_.GetArray().items[next_++]);
    return true;
  }

 private:
  const planner::FunctionScanPlan& plan_;
  ExecContext& ctx_;
  Value array_;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<Executor> MakeUnnestExecutor(const planner::FunctionScanPlan& plan, ExecContext& ctx) {
  return std::make_unique<UnnestExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

// generate_series(start, stop, step) over timestamp and timestamptz (utils/adt/timestamp.c
// generate_series_timestamp[tz]): the step is added with timestamp[tz]_pl_interval, so for timestamptz its
// months and days follow the session zone's wall clock.
#include "common/error.h"
#include "common/interval.h"
#include "common/value_ops.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"

namespace lumadb::exec {

namespace {

class TimestampSeriesExecutor : public Executor {
 public:
  TimestampSeriesExecutor(const planner::FunctionScanPlan& plan, ExecContext& ctx) : plan_(plan), ctx_(ctx) {}

  void Init() override {
    done_ = true;
    std::vector<Value> args;
    for (const auto& a : plan_.args) args.push_back(Evaluate(*a, Row{}, ctx_));
    for (const auto& a : args) {
      if (a.is_null()) return;  // strict: no rows
    }
    step_ = args[2];
    sign_ = CompareIntervals(step_.GetInterval(), Interval{});
    if (sign_ == 0) throw DbError(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
    current_ = args[0];
    stop_ = args[1].GetInt();
    done_ = false;
  }

  bool Next(Row* out) override {
    if (done_) return false;
    PollInterrupts(ctx_);
    const int64_t cur = current_.GetInt();
    if (sign_ > 0 ? cur > stop_ : cur < stop_) return done_ = true, false;
    out->clear();
    out->push_back(current_);
    current_ = Arithmetic(ArithOp::kAdd, current_, step_);
    return true;
  }

 private:
  const planner::FunctionScanPlan& plan_;
  ExecContext& ctx_;
  Value current_;
  Value step_;
  int64_t stop_ = 0;
  int sign_ = 0;
  bool done_ = true;
};

}  // namespace

std::unique_ptr<Executor> MakeTimestampSeriesExecutor(const planner::FunctionScanPlan& plan, ExecContext& ctx) {
  return std::make_unique<TimestampSeriesExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

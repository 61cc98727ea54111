// Nested loop over a lateral right side (nodeNestloop.c with nestParams): for each left row the join sets
// the plan's slots from it and runs the right input again, which reads them. Output: left ++ right; LEFT
// joins pad a left row without any match with NULLs. Only inner and left joins can be lateral (the binder
// rejects the others, as PostgreSQL does).
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "subquery_evaluator.h"

namespace lumadb::exec {

namespace {

class LateralJoinExecutor : public Executor {
 public:
  LateralJoinExecutor(const planner::JoinPlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), left_(BuildExecutor(*plan.left, ctx)) {}

  void Init() override {
    left_->Init();
    right_.reset();
  }

  bool Next(Row* out) override {
    Row right;
    for (;;) {
      if (!right_) {
        if (!left_->Next(&left_row_)) return false;
        SetExecParams(plan_.lateral_params, left_row_, ctx_);
        right_ = BuildExecutor(*plan_.right, ctx_);
        right_->Init();
        matched_ = false;
      }
      while (right_->Next(&right)) {
        Row joined = left_row_;
        joined.insert(joined.end(), right.begin(), right.end());
        if (plan_.condition && !IsTrue(Evaluate(*plan_.condition, joined, ctx_))) continue;
        matched_ = true;
        *out = std::move(joined);
        return true;
      }
      right_.reset();
      if (plan_.join == planner::JoinKind::kLeft && !matched_) {
        *out = left_row_;
        for (const auto& c : plan_.right->output) out->push_back(Value::Null(c.type.id));
        return true;
      }
    }
  }

 private:
  const planner::JoinPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> left_;
  std::unique_ptr<Executor> right_;  // the run for left_row_; null between left rows
  Row left_row_;
  bool matched_ = false;
};

}  // namespace

std::unique_ptr<Executor> MakeLateralJoinExecutor(const planner::JoinPlan& plan, ExecContext& ctx) {
  return std::make_unique<LateralJoinExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

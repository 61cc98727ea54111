// Index nested loop join (PostgreSQL's Nested Loop with a parameterised inner Index Scan): for each outer
// row the inner index scan restarts with bounds computed from that row. Output: outer ++ inner; LEFT joins
// pad an outer row without any match with NULLs.
#include <utility>

#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "index_scan_executor.h"

namespace lumadb::exec {

namespace {

class IndexNestedLoopExecutor : public Executor {
 public:
  IndexNestedLoopExecutor(const planner::IndexNestedLoopPlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), outer_(BuildExecutor(*plan.outer, ctx)), inner_(*plan.inner, ctx) {}

  void Init() override {
    outer_->Init();
    inner_.Open();
    have_outer_ = false;
  }

  bool Next(Row* out) override {
    Row& inner = inner_row_;
    for (;;) {
      if (!have_outer_) {
        if (!outer_->Next(&outer_row_)) return false;
        inner_.Rescan(outer_row_);
        have_outer_ = true;
        matched_ = false;
      }
      while (inner_.Next(&inner)) {
        // Built in a member and swapped out: the caller's previous row becomes the next one's storage.
        combined_ = outer_row_;
        combined_.insert(combined_.end(), inner.begin(), inner.end());
        if (plan_.condition && !IsTrue(Evaluate(*plan_.condition, combined_, ctx_))) continue;
        matched_ = true;
        std::swap(*out, combined_);
        return true;
      }
      have_outer_ = false;
      if (plan_.join == planner::JoinKind::kLeft && !matched_) {
        *out = outer_row_;
        for (const auto& c : plan_.inner->output) out->push_back(Value::Null(c.type.id));
        return true;
      }
    }
  }

 private:
  const planner::IndexNestedLoopPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> outer_;
  IndexScanExecutor inner_;
  Row outer_row_;
  Row inner_row_;
  Row combined_;
  bool have_outer_ = false;
  bool matched_ = false;
};

}  // namespace

std::unique_ptr<Executor> MakeIndexNestedLoopExecutor(const planner::IndexNestedLoopPlan& plan, ExecContext& ctx) {
  return std::make_unique<IndexNestedLoopExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

// Index nested loop join (PostgreSQL's Nested Loop with a parameterised inner Index Scan): for each outer
// row the inner index scan restarts with bounds computed from that row. Output: outer ++ inner; LEFT joins
// pad an outer row without any match with NULLs.
#include <optional>
#include <utility>

#include "exec/explain_analyze.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "index_scan_executor.h"

namespace lumadb::exec {

namespace {

class IndexNestedLoopExecutor : public Executor {
 public:
  IndexNestedLoopExecutor(const planner::IndexNestedLoopPlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), outer_(BuildExecutor(*plan.outer, ctx)), inner_(*plan.inner, ctx) {
    // The inner scan is not built by BuildExecutor: EXPLAIN ANALYZE measures it here, a loop per rescan.
    if (ctx.analyze) inner_instrument_.emplace(*ctx.analyze, *plan.inner);
  }
  ~IndexNestedLoopExecutor() override {
    if (inner_instrument_) inner_instrument_->Finish(inner_);
  }
  IndexNestedLoopExecutor(const IndexNestedLoopExecutor&) = delete;
  IndexNestedLoopExecutor& operator=(const IndexNestedLoopExecutor&) = delete;

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
        if (inner_instrument_) {
          inner_instrument_->EndLoop();
          inner_instrument_->Start();
        }
        inner_.Rescan(outer_row_);
        if (inner_instrument_) inner_instrument_->Stop(false, 0);
        have_outer_ = true;
        matched_ = false;
      }
      while (InnerNext(&inner)) {
        // Built in a member and swapped out: the caller's previous row becomes the next one's storage.
        combined_ = outer_row_;
        combined_.insert(combined_.end(), inner.begin(), inner.end());
        if (plan_.condition && !IsTrue(Evaluate(*plan_.condition, combined_, ctx_))) {
          ++removed_;
          continue;
        }
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

  void ReportAnalyze(planner::NodeActuals* actuals) const override {
    actuals->filtered1 += static_cast<double>(removed_);
  }

 private:
  bool InnerNext(Row* inner) {
    if (!inner_instrument_) return inner_.Next(inner);
    inner_instrument_->Start();
    const bool row = inner_.Next(inner);
    inner_instrument_->Stop(true, row ? 1 : 0);
    return row;
  }

  const planner::IndexNestedLoopPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> outer_;
  IndexScanExecutor inner_;
  Row outer_row_;
  Row inner_row_;
  Row combined_;
  bool have_outer_ = false;
  bool matched_ = false;
  std::optional<NodeInstrument> inner_instrument_;  // under EXPLAIN ANALYZE
  int64_t removed_ = 0;  // joined rows the condition rejected ("Rows Removed by Join Filter")
};

}  // namespace

std::unique_ptr<Executor> MakeIndexNestedLoopExecutor(const planner::IndexNestedLoopPlan& plan, ExecContext& ctx) {
  return std::make_unique<IndexNestedLoopExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

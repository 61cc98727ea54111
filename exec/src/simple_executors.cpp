// The row-at-a-time operators without state beyond a cursor: Values, Filter, Projection.
#include "exec/expression_evaluator.h"
#include "executor_builders.h"

namespace lumadb::exec {

namespace {

/// Emits literal rows (VALUES, and the single empty row of SELECT without FROM).
class ValuesExecutor : public Executor {
 public:
  ValuesExecutor(const planner::ValuesPlan& plan, ExecContext& ctx) : plan_(plan), ctx_(ctx) {}
  void Init() override { next_ = 0; }
  bool Next(Row* out) override {
    if (next_ >= plan_.rows.size()) return false;
    out->clear();
    for (const auto& e : plan_.rows[next_]) out->push_back(Evaluate(*e, Row{}, ctx_));
    ++next_;
    return true;
  }

 private:
  const planner::ValuesPlan& plan_;
  ExecContext& ctx_;
  size_t next_ = 0;
};

/// Passes the rows for which the predicate is true (WHERE, HAVING).
class FilterExecutor : public Executor {
 public:
  FilterExecutor(const planner::FilterPlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), child_(BuildExecutor(*plan.child, ctx)) {}
  void Init() override { child_->Init(); }
  bool Next(Row* out) override {
    while (child_->Next(out)) {
      if (IsTrue(Evaluate(*plan_.predicate, *out, ctx_))) return true;
      ++removed_;
    }
    return false;
  }
  void ReportAnalyze(planner::NodeActuals* actuals) const override {
    actuals->filtered1 += static_cast<double>(removed_);
  }

 private:
  const planner::FilterPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> child_;
  int64_t removed_ = 0;  // rows the predicate rejected (EXPLAIN ANALYZE's "Rows Removed by Filter")
};

/// Computes the select list.
class ProjectionExecutor : public Executor {
 public:
  ProjectionExecutor(const planner::ProjectPlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), child_(BuildExecutor(*plan.child, ctx)) {}
  void Init() override { child_->Init(); }
  void SetTupleBound(int64_t bound) override { child_->SetTupleBound(bound); }
  bool Next(Row* out) override {
    if (!child_->Next(&input_)) return false;
    out->clear();
    out->reserve(plan_.exprs.size());
    for (const auto& e : plan_.exprs) out->push_back(Evaluate(*e, input_, ctx_));
    return true;
  }

 private:
  const planner::ProjectPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> child_;
  Row input_;
};

}  // namespace

std::unique_ptr<Executor> MakeValuesExecutor(const planner::ValuesPlan& plan, ExecContext& ctx) {
  return std::make_unique<ValuesExecutor>(plan, ctx);
}
std::unique_ptr<Executor> MakeFilterExecutor(const planner::FilterPlan& plan, ExecContext& ctx) {
  return std::make_unique<FilterExecutor>(plan, ctx);
}
std::unique_ptr<Executor> MakeProjectionExecutor(const planner::ProjectPlan& plan, ExecContext& ctx) {
  return std::make_unique<ProjectionExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

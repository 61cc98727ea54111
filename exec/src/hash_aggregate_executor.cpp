// Hash aggregation (PostgreSQL's nodeAgg.c, AGG_HASHED and AGG_PLAIN): consumes the input at Init, then
// emits one row per group: group keys followed by aggregate results.
#include <unordered_map>

#include "aggregate_state.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "row_hash.h"

namespace lumadb::exec {

namespace {

class HashAggregateExecutor : public Executor {
 public:
  HashAggregateExecutor(const planner::AggregatePlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), child_(BuildExecutor(*plan.child, ctx)) {}

  void Init() override {
    child_->Init();
    groups_.clear();
    states_.clear();
    index_.clear();
    Row row;
    Row key;  // reused: one allocation per group, not per row
    while (child_->Next(&row)) {
      key.clear();
      for (const auto& g : plan_.groups) key.push_back(Evaluate(*g, row, ctx_));
      // A plain aggregate's one group needs no lookup after the first row.
      size_t group = 0;
      if (!plan_.groups.empty() || groups_.empty()) {
        // find before emplace: emplace builds a node (a copy of the key) even when the group exists.
        auto it = index_.find(key);
        if (it == index_.end()) {
          it = index_.emplace(key, groups_.size()).first;
          AddGroup(key);
        }
        group = it->second;
      }
      auto& states = states_[group];
      for (auto& state : states) state.AddRow(row, ctx_);
    }
    // A plain aggregate (no GROUP BY) yields one row even over empty input.
    if (plan_.groups.empty() && groups_.empty()) AddGroup(Row{});
    next_ = 0;
  }

  bool Next(Row* out) override {
    if (next_ >= groups_.size()) return false;
    *out = groups_[next_];
    for (const auto& s : states_[next_]) out->push_back(s.Finish());
    ++next_;
    return true;
  }

 private:
  void AddGroup(Row key) {
    groups_.push_back(std::move(key));
    std::vector<AggregateState> states;
    for (const auto& spec : plan_.aggregates) states.emplace_back(spec);
    states_.push_back(std::move(states));
  }

  const planner::AggregatePlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> child_;
  std::unordered_map<Row, size_t, RowHash, RowEqual> index_;
  std::vector<Row> groups_;  // in first-seen order
  std::vector<std::vector<AggregateState>> states_;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<Executor> MakeHashAggregateExecutor(const planner::AggregatePlan& plan, ExecContext& ctx) {
  return std::make_unique<HashAggregateExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

// Aggregation over GROUPING SETS / ROLLUP / CUBE (nodeAgg.c with several grouping sets, as the
// MixedAggregate PostgreSQL picks for small inputs): one hash table per set, filled in a single pass
// over the input; the sets are emitted in the plan's order (empty sets first: one row even over no
// input). A key outside the current set reads NULL, and GROUPING(...) has a bit set per argument
// outside it (leftmost argument highest).
#include <algorithm>
#include <unordered_map>

#include "aggregate_state.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "row_hash.h"

namespace lumadb::exec {

namespace {

using planner::AggKind;

class GroupingSetsExecutor : public Executor {
 public:
  GroupingSetsExecutor(const planner::AggregatePlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), child_(BuildExecutor(*plan.child, ctx)) {}

  void Init() override {
    child_->Init();
    tables_.clear();
    tables_.resize(plan_.grouping_sets.size());
    Row row;
    while (child_->Next(&row)) {
      Row all_keys;
      for (const auto& g : plan_.groups) all_keys.push_back(Evaluate(*g, row, ctx_));
      for (size_t s = 0; s < tables_.size(); ++s) {
        Table& t = tables_[s];
        Row key;
        for (int k : plan_.grouping_sets[s]) key.push_back(all_keys[static_cast<size_t>(k)]);
        auto [it, inserted] = t.index.emplace(key, t.keys.size());
        if (inserted) AddGroup(t, std::move(key));
        for (auto& state : t.states[it->second]) state.AddRow(row, ctx_);
      }
    }
    // An empty grouping set has its one row even over no input.
    for (size_t s = 0; s < tables_.size(); ++s) {
      if (plan_.grouping_sets[s].empty() && tables_[s].keys.empty()) AddGroup(tables_[s], Row{});
    }
    set_ = 0;
    next_ = 0;
  }

  bool Next(Row* out) override {
    while (set_ < tables_.size() && next_ >= tables_[set_].keys.size()) {
      ++set_;
      next_ = 0;
    }
    if (set_ >= tables_.size()) return false;
    const std::vector<int>& set = plan_.grouping_sets[set_];
    const Table& t = tables_[set_];
    out->clear();
    for (size_t g = 0; g < plan_.groups.size(); ++g) {
      auto pos = std::find(set.begin(), set.end(), static_cast<int>(g));
      out->push_back(pos == set.end() ? Value::Null(plan_.groups[g]->type.id)
                                      : t.keys[next_][static_cast<size_t>(pos - set.begin())]);
    }
    const auto& states = t.states[next_];
    for (size_t a = 0; a < plan_.aggregates.size(); ++a) {
      const auto& spec = plan_.aggregates[a];
      out->push_back(spec.func->kind == AggKind::kGrouping ? GroupingBits(spec, set) : states[a].Finish());
    }
    ++next_;
    return true;
  }

 private:
  struct Table {
    std::unordered_map<Row, size_t, RowHash, RowEqual> index;
    std::vector<Row> keys;  // in first-seen order
    std::vector<std::vector<AggregateState>> states;
  };

  void AddGroup(Table& t, Row key) {
    t.keys.push_back(std::move(key));
    std::vector<AggregateState> states;
    for (const auto& spec : plan_.aggregates) states.emplace_back(spec);
    t.states.push_back(std::move(states));
  }

  static Value GroupingBits(const planner::AggregateSpec& spec, const std::vector<int>& set) {
    int32_t bits = 0;
    for (int column : spec.grouping_columns) {
      bits = (bits << 1) | (std::find(set.begin(), set.end(), column) == set.end() ? 1 : 0);
    }
    return Value::Int4(bits);
  }

  const planner::AggregatePlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> child_;
  std::vector<Table> tables_;  // one per grouping set, in the plan's order
  size_t set_ = 0;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<Executor> MakeGroupingSetsExecutor(const planner::AggregatePlan& plan, ExecContext& ctx) {
  return std::make_unique<GroupingSetsExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

// Aggregation over GROUPING SETS / ROLLUP / CUBE (nodeAgg.c with several grouping sets, as the
// MixedAggregate PostgreSQL picks for small inputs): one hash table per set, filled in a single pass
// over the input; the sets are emitted in the plan's order (empty sets first: one row even over no
// input). A key outside the current set reads NULL, and GROUPING(...) has a bit set per argument
// outside it (leftmost argument highest). Past work_mem the tables stop taking new groups: each set's
// rows of new groups go to that set's hash partitions, aggregated after its groups in memory are out, as
// the HashAggregate executor does for one set (nodeAgg.c keeps a spill per grouping set likewise).
#include <algorithm>
#include <unordered_map>

#include "aggregate_state.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "hash_spill.h"
#include "memory_accounting.h"
#include "row_hash.h"
#include "spill_file.h"

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
    memory_ = 0;
    spilling_ = false;
    Row row;
    while (child_->Next(&row)) {
      Row all_keys = AllKeys(row);
      for (size_t s = 0; s < tables_.size(); ++s) Consume(s, row, all_keys);
    }
    for (size_t s = 0; s < tables_.size(); ++s) EndPass(tables_[s]);
    // An empty grouping set has its one row even over no input.
    for (size_t s = 0; s < tables_.size(); ++s) {
      if (plan_.grouping_sets[s].empty() && tables_[s].keys.empty()) AddGroup(tables_[s], Row{});
    }
    set_ = 0;
    next_ = 0;
  }

  bool Next(Row* out) override {
    while (set_ < tables_.size() && next_ >= tables_[set_].keys.size()) {
      if (!tables_[set_].batches.empty()) {
        Refill(set_);
        continue;
      }
      tables_[set_] = Table{};  // its groups are out: free them (and its files)
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
  // A spilled partition of one set waiting for its pass.
  struct Batch {
    std::shared_ptr<SpillPartitions> spill;
    size_t partition;
    int used_bits;
  };
  struct Table {
    std::unordered_map<Row, size_t, RowHash, RowEqual> index;
    std::vector<Row> keys;  // in first-seen order
    std::vector<std::vector<AggregateState>> states;
    std::shared_ptr<SpillPartitions> spill;  // rows of new groups, in spill mode
    int used_bits = 0;                       // hash bits earlier passes of this set took
    int spill_bits = 0;
    std::vector<Batch> batches;
  };

  Row AllKeys(const Row& row) {
    Row all_keys;
    for (const auto& g : plan_.groups) all_keys.push_back(Evaluate(*g, row, ctx_));
    return all_keys;
  }

  // Aggregates row into set s's group, or spills it when the group is new and the tables are full.
  void Consume(size_t s, const Row& row, const Row& all_keys) {
    Table& t = tables_[s];
    Row key;
    for (int k : plan_.grouping_sets[s]) key.push_back(all_keys[static_cast<size_t>(k)]);
    auto it = t.index.find(key);
    if (it == t.index.end()) {
      if (spilling_ && !key.empty() && StartSpill(t)) {
        t.spill->Add(SpillPartition(SpillHash(key), t.used_bits, t.spill_bits), row);
        return;
      }
      memory_ += 2 * RowBytes(key) + kGroupOverheadBytes;
      it = t.index.emplace(key, t.keys.size()).first;
      AddGroup(t, std::move(key));
    }
    for (auto& state : t.states[it->second]) {
      if (!state.Grows()) {
        state.AddRow(row, ctx_);
        continue;
      }
      const size_t before = state.MemoryBytes();
      state.AddRow(row, ctx_);
      memory_ += state.MemoryBytes() - before;
    }
    if (memory_ > WorkMemBytes(ctx_.work_mem_kb) && ctx_.temp_files) spilling_ = true;
  }

  // The set's partitions for this pass, made at its first new group in spill mode; false when no hash
  // bits are left (the table then just grows).
  bool StartSpill(Table& t) {
    if (t.spill) return true;
    t.spill_bits = SpillPartitionBits(ctx_.work_mem_kb, t.used_bits);
    if (t.spill_bits == 0) return false;
    t.spill = std::make_shared<SpillPartitions>(NewTempFile(ctx_), size_t{1} << t.spill_bits);
    return true;
  }

  void EndPass(Table& t) {
    if (!t.spill) return;
    t.spill->Finish();
    for (size_t p = 0; p < t.spill->size(); ++p) {
      if (t.spill->run(p).rows > 0) t.batches.push_back({t.spill, p, t.used_bits + t.spill_bits});
    }
    t.spill.reset();
  }

  // Set s's groups are out: its table is refilled from its last batch.
  void Refill(size_t s) {
    Table& t = tables_[s];
    Batch batch = std::move(t.batches.back());
    t.batches.pop_back();
    t.index.clear();
    t.keys.clear();
    t.states.clear();
    t.used_bits = batch.used_bits;
    memory_ = 0;
    spilling_ = false;
    next_ = 0;
    SpillReader reader(batch.spill->file().get(), &batch.spill->run(batch.partition));
    Row row;
    while (reader.Next(&row)) {
      PollInterrupts(ctx_);
      Consume(s, row, AllKeys(row));
    }
    batch.spill.reset();
    EndPass(t);
  }

  void AddGroup(Table& t, Row key) {
    t.keys.push_back(std::move(key));
    std::vector<AggregateState> states;
    for (const auto& spec : plan_.aggregates) {
      states.emplace_back(spec);
      memory_ += states.back().MemoryBytes();
    }
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
  size_t memory_ = 0;          // bytes of the groups in memory, all sets together
  bool spilling_ = false;      // past work_mem: new groups go to partitions
  size_t set_ = 0;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<Executor> MakeGroupingSetsExecutor(const planner::AggregatePlan& plan, ExecContext& ctx) {
  return std::make_unique<GroupingSetsExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

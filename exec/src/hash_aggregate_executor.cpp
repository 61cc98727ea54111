// Hash aggregation (PostgreSQL's nodeAgg.c, AGG_HASHED and AGG_PLAIN): consumes the input at Init, then
// emits one row per group: group keys followed by aggregate results. When the groups pass work_mem the
// table stops taking new groups (nodeAgg.c's spill mode, PostgreSQL 13+): rows of groups already in it
// are still aggregated, rows of new groups go to hash partitions in a temporary file, and each partition
// is aggregated by a later pass once the table's groups are out (it may spill again, on further hash bits).
#include <unordered_map>

#include "aggregate_state.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "hash_spill.h"
#include "memory_accounting.h"
#include "planner/spill_stats.h"
#include "row_hash.h"
#include "spill_file.h"

namespace lumadb::exec {

namespace {

class HashAggregateExecutor : public Executor {
 public:
  HashAggregateExecutor(const planner::AggregatePlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), child_(BuildExecutor(*plan.child, ctx)) {}

  void Init() override {
    child_->Init();
    batches_.clear();
    batches_used_ = 1;
    peak_memory_ = disk_bytes_ = 0;
    StartPass(0);
    Row row;
    while (child_->Next(&row)) Consume(row);
    EndPass();
    // A plain aggregate (no GROUP BY) yields one row even over empty input.
    if (plan_.groups.empty() && groups_.empty()) AddGroup(Row{});
    RecordStats();
  }

  bool Next(Row* out) override {
    while (next_ >= groups_.size()) {
      if (batches_.empty()) {
        RecordStats();
        return false;
      }
      RefillFromBatch();
    }
    *out = std::move(groups_[next_]);
    for (const auto& s : states_[next_]) out->push_back(s.Finish());
    ++next_;
    return true;
  }

 private:
  // A spilled partition waiting for its pass (nodeAgg.c HashAggBatch).
  struct Batch {
    std::shared_ptr<SpillPartitions> spill;
    size_t partition;
    int used_bits;
  };

  void StartPass(int used_bits) {
    groups_.clear();
    states_.clear();
    state_bytes_.clear();
    index_.clear();
    memory_ = 0;
    next_ = 0;
    used_bits_ = used_bits;
    spill_.reset();
  }

  void Consume(const Row& row) {
    key_.clear();  // reused: one allocation per group, not per row
    for (const auto& g : plan_.groups) key_.push_back(Evaluate(*g, row, ctx_));
    size_t g = 0;
    // A plain aggregate's one group needs no lookup after the first row.
    if (!plan_.groups.empty() || groups_.empty()) {
      // find before emplace: emplace builds a node (a copy of the key) even when the group exists.
      auto it = index_.find(key_);
      if (it == index_.end()) {
        if (spill_) {
          const uint64_t hash = SpillHash(key_);
          spill_->Add(SpillPartition(hash, used_bits_, spill_bits_), row);
          return;
        }
        memory_ += 2 * RowBytes(key_) + kGroupOverheadBytes;
        it = index_.emplace(key_, groups_.size()).first;
        AddGroup(key_);
      }
      g = it->second;
    }
    auto& states = states_[g];
    for (auto& state : states) state.AddRow(row, ctx_);
    if (grows_) {
      size_t bytes = 0;
      for (const auto& state : states) bytes += state.MemoryBytes();
      memory_ += bytes - state_bytes_[g];
      state_bytes_[g] = bytes;
    }
    peak_memory_ = std::max(peak_memory_, memory_);
    if (!spill_ && memory_ > WorkMemBytes(ctx_.work_mem_kb) && !plan_.groups.empty()) StartSpill();
  }

  // hash_agg_enter_spill_mode: new groups from here on go to partitions (unless no hash bits are left or
  // there is nowhere to write, when the table just grows).
  void StartSpill() {
    spill_bits_ = SpillPartitionBits(ctx_.work_mem_kb, used_bits_);
    auto file = spill_bits_ > 0 ? NewTempFile(ctx_) : nullptr;
    if (!file) return;
    spill_ = std::make_shared<SpillPartitions>(std::move(file), size_t{1} << spill_bits_);
  }

  // hashagg_spill_finish: the non-empty partitions become batches.
  void EndPass() {
    if (!spill_) return;
    spill_->Finish();
    disk_bytes_ += spill_->file()->size();
    for (size_t p = 0; p < spill_->size(); ++p) {
      if (spill_->run(p).rows == 0) continue;
      batches_.push_back({spill_, p, used_bits_ + spill_bits_});
      ++batches_used_;
    }
    spill_.reset();
  }

  // agg_refill_hash_table: the last batch spilled is aggregated next (its file goes with its last batch).
  void RefillFromBatch() {
    Batch batch = std::move(batches_.back());
    batches_.pop_back();
    StartPass(batch.used_bits);
    SpillReader reader(batch.spill->file().get(), &batch.spill->run(batch.partition));
    Row row;
    while (reader.Next(&row)) {
      PollInterrupts(ctx_);
      Consume(row);
    }
    batch.spill.reset();
    EndPass();
  }

  void AddGroup(Row key) {
    groups_.push_back(std::move(key));
    std::vector<AggregateState> states;
    size_t bytes = 0;
    for (const auto& spec : plan_.aggregates) {
      states.emplace_back(spec);
      bytes += states.back().MemoryBytes();
      grows_ = grows_ || states.back().Grows();
    }
    memory_ += bytes;
    states_.push_back(std::move(states));
    state_bytes_.push_back(bytes);
  }

  // explain.c show_hashagg_info's figures.
  void RecordStats() {
    if (!ctx_.spill_stats || plan_.groups.empty()) return;
    planner::SpillStats s;
    s.kind = planner::SpillStats::Kind::kHashAggregate;
    s.batches = batches_used_;
    s.memory_kb = KiloBytes(peak_memory_);
    s.disk_kb = KiloBytes(disk_bytes_);
    (*ctx_.spill_stats)[&plan_] = s;
  }

  const planner::AggregatePlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> child_;
  Row key_;  // the current row's group key (Consume)
  std::unordered_map<Row, size_t, RowHash, RowEqual> index_;
  std::vector<Row> groups_;  // in first-seen order
  std::vector<std::vector<AggregateState>> states_;
  std::vector<size_t> state_bytes_;  // per group: its states' MemoryBytes when last measured
  bool grows_ = false;               // some aggregate's state grows with its inputs
  size_t memory_ = 0;                // the table's bytes, compared with work_mem
  size_t peak_memory_ = 0;
  uint64_t disk_bytes_ = 0;  // bytes written to temporary files, all passes
  int64_t batches_used_ = 1;
  std::shared_ptr<SpillPartitions> spill_;  // this pass's partitions, once in spill mode
  int used_bits_ = 0;                       // hash bits the partitions of earlier passes took
  int spill_bits_ = 0;                      // log2 of this pass's partitions
  std::vector<Batch> batches_;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<Executor> MakeHashAggregateExecutor(const planner::AggregatePlan& plan, ExecContext& ctx) {
  return std::make_unique<HashAggregateExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

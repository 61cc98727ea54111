#include "parallel_hash_join.h"

#include "catalog/catalog.h"
#include "common/error.h"
#include "executor_builders.h"
#include "hash_join_table.h"
#include "join_rows.h"

namespace lumadb::exec {

namespace {

constexpr size_t kPartitions = size_t{1} << ParallelHashJoin::kPartitionBits;

// One side of a partition: its runs in every participant's file, read one after the other.
class PartitionScan : public Executor {
 public:
  explicit PartitionScan(std::vector<std::pair<storage::TempFile*, const SpillRun*>> runs) : runs_(std::move(runs)) {}

  void Init() override {
    next_ = 0;
    reader_.reset();
  }

  bool Next(Row* out) override {
    while (next_ < runs_.size()) {
      if (!reader_) reader_.emplace(runs_[next_].first, runs_[next_].second);
      if (reader_->Next(out)) return true;
      reader_.reset();
      ++next_;
    }
    return false;
  }

 private:
  std::vector<std::pair<storage::TempFile*, const SpillRun*>> runs_;
  size_t next_ = 0;
  std::optional<SpillReader> reader_;
};

}  // namespace

ParallelHashJoin::ParallelHashJoin(const planner::JoinPlan& plan, ExecContext& ctx)
    : plan_(plan),
      outer_scan_(plan.left->As<planner::SeqScanPlan>()),
      inner_scan_(plan.right->As<planner::SeqScanPlan>()),
      ctx_(ctx),
      outer_locker_(ctx, *outer_scan_.table, outer_scan_.row_lock, outer_scan_.wait),
      inner_locker_(ctx, *inner_scan_.table, inner_scan_.row_lock, inner_scan_.wait) {}

bool ParallelHashJoin::LockRelations() {
  LUMADB_ASSERT(ctx_.catalog != nullptr, "table scan without a catalog");
  outer_locker_.LockRelation();
  inner_locker_.LockRelation();
  const bool quiet = (outer_locker_.QuietReads() && inner_locker_.QuietReads()) || ctx_.locks == nullptr;
  return quiet && ctx_.temp_files != nullptr;
}

void ParallelHashJoin::Open(const std::vector<ExecContext*>& contexts, const std::atomic<bool>* stop) {
  const storage::HeapFile& outer_heap = ctx_.catalog->Heap(*outer_scan_.table);
  const storage::HeapFile& inner_heap = ctx_.catalog->Heap(*inner_scan_.table);
  outer_claims_.emplace(outer_heap.PageCount());
  inner_claims_.emplace(inner_heap.PageCount());
  next_partition_ = 0;
  stop_ = stop;
  participants_.clear();
  for (size_t i = 0; i < contexts.size(); ++i) {
    auto p = std::make_unique<Participant>();
    p->ctx = contexts[i];
    p->outer.scanner.emplace(outer_scan_, *p->ctx, outer_locker_, i == 0);
    p->outer.scanner->Open(outer_heap, &*outer_claims_, stop);
    p->inner.scanner.emplace(inner_scan_, *p->ctx, inner_locker_, i == 0);
    p->inner.scanner->Open(inner_heap, &*inner_claims_, stop);
    // Created here, on the leader's thread; each is then written by its participant only.
    p->outer.parts = std::make_unique<SpillPartitions>(NewTempFile(ctx_), kPartitions);
    p->inner.parts = std::make_unique<SpillPartitions>(NewTempFile(ctx_), kPartitions);
    participants_.push_back(std::move(p));
  }
}

void ParallelHashJoin::Add(ExecContext& ctx, Side& side, const std::vector<planner::BoundExprPtr>& keys, const Row& row,
                           Row* key) {
  key->clear();
  if (!EvaluateKeys(keys, row, ctx, key)) return;
  // The top bits: HashJoinTable batches a partition further on the low ones and finds buckets in the middle.
  side.parts->Add(HashJoinTable::Hash(*key) >> (64 - kPartitionBits), row);
}

void ParallelHashJoin::Scatter(ExecContext& ctx, Side& side, const std::vector<planner::BoundExprPtr>& keys) {
  Row row, key;
  while (side.scanner->Next(&row)) {
    ++side.rows;
    Add(ctx, side, keys, row, &key);
  }
}

void ParallelHashJoin::Partition(size_t i) {
  Participant& p = *participants_[i];
  Scatter(*p.ctx, p.inner, plan_.right_keys);
  Scatter(*p.ctx, p.outer, plan_.left_keys);
}

void ParallelHashJoin::FinishPartitioning() {
  Participant& leader = *participants_[0];
  Row key;
  for (size_t i = 1; i < participants_.size(); ++i) {
    Participant& worker = *participants_[i];
    leader.inner.scanner->ReadDeferred(worker.inner.scanner->deferred(), [&](const Row& row) {
      ++worker.inner.rows;
      Add(*leader.ctx, leader.inner, plan_.right_keys, row, &key);
    });
    leader.outer.scanner->ReadDeferred(worker.outer.scanner->deferred(), [&](const Row& row) {
      ++worker.outer.rows;
      Add(*leader.ctx, leader.outer, plan_.left_keys, row, &key);
    });
  }
  for (const auto& p : participants_) {
    for (SpillPartitions* parts : {p->outer.parts.get(), p->inner.parts.get()}) {
      parts->Finish();
      // A read flushes the file's write buffer: from here on the file only serves preads, from any thread.
      parts->file()->ReadAt(parts->file()->size(), {});
    }
  }
}

void ParallelHashJoin::Join(size_t i, const std::function<void(const Row&)>& consume) {
  ExecContext& ctx = *participants_[i]->ctx;
  Row row;
  for (;;) {
    if (stop_ != nullptr && stop_->load(std::memory_order_relaxed)) return;
    const size_t k = next_partition_.fetch_add(1, std::memory_order_relaxed);
    if (k >= kPartitions) return;
    std::vector<std::pair<storage::TempFile*, const SpillRun*>> outer, inner;
    for (const auto& p : participants_) {
      outer.emplace_back(p->outer.parts->file().get(), &p->outer.parts->run(k));
      inner.emplace_back(p->inner.parts->file().get(), &p->inner.parts->run(k));
    }
    auto join = MakeHashJoinExecutor(plan_, ctx, std::make_unique<PartitionScan>(std::move(outer)),
                                     std::make_unique<PartitionScan>(std::move(inner)));
    join->Init();
    while (join->Next(&row)) consume(row);
  }
}

void ParallelHashJoin::ReleaseFiles() {
  for (const auto& p : participants_) {
    p->outer.parts.reset();
    p->inner.parts.reset();
  }
}

int64_t ParallelHashJoin::ScannedRows(size_t i, bool outer) const {
  const Participant& p = *participants_[i];
  return outer ? p.outer.rows : p.inner.rows;
}

int64_t ParallelHashJoin::RemovedRows(size_t i, bool outer) const {
  const Participant& p = *participants_[i];
  return (outer ? p.outer : p.inner).scanner->removed();
}

}  // namespace lumadb::exec

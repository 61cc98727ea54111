// Finalize Aggregate -> Gather -> Partial Aggregate -> Parallel Seq Scan (nodeGather.c, nodeAgg.c's split
// aggregation, heapam's parallel block allocation), run as one executor: the session thread (the leader,
// participating as parallel_leader_participation) and up to Workers Planned threads each claim chunks of
// pages, aggregate their rows into their own groups, and the leader combines the groups' states
// (AggregateState::Combine). Below the Partial Aggregate may also be a Parallel Hash Join of two Parallel
// Seq Scans (parallel_hash_join.h): the threads then run its two phases, the second one aggregating the
// joined rows. exec/README.md "Parallel aggregation" states the rules.
//
// Threads: a worker has its own ExecContext (a copy without the transaction) and only reads pages and
// evaluates parallel-safe expressions (planner/src/parallel_plan.cpp). Rows that need a row lock (a page
// copied while a writer held the table, a mark-deleted tuple) are left to the leader, which locks them as a
// serial scan would once the workers are done. Workers are only started for quiet reads (READ COMMITTED /
// READ UNCOMMITTED plain reads); otherwise the leader runs alone (Workers Launched: 0). A worker's error
// stops the others and is rethrown by the leader; a cancel or statement_timeout seen by the leader stops the
// workers; every thread is joined before Init returns or throws, and again by the destructor.
#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "aggregate_state.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "common/value_ops.h"
#include "exec/explain_analyze.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "heap_scanner.h"
#include "parallel_hash_join.h"
#include "parallel_workers.h"
#include "row_hash.h"

namespace lumadb::exec {

namespace {

using Clock = std::chrono::steady_clock;

// One participant's groups (first-seen order) and their aggregate states.
struct PartialGroups {
  std::unordered_map<Row, size_t, RowHash, RowEqual> index;
  std::vector<Row> keys;
  std::vector<std::vector<AggregateState>> states;

  void AddGroup(const planner::AggregatePlan& plan, Row key) {
    index.emplace(key, keys.size());
    keys.push_back(std::move(key));
    std::vector<AggregateState> group;
    for (const auto& spec : plan.aggregates) group.emplace_back(spec);
    states.push_back(std::move(group));
  }

  // One input row (HashAggregateExecutor::Consume without the spill: see parallel_plan.cpp's limits).
  void Consume(const planner::AggregatePlan& plan, const Row& row, ExecContext& ctx, Row* key) {
    size_t g = 0;
    if (!plan.groups.empty()) {
      key->clear();
      for (const auto& e : plan.groups) key->push_back(Evaluate(*e, row, ctx));
      auto it = index.find(*key);
      if (it == index.end()) {
        AddGroup(plan, *key);
        it = index.find(*key);
      }
      g = it->second;
    }
    for (auto& state : states[g]) state.AddRow(row, ctx);
  }

  // Adds `other`'s groups: new keys are moved in, known ones combined (the Finalize step).
  void Combine(PartialGroups&& other) {
    for (size_t i = 0; i < other.keys.size(); ++i) {
      auto it = index.find(other.keys[i]);
      if (it == index.end()) {
        index.emplace(other.keys[i], keys.size());
        keys.push_back(std::move(other.keys[i]));
        states.push_back(std::move(other.states[i]));
        continue;
      }
      auto& mine = states[it->second];
      for (size_t a = 0; a < mine.size(); ++a) mine[a].Combine(other.states[i][a]);
    }
  }
};

// A participant: its context, scan and groups, and what it measured.
struct Participant {
  // The leader works in the statement's context; a worker in a copy (WorkerContext) that keeps the temporary
  // files a Parallel Hash Join writes.
  Participant(ExecContext& leader_ctx, bool leader) {
    if (leader) {
      ctx = &leader_ctx;
      return;
    }
    own.emplace(WorkerContext(leader_ctx, true));
    ctx = &*own;
  }
  std::optional<ExecContext> own;
  ExecContext* ctx = nullptr;
  size_t index = 0;  // 0: the leader
  std::optional<HeapScanner> scanner;
  PartialGroups groups;
  int64_t rows = 0;       // the rows it aggregated
  size_t groups_out = 0;  // the groups it passed to the Finalize step
  double ms = 0;
};

class ParallelAggregateExecutor : public Executor {
 public:
  ParallelAggregateExecutor(const planner::AggregatePlan& plan, ExecContext& ctx)
      : gather_(plan.child->As<planner::GatherPlan>()),
        sorted_(gather_.child->kind == planner::PlanKind::kSort),
        partial_(
            (sorted_ ? *gather_.child->As<planner::SortPlan>().child : *gather_.child).As<planner::AggregatePlan>()),
        ctx_(ctx) {
    if (partial_.child->kind == planner::PlanKind::kJoin) {
      join_plan_ = &partial_.child->As<planner::JoinPlan>();
      join_.emplace(*join_plan_, ctx);
    } else {
      scan_ = &partial_.child->As<planner::SeqScanPlan>();
      locker_.emplace(ctx, *scan_->table, scan_->row_lock, scan_->wait);
    }
  }

  ~ParallelAggregateExecutor() override { threads_.Stop(); }

  void Init() override {
    LUMADB_ASSERT(ctx_.catalog != nullptr, "table scan without a catalog");
    const auto start = Clock::now();
    result_ = PartialGroups{};
    next_ = 0;
    // Workers read without row locks only: none for a scan whose reads must lock (REPEATABLE READ...).
    const bool quiet = join_ ? join_->LockRelations() : LockScan();
    const int launch = quiet ? LaunchableWorkers(ctx_, gather_.workers) : 0;
    participants_.clear();
    for (int i = 0; i <= launch; ++i) {
      participants_.push_back(std::make_unique<Participant>(ctx_, i == 0));
      participants_.back()->index = static_cast<size_t>(i);
      // A plain aggregate has its one group even over no rows.
      if (partial_.groups.empty()) participants_.back()->groups.AddGroup(partial_, Row{});
    }
    try {
      if (join_) {
        RunJoin();
      } else {
        OpenScans();
        StartWorkers(&ParallelAggregateExecutor::Run);
        Run(*participants_[0]);
        threads_.Wait(ctx_);
      }
      Finish();
    } catch (...) {
      threads_.Stop();
      throw;
    }
    Record(start, launch);
  }

  bool Next(Row* out) override {
    if (next_ >= order_.size()) return false;
    const size_t g = order_[next_++];
    *out = std::move(result_.keys[g]);
    for (const auto& s : result_.states[g]) out->push_back(s.Finish());
    return true;
  }

 private:
  bool LockScan() {
    LUMADB_ASSERT(ctx_.catalog != nullptr, "table scan without a catalog");
    locker_->LockRelation();
    return locker_->QuietReads() || ctx_.locks == nullptr;
  }

  void OpenScans() {
    const storage::HeapFile& heap = ctx_.catalog->Heap(*scan_->table);
    claims_.emplace(heap.PageCount());
    for (size_t i = 0; i < participants_.size(); ++i) {
      Participant& p = *participants_[i];
      p.scanner.emplace(*scan_, *p.ctx, *locker_, i == 0);
      p.scanner->Open(heap, &*claims_, threads_.stop());
    }
  }

  void Run(Participant& p) {
    const auto start = Clock::now();
    Row row, key;
    while (p.scanner->Next(&row)) {
      ++p.rows;
      p.groups.Consume(partial_, row, *p.ctx, &key);
    }
    p.ms += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  }

  // The join's two phases, each on every participant; between them the leader reads the rows the workers
  // left it. Without workers (locking reads, no temporary files) the leader runs the serial hash join.
  void RunJoin() {
    if (participants_.size() == 1) {
      auto join = BuildExecutor(*join_plan_, ctx_);
      join->Init();
      Consume(*participants_[0], *join);
      return;
    }
    std::vector<ExecContext*> contexts;
    for (const auto& p : participants_) contexts.push_back(p->ctx);
    join_->Open(contexts, threads_.stop());
    StartWorkers(&ParallelAggregateExecutor::PartitionPhase);
    PartitionPhase(*participants_[0]);
    threads_.Wait(ctx_);
    join_->FinishPartitioning();
    StartWorkers(&ParallelAggregateExecutor::JoinPhase);
    JoinPhase(*participants_[0]);
    threads_.Wait(ctx_);
    join_->ReleaseFiles();  // rather than at the end of the statement: the groups are all that is left
  }

  void Consume(Participant& p, Executor& input) {
    const auto start = Clock::now();
    Row row, key;
    while (input.Next(&row)) {
      ++p.rows;
      p.groups.Consume(partial_, row, *p.ctx, &key);
    }
    p.ms += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  }

  void PartitionPhase(Participant& p) {
    const auto start = Clock::now();
    join_->Partition(p.index);
    p.ms += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  }

  void JoinPhase(Participant& p) {
    const auto start = Clock::now();
    Row key;
    join_->Join(p.index, [&](const Row& row) {
      ++p.rows;
      p.groups.Consume(partial_, row, *p.ctx, &key);
    });
    p.ms += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  }

  // Runs `phase` on every worker's participant, each in its own thread.
  void StartWorkers(void (ParallelAggregateExecutor::*phase)(Participant&)) {
    threads_.Start(participants_.size() - 1, [this, phase](size_t i) { (this->*phase)(*participants_[i]); });
  }

  // The rows the workers could not read without a row lock, then the Finalize step.
  void Finish() {
    Participant& leader = *participants_[0];
    Row key;
    for (size_t i = 1; i < participants_.size() && !join_; ++i) {
      leader.scanner->ReadDeferred(participants_[i]->scanner->deferred(), [&](const Row& row) {
        ++participants_[i]->rows;
        leader.groups.Consume(partial_, row, *leader.ctx, &key);
      });
    }
    for (auto& p : participants_) {
      p->groups_out = p->groups.keys.size();
      result_.Combine(std::move(p->groups));
    }
    order_.resize(result_.keys.size());
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    if (!sorted_) return;
    // The Finalize GroupAggregate's order: ascending on the group keys, NULLs last (keys are distinct).
    std::sort(order_.begin(), order_.end(), [this](size_t a, size_t b) {
      const Row& x = result_.keys[a];
      const Row& y = result_.keys[b];
      for (size_t i = 0; i < x.size(); ++i) {
        if (x[i].is_null() || y[i].is_null()) {
          if (x[i].is_null() != y[i].is_null()) return y[i].is_null();
          continue;
        }
        const int c = CompareValues(x[i], y[i]);
        if (c != 0) return c < 0;
      }
      return false;
    });
  }

  // EXPLAIN ANALYZE's figures of the Gather, the Partial Aggregate and the Parallel Seq Scan or Parallel
  // Hash Join, whose executors are this one: a loop per participant below the Gather (the leader's serial
  // join records its own).
  void Record(Clock::time_point start, int launched) {
    if (!ctx_.analyze) return;
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    planner::NodeActuals& gather = ctx_.analyze->At(gather_);
    planner::NodeActuals& partial = ctx_.analyze->At(partial_);
    const std::string n = std::to_string(launched);
    planner::AnalyzeDetail detail{"Workers Launched: " + n, {planner::ExplainProp::Number("Workers Launched", n)}, ""};
    if (!sorted_) detail.props.push_back(planner::ExplainProp::Number("Single Copy", "false"));
    gather.details.push_back(std::move(detail));
    gather.loops += 1;
    gather.startup_ms += ms;
    gather.total_ms += ms;
    for (const auto& p : participants_) {
      gather.rows += static_cast<double>(p->groups_out);
      partial.loops += 1;
      partial.rows += static_cast<double>(p->groups_out);
      partial.startup_ms += p->ms;
      partial.total_ms += p->ms;
      if (scan_ != nullptr) {
        RecordScan(*scan_, p->rows, p->scanner->removed(), p->ms);
      } else if (participants_.size() > 1) {
        planner::NodeActuals& join = ctx_.analyze->At(*join_plan_);
        join.loops += 1;
        join.rows += static_cast<double>(p->rows);
        join.total_ms += p->ms;
        for (const bool outer : {true, false}) {
          RecordScan((outer ? *join_plan_->left : *join_plan_->right).As<planner::SeqScanPlan>(),
                     join_->ScannedRows(p->index, outer), join_->RemovedRows(p->index, outer), p->ms);
        }
      }
    }
    // A Gather Merge's Sort passes each participant's groups on, sorted.
    if (sorted_) ctx_.analyze->At(*gather_.child) = partial;
  }

  void RecordScan(const planner::SeqScanPlan& plan, int64_t rows, int64_t removed, double ms) {
    planner::NodeActuals& scan = ctx_.analyze->At(plan);
    scan.loops += 1;
    scan.rows += static_cast<double>(rows);
    scan.filtered1 += static_cast<double>(removed);
    scan.total_ms += ms;
  }

  const planner::GatherPlan& gather_;
  bool sorted_;  // a Gather Merge over a Sort on the group keys: groups come out in key order
  const planner::AggregatePlan& partial_;
  const planner::SeqScanPlan* scan_ = nullptr;    // the Parallel Seq Scan below partial_, or
  const planner::JoinPlan* join_plan_ = nullptr;  // the Parallel Hash Join there
  ExecContext& ctx_;
  std::optional<RowLocker> locker_;       // the scan's
  std::optional<ParallelHashJoin> join_;  // the join's
  std::optional<ParallelPageClaims> claims_;
  std::vector<std::unique_ptr<Participant>> participants_;
  WorkerThreads threads_;
  PartialGroups result_;
  std::vector<size_t> order_;  // the groups of result_ in output order
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<Executor> MakeParallelAggregateExecutor(const planner::AggregatePlan& plan, ExecContext& ctx) {
  return std::make_unique<ParallelAggregateExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

// Gather Merge -> Sort -> Parallel Seq Scan under a Limit (nodeGatherMerge.c over nodeSort.c's bounded
// sort, planner/src/parallel_top_n.cpp plans it), run as one executor: the session thread (the leader,
// participating as parallel_leader_participation) and up to Workers Planned threads each claim chunks of
// pages and sort the rows they read with their own Sort, a top-N heapsort of the Limit's count + offset
// rows (SetTupleBound); the leader then merges the participants' sorted rows. With no worker started
// (REPEATABLE READ, SERIALIZABLE, max_parallel_workers = 0) the leader's Sort is the serial plan's.
// Threads, errors and the rows a worker must leave to the leader follow exec/README.md "Parallel
// aggregation".
#include <algorithm>
#include <chrono>

#include "catalog/catalog.h"
#include "common/error.h"
#include "common/value_ops.h"
#include "exec/explain_analyze.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "heap_scanner.h"
#include "parallel_workers.h"

namespace lumadb::exec {

namespace {

using Clock = std::chrono::steady_clock;

// A participant's input to its Sort: the rows of its scan, then for the leader the rows the workers left
// it (read once they are done, `finish`).
class ScanInput : public Executor {
 public:
  ScanInput(HeapScanner& scanner, std::function<void(std::vector<Row>*)> finish)
      : scanner_(scanner), finish_(std::move(finish)) {}
  void Init() override {}
  bool Next(Row* out) override {
    if (!scanned_) {
      if (scanner_.Next(out)) return ++rows_, true;
      scanned_ = true;
      if (finish_) finish_(&left_);
    }
    if (next_ >= left_.size()) return false;
    *out = std::move(left_[next_++]);
    return ++rows_, true;
  }
  int64_t rows() const { return rows_; }

 private:
  HeapScanner& scanner_;
  std::function<void(std::vector<Row>*)> finish_;
  bool scanned_ = false;
  std::vector<Row> left_;  // the workers' deferred rows (the leader's input only)
  size_t next_ = 0;
  int64_t rows_ = 0;
};

// A participant: its context, scan, Sort and its current row in the merge.
struct TopNParticipant {
  std::optional<ExecContext> own;  // a worker's; the leader works in the statement's
  ExecContext* ctx = nullptr;
  std::optional<HeapScanner> scanner;
  ScanInput* input = nullptr;
  std::unique_ptr<Executor> sort;
  double ms = 0;
  Row row;   // the next row it passes to the merge
  Row keys;  // its sort keys
  bool has_row = false;
  int64_t merged = 0;
};

class ParallelTopNExecutor : public Executor {
 public:
  ParallelTopNExecutor(const planner::GatherPlan& plan, ExecContext& ctx)
      : gather_(plan),
        sort_(plan.child->As<planner::SortPlan>()),
        scan_(sort_.child->As<planner::SeqScanPlan>()),
        ctx_(ctx),
        locker_(ctx, *scan_.table, scan_.row_lock, scan_.wait) {}

  void SetTupleBound(int64_t bound) override { bound_ = bound; }

  void Init() override {
    LUMADB_ASSERT(ctx_.catalog != nullptr, "table scan without a catalog");
    locker_.LockRelation();
    // Workers read without row locks only: none for a scan whose reads must lock (REPEATABLE READ...).
    const bool quiet = locker_.QuietReads() || ctx_.locks == nullptr;
    launched_ = quiet ? std::max(LaunchableWorkers(ctx_, gather_.workers), 0) : 0;
    Open();
    try {
      threads_.Start(static_cast<size_t>(launched_), [this](size_t i) { SortRows(*participants_[i]); });
      SortRows(*participants_[0]);
      threads_.Wait(ctx_);  // the leader's input already waited; this rethrows nothing new
    } catch (...) {
      threads_.Stop();
      throw;
    }
    for (auto& p : participants_) Advance(*p);
    Record();
  }

  bool Next(Row* out) override {
    TopNParticipant* best = nullptr;
    for (auto& p : participants_) {
      if (p->has_row && (best == nullptr || Compare(p->keys, best->keys) < 0)) best = p.get();
    }
    if (best == nullptr) return false;
    *out = std::move(best->row);
    ++best->merged;
    Advance(*best);
    return true;
  }

  void ReportAnalyze(planner::NodeActuals* actuals) const override {
    const std::string n = std::to_string(launched_);
    actuals->details.push_back({"Workers Launched: " + n, {planner::ExplainProp::Number("Workers Launched", n)}, ""});
  }

 private:
  void Open() {
    const storage::HeapFile& heap = ctx_.catalog->Heap(*scan_.table);
    claims_.emplace(heap.PageCount());
    participants_.clear();
    for (int i = 0; i <= launched_; ++i) {
      auto p = std::make_unique<TopNParticipant>();
      if (i == 0) {
        p->ctx = &ctx_;
      } else {
        p->own.emplace(WorkerContext(ctx_, false));
        p->ctx = &*p->own;
      }
      p->scanner.emplace(scan_, *p->ctx, locker_, i == 0);
      p->scanner->Open(heap, &*claims_, threads_.stop());
      std::function<void(std::vector<Row>*)> finish;
      if (i == 0) finish = [this](std::vector<Row>* rows) { ReadDeferred(rows); };
      auto input = std::make_unique<ScanInput>(*p->scanner, std::move(finish));
      p->input = input.get();
      p->sort = MakeSortExecutor(sort_, *p->ctx, std::move(input));
      p->sort->SetTupleBound(bound_);
      participants_.push_back(std::move(p));
    }
  }

  void SortRows(TopNParticipant& p) {
    const auto start = Clock::now();
    p.sort->Init();
    p.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  }

  // The leader, at the end of its own scan: waits for the workers, then reads the rows they could not
  // read without a row lock, as a serial locking scan would.
  void ReadDeferred(std::vector<Row>* rows) {
    threads_.Wait(ctx_);
    TopNParticipant& leader = *participants_[0];
    for (size_t i = 1; i < participants_.size(); ++i) {
      leader.scanner->ReadDeferred(participants_[i]->scanner->deferred(),
                                   [&](const Row& row) { rows->push_back(row); });
    }
  }

  void Advance(TopNParticipant& p) {
    p.has_row = p.sort->Next(&p.row);
    if (!p.has_row) return;
    p.keys.clear();
    for (const auto& k : sort_.keys) p.keys.push_back(Evaluate(*k.expr, p.row, ctx_));
  }

  // <0, 0 or >0 as keys a sort before, with or after b (SortExecutor's order).
  int Compare(const Row& a, const Row& b) const {
    for (size_t i = 0; i < sort_.keys.size(); ++i) {
      const auto& key = sort_.keys[i];
      const bool an = a[i].is_null();
      const bool bn = b[i].is_null();
      if (an || bn) {
        if (an == bn) continue;
        return an == key.nulls_first ? -1 : 1;
      }
      if (const int c = CompareValues(a[i], b[i])) return key.descending ? -c : c;
    }
    return 0;
  }

  // EXPLAIN ANALYZE's figures of the Sort and the Parallel Seq Scan, whose executors are this one's: a loop
  // per participant (the Gather's own come from its executor's wrapper and ReportAnalyze).
  void Record() {
    if (!ctx_.analyze) return;
    planner::NodeActuals& sort = ctx_.analyze->At(sort_);
    planner::NodeActuals& scan = ctx_.analyze->At(scan_);
    for (const auto& p : participants_) {
      const double rows = static_cast<double>(p->input->rows());
      sort.rows += bound_ < 0 ? rows : std::min(rows, static_cast<double>(bound_));
      sort.loops += 1;
      sort.startup_ms += p->ms;
      sort.total_ms += p->ms;
      scan.loops += 1;
      scan.rows += rows;
      scan.filtered1 += static_cast<double>(p->scanner->removed());
      scan.total_ms += p->ms;
    }
  }

  const planner::GatherPlan& gather_;
  const planner::SortPlan& sort_;
  const planner::SeqScanPlan& scan_;
  ExecContext& ctx_;
  RowLocker locker_;
  int64_t bound_ = -1;
  int launched_ = 0;
  std::optional<ParallelPageClaims> claims_;
  std::vector<std::unique_ptr<TopNParticipant>> participants_;
  WorkerThreads threads_;  // last: its destructor joins the threads before the participants go
};

}  // namespace

std::unique_ptr<Executor> MakeParallelTopNExecutor(const planner::GatherPlan& plan, ExecContext& ctx) {
  return std::make_unique<ParallelTopNExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

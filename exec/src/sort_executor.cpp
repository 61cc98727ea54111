// Sort (PostgreSQL's nodeSort.c over tuplesort.c) with PostgreSQL's own quicksort (pg_qsort.h), or under a
// LIMIT its top-N heapsort (tuplesort.c's bounded heap), so rows with equal keys come out in PostgreSQL's
// order; per-key direction and NULL placement (NULLs sort as larger than any value, so they come last
// ascending and first descending by default). Input beyond work_mem is sorted in runs written to a
// temporary file and merged (external_sort.h).
#include <algorithm>

#include "common/value_ops.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "external_sort.h"
#include "memory_accounting.h"
#include "pg_qsort.h"
#include "planner/spill_stats.h"

namespace lumadb::exec {

namespace {

class SortExecutor : public Executor {
 public:
  SortExecutor(const planner::SortPlan& plan, ExecContext& ctx, std::unique_ptr<Executor> child)
      : plan_(plan), ctx_(ctx), child_(std::move(child)) {}

  void SetTupleBound(int64_t bound) override { bound_ = bound; }

  void Init() override {
    child_->Init();
    entries_.clear();
    external_.reset();
    bounded_ = false;
    memory_ = peak_memory_ = 0;
    key_refs_.resize(plan_.keys.size());
    key_scratch_.resize(plan_.keys.size());
    Row row;
    while (child_->Next(&row)) {
      EvaluateKeyRefs(row);
      if (bounded_ && !BeatsHeapTop()) continue;  // nothing built or copied for a row the heap rejects
      Row keys;
      keys.reserve(key_refs_.size());
      for (const Value* v : key_refs_) keys.push_back(*v);
      Add({std::move(keys), std::move(row)});
    }
    if (bounded_) {
      SortBoundedHeap();
    } else {
      QuickSort();
      if (external_) {
        external_->AddRun(entries_);
        external_->Finish();
      }
    }
    next_ = 0;
    RecordStats();
  }

  bool Next(Row* out) override {
    if (external_) {
      Entry e;
      if (!external_->Next(&e)) {
        external_.reset();  // the temporary files go now, not when the statement ends
        return false;
      }
      *out = std::move(e.row);
      return true;
    }
    if (next_ >= entries_.size()) return false;
    *out = std::move(entries_[next_++].row);
    return true;
  }

 private:
  using Entry = SortEntry;

  void QuickSort() {
    auto compare = [this](const Entry& a, const Entry& b) { return Compare(a.keys, b.keys); };
    PgQsort(entries_, 0, entries_.size(), compare);
  }

  // tuplesort.c's LACKMEM: the buffered entries passed work_mem.
  bool LackMem() const { return memory_ > WorkMemBytes(ctx_.work_mem_kb); }

  // dumptuples: the memory load sorted becomes a run on disk.
  void DumpRun() {
    if (!external_) {
      external_ = std::make_unique<ExternalSort>(ctx_, [this](const Row& a, const Row& b) { return Compare(a, b); });
    }
    QuickSort();
    external_->AddRun(entries_);
    memory_ = 0;
  }

  // explain.c show_sort_info's figures (tuplesort_get_stats).
  void RecordStats() {
    if (!ctx_.spill_stats) return;
    planner::SpillStats s;
    s.kind = planner::SpillStats::Kind::kSort;
    if (external_) {
      s.sort_method = "external merge";
      s.on_disk = true;
      s.space_kb = KiloBytes(external_->disk_bytes());
    } else {
      s.sort_method = bounded_ ? "top-N heapsort" : "quicksort";
      s.space_kb = KiloBytes(peak_memory_);
    }
    (*ctx_.spill_stats)[&plan_] = s;
  }

  // <0, 0 or >0 as a sorts before, with or after b.
  int Compare(const Row& a, const Row& b) const {
    for (size_t i = 0; i < plan_.keys.size(); ++i) {
      if (int c = CompareKey(i, a[i], b[i])) return c;
    }
    return 0;
  }

  // The order of two values of key i.
  int CompareKey(size_t i, const Value& a, const Value& b) const {
    const auto& key = plan_.keys[i];
    const bool an = a.is_null();
    const bool bn = b.is_null();
    if (an || bn) {
      if (an == bn) return 0;
      return an == key.nulls_first ? -1 : 1;
    }
    const int c = CompareValues(a, b);
    return key.descending ? -c : c;
  }

  // The sort keys of row into key_refs_, without copying columns and constants (EvaluateRef).
  void EvaluateKeyRefs(const Row& row) {
    for (size_t i = 0; i < plan_.keys.size(); ++i) {
      key_refs_[i] = &EvaluateRef(*plan_.keys[i].expr, row, ctx_, &key_scratch_[i]);
    }
  }

  // Whether the row of key_refs_ sorts before the bounded heap's top, its largest row: only then does it
  // enter the heap (tuplesort.c's puttuple_common compares with memtuples[0] before copying the tuple).
  bool BeatsHeapTop() const {
    if (entries_.empty()) return false;  // LIMIT 0
    const Row& top = entries_[0].keys;
    for (size_t i = 0; i < key_refs_.size(); ++i) {
      if (int c = CompareKey(i, *key_refs_[i], top[i])) return c < 0;
    }
    return false;
  }

  // tuplesort.c's puttuple: rows collect unsorted until there are more than twice the bound, then the
  // first `bound` of them become a heap with the largest at the top (the sort order reversed), which each
  // further row either replaces or, if not smaller, misses. Same steps as PostgreSQL, so ties come out alike.
  // Past work_mem (and past the bound, if any) the entries become a run on disk (puttuple_common).
  void Add(Entry e) {
    if (bounded_) {
      if (entries_.empty() || Reversed(e, entries_[0]) <= 0) return;  // empty: LIMIT 0
      HeapReplaceTop(std::move(e));
      return;
    }
    memory_ += RowBytes(e.keys) + RowBytes(e.row);
    peak_memory_ = std::max(peak_memory_, memory_);
    entries_.push_back(std::move(e));
    const auto n = entries_.size();
    if (bound_ >= 0 && !external_ &&
        (n > static_cast<size_t>(bound_) * 2 || (n > static_cast<size_t>(bound_) && LackMem()))) {
      MakeBoundedHeap();
    } else if (LackMem() && ExternalSort::Available(ctx_)) {
      DumpRun();
    }
  }

  int Reversed(const Entry& a, const Entry& b) const { return -Compare(a.keys, b.keys); }

  // make_bounded_heap: rebuilds entries_ as a heap of the `bound_` smallest rows.
  void MakeBoundedHeap() {
    std::vector<Entry> input = std::move(entries_);
    entries_.clear();
    entries_.reserve(static_cast<size_t>(bound_) + 1);
    bounded_ = true;
    for (auto& e : input) {
      if (entries_.size() < static_cast<size_t>(bound_)) {
        HeapInsert(std::move(e));
      } else if (bound_ > 0 && Reversed(e, entries_[0]) > 0) {
        HeapReplaceTop(std::move(e));
      }
    }
  }

  // tuplesort_heap_insert: sift the new entry up from the end (Knuth 5.2.3 exercise 16).
  void HeapInsert(Entry e) {
    size_t j = entries_.size();
    entries_.emplace_back();
    while (j > 0) {
      size_t i = (j - 1) / 2;
      if (Reversed(e, entries_[i]) >= 0) break;
      entries_[j] = std::move(entries_[i]);
      j = i;
    }
    entries_[j] = std::move(e);
  }

  // tuplesort_heap_replace_top over the first n entries (Knuth's Algorithm 5.2.3H, steps H3-H8).
  void HeapReplaceTop(Entry e, size_t n) {
    size_t i = 0;
    for (;;) {
      size_t j = 2 * i + 1;
      if (j >= n) break;
      if (j + 1 < n && Reversed(entries_[j], entries_[j + 1]) > 0) ++j;
      if (Reversed(e, entries_[j]) <= 0) break;
      entries_[i] = std::move(entries_[j]);
      i = j;
    }
    entries_[i] = std::move(e);
  }
  void HeapReplaceTop(Entry e) { HeapReplaceTop(std::move(e), entries_.size()); }

  // sort_bounded_heap: repeatedly moves the top (largest) entry to the end of the shrinking heap.
  void SortBoundedHeap() {
    for (size_t n = entries_.size(); n > 1; --n) {
      Entry top = std::move(entries_[0]);
      Entry last = std::move(entries_[n - 1]);
      HeapReplaceTop(std::move(last), n - 1);
      entries_[n - 1] = std::move(top);
    }
  }

  const planner::SortPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> child_;
  std::vector<Entry> entries_;              // unsorted input, the bounded heap, then the sorted rows
  std::unique_ptr<ExternalSort> external_;  // the runs on disk, once the input passed work_mem
  size_t memory_ = 0;                       // bytes of entries_ (RowBytes), compared with work_mem
  size_t peak_memory_ = 0;
  size_t next_ = 0;
  int64_t bound_ = -1;                  // SetTupleBound; -1: none
  bool bounded_ = false;                // entries_ is the bounded heap
  std::vector<const Value*> key_refs_;  // the current row's sort keys
  Row key_scratch_;                     // the computed ones among them
};

}  // namespace

std::unique_ptr<Executor> MakeSortExecutor(const planner::SortPlan& plan, ExecContext& ctx) {
  return std::make_unique<SortExecutor>(plan, ctx, BuildExecutor(*plan.child, ctx));
}

std::unique_ptr<Executor> MakeSortExecutor(const planner::SortPlan& plan, ExecContext& ctx,
                                           std::unique_ptr<Executor> child) {
  return std::make_unique<SortExecutor>(plan, ctx, std::move(child));
}

}  // namespace lumadb::exec

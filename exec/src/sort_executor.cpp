// In-memory sort (PostgreSQL's nodeSort.c without spilling) with PostgreSQL's own quicksort (pg_qsort.h),
// so rows with equal keys come out in PostgreSQL's order; per-key direction and NULL placement (NULLs sort
// as larger than any value, so they come last ascending and first descending by default).
#include <algorithm>

#include "common/value_ops.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "pg_qsort.h"

namespace lumadb::exec {

namespace {

class SortExecutor : public Executor {
 public:
  SortExecutor(const planner::SortPlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), child_(BuildExecutor(*plan.child, ctx)) {}

  void Init() override {
    child_->Init();
    entries_.clear();
    Row row;
    while (child_->Next(&row)) {
      Row keys;
      for (const auto& k : plan_.keys) keys.push_back(Evaluate(*k.expr, row, ctx_));
      entries_.push_back({std::move(keys), std::move(row)});
    }
    auto compare = [this](const Entry& a, const Entry& b) { return Compare(a.keys, b.keys); };
    PgQsort(entries_, 0, entries_.size(), compare);
    next_ = 0;
  }

  bool Next(Row* out) override {
    if (next_ >= entries_.size()) return false;
    *out = std::move(entries_[next_++].row);
    return true;
  }

 private:
  struct Entry {
    Row keys;
    Row row;
  };

  // <0, 0 or >0 as a sorts before, with or after b.
  int Compare(const Row& a, const Row& b) const {
    for (size_t i = 0; i < plan_.keys.size(); ++i) {
      const auto& key = plan_.keys[i];
      bool an = a[i].is_null();
      bool bn = b[i].is_null();
      if (an || bn) {
        if (an == bn) continue;
        return an == key.nulls_first ? -1 : 1;
      }
      int c = CompareValues(a[i], b[i]);
      if (c != 0) return key.descending ? -c : c;
    }
    return 0;
  }

  const planner::SortPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> child_;
  std::vector<Entry> entries_;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<Executor> MakeSortExecutor(const planner::SortPlan& plan, ExecContext& ctx) {
  return std::make_unique<SortExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

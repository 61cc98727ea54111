#include "prune_columns.h"

#include <algorithm>
#include <vector>

namespace lumadb::planner {

namespace {

template <class T>
std::shared_ptr<T> Copy(const PlanPtr& p) {
  return std::make_shared<T>(p->As<T>());
}

// Marks the input columns e reads in *used; *all when it may read any (a subquery: its parameters are
// evaluated over this row by the executor in ways this pass does not follow).
void NoteUses(const BoundExpr& e, std::vector<bool>* used, bool* all) {
  if (e.kind == BoundKind::kSubquery) {
    *all = true;
    return;
  }
  if (e.kind == BoundKind::kColumn) {
    if (e.column < 0 || static_cast<size_t>(e.column) >= used->size()) {
      *all = true;
    } else {
      (*used)[e.column] = true;
    }
  }
  for (const auto& a : e.args) NoteUses(*a, used, all);
}

// p (a T with a `child`) over `child`: p itself when that is its child already, else a copy.
template <class T>
PlanPtr WithChild(const PlanPtr& p, const PlanPtr& child) {
  if (child == p->As<T>().child) return p;
  auto copy = Copy<T>(p);
  copy->child = child;
  return copy;
}

// The SeqScan p decoding only what its qual and `uses` read (p itself when that is every column).
PlanPtr PrunedScan(const PlanPtr& p, const std::vector<const BoundExpr*>& uses) {
  const auto& scan = p->As<SeqScanPlan>();
  std::vector<bool> used(scan.table->columns.size(), false);
  bool all = false;
  if (scan.qual) NoteUses(*scan.qual, &used, &all);
  for (const BoundExpr* u : uses) {
    if (u != nullptr) NoteUses(*u, &used, &all);
  }
  if (all || std::all_of(used.begin(), used.end(), [](bool b) { return b; })) return p;
  auto copy = Copy<SeqScanPlan>(p);
  copy->decode = std::move(used);
  return copy;
}

// Rebuilds the Filter / Sort / Limit chain at p down to a SeqScan that decodes only what `uses` (over p's
// rows) and the chain read; anything else starts a fresh pruning of its own.
PlanPtr PruneChain(const PlanPtr& p, std::vector<const BoundExpr*> uses) {
  switch (p->kind) {
    case PlanKind::kFilter:
      uses.push_back(p->As<FilterPlan>().predicate.get());
      return WithChild<FilterPlan>(p, PruneChain(p->As<FilterPlan>().child, uses));
    case PlanKind::kSort:
      for (const auto& k : p->As<SortPlan>().keys) uses.push_back(k.expr.get());
      return WithChild<SortPlan>(p, PruneChain(p->As<SortPlan>().child, uses));
    case PlanKind::kLimit:
      return WithChild<LimitPlan>(p, PruneChain(p->As<LimitPlan>().child, uses));
    case PlanKind::kSeqScan:
      return PrunedScan(p, uses);
    default:
      return PruneScanColumns(p);
  }
}

// p (a T with a `child`) over its child pruned on its own.
template <class T>
PlanPtr PrunedBelow(const PlanPtr& p) {
  return WithChild<T>(p, PruneScanColumns(p->As<T>().child));
}

}  // namespace

PlanPtr PruneScanColumns(const PlanPtr& p) {
  switch (p->kind) {
    case PlanKind::kProject: {
      std::vector<const BoundExpr*> uses;
      for (const auto& e : p->As<ProjectPlan>().exprs) uses.push_back(e.get());
      return WithChild<ProjectPlan>(p, PruneChain(p->As<ProjectPlan>().child, uses));
    }
    case PlanKind::kAggregate: {
      const auto& agg = p->As<AggregatePlan>();
      std::vector<const BoundExpr*> uses;
      for (const auto& g : agg.groups) uses.push_back(g.get());
      for (const auto& a : agg.aggregates) {
        uses.push_back(a.arg.get());
        uses.push_back(a.filter.get());
        for (const auto& x : a.extra) uses.push_back(x.get());
        for (const auto& k : a.order) uses.push_back(k.expr.get());
      }
      return WithChild<AggregatePlan>(p, PruneChain(agg.child, uses));
    }
    // Above the consumer rows pass through unchanged; what these nodes read is over the consumer's output.
    case PlanKind::kFilter:
      return PrunedBelow<FilterPlan>(p);
    case PlanKind::kSort:
      return PrunedBelow<SortPlan>(p);
    case PlanKind::kLimit:
      return PrunedBelow<LimitPlan>(p);
    case PlanKind::kDistinct:
      return PrunedBelow<DistinctPlan>(p);
    default:
      return p;
  }
}

}  // namespace lumadb::planner

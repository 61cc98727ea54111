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

// Which of p's output columns `uses` read (all of them when one may read anything).
struct Used {
  std::vector<bool> columns;
  bool all = false;

  Used(size_t width, const std::vector<const BoundExpr*>& uses) : columns(width, false) {
    for (const BoundExpr* u : uses) Note(u);
  }
  void Note(const BoundExpr* e) {
    if (e != nullptr) NoteUses(*e, &columns, &all);
  }
  bool Every() const {
    return all || std::all_of(columns.begin(), columns.end(), [](bool b) { return b; });
  }
};

// The SeqScan p decoding only the columns `used` marks plus what its qual reads (p itself when that is
// every column).
PlanPtr PrunedScan(const PlanPtr& p, Used used) {
  const auto& scan = p->As<SeqScanPlan>();
  const size_t width = scan.table->columns.size();
  Used by_qual(width, {scan.qual.get()});
  used.Note(scan.qual.get());
  used.columns.resize(width, false);  // output columns past the table's: the rid
  const bool every = used.Every();
  // The qual alone reads fewer columns than the rows passed up need.
  const bool qual_first = scan.qual && !by_qual.all && by_qual.columns != used.columns && !by_qual.Every();
  if (every && !qual_first) return p;
  auto copy = Copy<SeqScanPlan>(p);
  if (!every) copy->decode = std::move(used.columns);
  if (qual_first) copy->qual_decode = std::move(by_qual.columns);
  return copy;
}

// The same for an IndexScan, which also needs the index's key columns (its recheck of each entry).
PlanPtr PrunedIndexScan(const PlanPtr& p, Used used) {
  const auto& scan = p->As<IndexScanPlan>();
  used.Note(scan.qual.get());
  used.columns.resize(scan.table->columns.size(), false);
  for (const auto& c : scan.index.columns) {
    if (c.attnum < 1 || static_cast<size_t>(c.attnum) > used.columns.size()) return p;
    used.columns[c.attnum - 1] = true;
  }
  if (used.Every()) return p;
  auto copy = Copy<IndexScanPlan>(p);
  copy->decode = std::move(used.columns);
  return copy;
}

PlanPtr PruneNode(const PlanPtr& p, Used used);

// Adds what `used` marks over a join's output (left ++ right) to each side.
void SplitInto(const Used& used, Used* left, Used* right) {
  const size_t left_width = left->columns.size();
  for (size_t i = 0; i < used.columns.size(); ++i) {
    if (used.columns[i]) (i < left_width ? left->columns[i] : right->columns[i - left_width]) = true;
  }
  left->all = left->all || used.all;
  right->all = right->all || used.all;
}

// A join whose output is left ++ right: each side keeps the columns read above and by the join itself.
PlanPtr PrunedJoin(const PlanPtr& p, Used used) {
  const auto& join = p->As<JoinPlan>();
  const size_t left_width = join.left->output.size();
  if (!join.lateral_params.empty() || join.output.size() != left_width + join.right->output.size()) {
    return PruneScanColumns(p);
  }
  used.Note(join.condition.get());
  Used left(left_width, {});
  Used right(join.right->output.size(), {});
  for (const auto& k : join.left_keys) left.Note(k.get());
  for (const auto& k : join.right_keys) right.Note(k.get());
  SplitInto(used, &left, &right);
  auto copy = Copy<JoinPlan>(p);
  copy->left = PruneNode(join.left, std::move(left));
  copy->right = PruneNode(join.right, std::move(right));
  return copy;
}

// An index nested loop (output outer ++ inner): the inner scan's bounds read the outer row.
PlanPtr PrunedIndexJoin(const PlanPtr& p, Used used) {
  const auto& join = p->As<IndexNestedLoopPlan>();
  const size_t outer_width = join.outer->output.size();
  if (join.output.size() != outer_width + join.inner->output.size()) return PruneScanColumns(p);
  used.Note(join.condition.get());
  Used outer(outer_width, {});
  Used inner(join.inner->output.size(), {});
  for (const auto* bound : {&join.inner->lower, &join.inner->upper}) {
    if (!*bound) continue;
    for (const auto& v : (*bound)->values) outer.Note(v.get());
  }
  SplitInto(used, &outer, &inner);
  auto copy = Copy<IndexNestedLoopPlan>(p);
  copy->outer = PruneNode(join.outer, std::move(outer));
  copy->inner = std::static_pointer_cast<const IndexScanPlan>(PrunedIndexScan(join.inner, std::move(inner)));
  return copy;
}

// Rebuilds the Filter / Sort / Limit / join chain at p down to the scans, each decoding only what `used`
// (over p's rows) and the chain read; anything else starts a fresh pruning of its own.
PlanPtr PruneNode(const PlanPtr& p, Used used) {
  switch (p->kind) {
    case PlanKind::kFilter:
      used.Note(p->As<FilterPlan>().predicate.get());
      return WithChild<FilterPlan>(p, PruneNode(p->As<FilterPlan>().child, std::move(used)));
    case PlanKind::kSort:
      for (const auto& k : p->As<SortPlan>().keys) used.Note(k.expr.get());
      return WithChild<SortPlan>(p, PruneNode(p->As<SortPlan>().child, std::move(used)));
    case PlanKind::kLimit:
      return WithChild<LimitPlan>(p, PruneNode(p->As<LimitPlan>().child, std::move(used)));
    case PlanKind::kSeqScan:
      return PrunedScan(p, std::move(used));
    case PlanKind::kIndexScan:
      return PrunedIndexScan(p, std::move(used));
    case PlanKind::kJoin:
      return PrunedJoin(p, std::move(used));
    case PlanKind::kIndexNestedLoop:
      return PrunedIndexJoin(p, std::move(used));
    case PlanKind::kProject: {
      // Only the expressions of the used outputs matter below (a reordered join's Project lists every
      // column to restore the FROM order, and most are not read above it).
      const auto& project = p->As<ProjectPlan>();
      Used below(project.child->output.size(), {});
      for (size_t i = 0; i < project.exprs.size(); ++i) {
        if (used.all || (i < used.columns.size() && used.columns[i])) below.Note(project.exprs[i].get());
      }
      return WithChild<ProjectPlan>(p, PruneNode(project.child, std::move(below)));
    }
    default:
      return PruneScanColumns(p);
  }
}

PlanPtr PruneChain(const PlanPtr& p, const std::vector<const BoundExpr*>& uses) {
  return PruneNode(p, Used(p->output.size(), uses));
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

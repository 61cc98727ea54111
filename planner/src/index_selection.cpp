// Index selection: PostgreSQL's indxpath.c match_clause_to_indexcol in miniature, plus pathkeys matching
// for ORDER BY and parameterized inner index scans for joins. For a scan's WHERE clause, a table with
// ANALYZE statistics gets the cheapest of a sequential scan and each usable index (cost_estimate.h); a
// table never analyzed keeps the rule (an index whenever one matches): PostgreSQL would choose a bitmap
// scan there from its default estimates, and an index scan is LumaDB's nearest plan to that.
#include "index_selection.h"

#include <algorithm>
#include <tuple>

#include "cost_estimate.h"
#include "join_order.h"
#include "plan_util.h"
#include "planner/binder.h"
#include "planner/selectivity.h"
#include "planner/window_plan.h"

namespace lumadb::planner {

namespace {

/// A term `column op value` usable by an index; `term` is written with the column on the left. A
/// `column IS NULL` term is an equality with a null `value`: the key column's NULL encoding.
struct KeyCond {
  int column = -1;
  CompareOp op = CompareOp::kEq;
  BoundExprPtr value;
  BoundExprPtr original;
  BoundExprPtr term;
};

template <class ValueOk>
std::vector<KeyCond> KeyConds(const std::vector<BoundExprPtr>& terms, const catalog::TableInfo& table, int offset,
                              ValueOk value_ok) {
  std::vector<KeyCond> out;
  int width = static_cast<int>(table.columns.size());
  for (const auto& t : terms) {
    if (t->kind == BoundKind::kIsNull && !t->negated) {
      int c = OrderedColumnRef(*t->args[0], offset, width);
      if (c >= 0) out.push_back(KeyCond{c, CompareOp::kEq, nullptr, t, t});
      continue;
    }
    if (t->kind != BoundKind::kCompare || static_cast<CompareOp>(t->op) == CompareOp::kNe) continue;
    for (int side = 0; side < 2; ++side) {
      int c = OrderedColumnRef(*t->args[side], offset, width);
      const BoundExprPtr& value = t->args[1 - side];
      if (c < 0 || !value_ok(*value) || !SameOrdering(table.columns[c].type.id, value->type.id)) continue;
      KeyCond k{c, static_cast<CompareOp>(t->op), value, t, t};
      if (side == 1) {
        k.op = Commute(k.op);
        auto flipped = std::make_shared<BoundExpr>(*t);
        flipped->op = static_cast<int>(k.op);
        std::swap(flipped->args[0], flipped->args[1]);
        k.term = flipped;
      }
      out.push_back(k);
      break;
    }
  }
  return out;
}

/// How well an index serves a list of conditions.
struct IndexMatch {
  int eq = 0;              // leading key columns fixed by equality (or IS NULL)
  bool range = false;      // plus a range on the next one
  bool null_test = false;  // one of the eq columns is IS NULL: a unique index may hold many such rows
  std::optional<IndexBound> lower, upper;
  std::vector<BoundExprPtr> used;   // originals of the conditions the bounds implement
  std::vector<BoundExprPtr> shown;  // the same, column on the left (EXPLAIN)
};

IndexMatch Match(const catalog::IndexInfo& index, const std::vector<KeyCond>& conds) {
  IndexMatch m;
  std::vector<BoundExprPtr> prefix;
  const KeyCond* low = nullptr;   // > / >= in value order
  const KeyCond* high = nullptr;  // < / <=
  bool descending = false;
  for (const auto& col : index.columns) {
    int c = col.attnum - 1;
    const KeyCond* eq = nullptr;
    for (const auto& k : conds) {
      if (k.column != c) continue;
      if (k.op == CompareOp::kEq && !eq) eq = &k;
      if ((k.op == CompareOp::kGt || k.op == CompareOp::kGe) && !low) low = &k;
      if ((k.op == CompareOp::kLt || k.op == CompareOp::kLe) && !high) high = &k;
    }
    if (eq) {
      m.null_test = m.null_test || !eq->value;
      prefix.push_back(eq->value);
      m.used.push_back(eq->original);
      m.shown.push_back(eq->term);
      low = high = nullptr;
      ++m.eq;
      continue;
    }
    descending = col.descending;
    break;
  }
  m.range = low || high;
  if (m.eq == 0 && !m.range) return m;
  auto bound = [&](const KeyCond* k) {
    IndexBound b{prefix, true};
    if (k) {
      b.values.push_back(k->value);
      b.inclusive = k->op == CompareOp::kGe || k->op == CompareOp::kLe;
      m.used.push_back(k->original);
      m.shown.push_back(k->term);
    }
    return b;
  };
  // A DESC key column stores larger values first, so value bounds swap ends in index order.
  const KeyCond* first = descending ? high : low;
  const KeyCond* last = descending ? low : high;
  if (first || m.eq > 0) m.lower = bound(first);
  if (last || m.eq > 0) m.upper = bound(last);
  return m;
}

std::shared_ptr<IndexScanPlan> MakeIndexScan(const SeqScanPlan& scan, const catalog::IndexInfo& index,
                                             const IndexMatch& m) {
  auto plan = std::make_shared<IndexScanPlan>();
  plan->output = scan.output;
  plan->table = scan.table;
  plan->index = index;
  plan->lower = m.lower;
  plan->upper = m.upper;
  plan->emit_rid = scan.emit_rid;
  plan->alias = scan.alias;
  plan->row_lock = scan.row_lock;
  plan->wait = scan.wait;
  plan->qual = scan.qual;
  plan->index_conds = m.shown;
  std::vector<BoundExprPtr> rest;
  for (const auto& t : Conjuncts(scan.qual)) {
    if (std::find(m.used.begin(), m.used.end(), t) == m.used.end()) rest.push_back(t);
  }
  plan->filter = MakeAnd(rest);
  return plan;
}

std::vector<KeyCond> ScanConds(const SeqScanPlan& scan) {
  auto is_const = [](const BoundExpr& e) { return IsRunConstant(e); };
  return KeyConds(Conjuncts(scan.qual), *scan.table, 0, is_const);
}

// The estimated cost of scanning through `index` as `m` says (cost_index).
double IndexPathCost(const SeqScanPlan& scan, const RelationSize& rel, const catalog::IndexInfo& index,
                     const IndexMatch& m) {
  IndexScanInput in;
  in.table = scan.table.get();
  in.index = &index;
  in.rel = rel;
  in.index_selectivity = ClauseListSelectivity(m.used, RelationContext{scan.table.get(), rel.tuples});
  in.index_conds = static_cast<int>(m.used.size());
  in.unique_lookup = index.unique && m.eq == static_cast<int>(index.columns.size()) && !m.null_test;
  std::vector<BoundExprPtr> rest;
  for (const auto& t : Conjuncts(scan.qual)) {
    if (std::find(m.used.begin(), m.used.end(), t) == m.used.end()) rest.push_back(t);
  }
  in.filter = MakeAnd(rest);
  return IndexScanCost(in).total;
}

// The index scan for the scan's qual, or null for a sequential scan: with statistics the cheapest path,
// without them the index whose conditions cover the most key columns (then unique ones).
std::shared_ptr<IndexScanPlan> ChooseIndexScan(const SeqScanPlan& scan) {
  if (!scan.qual) return nullptr;
  auto conds = ScanConds(scan);
  if (conds.empty()) return nullptr;
  const bool analyzed = scan.table->reltuples >= 0;
  const RelationSize rel = EstimateRelationSize(*scan.table);
  const catalog::IndexInfo* best = nullptr;
  IndexMatch best_match;
  double best_cost = analyzed ? SeqScanCost(rel, scan.qual).total : 0.0;
  auto score = [](const catalog::IndexInfo& index, const IndexMatch& m) {
    bool full_unique = index.unique && m.eq == static_cast<int>(index.columns.size()) && !m.null_test;
    return std::tuple(m.eq + (m.range ? 1 : 0), full_unique, m.eq, index.unique);
  };
  for (const auto& index : scan.table->indexes) {
    IndexMatch m = Match(index, conds);
    if (m.eq == 0 && !m.range) continue;
    if (analyzed) {
      double cost = IndexPathCost(scan, rel, index, m);
      if (cost >= best_cost) continue;
      best_cost = cost;
    } else if (best && score(index, m) <= score(*best, best_match)) {
      continue;
    }
    best = &index;
    best_match = m;
  }
  return best ? MakeIndexScan(scan, *best, best_match) : nullptr;
}

// How rows in `index` order, with the first `eq` key columns fixed, relate to the order of `keys` (sort
// keys over the table's row): kForward when they are in it, kBackward when a backward scan gives it (every
// key in the opposite direction, NULLs at the opposite end: PostgreSQL's reversed pathkeys), else kNone.
enum class ScanOrder { kNone, kForward, kBackward };

ScanOrder OrderMatches(const std::vector<SortKey>& keys, const catalog::IndexInfo& index, int eq, int width) {
  for (bool reversed : {false, true}) {
    for (int skip = 0; skip <= eq; ++skip) {
      bool ok = keys.size() + skip <= index.columns.size();
      for (size_t k = 0; ok && k < keys.size(); ++k) {
        const auto& col = index.columns[skip + k];
        ok = keys[k].expr->kind == BoundKind::kColumn && keys[k].expr->column < width &&
             keys[k].expr->column == col.attnum - 1 && (keys[k].descending != col.descending) == reversed &&
             (keys[k].nulls_first != col.nulls_first) == reversed;
      }
      if (ok) return reversed ? ScanOrder::kBackward : ScanOrder::kForward;
    }
  }
  return ScanOrder::kNone;
}

template <class T>
std::shared_ptr<T> Copy(const PlanPtr& p) {
  return std::make_shared<T>(p->As<T>());
}

// Sort over an index scan already in its order: the sort goes. With `limited` (a LIMIT above), a Sort
// over a plain scan becomes an index scan in the keys' order.
PlanPtr SortOverScan(const SortPlan& sort, bool limited) {
  const PlanPtr& child = sort.child;
  if (child->kind == PlanKind::kIndexScan) {
    const auto& scan = child->As<IndexScanPlan>();
    int width = static_cast<int>(scan.table->columns.size());
    auto conds = KeyConds(Conjuncts(scan.qual), *scan.table, 0, [](const BoundExpr& e) { return IsRunConstant(e); });
    ScanOrder order = OrderMatches(sort.keys, scan.index, Match(scan.index, conds).eq, width);
    if (order == ScanOrder::kNone) return nullptr;
    if (order == ScanOrder::kForward) return child;
    auto backward = Copy<IndexScanPlan>(child);
    backward->backward = true;
    return backward;
  }
  if (child->kind != PlanKind::kSeqScan || !limited) return nullptr;
  const auto& scan = child->As<SeqScanPlan>();
  int width = static_cast<int>(scan.table->columns.size());
  for (const auto& index : scan.table->indexes) {
    ScanOrder order = OrderMatches(sort.keys, index, 0, width);
    if (order == ScanOrder::kNone) continue;
    auto plan = MakeIndexScan(scan, index, Match(index, ScanConds(scan)));
    plan->backward = order == ScanOrder::kBackward;
    return plan;
  }
  return nullptr;
}

// Moves the single-side terms of a join condition into the plain scans and inner joins below it
// (PostgreSQL's distribute_qual_to_rels): inner joins both ways, LEFT joins only into the right (nullable)
// side. A term pushed into an inner join moves on down from there (UseIndexes recurses), so FROM a, b, c
// WHERE a.x = b.x AND b.y = c.y joins a and b on their own term instead of forming a cross product.
PlanPtr PushDownJoinTerms(const JoinPlan& join) {
  if (join.join != JoinKind::kInner && join.join != JoinKind::kLeft) return nullptr;
  int left_width = static_cast<int>(join.left->output.size());
  auto pushable = [](const PlanPtr& p) {
    if (p->kind == PlanKind::kSeqScan) return !p->As<SeqScanPlan>().emit_rid;
    if (p->kind != PlanKind::kJoin) return false;
    const auto& j = p->As<JoinPlan>();
    // Its condition reads the concatenated input row, which its output must be for the terms to fit.
    return j.join == JoinKind::kInner && j.lateral_params.empty() &&
           j.output.size() == j.left->output.size() + j.right->output.size();
  };
  std::vector<BoundExprPtr> kept, to_left, to_right;
  for (const auto& t : Conjuncts(join.condition)) {
    auto span = ColumnSpan(*t);
    if (span.first >= 0 && !ContainsVolatile(*t)) {
      if (span.second < left_width && join.join == JoinKind::kInner && pushable(join.left)) {
        to_left.push_back(t);
        continue;
      }
      if (span.first >= left_width && pushable(join.right)) {
        to_right.push_back(ShiftColumns(t, left_width));
        continue;
      }
    }
    kept.push_back(t);
  }
  if (to_left.empty() && to_right.empty()) return nullptr;
  auto with_terms = [](const PlanPtr& p, const std::vector<BoundExprPtr>& terms) -> PlanPtr {
    if (terms.empty()) return p;
    if (p->kind == PlanKind::kJoin) {
      auto below = Copy<JoinPlan>(p);
      auto all = Conjuncts(below->condition);
      all.insert(all.end(), terms.begin(), terms.end());
      below->condition = MakeAnd(all);
      ExtractHashKeys(below.get(), static_cast<int>(below->left->output.size()));
      return below;
    }
    auto scan = Copy<SeqScanPlan>(p);
    auto all = Conjuncts(scan->qual);
    all.insert(all.end(), terms.begin(), terms.end());
    scan->qual = MakeAnd(all);
    return scan;
  };
  auto copy = std::make_shared<JoinPlan>(join);
  copy->left = with_terms(join.left, to_left);
  copy->right = with_terms(join.right, to_right);
  copy->condition = MakeAnd(kept);
  ExtractHashKeys(copy.get(), left_width);
  return copy;
}

}  // namespace

PlanPtr IndexNestedLoop(const JoinPlan& join) {
  if ((join.join != JoinKind::kInner && join.join != JoinKind::kLeft) || join.right->kind != PlanKind::kSeqScan ||
      !join.lateral_params.empty()) {
    return nullptr;
  }
  const auto& scan = join.right->As<SeqScanPlan>();
  if (scan.emit_rid) return nullptr;
  int left_width = static_cast<int>(join.left->output.size());
  auto over_outer = [&](const BoundExpr& e) {
    auto span = ColumnSpan(e);
    return span.first >= 0 && span.second < left_width && !ContainsVolatile(e);
  };
  auto conds = KeyConds(Conjuncts(join.condition), *scan.table, left_width, over_outer);
  const catalog::IndexInfo* best = nullptr;
  const KeyCond* cond = nullptr;
  for (const auto& k : conds) {
    if (k.op != CompareOp::kEq || !k.value) continue;
    for (const auto& index : scan.table->indexes) {
      if (index.columns[0].attnum - 1 != k.column) continue;
      if (!best || (index.unique && !best->unique)) {
        best = &index;
        cond = &k;
      }
    }
  }
  if (!best) return nullptr;
  IndexMatch m;
  m.eq = 1;
  m.lower = m.upper = IndexBound{{cond->value}, true};
  m.shown = {cond->term};
  auto inner = MakeIndexScan(scan, *best, m);
  auto nl = std::make_shared<IndexNestedLoopPlan>();
  nl->output = join.output;
  nl->outer = join.left;
  nl->inner = inner;
  nl->join = join.join;
  nl->condition = join.condition;
  return nl;
}

PlanPtr OrderedIndexScan(const SeqScanPlan& scan, const std::vector<SortKey>& keys) {
  const int width = static_cast<int>(scan.table->columns.size());
  for (const auto& index : scan.table->indexes) {
    if (OrderMatches(keys, index, 0, width) == ScanOrder::kForward) {
      return MakeIndexScan(scan, index, Match(index, ScanConds(scan)));
    }
  }
  return nullptr;
}

PlanPtr UseIndexes(const PlanPtr& p) {
  switch (p->kind) {
    case PlanKind::kSeqScan: {
      auto scan = ChooseIndexScan(p->As<SeqScanPlan>());
      return scan ? scan : p;
    }
    case PlanKind::kFilter: {
      auto child = UseIndexes(p->As<FilterPlan>().child);
      if (child == p->As<FilterPlan>().child) return p;
      auto copy = Copy<FilterPlan>(p);
      copy->child = child;
      return copy;
    }
    case PlanKind::kProject: {
      auto child = UseIndexes(p->As<ProjectPlan>().child);
      if (child == p->As<ProjectPlan>().child) return p;
      auto copy = Copy<ProjectPlan>(p);
      copy->child = child;
      return copy;
    }
    case PlanKind::kProjectSet: {
      auto child = UseIndexes(p->As<ProjectSetPlan>().child);
      if (child == p->As<ProjectSetPlan>().child) return p;
      auto copy = Copy<ProjectSetPlan>(p);
      copy->child = child;
      return copy;
    }
    case PlanKind::kWindowAgg: {
      auto copy = Copy<WindowAggPlan>(p);
      copy->child = UseIndexes(copy->child);
      return copy;
    }
    case PlanKind::kAggregate: {
      auto child = UseIndexes(p->As<AggregatePlan>().child);
      if (child == p->As<AggregatePlan>().child) return p;
      auto copy = Copy<AggregatePlan>(p);
      copy->child = child;
      return copy;
    }
    case PlanKind::kDistinct: {
      auto child = UseIndexes(p->As<DistinctPlan>().child);
      if (child == p->As<DistinctPlan>().child) return p;
      auto copy = Copy<DistinctPlan>(p);
      copy->child = child;
      return copy;
    }
    case PlanKind::kSort: {
      auto copy = Copy<SortPlan>(p);
      copy->child = UseIndexes(copy->child);
      if (auto served = SortOverScan(*copy, false)) return served;
      return copy->child == p->As<SortPlan>().child ? p : copy;
    }
    case PlanKind::kLimit: {
      auto copy = Copy<LimitPlan>(p);
      copy->child = UseIndexes(copy->child);
      // ORDER BY ... LIMIT: Limit -> [Project ->] Sort -> scan.
      PlanPtr below = copy->child;
      std::shared_ptr<ProjectPlan> project;
      if (below->kind == PlanKind::kProject) {
        project = Copy<ProjectPlan>(below);
        below = project->child;
      }
      if (below->kind == PlanKind::kSort) {
        if (auto served = SortOverScan(below->As<SortPlan>(), true)) {
          if (project) {
            project->child = served;
            served = project;
          }
          copy->child = served;
        }
      }
      return copy->child == p->As<LimitPlan>().child ? p : copy;
    }
    case PlanKind::kSetOp: {
      auto copy = Copy<SetOpPlan>(p);
      copy->left = UseIndexes(copy->left);
      copy->right = UseIndexes(copy->right);
      return copy;
    }
    case PlanKind::kJoin: {
      // A join with its method chosen was planned already (a FROM subquery's plan is visited twice).
      if (p->As<JoinPlan>().method != JoinMethod::kAuto) return p;
      if (PlanPtr planned = PlanJoinTree(p->As<JoinPlan>())) return planned;
      PlanPtr pushed = PushDownJoinTerms(p->As<JoinPlan>());
      auto copy = Copy<JoinPlan>(pushed ? pushed : p);
      if (auto nl = IndexNestedLoop(*copy)) {
        auto n = Copy<IndexNestedLoopPlan>(nl);
        n->outer = UseIndexes(n->outer);
        return n;
      }
      copy->left = UseIndexes(copy->left);
      copy->right = UseIndexes(copy->right);
      return copy;
    }
    default:
      return p;
  }
}

}  // namespace lumadb::planner

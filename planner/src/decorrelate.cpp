#include "decorrelate.h"

#include <algorithm>

#include "plan_util.h"
#include "planner/binder.h"

namespace lumadb::planner {

namespace {

using Ids = std::vector<int>;

bool Has(const Ids& ids, int id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// True if e reads one of the slots (a nested subquery passes them on through its args).
bool UsesSlots(const BoundExpr& e, const Ids& ids) {
  if (e.kind == BoundKind::kExecParam && Has(ids, e.op)) return true;
  return std::any_of(e.args.begin(), e.args.end(), [&](const BoundExprPtr& a) { return UsesSlots(*a, ids); });
}

// e with each slot of the subquery replaced by the outer value it is set from.
BoundExprPtr Substitute(const BoundExprPtr& e, const BoundExpr& subquery) {
  if (e->kind == BoundKind::kExecParam) {
    const size_t first = subquery.args.size() - subquery.param_ids.size();
    for (size_t i = 0; i < subquery.param_ids.size(); ++i) {
      if (subquery.param_ids[i] == e->op) return subquery.args[first + i];
    }
  }
  if (e->args.empty()) return e;
  auto copy = std::make_shared<BoundExpr>(*e);
  for (auto& a : copy->args) a = Substitute(a, subquery);
  return copy;
}

// The join for [NOT] EXISTS over Project -> Seq Scan whose qual ties the scan to the outer row only by
// `inner = outer` terms; false when the subquery has another shape.
bool ExistsJoin(const BoundExpr& e, bool negated, SublinkJoin* out) {
  const Ids& ids = e.param_ids;
  if (ids.empty() || e.subplan->kind != PlanKind::kProject) return false;
  const auto& child = e.subplan->As<ProjectPlan>().child;
  if (child->kind != PlanKind::kSeqScan) return false;
  for (size_t i = e.args.size() - ids.size(); i < e.args.size(); ++i) {
    if (ColumnSpan(*e.args[i]).first < 0 || UsesSlots(*e.args[i], ids)) return false;  // this level's columns only
  }
  const auto& scan = child->As<SeqScanPlan>();
  std::vector<BoundExprPtr> rest;
  for (const auto& t : Conjuncts(scan.qual)) {
    if (!UsesSlots(*t, ids)) {
      rest.push_back(t);
      continue;
    }
    if (t->kind != BoundKind::kCompare || static_cast<CompareOp>(t->op) != CompareOp::kEq || ContainsVolatile(*t)) {
      return false;
    }
    bool matched = false;
    for (int side = 0; side < 2 && !matched; ++side) {
      const BoundExprPtr& inner = t->args[side];
      const BoundExprPtr& outer = t->args[1 - side];
      // inner: the scan's columns and no slot; outer: slots (and constants) only.
      matched = !UsesSlots(*inner, ids) && ColumnSpan(*inner).first >= 0 && ColumnSpan(*outer).first < 0;
      if (matched) out->keys.push_back({Substitute(outer, e), inner});
    }
    if (!matched) return false;
  }
  if (out->keys.empty()) return false;
  auto right = std::make_shared<SeqScanPlan>(scan);
  right->qual = MakeAnd(rest);
  out->right = right;
  out->kind = negated != e.negated ? JoinKind::kAnti : JoinKind::kSemi;
  return true;
}

}  // namespace

BoundExprPtr PullUpSublinks(const BoundExprPtr& where, std::vector<SublinkJoin>* joins) {
  std::vector<BoundExprPtr> rest;
  for (const auto& t : Conjuncts(where)) {
    // NOT EXISTS arrives as NOT over the EXISTS.
    const bool negated = t->kind == BoundKind::kNot && t->args[0]->kind == BoundKind::kSubquery;
    const BoundExprPtr& sub = negated ? t->args[0] : t;
    if (sub->kind == BoundKind::kSubquery && static_cast<SubqueryKind>(sub->op) == SubqueryKind::kExists) {
      SublinkJoin j;
      if (ExistsJoin(*sub, negated, &j)) {
        joins->push_back(std::move(j));
        continue;
      }
    }
    if (t->kind == BoundKind::kSubquery) {
      const auto kind = static_cast<SubqueryKind>(t->op);
      SublinkJoin j;
      if (kind == SubqueryKind::kAny && !t->negated && t->param_ids.empty() &&
          static_cast<CompareOp>(t->column) == CompareOp::kEq && !ContainsVolatile(*t->args[0])) {
        j.right = t->subplan;
        // Named as EXPLAIN shows the subquery's column ("u.a" for a plain column).
        std::string name = t->subplan->output[0].name;
        if (t->subplan->kind == PlanKind::kProject &&
            t->subplan->As<ProjectPlan>().exprs[0]->kind == BoundKind::kColumn) {
          name = t->subplan->As<ProjectPlan>().exprs[0]->name;
        }
        j.keys.push_back({t->args[0], MakeColumn(0, t->subplan->output[0].type, name)});
        joins->push_back(std::move(j));
        continue;
      }
    }
    rest.push_back(t);
  }
  return MakeAnd(rest);
}

PlanPtr MakeSublinkJoin(PlanPtr left, const SublinkJoin& j) {
  auto join = std::make_shared<JoinPlan>();
  join->output = left->output;
  const int left_width = static_cast<int>(left->output.size());
  std::vector<BoundExprPtr> terms;
  for (const auto& [outer, inner] : j.keys) {
    auto eq = std::make_shared<BoundExpr>();
    eq->kind = BoundKind::kCompare;
    eq->type = {TypeId::kBool, -1};
    eq->op = static_cast<int>(CompareOp::kEq);
    eq->args = {outer, ShiftColumns(inner, -left_width)};
    terms.push_back(eq);
  }
  join->left = std::move(left);
  join->right = j.right;
  join->join = j.kind;
  join->condition = MakeAnd(terms);
  ExtractHashKeys(join.get(), left_width);
  return join;
}

}  // namespace lumadb::planner

// Clause selectivity (PostgreSQL 15 optimizer/path/clausesel.c clause_selectivity and
// clauselist_selectivity, plus the operator dispatch of selfuncs.c eqsel/neqsel/scalarineqsel,
// scalararraysel and boolvarsel). The per-column estimators are in column_selectivity.cpp.
#include "planner/selectivity.h"

#include <algorithm>

#include "common/cast.h"
#include "common/error.h"
#include "common/value_ops.h"
#include "plan_util.h"

namespace lumadb::planner {
namespace {

bool IsInequality(CompareOp op) {
  return op == CompareOp::kLt || op == CompareOp::kLe || op == CompareOp::kGt || op == CompareOp::kGe;
}

/// `var op other` with var over the relation's row and other constant for the run (get_restriction_variable).
struct Restriction {
  const BoundExpr* var = nullptr;
  const BoundExpr* other = nullptr;
  CompareOp op = CompareOp::kEq;
};

std::optional<Restriction> AsRestriction(const BoundExpr& e) {
  if (e.kind != BoundKind::kCompare) return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    const BoundExpr& var = *e.args[side];
    const BoundExpr& other = *e.args[1 - side];
    if (ColumnSpan(var).first < 0 || ContainsVolatile(var) || !IsRunConstant(other)) continue;
    auto op = static_cast<CompareOp>(e.op);
    return Restriction{&var, &other, side == 0 ? op : Commute(op)};
  }
  return std::nullopt;
}

/// The estimate of an expression over rel: a column's statistics, or none for any other expression.
ColumnEstimate Examine(const BoundExpr& var, const RelationContext& rel) {
  int width = rel.table ? static_cast<int>(rel.table->columns.size()) : 0;
  int column = OrderedColumnRef(var, 0, width);
  if (column >= 0) return rel.Column(column);
  ColumnEstimate c;
  c.rel_tuples = rel.tuples;
  c.type = var.type.id;
  return c;
}

/// eqsel, neqsel and scalarineqsel for one comparison.
double CompareSelectivity(const BoundExpr& e, const RelationContext& rel) {
  auto op = static_cast<CompareOp>(e.op);
  auto r = AsRestriction(e);
  if (!r) {
    // Not `var op constant` (two columns, say): the operator's default.
    if (op == CompareOp::kEq) return kDefaultEqSel;
    return op == CompareOp::kNe ? 1.0 - kDefaultEqSel : kDefaultIneqSel;
  }
  ColumnEstimate c = Examine(*r->var, rel);
  std::optional<Value> value = FoldConstant(*r->other);
  if (IsInequality(r->op)) return value ? InequalitySelectivity(c, r->op, *value) : kDefaultIneqSel;
  bool negate = r->op == CompareOp::kNe;
  return value ? EqualitySelectivity(c, *value, negate) : EqualityUnknownSelectivity(c, negate);
}

/// scalararraysel for `x [NOT] IN (list)`: = ANY sums the (disjoint) equalities, <> ALL multiplies.
double InListSelectivity(const BoundExpr& e, const RelationContext& rel) {
  bool use_or = !e.negated;
  double s1 = use_or ? 0.0 : 1.0;
  double s1disjoint = s1;
  for (size_t i = 1; i < e.args.size(); ++i) {
    BoundExpr term;
    term.kind = BoundKind::kCompare;
    term.type = TypeDesc{TypeId::kBool, -1};
    term.op = static_cast<int>(use_or ? CompareOp::kEq : CompareOp::kNe);
    term.args = {e.args[0], e.args[i]};
    double s2 = CompareSelectivity(term, rel);
    if (use_or) {
      s1 = s1 + s2 - s1 * s2;
      s1disjoint += s2;
    } else {
      s1 *= s2;
      s1disjoint += s2 - 1.0;
    }
  }
  return s1disjoint >= 0.0 && s1disjoint <= 1.0 ? s1disjoint : s1;
}

/// The top-level AND terms of `clauses`, nested ANDs flattened.
void Flatten(const std::vector<BoundExprPtr>& clauses, std::vector<BoundExprPtr>* out) {
  for (const auto& c : clauses) {
    if (c->kind == BoundKind::kAnd) {
      Flatten(c->args, out);
    } else {
      out->push_back(c);
    }
  }
}

/// Both ends of a range on one expression (clausesel.c RangeQueryClause).
struct RangeQuery {
  const BoundExpr* var;
  bool have_lo = false, have_hi = false;
  double lo = 0, hi = 0;
};

}  // namespace

int OrderedColumnRef(const BoundExpr& e, int offset, int width) {
  const BoundExpr* x = &e;
  if (x->kind == BoundKind::kCast && !x->explicit_cast && x->args[0]->kind == BoundKind::kColumn) {
    TypeId from = x->args[0]->type.id;
    TypeId to = x->type.id;
    if (!SameOrdering(from, to)) return -1;
    x = x->args[0].get();
  }
  if (x->kind != BoundKind::kColumn) return -1;
  int c = x->column - offset;
  return c >= 0 && c < width ? c : -1;
}

std::optional<Value> FoldConstant(const BoundExpr& e) {
  switch (e.kind) {
    case BoundKind::kConst:
      return e.value;
    case BoundKind::kCast:
    case BoundKind::kNegate: {
      auto arg = FoldConstant(*e.args[0]);
      if (!arg) return std::nullopt;
      try {
        if (e.kind == BoundKind::kNegate) return arg->is_null() ? *arg : Negate(*arg);
        CastContext context = e.explicit_cast     ? CastContext::kExplicit
                              : e.assignment_cast ? CastContext::kAssignment
                                                  : CastContext::kImplicit;
        return CastValue(*arg, e.type, context);
      } catch (const DbError&) {
        return std::nullopt;  // the executor reports it; the estimate just does without the value
      }
    }
    default:
      return std::nullopt;
  }
}

double ClauseSelectivity(const BoundExpr& clause, const RelationContext& rel) {
  switch (clause.kind) {
    case BoundKind::kConst:
      return !clause.value.is_null() && clause.value.type() == TypeId::kBool && clause.value.GetBool() ? 1.0 : 0.0;
    case BoundKind::kColumn: {
      // boolvarsel: a boolean column is `col = true`.
      ColumnEstimate c = Examine(clause, rel);
      return c.stats ? EqualitySelectivity(c, Value::Bool(true), false) : 0.5;
    }
    case BoundKind::kAnd:
      return ClauseListSelectivity(clause.args, rel);
    case BoundKind::kOr: {
      double s1 = 0.0;
      for (const auto& arg : clause.args) {
        double s2 = ClauseSelectivity(*arg, rel);
        s1 = s1 + s2 - s1 * s2;
      }
      return s1;
    }
    case BoundKind::kNot:
      return 1.0 - ClauseSelectivity(*clause.args[0], rel);
    case BoundKind::kIsNull:
      return NullTestSelectivity(Examine(*clause.args[0], rel), !clause.negated);
    case BoundKind::kBoolTest: {
      auto kind = static_cast<BoolTestKind>(clause.op);
      double s = kind == BoolTestKind::kUnknown ? NullTestSelectivity(Examine(*clause.args[0], rel), true)
                 : kind == BoolTestKind::kTrue  ? ClauseSelectivity(*clause.args[0], rel)
                                                : 1.0 - ClauseSelectivity(*clause.args[0], rel);
      return clause.negated ? 1.0 - s : s;
    }
    case BoundKind::kCompare:
      return CompareSelectivity(clause, rel);
    case BoundKind::kDistinct: {
      // clausesel.c: a DistinctExpr is estimated as its = operator, then inverted.
      BoundExpr eq = clause;
      eq.kind = BoundKind::kCompare;
      eq.op = static_cast<int>(CompareOp::kEq);
      return 1.0 - CompareSelectivity(eq, rel);
    }
    case BoundKind::kInList:
      return InListSelectivity(clause, rel);
    case BoundKind::kLike:
      return clause.negated ? 1.0 - kDefaultMatchSel : kDefaultMatchSel;
    default:
      return kDefaultClauseSel;
  }
}

double ClauseListSelectivity(const std::vector<BoundExprPtr>& clauses, const RelationContext& rel) {
  std::vector<BoundExprPtr> terms;
  Flatten(clauses, &terms);
  if (terms.size() == 1) return ClauseSelectivity(*terms[0], rel);
  double s1 = 1.0;
  std::vector<RangeQuery> ranges;
  for (const auto& t : terms) {
    double s2 = ClauseSelectivity(*t, rel);
    auto r = AsRestriction(*t);
    if (!r || !IsInequality(r->op)) {
      s1 *= s2;
      continue;
    }
    // col < / <= bounds it from above, col > / >= from below; keep the tighter of two on one side.
    auto it =
        std::find_if(ranges.begin(), ranges.end(), [&](const RangeQuery& q) { return ExprEquals(*q.var, *r->var); });
    if (it == ranges.end()) it = ranges.insert(ranges.end(), RangeQuery{r->var});
    bool upper = r->op == CompareOp::kLt || r->op == CompareOp::kLe;
    bool& have = upper ? it->have_hi : it->have_lo;
    double& bound = upper ? it->hi : it->lo;
    bound = have ? std::min(bound, s2) : s2;
    have = true;
  }
  for (const RangeQuery& q : ranges) {
    if (!q.have_lo || !q.have_hi) {
      s1 *= q.have_lo ? q.lo : q.hi;
      continue;
    }
    double s2;
    if (q.lo == kDefaultIneqSel || q.hi == kDefaultIneqSel) {
      s2 = kDefaultRangeIneqSel;  // an estimator punted
    } else {
      // Both exclude the NULLs: add them back once.
      s2 = q.hi + q.lo - 1.0 + NullTestSelectivity(Examine(*q.var, rel), true);
      if (s2 <= 0.0) s2 = s2 < -0.01 ? kDefaultRangeIneqSel : 1.0e-10;
    }
    s1 *= s2;
  }
  return s1;
}

}  // namespace lumadb::planner

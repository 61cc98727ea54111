#pragma once
// Small helpers over bound expressions shared by the binder, index selection and EXPLAIN (private to
// the planner).

#include <utility>
#include <vector>

#include "planner/bound_expr.h"

namespace lumadb::planner {

/// The range of input columns an expression reads: [min, max], or {-1, -1} when it reads none. A
/// subquery counts as reading everything, so it is never taken for a one-side or constant expression.
std::pair<int, int> ColumnSpan(const BoundExpr& e);

/// e with every column reference moved down by `by` positions (a join's right-side term re-based on the
/// right input's row).
BoundExprPtr ShiftColumns(const BoundExprPtr& e, int by);

/// The top-level AND terms of e (e itself when it is no AND); empty for null.
std::vector<BoundExprPtr> Conjuncts(const BoundExprPtr& e);

/// AND of the terms (null for none, the term itself for one).
BoundExprPtr MakeAnd(const std::vector<BoundExprPtr>& terms);

/// True if e calls a volatile function (nextval...): it must be evaluated once per row, in place.
bool ContainsVolatile(const BoundExpr& e);

/// True if e is a constant for one execution: no column references, subqueries, aggregates or volatile
/// calls ($n parameters will count as constant too).
bool IsRunConstant(const BoundExpr& e);

/// text or varchar: binary-compatible types whose values compare (and encode in index keys) alike.
bool IsTextLike(TypeId t);

/// True if values of `a` and `b` order alike (same type, both integers, both text-like), so a comparison of
/// one with the other follows an index over either (common/index_key.h encodes them alike).
bool SameOrdering(TypeId a, TypeId b);

/// `x op y` written as `y op' x`: < and >, <= and >= swap; = and <> stay.
CompareOp Commute(CompareOp op);

/// Whether a three-way comparison result `cmp` satisfies op (cmp < 0 for kLt, ...).
bool CompareHolds(CompareOp op, int cmp);

}  // namespace lumadb::planner

#pragma once
// Evaluation of bound expressions over one input row, with SQL's three-valued logic (PostgreSQL 15 docs
// §9.1-§9.2, executor/execExprInterp.c): NULL propagates through strict operators, AND/OR/NOT follow
// Kleene logic, IN with a NULL and no match is NULL.

#include <string_view>

#include "common/value.h"
#include "exec/executor.h"
#include "planner/bound_expr.h"

namespace lumadb::exec {

/// Evaluates e over `row` (the input row of the plan node that owns e); $n reads ctx.params. Throws the DbErrors of the
/// operations it performs: 22012, 22003, 22P02 (casts), 21000 (scalar subquery returned several rows),
/// 22019/22025 (bad LIKE escape), 42704 "no value found for parameter n".
Value Evaluate(const planner::BoundExpr& e, const Row& row, ExecContext& ctx);

/// Evaluate without a copy when e is a column or a constant (the common aggregate argument and comparison
/// operand): the result is then `row`'s or e's own value; otherwise it is stored in *scratch. The reference
/// lives as long as row, e and *scratch.
inline const Value& EvaluateRef(const planner::BoundExpr& e, const Row& row, ExecContext& ctx, Value* scratch) {
  if (e.kind == planner::BoundKind::kColumn) return row[e.column];
  if (e.kind == planner::BoundKind::kConst) return e.value;
  *scratch = Evaluate(e, row, ctx);
  return *scratch;
}

/// True only for a non-NULL boolean true (how WHERE, HAVING, ON and CASE WHEN read a predicate).
bool IsTrue(const Value& v);

/// SQL LIKE/ILIKE over UTF-8 text (utils/adt/like_match.c): '%' matches any sequence, '_' one character,
/// `escape` (a single character, or empty for none) quotes the next one. Throws 22025 "LIKE pattern must
/// not end with escape character".
bool LikeMatch(std::string_view text, std::string_view pattern, std::string_view escape, bool case_insensitive);

}  // namespace lumadb::exec

#pragma once
// Row helpers shared by the join executors (private to exec/): the joined row, the NULL row an outer join
// pads with, and the evaluation of join keys.

#include <vector>

#include "exec/expression_evaluator.h"
#include "planner/plan.h"

namespace lumadb::exec {

/// left ++ right, the row a join outputs.
inline Row ConcatRows(const Row& left, const Row& right) {
  Row r;
  r.reserve(left.size() + right.size());
  r.insert(r.end(), left.begin(), left.end());
  r.insert(r.end(), right.begin(), right.end());
  return r;
}

/// A row of NULLs of the given columns' types (the missing side of an outer join).
inline Row NullRow(const std::vector<planner::OutputColumn>& cols) {
  Row r;
  r.reserve(cols.size());
  for (const auto& c : cols) r.push_back(Value::Null(c.type.id));
  return r;
}

/// Appends the values of `exprs` over `row` to *key; false as soon as one is NULL (such a row matches
/// nothing, as `=` with NULL is never true).
inline bool EvaluateKeys(const std::vector<planner::BoundExprPtr>& exprs, const Row& row, ExecContext& ctx, Row* key) {
  for (const auto& e : exprs) {
    key->push_back(Evaluate(*e, row, ctx));
    if (key->back().is_null()) return false;
  }
  return true;
}

}  // namespace lumadb::exec

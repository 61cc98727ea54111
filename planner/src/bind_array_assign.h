#pragma once
// Subscripted assignment targets (`SET a[i][j] = v`, `SET a[lo:hi] = src`):
// parse_target.c transformAssignmentIndirection / transformAssignmentSubscripts.

#include "catalog/catalog.h"
#include "planner/binder.h"

namespace lumadb::planner {

/// Binds the assignment of `value` through `target` (a SubscriptExpr chain over a ColumnRef of `col`) as
/// an array_set_element / array_set_slice call over `current` (an earlier subscripted assignment to the
/// same column, or null: the column's old value). `value` is assignment-cast to the
/// element type, or to the array type when any subscript is a slice. Throws 42804 "cannot subscript type
/// ..." for a non-array column, 42804 "array subscript must have type integer", 42804 "subscripted
/// assignment to ... requires type ..." and 54000 for more than 6 subscripts; errors point at the target column.
BoundExprPtr BindArrayAssignment(Binder& b, const ast::Expr& target, const catalog::ColumnInfo& col,
                                 BoundExprPtr current, BoundExprPtr value, const Scope& scope);

/// 54000 "number of array dimensions (N) exceeds the maximum allowed (6)" when n > 6
/// (array_subscript_transform).
void CheckSubscriptCount(size_t n);

}  // namespace lumadb::planner

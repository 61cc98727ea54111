#pragma once
// INSERT with subscripted target columns (gram.y insert_column_item's opt_indirection):
// `INSERT INTO t (a[1:2], b[3]) ...`. The transformer makes every INSERT an InsertWithTargets; an
// InsertStmt built elsewhere (view rewriting) has no subscripted targets.

#include <vector>

#include "parser/ast.h"

namespace lumadb::ast {

/// An InsertStmt whose column list may carry subscripts. column_targets is parallel to columns: the
/// subscripts of column i as a SubscriptExpr chain over a ColumnRef of it, or null for a plain column.
struct InsertWithTargets : InsertStmt {
  std::vector<ExprPtr> column_targets;
};

/// The subscripts of target column i of `stmt`, or null (a plain column, or an InsertStmt not made by
/// the transformer).
inline const Expr* InsertTargetSubscripts(const InsertStmt& stmt, size_t i) {
  const auto* with = dynamic_cast<const InsertWithTargets*>(&stmt);
  return with && i < with->column_targets.size() ? with->column_targets[i].get() : nullptr;
}

}  // namespace lumadb::ast

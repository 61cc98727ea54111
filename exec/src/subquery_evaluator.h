#pragma once
// Subquery expressions and kExecParam slots (PostgreSQL's nodeSubplan.c ExecSubPlan/ExecScanSubPlan and
// PARAM_EXEC parameters). Private to exec/.

#include <vector>

#include "exec/executor.h"
#include "planner/plan.h"

namespace lumadb::exec {

/// The value of kSubquery e over `row`: sets the slots it passes to its subplan from the row, then runs the
/// subplan as far as its kind needs (EXISTS: one row; scalar: two; ANY/ALL: until the result is known). An
/// uncorrelated subquery (no slots) runs once per statement and its rows are kept in
/// ctx.subquery_results. Throws 21000 when a scalar subquery returns more than one row, and whatever the
/// subplan throws.
Value EvalSubquery(const planner::BoundExpr& e, const Row& row, ExecContext& ctx);

/// The current value of slot e.op (kExecParam). Throws XX000 if no enclosing level has set it.
Value ExecParamValue(const planner::BoundExpr& e, const ExecContext& ctx);

/// Sets each binding's slot to its value evaluated over `row` (the level that owns the slots).
void SetExecParams(const std::vector<planner::ExecParamBinding>& params, const Row& row, ExecContext& ctx);

/// Whether a three-way comparison result `cmp` satisfies op (cmp < 0 for kLt, ...).
bool CompareResult(planner::CompareOp op, int cmp);

}  // namespace lumadb::exec

// Estimates of WITH's nodes (costsize.c cost_recursive_union, set_worktable_size_estimates,
// cost_ctescan): the work table is guessed at 100 rows, the whole at the non-recursive term plus ten
// rounds of the recursive one; a CTE Scan has its query's rows at cpu_tuple_cost each.
#include "cost_estimate.h"
#include "plan_estimate.h"
#include "planner/cte_plan.h"

namespace lumadb::planner {

NodeEstimate PlanEstimator::RecursiveEstimate(const PlanNode& node) {
  NodeEstimate e;
  if (node.kind == PlanKind::kCteScan) {
    const NodeEstimate& query = Estimate(*node.As<CteScanPlan>().cte->plan);
    e.widths = query.widths;
    e.rows = query.rows;
    e.cost.total = e.rows * kCpuTupleCost;
    return e;
  }
  if (node.kind == PlanKind::kWorkTableScan) {
    e.widths.assign(node.output.size(), 4);
    e.rows = 100;
    e.cost.total = e.rows * kCpuTupleCost;
    return e;
  }
  const auto& ru = node.As<RecursiveUnionPlan>();
  const NodeEstimate& base = Estimate(*ru.non_recursive);
  const NodeEstimate& step = Estimate(*ru.recursive);
  e.widths = base.widths;
  e.rows = ClampRowEst(base.rows + 10 * step.rows);
  e.cost.total = base.cost.total + 10 * step.cost.total + e.rows * kCpuTupleCost;
  return e;
}

}  // namespace lumadb::planner

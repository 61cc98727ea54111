// EXPLAIN's estimates of the parallel aggregation nodes (costsize.c cost_agg over a partial path,
// cost_gather; planner.c's partial and final grouping paths). See parallel_plan.h.
#include <algorithm>
#include <cmath>

#include "parallel_plan.h"
#include "plan_estimate.h"

namespace lumadb::planner {

namespace {

// The input of the Partial Aggregate (a Parallel Seq Scan or Parallel Hash Join): agg's child, or below the
// Gather under a Finalize Aggregate.
const PlanNode& PartialInputOf(const AggregatePlan& agg) {
  const PlanNode* p = agg.child.get();
  if (p->kind == PlanKind::kGather) {
    p = p->As<GatherPlan>().child.get();
    if (p->kind == PlanKind::kSort) p = p->As<SortPlan>().child.get();
    p = p->As<AggregatePlan>().child.get();
  }
  return *p;
}

// The Parallel Seq Scan that divides the rows among the participants: the input's, or its join's outer one.
const SeqScanPlan& OuterScanOf(const PlanNode& input) {
  return (input.kind == PlanKind::kJoin ? *input.As<JoinPlan>().left : input).As<SeqScanPlan>();
}

}  // namespace

NodeEstimate PlanEstimator::SplitAggregate(const AggregatePlan& agg) {
  const NodeEstimate& child = Estimate(*agg.child);
  const PlanNode& input = PartialInputOf(agg);
  const SplitAggregateCosts c = AggregateSplitCosts(agg.aggregates);
  const double per_row = agg.partial ? c.trans : c.combine;
  const double per_group = agg.partial ? c.serial : c.final;
  NodeEstimate e;
  if (agg.groups.empty()) {
    // AGG_PLAIN: the one group's final step is part of the startup.
    e.rows = 1;
    e.cost.startup = child.cost.total + child.rows * per_row + per_group;
    e.cost.total = e.cost.startup + kCpuTupleCost;
  } else {
    // AGG_HASHED; a partial step's groups are at most its share of the rows, the final step's at most all.
    double groups = 1;
    for (const auto& g : agg.groups) groups *= NumDistinct(input, *g, 0);
    const double input_rows = Estimate(input).rows;
    const int workers = OuterScanOf(input).parallel_workers;
    e.rows = ClampRowEst(std::min(groups, agg.partial ? input_rows : input_rows * ParallelDivisor(workers)));
    const double keys = static_cast<double>(agg.groups.size());
    if (agg.partial) {
      e.cost.startup = child.cost.total + child.rows * (kCpuOperatorCost * keys + per_row);
      e.cost.total = e.cost.startup + e.rows * (kCpuTupleCost + per_group);
    } else {
      // AGG_SORTED over the Gather Merge: rows stream out as their groups end.
      e.cost.startup = child.cost.startup;
      e.cost.total =
          child.cost.total + child.rows * (kCpuOperatorCost * keys + per_row) + e.rows * (kCpuTupleCost + per_group);
    }
  }
  e.widths = AggregateWidths(agg, Estimate(input).widths);
  return e;
}

NodeEstimate PlanEstimator::Gather(const GatherPlan& gather) {
  // cost_gather: starting the workers, then parallel_tuple_cost per row passed to the leader; the partial
  // rows are those of one worker times the workers (planner.c's estimate for a Gather of partial groups).
  const NodeEstimate& in = Estimate(*gather.child);
  const PlannerSettings& settings = CurrentPlannerSettings();
  NodeEstimate e = in;
  e.rows = ClampRowEst(in.rows * gather.workers);
  e.cost.startup = in.cost.startup + settings.parallel_setup_cost;
  e.cost.total = in.cost.total + settings.parallel_setup_cost + settings.parallel_tuple_cost * e.rows;
  if (gather.child->kind == PlanKind::kSort) {
    // cost_gather_merge: a heap over the participants' sorted streams (N = workers + the leader), two
    // operators per comparison, log2 N comparisons per row, and 5% more per tuple passed than a Gather.
    const double n = gather.workers + 1.0;
    const double comparison = 2 * kCpuOperatorCost;
    e.cost.startup += comparison * n * std::log2(n);
    e.cost.total += comparison * n * std::log2(n) + e.rows * (comparison * std::log2(n) + kCpuOperatorCost) +
                    settings.parallel_tuple_cost * e.rows * 0.05;
  }
  return e;
}

}  // namespace lumadb::planner

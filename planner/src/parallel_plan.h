#pragma once
// Parallel aggregation (private to the planner; planner/README.md "Parallel aggregation"): PostgreSQL 15's
// partial aggregation paths (planner.c create_partial_grouping_paths, allpaths.c compute_parallel_worker,
// costsize.c cost_gather) for an Aggregate over one table's sequential scan.

#include <functional>
#include <string>
#include <string_view>

#include "planner/plan.h"
#include "planner/planner_settings.h"

namespace lumadb::planner {

/// costsize.c get_parallel_divisor: the workers plus the leader's share of the rows (1 - 0.3 per worker,
/// parallel_leader_participation being on).
double ParallelDivisor(int workers);

/// allpaths.c compute_parallel_worker for a table of `pages` heap pages: none below
/// min_parallel_table_scan_size, one from there, one more each time the table triples, at most
/// max_parallel_workers_per_gather.
int ComputeParallelWorkers(double pages, const PlannerSettings& settings);

/// The per-aggregate costs of a split aggregation (pg_aggregate's transfn, serialfn, combinefn, finalfn),
/// each cpu_operator_cost for a function the aggregate has: summed over `aggregates`.
struct SplitAggregateCosts {
  double trans = 0;    // per input row of the Partial Aggregate
  double serial = 0;   // per group it emits (sum/avg of numeric and int8 serialize their internal state)
  double combine = 0;  // per input row of the Finalize Aggregate (combinefn, plus deserialfn)
  double final = 0;    // per group the Finalize Aggregate emits (avg's finalfn, numeric sums')
};
SplitAggregateCosts AggregateSplitCosts(const std::vector<AggregateSpec>& aggregates);

/// p with an Aggregate over a sequential scan of a large table (reached from the root through Limit, Sort,
/// Project, Filter and Distinct nodes) replaced by Finalize Aggregate -> Gather -> Partial Aggregate ->
/// Parallel Seq Scan, when the table is big enough for workers (ComputeParallelWorkers), the plan is cheaper
/// that way, and it is parallel safe: a plain read (no FOR UPDATE/SHARE, no rid) of a table that is not
/// temporary, count/sum/avg/min/max/bool_and/bool_or without DISTINCT, ORDER BY or grouping sets, and
/// expressions without subqueries, outer references or volatile calls. Nodes on the path are copied.
PlanPtr PlanParallelAggregate(const PlanPtr& p);

/// p as Limit -> Gather Merge -> Sort -> Parallel Seq Scan when p is a Limit with a constant count over a
/// Sort (or a Project of one) of a parallel-safe sequential scan (PostgreSQL 15's partial sort path under
/// generate_gather_paths), the table is big enough for workers and the parallel form is cheaper (each participant keeps
/// a bounded heap of count + offset rows). Only bounds of at most kMaxParallelSortBound rows: participants sort in
/// memory. Nodes on the path are copied.
PlanPtr PlanParallelTopN(const PlanPtr& p);
inline constexpr double kMaxParallelSortBound = 10000;

/// True if `scan` is a sequential scan a worker may run (a plain read of an ordinary table that is not
/// temporary, with a parallel-safe qual) and ParallelSafe(e) for expressions (parallel_plan.cpp).
bool ParallelSafeScan(const PlanNode& scan);
bool ParallelSafe(const BoundExpr* e);

/// Reads max_parallel_workers_per_gather & co into *settings (ReadPlannerSettings' share).
void ReadParallelSettings(const std::function<std::string(std::string_view)>& get_setting, PlannerSettings* settings);

}  // namespace lumadb::planner

#pragma once
// EXPLAIN's estimates (private to the planner): each plan node's "(cost=startup..total rows=N width=W)",
// from the scans' selectivity and cost estimates (selectivity.h, cost_estimate.h) upward, after the
// corresponding costsize.c functions in a simplified form (issue 7 brings the full cost model).

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "cost_estimate.h"
#include "planner/plan.h"

namespace lumadb::planner {

/// The estimate of one plan node: its cost, the rows it returns (per loop, for the inner side of an index
/// nested loop) and the average width in bytes of each output column.
struct NodeEstimate {
  Cost cost;
  double rows = 0;
  std::vector<int32_t> widths;

  /// The row width EXPLAIN shows.
  int32_t width() const;
};

/// The node below `node` whose output column *column (updated) comes from unchanged, through filters,
/// sorts, limits, column projections and joins: a scan for a base table column, else the last node passing
/// it on.
const PlanNode* TraceColumn(const PlanNode& node, int* column);

/// Estimates the nodes of one plan on demand, each once (a node's estimate is built on its children's).
/// The plan must outlive the estimator.
class PlanEstimator {
 public:
  /// The estimate of `node`, a node of the plan (children are estimated first).
  const NodeEstimate& Estimate(const PlanNode& node);
  /// Drops the estimate of `node`, a plan node about to be destroyed (a join candidate that lost), so
  /// that a node allocated later at its address is estimated afresh.
  void Forget(const PlanNode& node);

 private:
  NodeEstimate Compute(const PlanNode& node);
  NodeEstimate SeqScan(const SeqScanPlan& scan);
  NodeEstimate IndexScan(const IndexScanPlan& scan);
  NodeEstimate Filter(const FilterPlan& filter);
  NodeEstimate Project(const ProjectPlan& project);
  NodeEstimate Join(const JoinPlan& join);  // join_cost.cpp
  /// The cost of `join` by its method, given its inputs' estimates, its rows and the distinct values of
  /// its first inner key (join_cost.cpp).
  /// The distinct values of a hash key for the bucket size: `distinct` scaled by the share of its base
  /// table's rows the scan keeps (join_cost.cpp).
  double BucketDistinct(const PlanNode& input, const BoundExpr& expr, int offset, double distinct);
  Cost JoinCost(const JoinPlan& join, const NodeEstimate& left, const NodeEstimate& right, double rows,
                double inner_distinct);
  NodeEstimate IndexNestedLoop(const IndexNestedLoopPlan& join);
  NodeEstimate Aggregate(const AggregatePlan& agg);
  /// A Partial Aggregate, or a Finalize Aggregate over a Gather (parallel_estimate.cpp).
  NodeEstimate SplitAggregate(const AggregatePlan& agg);
  /// An aggregation's output widths: a group key that is a column of `input` keeps its width.
  static std::vector<int32_t> AggregateWidths(const AggregatePlan& agg, const std::vector<int32_t>& input);
  NodeEstimate Gather(const GatherPlan& gather);
  NodeEstimate Limit(const LimitPlan& limit);
  NodeEstimate Leaf(const PlanNode& node);
  /// RecursiveUnion and WorkTableScan (cte_estimate.cpp).
  NodeEstimate RecursiveEstimate(const PlanNode& node);
  /// The distinct values expected of `expr` over `input`'s row (a column of a scanned table, or a default).
  double NumDistinct(const PlanNode& input, const BoundExpr& expr, int offset);

  std::unordered_map<const PlanNode*, NodeEstimate> done_;
  std::unordered_map<const PlanNode*, double> sort_bounds_;  // a Sort under a Limit: the rows it keeps
};

/// An int8 LIMIT/OFFSET known at plan time, or nullopt.
std::optional<double> FoldedCount(const BoundExprPtr& e);

}  // namespace lumadb::planner

#pragma once
// EXPLAIN's estimates (private to the planner): each plan node's "(cost=startup..total rows=N width=W)",
// from the scans' selectivity and cost estimates (selectivity.h, cost_estimate.h) upward, after the
// corresponding costsize.c functions in a simplified form (issue 7 brings the full cost model).

#include <cstdint>
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

/// Estimates the nodes of one plan on demand, each once (a node's estimate is built on its children's).
/// The plan must outlive the estimator.
class PlanEstimator {
 public:
  /// The estimate of `node`, a node of the plan (children are estimated first).
  const NodeEstimate& Estimate(const PlanNode& node);

 private:
  NodeEstimate Compute(const PlanNode& node);
  NodeEstimate SeqScan(const SeqScanPlan& scan);
  NodeEstimate IndexScan(const IndexScanPlan& scan);
  NodeEstimate Filter(const FilterPlan& filter);
  NodeEstimate Project(const ProjectPlan& project);
  NodeEstimate Join(const JoinPlan& join);
  NodeEstimate IndexNestedLoop(const IndexNestedLoopPlan& join);
  NodeEstimate Aggregate(const AggregatePlan& agg);
  NodeEstimate Limit(const LimitPlan& limit);
  NodeEstimate Leaf(const PlanNode& node);
  /// RecursiveUnion and WorkTableScan (cte_estimate.cpp).
  NodeEstimate RecursiveEstimate(const PlanNode& node);
  /// The distinct values expected of `expr` over `input`'s row (a column of a scanned table, or a default).
  double NumDistinct(const PlanNode& input, const BoundExpr& expr, int offset);

  std::unordered_map<const PlanNode*, NodeEstimate> done_;
};

}  // namespace lumadb::planner

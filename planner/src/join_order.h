#pragma once
// Join planning (private to the planner): the order of inner joins and the method of every join, chosen by
// estimated cost (planner/README.md "Join order" has the algorithm and its invariants).

#include <vector>

#include "plan_estimate.h"
#include "planner/plan.h"

namespace lumadb::planner {

/// An input of a join being planned: its cheapest plan, and for a base table the plain scan with its
/// filter before index selection (an index nested loop and an ordered index scan are built from it).
struct JoinInput {
  PlanPtr plan;
  std::shared_ptr<const SeqScanPlan> scan;  // null unless a plain table scan
};

/// The cheapest plan joining `left` and `right` (output left ++ right) with `kind` on `terms` (over left ++
/// right), among a hash join, a nested loop, an index nested loop and a merge join (with Sort nodes or
/// ordered index scans below), as add_paths_to_joinrel weighs them. `created` receives the nodes made for
/// the winner (for PlanEstimator::Forget should it be dropped later). Null when no method can run it (a
/// RIGHT join without keys: it runs as a LEFT join the other way round). Throws 0A000 for a FULL join
/// whose condition is neither merge- nor hash-joinable.
PlanPtr CheapestJoin(const JoinInput& left, const JoinInput& right, JoinKind kind,
                     const std::vector<BoundExprPtr>& terms, PlanEstimator* estimator, std::vector<PlanPtr>* created);

/// For the top join of a tree of inner joins (comma lists, INNER JOIN ... ON, WHERE terms merged in): the
/// same rows from the cheapest join order found (dynamic programming over subsets up to kDpLimit inputs,
/// greedy beyond), with single-input terms pushed into the inputs and index selection done on them,
/// under a projection restoring the original column order when it changed. For an outer join: its
/// cheapest method, either side order. Null when the join is not planned here (lateral, semi/anti).
PlanPtr PlanJoinTree(const JoinPlan& join);

/// Inputs up to which the order is searched exhaustively (PostgreSQL's join_collapse_limit).
inline constexpr int kDpLimit = 8;

}  // namespace lumadb::planner

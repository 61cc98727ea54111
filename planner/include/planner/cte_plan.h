#pragma once
// Plan nodes of WITH RECURSIVE (PostgreSQL's RecursiveUnion and WorkTableScan, nodeRecursiveunion.c).

#include "planner/plan.h"

namespace lumadb::planner {

/// non_recursive UNION [ALL] recursive, iterated to a fixpoint: the rows of each round are the work table
/// the next round's WorkTableScan (same worktable_id) reads; it stops when a round yields no new row.
/// Without `all`, rows already produced are dropped (duplicates by IS NOT DISTINCT FROM).
struct RecursiveUnionPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kRecursiveUnion;
  RecursiveUnionPlan() : PlanNode(kKind) {}
  PlanPtr non_recursive, recursive;
  bool all = false;
  int worktable_id = 0;
  std::string cte_name;  // for EXPLAIN
};

/// The rows of the previous round of the RecursiveUnion with the same worktable_id.
struct WorkTableScanPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kWorkTableScan;
  WorkTableScanPlan() : PlanNode(kKind) {}
  int worktable_id = 0;
  std::string cte_name;
  std::string alias;
};

}  // namespace lumadb::planner

#pragma once
// Plan nodes of WITH (PostgreSQL's RecursiveUnion and WorkTableScan, nodeRecursiveunion.c, and CTE Scan,
// nodeCtescan.c).

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

/// A WITH query evaluated once for all its readers (PostgreSQL's CTE subplan): a query referenced more than
/// once, AS MATERIALIZED, recursive, or data-modifying. It runs in the statement's ExecContext, started by
/// the node whose init_ctes list it; a data-modifying one runs to completion even when nothing reads it.
struct CteDef {
  int id = 0;  // unique per process: keys the run's buffer (ExecContext::cte_buffers)
  std::string name;
  PlanPtr plan;
  bool modifying = false;  // INSERT/UPDATE/DELETE ... RETURNING
};

/// Reads a materialized WITH query (nodeCtescan.c): every CTE Scan of one CteDef shares its rows, each
/// with its own read position, pulling more from the query only when it is the furthest reader.
struct CteScanPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kCteScan;
  CteScanPlan() : PlanNode(kKind) {}
  std::shared_ptr<const CteDef> cte;
  std::string alias;  // the FROM item's alias, empty when none
};

}  // namespace lumadb::planner

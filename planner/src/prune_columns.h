#pragma once
// Projection pruning for scans (private to the planner): a sequential scan whose rows only some columns
// of are read above it decodes just those (DuckDB's column pruning; PostgreSQL gets the same effect from
// slot_getattr decoding attributes lazily, up to the last one used).

#include "planner/plan.h"

namespace lumadb::planner {

/// p with each SeqScan that feeds a Project or an Aggregate through row-preserving nodes only (Filter,
/// Sort, Limit) marked with the columns those nodes read (SeqScanPlan::decode). Scans under other nodes
/// (joins, set operations, window functions...) are left decoding every column. Subqueries count as
/// reading every column. Nodes on the changed paths are copied; p itself is not modified.
PlanPtr PruneScanColumns(const PlanPtr& p);

}  // namespace lumadb::planner

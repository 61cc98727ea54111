#pragma once
// Index selection (private to the planner): rewrites a bound plan so that table scans use B+tree
// indexes where the estimated costs (or, for tables never analyzed, the rules) of index_selection.cpp
// say so.

#include "planner/plan.h"

namespace lumadb::planner {

/// Returns `plan` with index scans, index nested loops and sort-free ordered scans chosen, rebuilding
/// only the nodes on the way to a changed scan (plans are immutable and may be shared):
///  - a scan whose qual has `col op const` terms (op = < <= > >=, BETWEEN; `col IS NULL` counts as an
///    equality) on a prefix of an index's
///    key columns may become an IndexScanPlan (equalities on a prefix, then a range on the next column).
///    With ANALYZE statistics (reltuples >= 0) the cheapest of the sequential scan and each such index
///    wins (cost_estimate.h); without, the longest prefix wins, then unique indexes. The whole qual stays
///    as the recheck.
///  - a Sort over such an index scan in the index's order, or in its exact reverse (a backward scan), is
///    dropped; ORDER BY ... LIMIT over a plain scan is served by an index whose leading columns match the
///    keys in the same direction or all in the opposite one (NULLs too), scanned backward for the latter.
///  - single-side terms of inner join conditions move into the scans below (and the ON terms of the
///    right side of a LEFT join), and an inner/left join with `outer_expr = inner.col`, inner.col the
///    first key column of an index of a base table, becomes an IndexNestedLoopPlan.
/// "const" means no column references, subqueries or volatile calls; the const must have the column's
/// type, or an integer type for an integer column (plan.md §1: otherwise the index order may not be
/// the comparison's order).
PlanPtr UseIndexes(const PlanPtr& plan);

/// An inner/left join whose right side is a plain scan with an index on `outer_expr = inner.col` as an
/// IndexNestedLoopPlan (the scan's index chosen by that column), else null.
PlanPtr IndexNestedLoop(const JoinPlan& join);

/// A scan of `scan`'s table through an index whose leading columns give the order of `keys` (sort keys
/// over the table's row), bounded by the scan's qual where it can be, else null (a merge join's input).
PlanPtr OrderedIndexScan(const SeqScanPlan& scan, const std::vector<SortKey>& keys);

}  // namespace lumadb::planner

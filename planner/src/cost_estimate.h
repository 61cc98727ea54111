#pragma once
// Scan costs (private to the planner), after PostgreSQL 15 optimizer/path/costsize.c (cost_seqscan,
// cost_index, index_pages_fetched), utils/adt/selfuncs.c (btcostestimate, genericcostestimate) and
// access/table/tableam.c (table_block_relation_estimate_size). Costs are in PostgreSQL's units: one
// sequential page fetch = 1.0. LumaDB knows the heap's size as of the last ANALYZE only (pg_class), and
// an index's size not at all, so index pages and height are estimated from the key width as a freshly
// built B+tree would have them. Issue 7 brings the full cost model; this is the part index choice needs.

#include <vector>

#include "catalog/catalog.h"
#include "planner/bound_expr.h"

namespace lumadb::planner {

/// costsize.c's parameters, at PostgreSQL 15's defaults.
inline constexpr double kSeqPageCost = 1.0;
inline constexpr double kRandomPageCost = 4.0;
inline constexpr double kCpuTupleCost = 0.01;
inline constexpr double kCpuIndexTupleCost = 0.005;
inline constexpr double kCpuOperatorCost = 0.0025;
inline constexpr double kEffectiveCacheSize = 524288;  // pages (4 GB)

/// A path's cost: to its first row and to its last.
struct Cost {
  double startup = 0;
  double total = 0;
};

/// A table's estimated size.
struct RelationSize {
  double pages = 0;
  double tuples = 0;
};

/// clamp_row_est: at least 1, rounded.
double ClampRowEst(double rows);

/// get_typavgwidth: the average width of a type (its length, or a guess from varchar(n)/char(n), else 32).
int32_t TypeAvgWidth(TypeDesc type);

/// The average width of column `column` (0-based) of t: ANALYZE's stawidth, else TypeAvgWidth.
int32_t ColumnWidth(const catalog::TableInfo& t, int column);

/// table_block_relation_estimate_size over pg_class's relpages/reltuples: a never-analyzed or empty table
/// is taken to fill 10 pages, with a density from its columns' widths.
RelationSize EstimateRelationSize(const catalog::TableInfo& t);

/// cost_qual_eval's per-row cost of evaluating e (cpu_operator_cost per operator or function call).
double QualCost(const BoundExpr* e);

/// cost_seqscan: every page read in order, every row checked against qual.
Cost SeqScanCost(const RelationSize& rel, const BoundExprPtr& qual);

/// What cost_index needs of an index scan: the index, how selective its conditions are, and the rest of
/// the qual, which is checked on every row fetched.
struct IndexScanInput {
  const catalog::TableInfo* table = nullptr;
  const catalog::IndexInfo* index = nullptr;
  RelationSize rel;
  double index_selectivity = 1.0;  // of the index conditions
  int index_conds = 0;             // how many
  bool unique_lookup = false;      // equality on every key column of a unique index
  BoundExprPtr filter;             // the qual's other terms
  double loop_count = 1;           // scans in a row (the outer rows of a nested loop); the cost is per scan
};

/// cost_index with btcostestimate: the index descent, the index pages and tuples visited, and the heap
/// pages fetched (Mackert-Lohman, interpolated toward a sequential read by the key's correlation).
Cost IndexScanCost(const IndexScanInput& in);

}  // namespace lumadb::planner

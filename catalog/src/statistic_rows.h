#pragma once
// pg_statistic rows (PostgreSQL 15 catalog/pg_statistic.h): building them from ColumnStatistics and
// reading them back. Slots are filled in PostgreSQL's order (MCV, histogram, correlation, each only when
// present); staop is the type's btree "=" (MCV) or "<" (histogram, correlation) operator and stacoll its
// collation, as compute_scalar_stats records them. stanumbers and stavalues are text (array_text.h).

#include "catalog/statistics.h"
#include "common/value.h"

namespace lumadb::catalog {

/// The pg_statistic row of one column of relation `relid` whose type is `type` (stainherit false).
Row StatisticRow(Oid relid, TypeDesc type, const ColumnStatistics& stats);

/// Reads a row StatisticRow wrote; stavalues are parsed as `type` (the column's current type). XX001 on a
/// malformed array text or value.
ColumnStatistics StatisticFromRow(const Row& r, TypeDesc type);

}  // namespace lumadb::catalog

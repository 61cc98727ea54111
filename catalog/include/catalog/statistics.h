#pragma once
// Column statistics as ANALYZE stores them in pg_statistic (PostgreSQL 15 catalog/pg_statistic.h) and the
// planner reads them (utils/adt/selfuncs.c). Immutable once published: a TableInfo points to one
// TableStatistics, rebuilt with the catalog snapshot when an ANALYZE (or DDL touching the rows) commits.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "common/value.h"

namespace lumadb::catalog {

/// pg_statistic's OID (StatisticRelationId): ANALYZE skips it.
inline constexpr Oid kStatisticRelationId = 2619;

/// pg_statistic.stakindN codes (pg_statistic.h STATISTIC_KIND_*).
inline constexpr int16_t kStatisticKindMcv = 1;
inline constexpr int16_t kStatisticKindHistogram = 2;
inline constexpr int16_t kStatisticKindCorrelation = 3;

/// One pg_statistic row (stainherit false): the statistics of one column.
struct ColumnStatistics {
  int16_t attnum = 0;
  /// stanullfrac: fraction of rows whose value is NULL, 0..1.
  float null_frac = 0;
  /// stawidth: average stored width in bytes of the non-NULL values (the type's length if fixed).
  int32_t avg_width = 0;
  /// stadistinct: > 0 the number of distinct non-NULL values; < 0 minus that number divided by the row
  /// count (it scales with the table: -1 is a unique column); 0 unknown.
  float n_distinct = 0;
  /// STATISTIC_KIND_MCV: the most common values, most common first, and their frequencies (fractions of
  /// all rows, NULLs included). Same length; empty when there is no MCV slot.
  std::vector<Value> mcv_values;
  std::vector<float> mcv_freqs;
  /// STATISTIC_KIND_HISTOGRAM: ascending bounds of equal-population bins over the non-NULL values that are
  /// not MCVs (at least 2 when present, else empty).
  std::vector<Value> histogram;
  /// STATISTIC_KIND_CORRELATION: correlation between physical row order and value order, -1..1.
  std::optional<float> correlation;
};

/// What ANALYZE knows of a table: its pg_statistic rows, by attnum (columns never analyzed are absent).
struct TableStatistics {
  std::vector<ColumnStatistics> columns;  // ascending attnum

  /// The statistics of column `attnum`, or null.
  const ColumnStatistics* Column(int16_t attnum) const {
    for (const ColumnStatistics& c : columns) {
      if (c.attnum == attnum) return &c;
    }
    return nullptr;
  }
};

/// The result of ANALYZE for one table, as Catalog::StoreStatistics writes it.
struct AnalyzeResult {
  /// pg_class.reltuples: the number of live rows (-1 in pg_class means "never analyzed").
  double reltuples = 0;
  /// pg_class.relpages: the heap's size in 8 KiB pages.
  int32_t relpages = 0;
  /// The analyzed columns (a column list analyzes only those; other columns keep their rows).
  std::vector<ColumnStatistics> columns;
};

}  // namespace lumadb::catalog

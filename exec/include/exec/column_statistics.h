#pragma once
// The statistics ANALYZE computes for one column from a sample of the table's rows (PostgreSQL 15
// commands/analyze.c compute_scalar_stats and analyze_mcv_list): null fraction, average width, the
// Haas-Stokes distinct estimate, most common values and an equal-population histogram of the rest, and
// the physical-order correlation. Every LumaDB type has a total order, so the scalar path is always taken.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "catalog/statistics.h"
#include "common/value.h"

namespace lumadb::exec {

/// default_statistics_target: up to this many MCVs and histogram bins per column.
inline constexpr int kDefaultStatisticsTarget = 100;

/// Rows ANALYZE samples: 300 x the statistics target (std_typanalyze's minrows; see the reasoning there,
/// from "Random sampling for histogram construction", Chaudhuri, Motwani and Narasayya, 1998).
inline constexpr size_t kAnalyzeSampleRows = 300 * kDefaultStatisticsTarget;

/// Values longer than this many bytes (with a 4-byte varlena header) are counted but not sorted, as
/// analyze.c's WIDTH_THRESHOLD: they are assumed distinct.
inline constexpr size_t kWidthThreshold = 1024;

/// The statistics of column `attnum` of type `type` from `sample` (the column's values in the sampled rows,
/// in physical row order; NULL values included), for a table of `total_rows` live rows. nullopt when the
/// sample is empty (PostgreSQL then stores no pg_statistic row).
std::optional<catalog::ColumnStatistics> ComputeColumnStatistics(int16_t attnum, TypeDesc type,
                                                                 const std::vector<Value>& sample, double total_rows,
                                                                 int statistics_target = kDefaultStatisticsTarget);

/// The bytes a non-NULL value takes in a PostgreSQL heap tuple, which stawidth averages: the type's length
/// for fixed-width types, else VARSIZE_ANY (a 1-byte header up to 126 bytes of data, else 4 bytes; numeric
/// as its base-10000 digits plus a 2-byte header).
int32_t StoredWidth(const Value& v);

}  // namespace lumadb::exec

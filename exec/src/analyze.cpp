// ANALYZE of one table (PostgreSQL 15 commands/analyze.c do_analyze_rel): read every live row, keep a
// uniform random sample of kAnalyzeSampleRows of them (reservoir sampling, Vitter's algorithm R; PostgreSQL
// samples blocks first, which only matters for tables far larger than the sample), compute each column's
// statistics (column_statistics.h) and store them with the row and page counts (Catalog::StoreStatistics).
// A table of up to 30,000 rows is read whole, so its statistics are exact and deterministic.

#include <algorithm>
#include <random>

#include "common/row_codec.h"
#include "ddl.h"
#include "exec/column_statistics.h"
#include "storage/heap_file.h"

namespace lumadb::exec {
namespace {

/// A sampled row and its position in the scan (the sample is put back in physical order, as PostgreSQL
/// sorts it by TID, so that the correlation statistic sees the table's order).
struct SampledRow {
  uint64_t position;
  Row row;
};

/// Scans the heap, returning the sample in scan order and setting *total_rows to the number of live rows.
std::vector<SampledRow> SampleRows(storage::HeapFile& heap, const std::vector<TypeId>& types, size_t target,
                                   double* total_rows) {
  std::vector<SampledRow> sample;
  std::mt19937_64 random{std::random_device{}()};
  auto it = heap.Scan();
  storage::Rid rid;
  std::vector<std::byte> bytes;
  uint64_t seen = 0;
  while (it.Next(&rid, &bytes)) {
    if (sample.size() < target) {
      sample.push_back({seen, DecodeRow(types, bytes)});
    } else {
      // Algorithm R: row number `seen` (0-based) replaces a random slot with probability target / (seen + 1).
      uint64_t slot = std::uniform_int_distribution<uint64_t>(0, seen)(random);
      if (slot < target) sample[slot] = {seen, DecodeRow(types, bytes)};
    }
    ++seen;
  }
  std::sort(sample.begin(), sample.end(),
            [](const SampledRow& a, const SampledRow& b) { return a.position < b.position; });
  *total_rows = static_cast<double>(seen);
  return sample;
}

}  // namespace

void AnalyzeTable(SessionContext& ctx, const catalog::TableInfo& table, const std::vector<int16_t>& attnums) {
  // PostgreSQL analyzes tables only (a named sequence gets a WARNING) and never pg_statistic itself.
  if (table.relkind != 'r' || table.oid == catalog::kStatisticRelationId) return;
  storage::HeapFile& heap = ctx.catalog.Heap(table);
  std::vector<TypeId> types;
  for (const auto& c : table.columns) types.push_back(c.type.id);
  catalog::AnalyzeResult result;
  std::vector<SampledRow> sample = SampleRows(heap, types, kAnalyzeSampleRows, &result.reltuples);
  result.relpages = static_cast<int32_t>(heap.PageCount());
  std::vector<Value> column;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    column.clear();
    for (const SampledRow& s : sample) column.push_back(s.row[i]);
    const catalog::ColumnInfo& c = table.columns[i];
    if (!attnums.empty() && std::find(attnums.begin(), attnums.end(), c.attnum) == attnums.end()) continue;
    if (auto stats = ComputeColumnStatistics(c.attnum, c.type, column, result.reltuples)) {
      result.columns.push_back(std::move(*stats));
    }
  }
  ctx.catalog.StoreStatistics(ctx.txn, table, result);
}

}  // namespace lumadb::exec

#pragma once
// What a Sort, a hash aggregation or a hash join measured while EXPLAIN ANALYZE ran it, and the lines
// EXPLAIN prints for it (explain.c show_sort_info, show_hashagg_info, show_hash_info). exec fills the
// figures (ExecContext::spill_stats) and adds their details to the node's ANALYZE figures.

#include <cstdint>
#include <string>
#include <vector>

#include "planner/explain.h"

namespace lumadb::planner {

struct SpillStats {
  enum class Kind { kSort, kHashAggregate, kHash };
  Kind kind = Kind::kSort;
  /// Sort: "quicksort", "top-N heapsort" or "external merge"; space_kb is memory, or disk when on_disk.
  std::string sort_method;
  bool on_disk = false;
  int64_t space_kb = 0;
  /// HashAggregate: batches (1 when nothing spilled), peak memory and bytes written to disk, in kB.
  int64_t batches = 1;
  int64_t memory_kb = 0;
  int64_t disk_kb = 0;
  /// Hash (the inner side of a hash join): buckets and batches, and what they were at the start.
  int64_t buckets = 0;
  int64_t buckets_original = 0;
  int64_t batches_original = 1;
};

/// The ANALYZE detail of `stats`: the text line ("Sort Method: quicksort  Memory: 25kB", "Batches: 1  Memory
/// Usage: 24kB", "Buckets: 1024  Batches: 1  Memory Usage: 9kB") and explain.c's structured properties; a
/// hash join's figures belong to the Hash node under it.
AnalyzeDetail SpillStatsDetail(const SpillStats& stats);

}  // namespace lumadb::planner

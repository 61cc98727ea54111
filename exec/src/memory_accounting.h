#pragma once
// Estimates of the memory buffered rows and aggregate states hold, the figures Sort, hash aggregation and
// hash joins compare with work_mem (PostgreSQL counts the palloc'd chunks of its memory contexts:
// tuplesort.c USEMEM, nodeAgg.c hash_agg_check_limits, nodeHash.c spaceUsed). They count the Value
// vectors, string heap buffers, numerics and arrays, not the allocator's own overhead.

#include <cstddef>
#include <cstdint>

#include "common/value.h"

namespace lumadb::exec {

/// Bytes one Value holds outside itself (a string's heap buffer, a numeric's digits, an array).
size_t ValueHeapBytes(const Value& v);

/// Bytes a buffered row holds: its vector, its Values and what they point to.
size_t RowBytes(const Row& row);

/// A hash aggregation table entry's overhead besides its key and states (node, bucket pointer, group slot).
inline constexpr size_t kGroupOverheadBytes = 64;

/// work_mem (kB) in bytes.
inline size_t WorkMemBytes(int64_t work_mem_kb) {
  return static_cast<size_t>(work_mem_kb) * 1024;
}

/// hash_mem in bytes: what a hash join's table may hold, work_mem times PostgreSQL 15's default
/// hash_mem_multiplier of 2.0 (get_hash_memory_limit; the multiplier is not settable here).
inline size_t HashMemBytes(int64_t work_mem_kb) {
  return 2 * WorkMemBytes(work_mem_kb);
}

/// Bytes rounded up to kB, as EXPLAIN prints memory and disk figures.
inline int64_t KiloBytes(uint64_t bytes) {
  return static_cast<int64_t>((bytes + 1023) / 1024);
}

}  // namespace lumadb::exec

#pragma once
// Hash partitioning for spilling hash aggregations and hash joins (nodeAgg.c hashagg_spill_*, nodeHash.c
// ExecHashGetBucketAndBatch): a well-mixed 64-bit hash of the key, of which each level of spilling takes
// the next bits, so a partition spilled again splits on bits its parent did not use.

#include <cstddef>
#include <cstdint>

#include "common/value.h"
#include "row_hash.h"

namespace lumadb::exec {

/// RowHash of key with its bits mixed (splitmix64's finalizer), so every bit depends on every value.
inline uint64_t SpillHash(const Row& key) {
  uint64_t h = RowHash{}(key);
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

/// The partition of hash among 2^bits partitions, skipping the `used_bits` lowest bits earlier levels took.
inline size_t SpillPartition(uint64_t hash, int used_bits, int bits) {
  if (bits == 0) return 0;
  return static_cast<size_t>((hash >> used_bits) & ((uint64_t{1} << bits) - 1));
}

/// hash_choose_num_partitions's memory rule: the partitions' write buffers take at most a quarter of
/// work_mem, with at least 4 and at most 256 partitions (log2 returned). 0 when no bits are left.
int SpillPartitionBits(int64_t work_mem_kb, int used_bits);

}  // namespace lumadb::exec

#include "hash_spill.h"

#include <algorithm>

#include "memory_accounting.h"
#include "spill_file.h"

namespace lumadb::exec {

int SpillPartitionBits(int64_t work_mem_kb, int used_bits) {
  constexpr int kMinBits = 2;  // HASHAGG_MIN_PARTITIONS 4
  constexpr int kMaxBits = 8;  // HASHAGG_MAX_PARTITIONS 256
  const size_t buffers = WorkMemBytes(work_mem_kb) / 4 / kSpillChunkBytes;
  int bits = kMinBits;
  while (bits < kMaxBits && (size_t{1} << (bits + 1)) <= buffers) ++bits;
  return std::min(bits, 64 - used_bits);
}

}  // namespace lumadb::exec

#pragma once
// PageTable: one partition of the buffer pool's page table, (file, page) -> frame, as an open-addressing
// hash table with linear probing (PostgreSQL's buf_table.c uses a chained dynahash; chains cost a cache
// miss per node on every buffer hit, which profiles of pgbench -S showed as the top user-space symbol).
//
//   slots_: [ Entry | Entry | ... ]   capacity a power of two, at most half full
//   Entry:  | file key (8 bytes: db << 32 | rel) | page (4) | pad (4) | BufferFrame* (8) |   24 bytes
//           frame == nullptr marks an empty slot
//
// Deletion shifts later entries of the same probe run back (no tombstones), so lookups stay short after
// any number of evictions. Not thread-safe: the buffer pool guards each partition with its own mutex.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "storage/ids.h"

namespace lumadb::storage {

struct BufferFrame;

class PageTable {
 public:
  /// The hash of a page tag. The buffer pool picks the partition from its low bits; a table indexes its
  /// slots with the bits above kPartitionBits, so the keys of one partition still spread over all slots.
  static uint64_t Hash(FileId file, PageId page) { return Mix(file.Key(), page); }
  /// log2 of the number of partitions that share the low hash bits.
  static constexpr unsigned kPartitionBits = 6;

  /// An empty table with room for `expected` entries before it grows.
  explicit PageTable(size_t expected = 16);

  /// The frame mapped to (file, page), or nullptr.
  BufferFrame* Find(FileId file, PageId page) const;
  /// Maps (file, page) to `frame`; false (and no change) when the tag is already mapped.
  bool Insert(FileId file, PageId page, BufferFrame* frame);
  /// Removes the mapping of (file, page), if any.
  void Erase(FileId file, PageId page);
  /// Number of mappings.
  size_t size() const { return size_; }

 private:
  struct Entry {
    uint64_t file = 0;
    PageId page = 0;
    BufferFrame* frame = nullptr;
  };
  /// A multiplicative mix, so consecutive pages of one file spread over partitions and slots.
  static uint64_t Mix(uint64_t file_key, PageId page) {
    return (file_key * 0x9E3779B97F4A7C15ull + page) * 0xBF58476D1CE4E5B9ull >> 16;
  }
  size_t Home(uint64_t file_key, PageId page) const {
    return static_cast<size_t>(Mix(file_key, page) >> kPartitionBits) & mask_;
  }
  /// The slot holding (file, page), or the empty slot ending its probe run.
  size_t Probe(uint64_t file_key, PageId page) const;
  void Grow();

  std::vector<Entry> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace lumadb::storage

#pragma once
// IndexBuildEntries: the (key, TID) entries of an index build (CREATE INDEX, REINDEX), collected from a
// heap scan, sorted, and handed to BTree::BulkLoad in place (PostgreSQL's tuplesort for nbtsort.c, with
// its abbreviated keys). Keys live back to back in one arena; the sort moves 40-byte items only:
//
//   arena:  | key 0 bytes | key 1 bytes | key 2 bytes | ...
//   items:  +-----------------+----------------+------------+------------+--------------+--------------+
//           | prefix_high u64 | prefix_low u64 | offset u64 | length u32 | TID page u32 | TID slot u16 |
//           +-----------------+----------------+------------+------------+--------------+--------------+
//   prefix: the key's first 16 bytes as two big-endian integers (zero-padded), so most comparisons are
//   integer compares (an int4 key is 9 bytes: its marker and 8 value bytes fit whole); equal prefixes
//   fall back to memcmp of the bytes after them, then the TID.
//
// The order is BTree's: keys by memcmp with a proper prefix first, then TID (page, slot).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/btree.h"
#include "storage/ids.h"

namespace lumadb::exec {

class IndexBuildEntries : public storage::BTree::EntrySource {
 public:
  /// Appends an entry whose key bytes were just appended to arena() (from `key_start` to its end).
  void AddAppended(size_t key_start, storage::Rid rid);
  /// The arena keys are appended to (AddAppended takes the bytes from key_start on).
  std::string* arena() { return &arena_; }

  /// Sorts by (key, TID).
  void Sort();

  size_t size() const override { return items_.size(); }
  std::string_view key(size_t i) const override {
    return std::string_view(arena_).substr(items_[i].offset, items_[i].length);
  }
  storage::Rid rid(size_t i) const override { return storage::Rid{items_[i].page, items_[i].slot}; }

 private:
  static constexpr size_t kPrefixBytes = 16;
  struct Item {
    uint64_t prefix_high;  // key bytes [0, 8)
    uint64_t prefix_low;   // key bytes [8, 16)
    uint64_t offset;
    uint32_t length;
    uint32_t page;
    uint16_t slot;
  };
  std::string arena_;
  std::vector<Item> items_;
};

}  // namespace lumadb::exec

#pragma once
// The locks one transaction holds (granted only). Private to txn: only the transaction's own thread reads
// or changes it (LockManager calls made for that transaction), so it needs no mutex.

#include <unordered_map>
#include <utility>
#include <vector>

#include "txn/lock_manager.h"
#include "txn/transaction.h"

namespace lumadb::txn {

struct RowTagHash {
  size_t operator()(const RowTag& t) const noexcept {
    uint64_t a = (static_cast<uint64_t>(t.db) << 32) | t.rel;
    uint64_t b = (static_cast<uint64_t>(t.rid.page) << 16) | t.rid.slot;
    return std::hash<uint64_t>()(a * 0x9e3779b97f4a7c15ULL ^ b);
  }
};

struct Transaction::HeldLocks {
  LockManager* manager = nullptr;  // the manager that granted them (to release them from ~Transaction)
  std::vector<std::pair<RelationTag, LockMode>> held;     // relations: few per transaction, a vector beats a map
  std::unordered_map<RowTag, LockMode, RowTagHash> rows;  // rows: possibly many

  LockMode* Find(RelationTag rel) {
    for (auto& [tag, mode] : held) {
      if (tag == rel) return &mode;
    }
    return nullptr;
  }
  bool Empty() const { return held.empty() && rows.empty(); }
};

}  // namespace lumadb::txn

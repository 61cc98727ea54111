#pragma once
// The relation locks one transaction holds (granted only). Private to txn: LockManager fills it in under
// its table mutex; only the transaction's own thread reads it otherwise.

#include <utility>
#include <vector>

#include "txn/lock_manager.h"
#include "txn/transaction.h"

namespace lumadb::txn {

struct Transaction::HeldLocks {
  LockManager* manager = nullptr;  // the manager that granted them (to release them from ~Transaction)
  std::vector<std::pair<RelationTag, LockMode>> held;  // few per transaction: a vector beats a map

  LockMode* Find(RelationTag rel) {
    for (auto& [tag, mode] : held) {
      if (tag == rel) return &mode;
    }
    return nullptr;
  }
};

}  // namespace lumadb::txn

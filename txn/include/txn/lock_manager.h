#pragma once
// LockManager: relation-level locks held to the end of the transaction (strict 2PL). Row locks and
// deadlock detection by the waiter arrive with issue 3 (PostgreSQL storage/lmgr/README).
//
// (Contract for the other modules. The txn module owns the implementation and may add members.)

#include <cstdint>

namespace lumadb::txn {

class Transaction;

/// Multi-granularity lock modes (Gray; BusTub's lock_manager.h): IS, IX, S, SIX, X.
enum class LockMode { kIntentionShared, kIntentionExclusive, kShared, kSharedIntentionExclusive, kExclusive };

/// A lockable relation: database OID and relation OID.
struct RelationTag {
  uint32_t db = 0;
  uint32_t rel = 0;
  bool operator==(const RelationTag&) const = default;
};

class LockManager {
 public:
  LockManager();
  ~LockManager();

  /// Blocks until txn holds `mode` (or stronger) on rel; upgrades an existing weaker lock. Throws 55P03
  /// "canceling statement due to lock timeout" after timeout_ms (the session's lock_timeout; 0 = forever).
  void LockRelation(Transaction& txn, RelationTag rel, LockMode mode, int64_t timeout_ms = 0);

  /// Releases every lock txn holds and wakes waiters.
  void ReleaseAll(Transaction& txn);

 private:
  struct Table;
  Table* table_;
};

}  // namespace lumadb::txn

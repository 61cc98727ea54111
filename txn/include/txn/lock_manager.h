#pragma once
// LockManager: relation-level locks held to the end of the transaction (strict 2PL). Row locks arrive
// with issue 3 (PostgreSQL storage/lmgr/README, BusTub concurrency/lock_manager.h). txn/README.md states
// the contract; in short:
//
//  * Modes and compatibility (Gray's multi-granularity locks; the PostgreSQL table lock with the same
//    conflicts in brackets):
//
//                 held:  IS   IX   S    SIX  X
//      requested IS      ok   ok   ok   ok   -     IS  [AccessShareLock]
//                IX      ok   ok   -    -    -     IX  [RowExclusiveLock]
//                S       ok   -    ok   -    -     S   [ShareLock]
//                SIX     ok   -    -    -    -     SIX [ShareRowExclusiveLock]
//                X       -    -    -    -    -     X   [AccessExclusiveLock]
//
//  * One FIFO queue per relation. A request is granted when it is compatible with every lock granted to
//    other transactions and with every request queued before it (PostgreSQL's rule), so compatible
//    requests are granted together and a waiting writer is not starved by later readers.
//  * Upgrade: a holder asking for a mode its lock does not cover waits for the least upper bound of the
//    two (S + IX -> SIX), ahead of all other waiters; it keeps its old lock while it waits.
//  * Locks are released only by ReleaseAll (commit/abort).
//  * A waiter sleeps on its own condition variable. After deadlock_timeout it searches the waits-for graph
//    once (hard edges to conflicting holders, soft edges to conflicting earlier waiters); if it finds a
//    cycle through itself it gives up with 40P01. lock_timeout expiry gives 55P03.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace lumadb::txn {

class Transaction;

/// Multi-granularity lock modes (Gray; BusTub's lock_manager.h): IS, IX, S, SIX, X.
enum class LockMode { kIntentionShared, kIntentionExclusive, kShared, kSharedIntentionExclusive, kExclusive };

/// True if a lock in mode `requested` can be granted while another transaction holds `held`.
bool LockModesCompatible(LockMode requested, LockMode held);
/// True if holding `held` implies holding `wanted` (e.g. SIX covers S, IX and IS).
bool LockModeCovers(LockMode held, LockMode wanted);
/// The weakest mode covering both (S + IX -> SIX).
LockMode LockModeUpgrade(LockMode a, LockMode b);
/// PostgreSQL's name for the table lock with the same conflicts: "AccessShareLock", ... (see above).
std::string_view LockModeName(LockMode mode);

/// A lockable relation: database OID and relation OID.
struct RelationTag {
  uint32_t db = 0;
  uint32_t rel = 0;
  bool operator==(const RelationTag&) const = default;
};

class LockManager {
 public:
  /// PostgreSQL's default deadlock_timeout.
  static constexpr int64_t kDefaultDeadlockTimeoutMs = 1000;

  LockManager();
  ~LockManager();
  LockManager(const LockManager&) = delete;
  LockManager& operator=(const LockManager&) = delete;

  /// Blocks until txn holds `mode` (or stronger) on rel; upgrades an existing weaker lock. Throws 55P03
  /// "canceling statement due to lock timeout" after timeout_ms (the session's lock_timeout; 0 = forever),
  /// 40P01 "deadlock detected" (with a DETAIL naming the cycle) when waiting would deadlock, and whatever
  /// the transaction's interrupt check throws (57014). On a throw, txn keeps the locks it held before.
  void LockRelation(Transaction& txn, RelationTag rel, LockMode mode, int64_t timeout_ms = 0);

  /// Releases every lock txn holds and wakes the waiters that can now be granted.
  void ReleaseAll(Transaction& txn);

  /// The mode txn holds on rel, if any.
  std::optional<LockMode> HeldMode(const Transaction& txn, RelationTag rel) const;

  /// Number of requests waiting on rel, pending upgrades included (tests, diagnostics).
  size_t WaitingCount(RelationTag rel) const;

  /// How long a waiter sleeps before it checks for a deadlock (PostgreSQL's deadlock_timeout).
  void set_deadlock_timeout_ms(int64_t ms);
  int64_t deadlock_timeout_ms() const;

 private:
  struct Table;
  Table* table_;
};

}  // namespace lumadb::txn

#pragma once
// LockManager: relation and row locks under strict two-phase locking (PostgreSQL storage/lmgr/README,
// BusTub concurrency/lock_manager.h). txn/README.md "Lock contract" states the rules; in short:
//
//  * Relation modes and compatibility (Gray's multi-granularity locks; the PostgreSQL table lock with the
//    same conflicts in brackets). Rows use only S and X (row S conflicts with row X):
//
//                 held:  IS   IX   S    SIX  X
//      requested IS      ok   ok   ok   ok   -     IS  [AccessShareLock]
//                IX      ok   ok   -    -    -     IX  [RowExclusiveLock]
//                S       ok   -    ok   -    -     S   [ShareLock]
//                SIX     ok   -    -    -    -     SIX [ShareRowExclusiveLock]
//                X       -    -    -    -    -     X   [AccessExclusiveLock]
//
//  * One lock table of kPartitions partitions (a mutex and a map each), keyed by relation or row tag.
//    One FIFO queue per tag: a request is granted when compatible with every lock granted to other
//    transactions and with every request queued before it, so compatible requests are granted together
//    and a waiting writer is not starved by later readers.
//  * Upgrade: a holder asking for a mode its lock does not cover waits for the least upper bound of the
//    two (S + IX -> SIX; row S -> X), ahead of all other waiters; it keeps its old lock while it waits.
//  * A waiter sleeps on its own condition variable. After deadlock_timeout it locks every partition (in
//    index order) and searches the waits-for graph over rows and relations once; on a cycle through itself
//    it gives up with 40P01. lock_timeout expiry gives 55P03.
//  * The lock manager never touches pages, so TryLockRow may be called under a page latch.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "storage/ids.h"

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

/// A lockable row: its relation and TID (PostgreSQL's LOCKTAG_TUPLE).
struct RowTag {
  uint32_t db = 0;
  uint32_t rel = 0;
  storage::Rid rid;
  bool operator==(const RowTag&) const = default;
  RelationTag relation() const { return {db, rel}; }
};

/// What LockRow did.
enum class RowLockResult {
  kAcquired,      // the transaction had no lock on the row; it has one now (UnlockRow may release it)
  kUpgraded,      // it held S and now holds X
  kAlreadyHeld,   // its row lock or its relation lock already covered the mode: nothing changed
  kNotAvailable,  // wait = false and the lock could not be granted at once: nothing changed
};

class LockManager {
 public:
  /// PostgreSQL's default deadlock_timeout.
  static constexpr int64_t kDefaultDeadlockTimeoutMs = 1000;
  /// Number of lock table partitions (PostgreSQL's NUM_LOCK_PARTITIONS).
  static constexpr size_t kPartitions = 16;

  LockManager();
  ~LockManager();
  LockManager(const LockManager&) = delete;
  LockManager& operator=(const LockManager&) = delete;

  /// Blocks until txn holds `mode` (or stronger) on rel; upgrades an existing weaker lock. Throws 55P03
  /// "canceling statement due to lock timeout" after timeout_ms (the session's lock_timeout; 0 = forever),
  /// 40P01 "deadlock detected" (with a DETAIL naming the cycle) when waiting would deadlock, and whatever
  /// the transaction's interrupt check throws (57014). deadlock_timeout_ms 0 uses the manager's value.
  /// On a throw, txn keeps the locks it held before.
  void LockRelation(Transaction& txn, RelationTag rel, LockMode mode, int64_t timeout_ms = 0,
                    int64_t deadlock_timeout_ms = 0);

  /// Locks a row in mode kShared or kExclusive. Returns kAlreadyHeld without touching the lock table when
  /// txn's lock on the row, or on its relation (S/SIX cover row S, X covers both), covers the mode. With
  /// wait = false returns kNotAvailable instead of waiting (NOWAIT, SKIP LOCKED). Otherwise blocks with the
  /// errors of LockRelation (55P03 lock timeout, 40P01, 57014). Never touches pages.
  RowLockResult LockRow(Transaction& txn, RowTag row, LockMode mode, int64_t timeout_ms = 0,
                        int64_t deadlock_timeout_ms = 0, bool wait = true);

  /// LockRow without waiting: true if txn now holds `mode` on row. Never blocks (beyond a partition
  /// mutex), so an inserter may call it under a heap page latch to lock a tuple before it is visible.
  bool TryLockRow(Transaction& txn, RowTag row, LockMode mode);

  /// Locks, in one X lock, every row txn will insert on `page` of rel: a page the heap has just added to the
  /// file for txn's InsertBatch (storage's PageClaim), which holds no tuple and no row lock yet. Instead of
  /// a lock per inserted row (COPY FROM), others wait on the inserting transaction as a whole, as
  /// PostgreSQL's XactLockTableWait does: until txn ends, LockRow of another transaction on any row of
  /// that page waits for txn (TryLockRow fails), and txn's own LockRow there returns kAlreadyHeld. False if
  /// the lock is not free at once (then lock rows one by one). Never blocks beyond a partition mutex, so it
  /// may be called under the page latch. True at once if txn holds it already.
  bool LockInsertedPage(Transaction& txn, RelationTag rel, storage::PageId page);
  /// True if txn holds the LockInsertedPage lock of that page (a later batch may go on filling it).
  bool HoldsInsertedPage(const Transaction& txn, RelationTag rel, storage::PageId page) const;

  /// A reading of the write activity on a relation, for reads that take no row lock (WriteStamp's use).
  struct WriteStamp {
    uint64_t epoch = 0;  // changes whenever a transaction starts or stops holding a write-mode lock there
    bool quiet = false;  // no transaction held IX, SIX or X on the relation at the time of the reading
  };

  /// The write activity on rel now. Every change to a relation's rows is made under an IX, SIX or X lock on
  /// it, held to commit, so if WriteQuiet(rel, stamp) holds after bytes were copied from rel's pages (under a
  /// latch) with a stamp taken before, no uncommitted change can be in those bytes: a READ COMMITTED read
  /// needs no row lock for them (the latch-free "no writer" fast path of PostgreSQL's hint bits, without
  /// per-tuple state). Relations share a fixed set of counters (kWriteSlots, by hash), so a writer on another
  /// relation may make a stamp not quiet: that only costs the reader its row locks. Never blocks.
  WriteStamp WriteActivity(RelationTag rel) const;
  /// True if `before` was quiet and no write-mode lock on rel was granted or released since.
  bool WriteQuiet(RelationTag rel, WriteStamp before) const;
  /// Counters WriteActivity spreads relations over.
  static constexpr size_t kWriteSlots = 64;

  /// Releases txn's lock on row before the transaction ends (READ COMMITTED drops a read lock right after
  /// the read). Only for a lock LockRow reported as kAcquired in the same statement; no-op if none held.
  void UnlockRow(Transaction& txn, RowTag row);

  /// Releases every lock txn holds and wakes the waiters that can now be granted.
  void ReleaseAll(Transaction& txn);

  /// The mode txn holds on rel / on row (not counting its relation lock), if any. Call from txn's thread.
  std::optional<LockMode> HeldMode(const Transaction& txn, RelationTag rel) const;
  std::optional<LockMode> HeldMode(const Transaction& txn, RowTag row) const;

  /// Number of requests waiting on a relation / row, pending upgrades included (tests, diagnostics).
  size_t WaitingCount(RelationTag rel) const;
  size_t WaitingCount(RowTag row) const;
  /// Number of lock queues in the table (each tag with a holder or waiter); tests check it stays bounded.
  size_t QueueCount() const;

  /// How long a waiter sleeps before it checks for a deadlock (PostgreSQL's deadlock_timeout), used by
  /// requests that pass deadlock_timeout_ms = 0.
  void set_deadlock_timeout_ms(int64_t ms);
  int64_t deadlock_timeout_ms() const;

 private:
  struct Table;
  Table* table_;
};

}  // namespace lumadb::txn

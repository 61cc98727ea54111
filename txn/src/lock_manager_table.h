#pragma once
// The partitioned lock table behind LockManager (private to txn). A tag hashes to one of kPartitions
// partitions, each a mutex and a map from tag to a FIFO queue of requests (PostgreSQL's lock partitions in
// lock.c). A partition mutex is a leaf: nothing else is locked while holding it, except that the deadlock
// check holds all of them, taken in index order.

#include <array>
#include <atomic>
#include <condition_variable>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "txn/lock_manager.h"

namespace lumadb::txn {

/// A relation or row tag in one key type, so both share the table and the waits-for graph.
struct LockTag {
  uint32_t db = 0;
  uint32_t rel = 0;
  /// The slot of an inserted-page tag (LockInsertedPage): no heap page has that many slots.
  static constexpr uint16_t kPageSlot = 0xffff;

  storage::PageId page = storage::kInvalidPageId;  // kInvalidPageId for a relation
  uint16_t slot = 0;                               // kPageSlot: the rows txn inserted on the page
  bool operator==(const LockTag&) const = default;

  static LockTag Of(RelationTag t) { return LockTag{t.db, t.rel, storage::kInvalidPageId, 0}; }
  static LockTag Of(RowTag t) { return LockTag{t.db, t.rel, t.rid.page, t.rid.slot}; }
  /// The inserted-page tag covering row t.
  static LockTag PageOf(RowTag t) { return LockTag{t.db, t.rel, t.rid.page, kPageSlot}; }
  bool is_row() const { return page != storage::kInvalidPageId; }
  bool is_page() const { return is_row() && slot == kPageSlot; }
  /// "relation 16384 of database 5" or "tuple (0,1) of relation 16384 of database 5" (1-based slot, as ctid).
  std::string Describe() const;
};

struct LockTagHash {
  size_t operator()(const LockTag& t) const noexcept {
    uint64_t a = (static_cast<uint64_t>(t.db) << 32) | t.rel;
    uint64_t b = (static_cast<uint64_t>(t.page) << 16) | t.slot;
    return std::hash<uint64_t>()(a * 0x9e3779b97f4a7c15ULL ^ b);
  }
};

/// One transaction's entry in a queue: granted (holding `mode`, maybe waiting to upgrade to `upgrade_to`)
/// or waiting for `mode`. `cv` points at the waiter's own condition variable while it sleeps (one per
/// waiter, as PostgreSQL's per-PGPROC semaphore), so a granted request costs no condition variable.
struct Request {
  Request(Transaction* t, LockMode m) : txn(t), mode(m) {}
  Transaction* txn;
  LockMode mode;
  bool granted = false;
  std::optional<LockMode> upgrade_to;
  std::condition_variable* cv = nullptr;

  bool waiting() const { return !granted || upgrade_to.has_value(); }
  LockMode wanted() const { return upgrade_to ? *upgrade_to : mode; }
};

struct Queue {
  std::list<Request> requests;  // FIFO; std::list keeps Request addresses stable
};

struct Partition {
  mutable std::mutex mu;
  std::unordered_map<LockTag, Queue, LockTagHash> queues;
};

/// An edge of the waits-for graph: `waiter` waits for `mode` on `tag` and is blocked by `holder`.
struct Edge {
  Transaction* waiter;
  Transaction* holder;
  LockTag tag;
  LockMode mode;
};

/// How a lock request ended.
enum class AcquireResult { kGranted, kUpgraded, kAlreadyHeld, kNotAvailable };

struct LockManager::Table {
  std::array<Partition, kPartitions> partitions;
  std::atomic<int64_t> deadlock_timeout_ms{kDefaultDeadlockTimeoutMs};
  /// Inserted-page locks held (LockInsertedPage): while there are none, row requests skip looking for one.
  std::atomic<int64_t> page_locks{0};

  /// Write activity per relation slot (WriteActivity): write-mode relation locks held, and an epoch bumped
  /// at each grant and release of one. Grants count before LockRelation returns (before any page change);
  /// releases count after the transaction's changes are committed or undone.
  struct alignas(64) WriteSlot {
    std::atomic<uint64_t> epoch{0};
    std::atomic<int64_t> writers{0};
  };
  std::array<WriteSlot, kWriteSlots> write_slots;
  WriteSlot& WriteSlotOf(RelationTag rel) { return write_slots[LockTagHash()(LockTag::Of(rel)) % kWriteSlots]; }
  const WriteSlot& WriteSlotOf(RelationTag rel) const {
    return write_slots[LockTagHash()(LockTag::Of(rel)) % kWriteSlots];
  }

  Partition& PartitionOf(const LockTag& tag) { return partitions[LockTagHash()(tag) % kPartitions]; }
  const Partition& PartitionOf(const LockTag& tag) const { return partitions[LockTagHash()(tag) % kPartitions]; }

  /// Enqueues (or upgrades) txn's request for `mode` on tag and waits for it unless wait is false
  /// (lock_manager_queue.cpp). Does not touch txn's held-lock list. Errors as LockManager::LockRelation.
  AcquireResult Acquire(Transaction& txn, const LockTag& tag, LockMode mode, int64_t timeout_ms,
                        int64_t deadlock_timeout_ms, bool wait);
  /// Removes txn's request on tag (granted or not) and grants what can now be granted. Caller holds
  /// the partition's mutex.
  static void Remove(Partition& p, const LockTag& tag, const Transaction* txn);
  /// Grants what can be granted now: pending upgrades first, then waiters in FIFO order.
  static void GrantWaiters(Queue& q);
  /// Waits until no other transaction holds the inserted-page lock `page` (a request for S, withdrawn once
  /// granted). False when wait is false and the lock is held. Errors as Acquire.
  bool WaitForInserter(Transaction& txn, const LockTag& page, int64_t timeout_ms, int64_t deadlock_timeout_ms,
                       bool wait);
  /// Number of waiting requests (pending upgrades included) on tag.
  size_t WaitingCount(const LockTag& tag) const;

  /// Locks every partition in index order (the deadlock check's fixed order, so it cannot deadlock).
  std::vector<std::unique_lock<std::mutex>> LockAll() const;
  /// The waits-for cycle through self, or empty (lock_manager_deadlock.cpp). Caller holds LockAll().
  std::vector<Edge> FindCycle(Transaction* self) const;
  /// Edges of every waiting request; caller holds LockAll().
  std::vector<Edge> WaitsFor() const;
};

/// PostgreSQL's name for a mode on tag: the table-lock names for relations; for rows ShareLock (S) and
/// ExclusiveLock (X), the modes PostgreSQL's tuple locks and FOR SHARE / FOR NO KEY UPDATE waits show.
std::string_view LockModeName(LockMode mode, const LockTag& tag);

/// 40P01 "deadlock detected", DETAIL one line per edge of the cycle ("Process 12 waits for ShareLock on
/// tuple (0,1) of relation 16384 of database 5; blocked by process 13."), HINT as PostgreSQL's.
DbError DeadlockError(const std::vector<Edge>& cycle);

}  // namespace lumadb::txn

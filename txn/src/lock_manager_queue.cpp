// Lock queues: granting in FIFO order, waiting, lock_timeout, the deadlock check and interrupts
// (PostgreSQL storage/lmgr/lock.c LockAcquire/WaitOnLock and proc.c ProcSleep, simplified).
#include <algorithm>
#include <chrono>

#include "lock_manager_table.h"
#include "txn/transaction.h"

namespace lumadb::txn {

namespace {

using Clock = std::chrono::steady_clock;

Request* FindRequest(Queue& q, const Transaction* txn) {
  for (Request& r : q.requests) {
    if (r.txn == txn) return &r;
  }
  return nullptr;
}

bool CompatibleWithGranted(const Queue& q, const Request& self, LockMode mode) {
  for (const Request& g : q.requests) {
    if (g.granted && g.txn != self.txn && !LockModesCompatible(mode, g.mode)) return false;
  }
  return true;
}

bool CompatibleWith(LockMode mode, const std::vector<LockMode>& others) {
  return std::all_of(others.begin(), others.end(), [mode](LockMode o) { return LockModesCompatible(mode, o); });
}

}  // namespace

void LockManager::Table::GrantWaiters(Queue& q) {
  std::vector<LockMode> waiting_ahead;
  for (Request& r : q.requests) {
    if (!r.upgrade_to) continue;
    if (CompatibleWithGranted(q, r, *r.upgrade_to) && CompatibleWith(*r.upgrade_to, waiting_ahead)) {
      r.mode = *r.upgrade_to;
      r.upgrade_to.reset();
      if (r.cv) r.cv->notify_one();
    } else {
      waiting_ahead.push_back(*r.upgrade_to);
    }
  }
  for (Request& r : q.requests) {
    if (r.granted) continue;
    if (CompatibleWithGranted(q, r, r.mode) && CompatibleWith(r.mode, waiting_ahead)) {
      r.granted = true;
      if (r.cv) r.cv->notify_one();
    } else {
      waiting_ahead.push_back(r.mode);
    }
  }
}

void LockManager::Table::Remove(Partition& p, const LockTag& tag, const Transaction* txn) {
  auto it = p.queues.find(tag);
  if (it == p.queues.end()) return;
  Queue& q = it->second;
  q.requests.remove_if([&](const Request& x) { return x.txn == txn; });
  GrantWaiters(q);
  // Erasing empty queues keeps memory bounded by the locks held and awaited, not by the rows ever locked.
  if (q.requests.empty()) p.queues.erase(it);
}

bool LockManager::Table::WaitForInserter(Transaction& txn, const LockTag& page, int64_t timeout_ms,
                                         int64_t deadlock_timeout, bool wait) {
  Partition& p = PartitionOf(page);
  {
    std::lock_guard lock(p.mu);
    if (!p.queues.contains(page)) return true;  // nobody is inserting on that page
  }
  // Queued like any request, so lock_timeout, interrupts and the deadlock check see this wait.
  if (Acquire(txn, page, LockMode::kShared, timeout_ms, deadlock_timeout, wait) == AcquireResult::kNotAvailable) {
    return false;
  }
  std::lock_guard lock(p.mu);
  Remove(p, page, &txn);
  return true;
}

size_t LockManager::Table::WaitingCount(const LockTag& tag) const {
  const Partition& p = PartitionOf(tag);
  std::lock_guard lock(p.mu);
  auto it = p.queues.find(tag);
  if (it == p.queues.end()) return 0;
  return static_cast<size_t>(std::count_if(it->second.requests.begin(), it->second.requests.end(),
                                           [](const Request& r) { return r.waiting(); }));
}

std::vector<std::unique_lock<std::mutex>> LockManager::Table::LockAll() const {
  std::vector<std::unique_lock<std::mutex>> locks;
  locks.reserve(kPartitions);
  for (const Partition& p : partitions) locks.emplace_back(p.mu);
  return locks;
}

AcquireResult LockManager::Table::Acquire(Transaction& txn, const LockTag& tag, LockMode mode, int64_t timeout_ms,
                                          int64_t deadlock_timeout, bool wait) {
  Partition& p = PartitionOf(tag);
  std::unique_lock lock(p.mu);
  Queue& q = p.queues[tag];
  Request* r = FindRequest(q, &txn);
  const bool upgrade = r != nullptr;
  if (upgrade) {
    if (LockModeCovers(r->mode, mode)) return AcquireResult::kAlreadyHeld;
    r->upgrade_to = LockModeUpgrade(r->mode, mode);
  } else {
    r = &q.requests.emplace_back(&txn, mode);
  }
  GrantWaiters(q);
  const AcquireResult done = upgrade ? AcquireResult::kUpgraded : AcquireResult::kGranted;
  if (!r->waiting()) return done;

  // Withdraws the request (an upgrade falls back to the old lock) and lets others on. Caller holds p.mu.
  auto give_up = [&] {
    r->cv = nullptr;
    if (upgrade) {
      r->upgrade_to.reset();
      GrantWaiters(q);
    } else {
      Remove(p, tag, &txn);
    }
  };
  if (!wait) {
    give_up();
    return AcquireResult::kNotAvailable;
  }

  std::condition_variable cv;
  r->cv = &cv;
  // A row or inserted-page wait is one for the holding transaction, as PostgreSQL's XactLockTableWait.
  txn.ReportWait(tag.is_row() ? "transactionid" : "relation");
  struct WaitEnd {
    const Transaction& txn;
    ~WaitEnd() { txn.ReportWait(nullptr); }
  } wait_end{txn};
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline =
      timeout_ms > 0 ? start + std::chrono::milliseconds(timeout_ms) : Clock::time_point::max();
  const Clock::time_point deadlock_check =
      start + std::chrono::milliseconds(deadlock_timeout > 0 ? deadlock_timeout : deadlock_timeout_ms.load());
  bool deadlock_checked = false;
  while (r->waiting()) {
    Clock::time_point wake = deadline;
    if (!deadlock_checked) wake = std::min(wake, deadlock_check);
    wake = std::min(wake, Clock::now() + std::chrono::milliseconds(Transaction::kInterruptPollMs));
    cv.wait_until(lock, wake);
    if (!r->waiting()) break;
    const Clock::time_point now = Clock::now();
    if (now >= deadline) {
      give_up();
      throw DbError(sqlstate::kLockNotAvailable, "canceling statement due to lock timeout");
    }
    if (!deadlock_checked && now >= deadlock_check) {
      deadlock_checked = true;
      // All partitions in index order: release ours first so the fixed order holds.
      lock.unlock();
      {
        auto all = LockAll();
        if (r->waiting()) {
          std::vector<Edge> cycle = FindCycle(&txn);
          if (!cycle.empty()) {
            DbError err = DeadlockError(cycle);
            give_up();
            throw err;
          }
        }
      }
      lock.lock();
      continue;
    }
    lock.unlock();
    try {
      txn.CheckForInterrupts();
    } catch (...) {
      lock.lock();
      if (r->waiting()) {
        give_up();
        throw;
      }
      break;  // granted meanwhile: keep it; the executor's next interrupt check reports the interrupt
    }
    lock.lock();
  }
  r->cv = nullptr;
  return done;
}

}  // namespace lumadb::txn

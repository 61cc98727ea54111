#include "txn/lock_manager.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/error.h"
#include "held_locks.h"

namespace lumadb::txn {

namespace {

using Clock = std::chrono::steady_clock;

int Index(LockMode m) {
  return static_cast<int>(m);
}

// kCompatible[requested][held], in the order IS, IX, S, SIX, X (the matrix in lock_manager.h).
constexpr bool kCompatible[5][5] = {
    {true, true, true, true, false},      // IS
    {true, true, false, false, false},    // IX
    {true, false, true, false, false},    // S
    {true, false, false, false, false},   // SIX
    {false, false, false, false, false},  // X
};

}  // namespace

bool LockModesCompatible(LockMode requested, LockMode held) {
  return kCompatible[Index(requested)][Index(held)];
}

bool LockModeCovers(LockMode held, LockMode wanted) {
  switch (held) {
    case LockMode::kExclusive:
      return true;
    case LockMode::kSharedIntentionExclusive:
      return wanted != LockMode::kExclusive;
    case LockMode::kShared:
      return wanted == LockMode::kShared || wanted == LockMode::kIntentionShared;
    case LockMode::kIntentionExclusive:
      return wanted == LockMode::kIntentionExclusive || wanted == LockMode::kIntentionShared;
    case LockMode::kIntentionShared:
      return wanted == LockMode::kIntentionShared;
  }
  return false;
}

LockMode LockModeUpgrade(LockMode a, LockMode b) {
  if (LockModeCovers(a, b)) return a;
  if (LockModeCovers(b, a)) return b;
  // The only incomparable pair is S / IX, whose least upper bound is SIX.
  return LockMode::kSharedIntentionExclusive;
}

std::string_view LockModeName(LockMode mode) {
  switch (mode) {
    case LockMode::kIntentionShared:
      return "AccessShareLock";
    case LockMode::kIntentionExclusive:
      return "RowExclusiveLock";
    case LockMode::kShared:
      return "ShareLock";
    case LockMode::kSharedIntentionExclusive:
      return "ShareRowExclusiveLock";
    case LockMode::kExclusive:
      return "AccessExclusiveLock";
  }
  return "?";
}

namespace {

/// One transaction's entry in a relation's queue: granted (holding `mode`, maybe waiting to upgrade to
/// `upgrade_to`) or waiting for `mode`.
struct Request {
  Request(Transaction* t, LockMode m) : txn(t), mode(m) {}
  Transaction* txn;
  LockMode mode;
  bool granted = false;
  std::optional<LockMode> upgrade_to;
  std::condition_variable cv;  // the waiter's own (one per waiter, as PostgreSQL's per-PGPROC semaphore)
};

struct Queue {
  std::list<Request> requests;  // FIFO; std::list keeps Request addresses stable
};

struct TagHash {
  size_t operator()(const RelationTag& t) const noexcept {
    return std::hash<uint64_t>()((static_cast<uint64_t>(t.db) << 32) | t.rel);
  }
};

/// An edge of the waits-for graph: `waiter` waits for `mode` on `rel` and is blocked by `holder`.
struct Edge {
  Transaction* waiter;
  Transaction* holder;
  RelationTag rel;
  LockMode mode;
};

}  // namespace

struct LockManager::Table {
  std::mutex mu;
  std::unordered_map<RelationTag, Queue, TagHash> queues;
  int64_t deadlock_timeout_ms = kDefaultDeadlockTimeoutMs;

  /// Grants what can be granted now (lock_manager.h): pending upgrades first, then the waiters in FIFO
  /// order, each if compatible with every granted lock of another transaction and with every request
  /// still waiting ahead of it. Wakes the grantees.
  void GrantWaiters(Queue& q) {
    std::vector<LockMode> waiting_ahead;
    for (Request& r : q.requests) {
      if (!r.upgrade_to) continue;
      if (CompatibleWithGranted(q, r, *r.upgrade_to) && CompatibleWith(*r.upgrade_to, waiting_ahead)) {
        r.mode = *r.upgrade_to;
        r.upgrade_to.reset();
        r.cv.notify_one();
      } else {
        waiting_ahead.push_back(*r.upgrade_to);
      }
    }
    for (Request& r : q.requests) {
      if (r.granted) continue;
      if (CompatibleWithGranted(q, r, r.mode) && CompatibleWith(r.mode, waiting_ahead)) {
        r.granted = true;
        r.cv.notify_one();
      } else {
        waiting_ahead.push_back(r.mode);
      }
    }
  }

  static bool CompatibleWithGranted(const Queue& q, const Request& self, LockMode mode) {
    for (const Request& g : q.requests) {
      if (g.granted && g.txn != self.txn && !LockModesCompatible(mode, g.mode)) return false;
    }
    return true;
  }

  static bool CompatibleWith(LockMode mode, const std::vector<LockMode>& others) {
    return std::all_of(others.begin(), others.end(), [mode](LockMode o) { return LockModesCompatible(mode, o); });
  }

  /// The waits-for edges of every waiting request (PostgreSQL's lmgr/README: hard edges to conflicting
  /// holders, soft edges to conflicting requests that wait ahead and so will be granted first).
  std::vector<Edge> WaitsFor() const {
    std::vector<Edge> edges;
    for (const auto& [rel, q] : queues) {
      for (auto r = q.requests.begin(); r != q.requests.end(); ++r) {
        bool waits = r->upgrade_to.has_value() || !r->granted;
        if (!waits) continue;
        LockMode want = r->upgrade_to ? *r->upgrade_to : r->mode;
        for (auto o = q.requests.begin(); o != q.requests.end(); ++o) {
          if (o == r || o->txn == r->txn) continue;
          bool blocks = false;
          if (o->granted && !LockModesCompatible(want, o->mode)) blocks = true;
          // Pending upgrades are served before new requests; earlier upgrades before later ones.
          bool ahead =
              r->upgrade_to ? std::distance(q.requests.begin(), o) < std::distance(q.requests.begin(), r) : true;
          if (o->upgrade_to && ahead && !LockModesCompatible(want, *o->upgrade_to)) blocks = true;
          if (!r->upgrade_to && !o->granted &&
              std::distance(q.requests.begin(), o) < std::distance(q.requests.begin(), r) &&
              !LockModesCompatible(want, o->mode)) {
            blocks = true;
          }
          if (blocks) edges.push_back(Edge{r->txn, o->txn, rel, want});
        }
      }
    }
    return edges;
  }

  /// A cycle of waits-for edges from `self` back to itself, or empty.
  std::vector<Edge> FindCycle(Transaction* self) const {
    std::vector<Edge> edges = WaitsFor();
    std::vector<Edge> path;
    std::unordered_set<Transaction*> visited;
    if (Dfs(self, self, edges, &visited, &path)) return path;
    return {};
  }

  static bool Dfs(Transaction* node, Transaction* target, const std::vector<Edge>& edges,
                  std::unordered_set<Transaction*>* visited, std::vector<Edge>* path) {
    for (const Edge& e : edges) {
      if (e.waiter != node) continue;
      path->push_back(e);
      if (e.holder == target) return true;
      if (visited->insert(e.holder).second && Dfs(e.holder, target, edges, visited, path)) return true;
      path->pop_back();
    }
    return false;
  }
};

namespace {

Request* FindRequest(Queue& q, const Transaction* txn) {
  for (Request& r : q.requests) {
    if (r.txn == txn) return &r;
  }
  return nullptr;
}

DbError DeadlockError(const std::vector<Edge>& cycle) {
  std::string detail;
  for (const Edge& e : cycle) {
    if (!detail.empty()) detail += "\n";
    detail += "Process " + std::to_string(e.waiter->id()) + " waits for " + std::string(LockModeName(e.mode)) +
              " on relation " + std::to_string(e.rel.rel) + " of database " + std::to_string(e.rel.db) +
              "; blocked by process " + std::to_string(e.holder->id()) + ".";
  }
  DbError err(sqlstate::kDeadlockDetected, "deadlock detected");
  err.Detail(detail).Hint("See server log for query details.");
  return err;
}

}  // namespace

LockManager::LockManager() : table_(new Table) {}

LockManager::~LockManager() {
  delete table_;
}

void LockManager::set_deadlock_timeout_ms(int64_t ms) {
  std::lock_guard lock(table_->mu);
  table_->deadlock_timeout_ms = ms;
}

int64_t LockManager::deadlock_timeout_ms() const {
  std::lock_guard lock(table_->mu);
  return table_->deadlock_timeout_ms;
}

std::optional<LockMode> LockManager::HeldMode(const Transaction& txn, RelationTag rel) const {
  std::lock_guard lock(table_->mu);
  const LockMode* m = txn.locks_->Find(rel);
  if (m == nullptr) return std::nullopt;
  return *m;
}

size_t LockManager::WaitingCount(RelationTag rel) const {
  std::lock_guard lock(table_->mu);
  auto it = table_->queues.find(rel);
  if (it == table_->queues.end()) return 0;
  size_t n = 0;
  for (const Request& r : it->second.requests) n += (!r.granted || r.upgrade_to) ? 1 : 0;
  return n;
}

void LockManager::LockRelation(Transaction& txn, RelationTag rel, LockMode mode, int64_t timeout_ms) {
  Table& t = *table_;
  std::unique_lock lock(t.mu);
  Queue& q = t.queues[rel];
  Request* r = FindRequest(q, &txn);
  bool upgrade = r != nullptr;
  if (upgrade) {
    if (LockModeCovers(r->mode, mode)) return;
    r->upgrade_to = LockModeUpgrade(r->mode, mode);
  } else {
    r = &q.requests.emplace_back(&txn, mode);
  }
  t.GrantWaiters(q);
  auto granted = [&] { return upgrade ? !r->upgrade_to.has_value() : r->granted; };

  // Called with the lock held when the wait ends in an error: withdraw the request and let others on.
  auto give_up = [&] {
    if (upgrade) {
      r->upgrade_to.reset();
    } else {
      q.requests.remove_if([&](const Request& x) { return &x == r; });
    }
    t.GrantWaiters(q);
    if (q.requests.empty()) t.queues.erase(rel);
  };

  Clock::time_point start = Clock::now();
  Clock::time_point deadline =
      timeout_ms > 0 ? start + std::chrono::milliseconds(timeout_ms) : Clock::time_point::max();
  Clock::time_point deadlock_check = start + std::chrono::milliseconds(t.deadlock_timeout_ms);
  bool deadlock_checked = false;
  while (!granted()) {
    Clock::time_point wake = deadline;
    if (!deadlock_checked) wake = std::min(wake, deadlock_check);
    wake = std::min(wake, Clock::now() + std::chrono::milliseconds(Transaction::kInterruptPollMs));
    r->cv.wait_until(lock, wake);
    if (granted()) break;
    Clock::time_point now = Clock::now();
    if (now >= deadline) {
      give_up();
      throw DbError(sqlstate::kLockNotAvailable, "canceling statement due to lock timeout");
    }
    if (!deadlock_checked && now >= deadlock_check) {
      deadlock_checked = true;
      std::vector<Edge> cycle = t.FindCycle(&txn);
      if (!cycle.empty()) {
        DbError err = DeadlockError(cycle);
        give_up();
        throw err;
      }
    }
    lock.unlock();
    try {
      txn.CheckForInterrupts();
    } catch (...) {
      lock.lock();
      if (!granted()) {
        give_up();
        throw;
      }
      break;  // granted meanwhile: keep it; the executor's next interrupt check reports the interrupt
    }
    lock.lock();
  }

  txn.locks_->manager = this;
  if (LockMode* held = txn.locks_->Find(rel)) {
    *held = r->mode;
  } else {
    txn.locks_->held.emplace_back(rel, r->mode);
  }
}

void LockManager::ReleaseAll(Transaction& txn) {
  Table& t = *table_;
  std::lock_guard lock(t.mu);
  for (auto& [rel, mode] : txn.locks_->held) {
    auto it = t.queues.find(rel);
    if (it == t.queues.end()) continue;
    Queue& q = it->second;
    q.requests.remove_if([&](const Request& x) { return x.txn == &txn; });
    t.GrantWaiters(q);
    if (q.requests.empty()) t.queues.erase(it);
  }
  txn.locks_->held.clear();
}

}  // namespace lumadb::txn

// Deadlock detection over the whole lock table, rows and relations together (PostgreSQL
// storage/lmgr/README "Deadlock detection" and deadlock.c, without queue rearrangement): the waiter that
// has slept deadlock_timeout builds the waits-for graph and looks for a cycle through itself.
#include <string>
#include <unordered_set>

#include "lock_manager_table.h"
#include "txn/transaction.h"

namespace lumadb::txn {

namespace {

bool Dfs(Transaction* node, Transaction* target, const std::vector<Edge>& edges,
         std::unordered_set<Transaction*>* visited, std::vector<Edge>* path) {
  for (const Edge& e : edges) {
    if (e.waiter != node) continue;
    path->push_back(e);
    if (e.holder == target) return true;
    // A node already explored has no path to target, so visiting it again cannot find one.
    if (visited->insert(e.holder).second && Dfs(e.holder, target, edges, visited, path)) return true;
    path->pop_back();
  }
  return false;
}

/// Edges of one queue: hard edges to conflicting holders, soft edges to conflicting requests that will be
/// granted first (earlier waiters; pending upgrades, which go before every new request, and among
/// themselves in queue order).
void QueueEdges(const LockTag& tag, const Queue& q, std::vector<Edge>* edges) {
  size_t ri = 0;
  for (auto r = q.requests.begin(); r != q.requests.end(); ++r, ++ri) {
    if (!r->waiting()) continue;
    const LockMode want = r->wanted();
    size_t oi = 0;
    for (auto o = q.requests.begin(); o != q.requests.end(); ++o, ++oi) {
      if (o == r || o->txn == r->txn) continue;
      const bool ahead = oi < ri;
      bool blocks = o->granted && !LockModesCompatible(want, o->mode);
      if (o->upgrade_to && (ahead || !r->upgrade_to) && !LockModesCompatible(want, *o->upgrade_to)) blocks = true;
      if (!r->upgrade_to && !o->granted && ahead && !LockModesCompatible(want, o->mode)) blocks = true;
      if (blocks) edges->push_back(Edge{r->txn, o->txn, tag, want});
    }
  }
}

}  // namespace

std::string LockTag::Describe() const {
  std::string rel_text = "relation " + std::to_string(rel) + " of database " + std::to_string(db);
  if (!is_row()) return rel_text;
  return "tuple (" + std::to_string(page) + "," + std::to_string(slot + 1) + ") of " + rel_text;
}

std::string_view LockModeName(LockMode mode, const LockTag& tag) {
  if (!tag.is_row()) return LockModeName(mode);
  return mode == LockMode::kExclusive ? "ExclusiveLock" : "ShareLock";
}

std::vector<Edge> LockManager::Table::WaitsFor() const {
  std::vector<Edge> edges;
  for (const Partition& p : partitions) {
    for (const auto& [tag, q] : p.queues) QueueEdges(tag, q, &edges);
  }
  return edges;
}

std::vector<Edge> LockManager::Table::FindCycle(Transaction* self) const {
  std::vector<Edge> edges = WaitsFor();
  std::vector<Edge> path;
  std::unordered_set<Transaction*> visited;
  if (Dfs(self, self, edges, &visited, &path)) return path;
  return {};
}

DbError DeadlockError(const std::vector<Edge>& cycle) {
  std::string detail;
  for (const Edge& e : cycle) {
    if (!detail.empty()) detail += "\n";
    // Waiting for an inserter's page lock is waiting for that transaction (PostgreSQL's XactLockTableWait).
    std::string on = e.tag.is_page() ? "transaction " + std::to_string(e.holder->id()) : e.tag.Describe();
    detail += "Process " + std::to_string(e.waiter->id()) + " waits for " + std::string(LockModeName(e.mode, e.tag)) +
              " on " + on + "; blocked by process " + std::to_string(e.holder->id()) + ".";
  }
  DbError err(sqlstate::kDeadlockDetected, "deadlock detected");
  err.Detail(detail).Hint("See server log for query details.");
  return err;
}

}  // namespace lumadb::txn

// SELECT ... FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE [OF ...] [NOWAIT | SKIP LOCKED]
// (parser/analyze.c CheckSelectLocking and transformLockingClause). On 2PL the locking clause only
// changes how the named tables' scans lock rows: X for the UPDATE strengths, S for the SHARE ones, held
// to commit.
#include <algorithm>

#include "join_scope.h"
#include "planner/binder.h"

namespace lumadb::planner {

namespace {

/// PostgreSQL's LCS_asString.
std::string StrengthName(ast::LockStrength s) {
  switch (s) {
    case ast::LockStrength::kKeyShare:
      return "FOR KEY SHARE";
    case ast::LockStrength::kShare:
      return "FOR SHARE";
    case ast::LockStrength::kNoKeyUpdate:
      return "FOR NO KEY UPDATE";
    case ast::LockStrength::kUpdate:
      return "FOR UPDATE";
  }
  return "FOR UPDATE";
}

RowLockMode ModeOf(ast::LockStrength s) {
  bool update = s == ast::LockStrength::kUpdate || s == ast::LockStrength::kNoKeyUpdate;
  return update ? RowLockMode::kExclusive : RowLockMode::kShare;
}

RowLockWait WaitOf(ast::LockWaitPolicy w) {
  switch (w) {
    case ast::LockWaitPolicy::kBlock:
      return RowLockWait::kBlock;
    case ast::LockWaitPolicy::kSkipLocked:
      return RowLockWait::kSkipLocked;
    case ast::LockWaitPolicy::kNoWait:
      return RowLockWait::kNoWait;
  }
  return RowLockWait::kBlock;
}

}  // namespace

void Binder::CheckLockingAllowed(const ast::SelectStmt& stmt, bool has_aggregates) const {
  const std::string what = StrengthName(stmt.locking.front().strength);
  auto fail = [&](const std::string& message) { throw DbError(sqlstate::kFeatureNotSupported, message); };
  if (stmt.set_op != ast::SetOpType::kNone) fail(what + " is not allowed with UNION/INTERSECT/EXCEPT");
  if (!stmt.values.empty()) fail(what + " cannot be applied to VALUES");
  if (stmt.distinct) fail(what + " is not allowed with DISTINCT clause");
  if (!stmt.group_by.empty()) fail(what + " is not allowed with GROUP BY clause");
  if (stmt.having) fail(what + " is not allowed with HAVING clause");
  if (has_aggregates) fail(what + " is not allowed with aggregate functions");
}

void Binder::ApplyLocking(const ast::SelectStmt& stmt, const Scope& scope, size_t first_scan) {
  // Every strength needs UPDATE on the table (parsenodes.h ACL_SELECT_FOR_UPDATE).
  auto lock_scan = [this](FromScan& f, const ast::LockingClause& lc) {
    RequirePermission(f.scan->table, catalog::kAclUpdate);
    if (f.nullable) {
      throw DbError(sqlstate::kFeatureNotSupported,
                    StrengthName(lc.strength) + " cannot be applied to the nullable side of an outer join");
    }
    // Several clauses on one table: the strongest lock and the strictest wait policy win (applyLockingClause).
    f.scan->row_lock = std::max(f.scan->row_lock, ModeOf(lc.strength));
    f.scan->wait = std::max(f.scan->wait, WaitOf(lc.wait));
  };
  auto is_base_table = [&](const std::string& name) {
    return std::any_of(from_scans_.begin() + static_cast<std::ptrdiff_t>(first_scan), from_scans_.end(),
                       [&](const FromScan& f) { return f.name == name; });
  };
  for (const ast::LockingClause& lc : stmt.locking) {
    const std::string what = StrengthName(lc.strength);
    if (lc.tables.empty()) {
      for (const std::string& rel : scope.relations) {
        // A join's name stands for the tables inside, which are locked (transformLockingClause recurses).
        if (!is_base_table(rel) && !FindJoinName(scope, rel)) {
          throw Error(sqlstate::kFeatureNotSupported, what + " is not supported on a subquery in FROM", lc.location);
        }
      }
      for (size_t i = first_scan; i < from_scans_.size(); ++i) lock_scan(from_scans_[i], lc);
      continue;
    }
    for (const ast::QualifiedName& name : lc.tables) {
      if (!name.schema.empty()) {
        throw Error(sqlstate::kSyntaxError, what + " must specify unqualified relation names", name.location);
      }
      bool found = false;
      for (size_t i = first_scan; i < from_scans_.size(); ++i) {
        if (from_scans_[i].name != name.name) continue;
        lock_scan(from_scans_[i], lc);
        found = true;
      }
      if (found) continue;
      if (FindJoinName(scope, name.name)) {
        throw Error(sqlstate::kFeatureNotSupported, what + " cannot be applied to a join", name.location);
      }
      if (std::find(scope.relations.begin(), scope.relations.end(), name.name) != scope.relations.end()) {
        throw Error(sqlstate::kFeatureNotSupported, what + " is not supported on a subquery in FROM", name.location);
      }
      throw Error(sqlstate::kUndefinedTable,
                  "relation \"" + name.name + "\" in " + what + " clause not found in FROM clause", name.location);
    }
  }
}

}  // namespace lumadb::planner

#pragma once
// SharedCatalog: the cluster-wide catalogs pg_database and pg_authid (files global/1262, global/1260) and
// their cache. Same rule as DatabaseCatalog: a transaction that changes them X-locks pg_database (so shared
// DDL is serialised) and until it ends reads the heaps directly; everyone else reads the committed cache,
// reloaded by that transaction's OnCommit/OnAbort hook while it still holds the lock.

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "catalog/cluster.h"
#include "storage/ids.h"

namespace lumadb::storage {
class StorageEngine;
}
namespace lumadb::txn {
class LockManager;
}

namespace lumadb::catalog {

class OidCounter;
class CatalogTable;

/// A pg_database row.
struct DatabaseEntry {
  DatabaseInfo info;
  bool is_template = false;
};

class SharedCatalog {
 public:
  /// Loads the cache; no transaction may have uncommitted shared-catalog changes (true at startup).
  SharedCatalog(storage::StorageEngine& storage, txn::LockManager& locks, OidCounter& oids);

  std::optional<RoleInfo> LookupRole(txn::Transaction& txn, std::string_view name);
  std::optional<RoleInfo> RoleByOid(txn::Transaction& txn, Oid oid);
  std::vector<RoleInfo> ListRoles(txn::Transaction& txn);
  std::vector<AuthMember> ListMembers(txn::Transaction& txn);
  /// The role DDL of Cluster (cluster.h documents each).
  Oid CreateRole(txn::Transaction& txn, RoleInfo role);
  void UpdateRole(txn::Transaction& txn, const RoleInfo& role);
  void DropRole(txn::Transaction& txn, Oid role);
  void AddMember(txn::Transaction& txn, const AuthMember& membership);
  bool RemoveMember(txn::Transaction& txn, Oid role, Oid member, bool admin_only);
  std::vector<DbRoleSetting> ListDbRoleSettings(txn::Transaction& txn);
  void SetDbRoleSetting(txn::Transaction& txn, const DbRoleSetting& setting);
  void SetDatabaseAccess(txn::Transaction& txn, Oid db, Oid owner, const std::optional<std::vector<std::string>>& acl);
  std::optional<DatabaseEntry> LookupDatabase(txn::Transaction& txn, std::string_view name);
  std::vector<DatabaseInfo> ListDatabases(txn::Transaction& txn);

  /// Inserts the pg_database row of a new database and writes its bootstrap catalog; 42P04 if the name is
  /// taken. Its files are removed if txn aborts. Returns its OID.
  Oid CreateDatabase(txn::Transaction& txn, std::string_view name, Oid owner);

  /// Deletes the pg_database row; `on_commit(oid)` runs when txn commits (the caller removes the files).
  /// Returns false if absent and if_exists; 3D000 if absent otherwise; 42809 for a template database.
  bool DropDatabase(txn::Transaction& txn, std::string_view name, bool if_exists, std::function<void(Oid)> on_commit);

 private:
  struct State {
    std::vector<RoleInfo> roles;
    std::vector<AuthMember> members;
    std::vector<DatabaseEntry> databases;
    std::vector<DbRoleSetting> settings;
  };
  std::shared_ptr<const State> Load() const;
  std::shared_ptr<const State> View(txn::Transaction& txn);
  /// X-locks pg_database and, the first time for txn, registers the hooks that reload the cache.
  void BeginDdl(txn::Transaction& txn);
  CatalogTable SharedTable(Oid rel);

  storage::StorageEngine& storage_;
  txn::LockManager& locks_;
  OidCounter& oids_;
  std::mutex mutex_;  // guards committed_ and writers_
  std::shared_ptr<const State> committed_;
  std::unordered_set<storage::TxnId> writers_;
};

}  // namespace lumadb::catalog

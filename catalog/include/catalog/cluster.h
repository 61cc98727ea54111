#pragma once
// Cluster: one data directory, as PostgreSQL's "database cluster": the shared catalogs (pg_database,
// pg_authid in global/), each database's Catalog (base/<oid>/), and the engine below them (storage,
// locks, transactions). The server owns exactly one.
//
//   <data>/PG_VERSION           "15" (so tools recognise the layout)
//   <data>/lumadb.conf          name = value settings (written by the server module, not by Init)
//   <data>/global/lumadb_nextoid  the OID counter's persisted bound (catalog/src/oid_counter.h)
//   <data>/global/<relfilenode> shared catalog heaps
//   <data>/base/<dboid>/<relfilenode>  one heap file per relation
//
// (Contract for the other modules. The catalog module owns the implementation and may add members.)

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace lumadb::txn {
class TransactionManager;
class LockManager;
}  // namespace lumadb::txn
namespace lumadb::storage {
class StorageEngine;
}

namespace lumadb::catalog {

/// A role, as pg_authid (PostgreSQL 15's columns).
struct RoleInfo {
  Oid oid = 0;
  std::string name;
  bool superuser = false;
  bool inherit = true;
  bool create_role = false;
  bool create_db = false;
  bool can_login = true;
  bool replication = false;
  bool bypass_rls = false;
  int32_t connection_limit = -1;  // -1: no limit
  std::optional<std::string> password =
      std::nullopt;  // the stored form (common/password.h): SCRAM verifier, md5 or plain
  std::optional<int64_t> valid_until = std::nullopt;  // timestamptz microseconds; nullopt: forever
};

/// A row of pg_auth_members: `member` is a member of `role`.
struct AuthMember {
  Oid role = 0;
  Oid member = 0;
  Oid grantor = 0;
  bool admin_option = false;
};

/// A pg_db_role_setting row: what ALTER ROLE / ALTER DATABASE ... SET stored for a database and a role
/// (0: any database, resp. any role). Each item is "name=value", the canonical value as SET would store it.
struct DbRoleSetting {
  Oid database = 0;
  Oid role = 0;
  std::vector<std::string> config;
};

/// A database, as pg_database.
struct DatabaseInfo {
  Oid oid = 0;
  std::string name;
  Oid owner = 0;
  std::optional<std::vector<std::string>> acl = std::nullopt;  // datacl (catalog/acl.h); nullopt: the default
};

/// Options of `lumadb init` (initdb).
struct InitOptions {
  std::string superuser = "postgres";
  std::optional<std::string> password;
};

class Cluster {
 public:
  /// Creates a new data directory (initdb): shared catalogs, the superuser role (OID 10), the database
  /// "postgres" (and template1). Throws 58P01/58030 with a clear message if dir exists and is not empty
  /// or cannot be created.
  static void Init(const std::filesystem::path& dir, const InitOptions& options);

  /// True if dir holds a data directory made by Init.
  static bool Exists(const std::filesystem::path& dir);

  /// Opens an existing data directory with a buffer pool of `buffer_pages` 8 KiB pages.
  /// Throws 58030 when the directory is unusable.
  Cluster(const std::filesystem::path& dir, size_t buffer_pages);
  ~Cluster();

  const std::filesystem::path& dir() const;
  txn::TransactionManager& transactions();
  txn::LockManager& locks();
  storage::StorageEngine& storage();

  /// A role by name (pg_authid), as txn sees it (committed state plus txn's own changes); no lock taken.
  std::optional<RoleInfo> LookupRole(txn::Transaction& txn, std::string_view name);
  /// A role by OID, as txn sees it.
  std::optional<RoleInfo> RoleByOid(txn::Transaction& txn, Oid oid);
  /// Every role, and every membership (pg_auth_members), as txn sees them (the privilege checks walk them).
  std::vector<RoleInfo> ListRoles(txn::Transaction& txn);
  std::vector<AuthMember> ListMembers(txn::Transaction& txn);
  /// CREATE ROLE: inserts the pg_authid row (role.oid is assigned); 42710 "role \"x\" already exists".
  /// Returns the OID.
  Oid CreateRole(txn::Transaction& txn, RoleInfo role);
  /// ALTER ROLE: replaces the pg_authid row of role.oid (role.name may be a new name: 42710 if taken).
  void UpdateRole(txn::Transaction& txn, const RoleInfo& role);
  /// DROP ROLE: deletes the pg_authid row and every pg_auth_members row naming the role.
  void DropRole(txn::Transaction& txn, Oid role);
  /// GRANT role TO member: adds the membership, or sets admin_option on an existing one.
  void AddMember(txn::Transaction& txn, const AuthMember& membership);
  /// REVOKE: removes the membership (admin_only: clears only its admin_option). False if there was none.
  bool RemoveMember(txn::Transaction& txn, Oid role, Oid member, bool admin_only);

  /// pg_db_role_setting as txn sees it.
  std::vector<DbRoleSetting> ListDbRoleSettings(txn::Transaction& txn);
  /// ALTER ROLE / DATABASE ... SET / RESET: replaces the (database, role) row's items; an empty list
  /// deletes the row. pg_roles.rolconfig follows the (0, role) rows.
  void SetDbRoleSetting(txn::Transaction& txn, const DbRoleSetting& setting);

  /// GRANT/REVOKE ON DATABASE and ALTER DATABASE ... OWNER TO: sets datdba and datacl.
  void SetDatabaseAccess(txn::Transaction& txn, Oid db, Oid owner, const std::optional<std::vector<std::string>>& acl);

  /// A database by name (pg_database), as txn sees it; no lock taken.
  std::optional<DatabaseInfo> LookupDatabase(txn::Transaction& txn, std::string_view name);
  /// Every database, in OID order.
  std::vector<DatabaseInfo> ListDatabases(txn::Transaction& txn);

  /// The catalog of a database (opened on first use, shared by all its sessions; thread-safe).
  /// 3D000 if its files are gone.
  Catalog& OpenDatabase(const DatabaseInfo& db);

  /// CREATE DATABASE: 42P04 "database \"x\" already exists". base/<oid>/ gets a fresh bootstrap catalog
  /// now; it is removed if txn aborts.
  void CreateDatabase(txn::Transaction& txn, std::string_view name, Oid owner);
  /// DROP DATABASE: 3D000 "database \"x\" does not exist" if absent (unless if_exists: then nothing
  /// happens and the caller sends the NOTICE), 42809 "cannot drop a template database" for template1. The
  /// files go when txn commits. The caller (server) checks first that no session is connected to it
  /// (55006 "database \"x\" is being accessed by other users", or "cannot drop the currently open database").
  void DropDatabase(txn::Transaction& txn, std::string_view name, bool if_exists);

  /// Writes every dirty page to disk and syncs (clean shutdown, CHECKPOINT).
  void Flush();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lumadb::catalog

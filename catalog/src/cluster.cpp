#include "catalog/cluster.h"

#include <cstring>
#include <fstream>
#include <mutex>
#include <unordered_map>

#include "bootstrap.h"
#include "catalog_rows.h"
#include "catalog_table.h"
#include "common/error.h"
#include "database_catalog.h"
#include "oid_counter.h"
#include "reloptions_upgrade.h"
#include "shared_catalog.h"
#include "storage/storage_engine.h"
#include "system_catalogs.h"
#include "txn/lock_manager.h"
#include "txn/transaction_manager.h"

namespace lumadb::catalog {
namespace fs = std::filesystem;

namespace {

/// Buffer pool frames used while initdb writes the bootstrap catalogs.
constexpr size_t kInitBufferPages = 64;

DbError DirectoryError(const std::string& what, const fs::path& dir, const std::error_code& ec) {
  return DbError(sqlstate::kIoError, "could not " + what + " directory \"" + dir.string() + "\": " + ec.message());
}

/// Checks that dir is absent or an empty directory, then creates it with global/ and base/.
void PrepareDirectory(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) {
      throw DbError(sqlstate::kIoError, "\"" + dir.string() + "\" exists but is not a directory");
    }
    if (!fs::is_empty(dir, ec)) {
      throw DbError(sqlstate::kIoError, "directory \"" + dir.string() + "\" exists but is not empty");
    }
  }
  for (const fs::path& sub : {dir / "global", dir / "base"}) {
    fs::create_directories(sub, ec);
    if (ec) throw DirectoryError("create", sub, ec);
  }
}

/// Writes PG_VERSION last: its presence marks a completed initdb (Exists()).
void WriteVersionFile(const fs::path& dir) {
  std::ofstream out(dir / "PG_VERSION", std::ios::trunc);
  out << "15\n";
  out.flush();
  if (!out) throw DbError(sqlstate::kIoError, "could not write file \"" + (dir / "PG_VERSION").string() + "\"");
}

}  // namespace

struct Cluster::Impl {
  fs::path dir;
  storage::StorageEngine storage;
  txn::LockManager locks;
  txn::TransactionManager transactions;
  OidCounter oids;
  SharedCatalog shared;
  std::mutex mutex;  // guards catalogs and retired
  std::unordered_map<Oid, std::unique_ptr<DatabaseCatalog>> catalogs;
  // Catalogs of dropped databases stay allocated until shutdown: a session may still hold a reference.
  std::vector<std::unique_ptr<DatabaseCatalog>> retired;

  Impl(const fs::path& data_dir, size_t buffer_pages)
      : dir(data_dir),
        storage(data_dir, buffer_pages),
        transactions(storage, locks),
        oids(data_dir),
        shared(storage, locks, oids) {}
};

void Cluster::Init(const fs::path& dir, const InitOptions& options) {
  PrepareDirectory(dir);
  OidCounter::Create(dir);
  {
    storage::StorageEngine storage(dir, kInitBufferPages);
    txn::LockManager locks;
    txn::TransactionManager transactions(storage, locks);
    auto txn = transactions.Begin();
    WriteSharedBootstrap(storage, *txn, options.superuser, options.password);
    const SystemRelation& database = SystemRelationById(kPgDatabaseOid);
    CatalogTable databases(storage.Heap(storage::FileId{0, kPgDatabaseOid}), database);
    databases.Insert(*txn, DatabaseRow(kTemplate1DatabaseOid, "template1", kBootstrapSuperuserId, true));
    databases.Insert(*txn, DatabaseRow(kPostgresDatabaseOid, "postgres", kBootstrapSuperuserId, false));
    WriteDatabaseBootstrap(storage, *txn, kTemplate1DatabaseOid);
    WriteDatabaseBootstrap(storage, *txn, kPostgresDatabaseOid);
    transactions.Commit(*txn);
    storage.FlushAll();
  }
  WriteVersionFile(dir);
}

bool Cluster::Exists(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "PG_VERSION", ec) && fs::is_regular_file(dir / "global" / "1262", ec);
}

static const fs::path& CheckedDataDir(const fs::path& dir) {
  if (!Cluster::Exists(dir)) {
    throw DbError(sqlstate::kIoError, "\"" + dir.string() + "\" is not a valid data directory")
        .Detail("File \"" + (dir / "PG_VERSION").string() + "\" is missing.");
  }
  return dir;
}

Cluster::Cluster(const fs::path& dir, size_t buffer_pages)
    : impl_(std::make_unique<Impl>(CheckedDataDir(dir), buffer_pages)) {}

Cluster::~Cluster() = default;

const fs::path& Cluster::dir() const {
  return impl_->dir;
}
txn::TransactionManager& Cluster::transactions() {
  return impl_->transactions;
}
txn::LockManager& Cluster::locks() {
  return impl_->locks;
}
storage::StorageEngine& Cluster::storage() {
  return impl_->storage;
}

std::optional<RoleInfo> Cluster::LookupRole(txn::Transaction& txn, std::string_view name) {
  return impl_->shared.LookupRole(txn, name);
}

std::optional<RoleInfo> Cluster::RoleByOid(txn::Transaction& txn, Oid oid) {
  return impl_->shared.RoleByOid(txn, oid);
}
std::vector<RoleInfo> Cluster::ListRoles(txn::Transaction& txn) {
  return impl_->shared.ListRoles(txn);
}
std::vector<AuthMember> Cluster::ListMembers(txn::Transaction& txn) {
  return impl_->shared.ListMembers(txn);
}
Oid Cluster::CreateRole(txn::Transaction& txn, RoleInfo role) {
  return impl_->shared.CreateRole(txn, std::move(role));
}
void Cluster::UpdateRole(txn::Transaction& txn, const RoleInfo& role) {
  impl_->shared.UpdateRole(txn, role);
}
void Cluster::DropRole(txn::Transaction& txn, Oid role) {
  impl_->shared.DropRole(txn, role);
}
void Cluster::AddMember(txn::Transaction& txn, const AuthMember& membership) {
  impl_->shared.AddMember(txn, membership);
}
bool Cluster::RemoveMember(txn::Transaction& txn, Oid role, Oid member, bool admin_only) {
  return impl_->shared.RemoveMember(txn, role, member, admin_only);
}
std::vector<DbRoleSetting> Cluster::ListDbRoleSettings(txn::Transaction& txn) {
  return impl_->shared.ListDbRoleSettings(txn);
}
void Cluster::SetDbRoleSetting(txn::Transaction& txn, const DbRoleSetting& setting) {
  impl_->shared.SetDbRoleSetting(txn, setting);
}

void Cluster::SetDatabaseAccess(txn::Transaction& txn, Oid db, Oid owner,
                                const std::optional<std::vector<std::string>>& acl) {
  impl_->shared.SetDatabaseAccess(txn, db, owner, acl);
}

std::optional<DatabaseInfo> Cluster::LookupDatabase(txn::Transaction& txn, std::string_view name) {
  auto db = impl_->shared.LookupDatabase(txn, name);
  return db ? std::optional<DatabaseInfo>(db->info) : std::nullopt;
}

std::vector<DatabaseInfo> Cluster::ListDatabases(txn::Transaction& txn) {
  return impl_->shared.ListDatabases(txn);
}

Catalog& Cluster::OpenDatabase(const DatabaseInfo& db) {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->catalogs.find(db.oid);
  if (it != impl_->catalogs.end()) return *it->second;
  if (!impl_->storage.FileExists(storage::FileId{db.oid, kPgClassOid})) {
    throw DbError(sqlstate::kInvalidCatalogName, "database \"" + db.name + "\" does not exist");
  }
  UpgradeRelOptions(impl_->storage, impl_->transactions, db.oid);
  auto catalog = std::make_unique<DatabaseCatalog>(impl_->storage, impl_->locks, impl_->oids, db.oid);
  // No session of this server has used the database yet: temporary schemas are leftovers of a crash.
  catalog->DropTempSchemas(impl_->transactions);
  Catalog& ref = *catalog;
  impl_->catalogs.emplace(db.oid, std::move(catalog));
  return ref;
}

void Cluster::CreateDatabase(txn::Transaction& txn, std::string_view name, Oid owner) {
  impl_->shared.CreateDatabase(txn, name, owner);
}

void Cluster::DropDatabase(txn::Transaction& txn, std::string_view name, bool if_exists) {
  Impl* impl = impl_.get();
  impl_->shared.DropDatabase(txn, name, if_exists, [impl](Oid oid) {
    {
      std::lock_guard lock(impl->mutex);
      auto it = impl->catalogs.find(oid);
      if (it != impl->catalogs.end()) {
        impl->retired.push_back(std::move(it->second));
        impl->catalogs.erase(it);
      }
    }
    impl->storage.DropDatabaseFiles(oid);
  });
}

void Cluster::Flush() {
  impl_->storage.FlushAll();
}

}  // namespace lumadb::catalog

#include "shared_catalog.h"

#include <algorithm>

#include "bootstrap.h"
#include "catalog_rows.h"
#include "catalog_table.h"
#include "common/error.h"
#include "oid_counter.h"
#include "storage/storage_engine.h"
#include "system_catalogs.h"
#include "txn/lock_manager.h"
#include "txn/transaction.h"

namespace lumadb::catalog {

SharedCatalog::SharedCatalog(storage::StorageEngine& storage, txn::LockManager& locks, OidCounter& oids)
    : storage_(storage), locks_(locks), oids_(oids) {
  // Data directories made before pg_db_role_setting existed get the (empty) file at their first start.
  if (!storage_.FileExists(storage::FileId{0, kPgDbRoleSettingOid})) {
    storage_.CreateFile(storage::FileId{0, kPgDbRoleSettingOid});
  }
  committed_ = Load();
}

std::shared_ptr<const SharedCatalog::State> SharedCatalog::Load() const {
  auto state = std::make_shared<State>();
  const SystemRelation& authid = SystemRelationById(kPgAuthidOid);
  CatalogTable(storage_.Heap(storage::FileId{0, authid.oid}), authid).ForEach([&](const Row& r) {
    state->roles.push_back(RoleFromRow(r));
  });
  const SystemRelation& members = SystemRelationById(kPgAuthMembersOid);
  CatalogTable(storage_.Heap(storage::FileId{0, members.oid}), members).ForEach([&](const Row& r) {
    state->members.push_back(
        AuthMember{static_cast<Oid>(r[col::kAmRoleId].GetInt()), static_cast<Oid>(r[col::kAmMember].GetInt()),
                   static_cast<Oid>(r[col::kAmGrantor].GetInt()), r[col::kAmAdminOption].GetBool()});
  });
  const SystemRelation& database = SystemRelationById(kPgDatabaseOid);
  CatalogTable(storage_.Heap(storage::FileId{0, database.oid}), database).ForEach([&](const Row& r) {
    DatabaseEntry db;
    db.info.oid = static_cast<Oid>(r[col::kDatOid].GetInt());
    db.info.name = r[col::kDatName].GetString();
    db.info.owner = static_cast<Oid>(r[col::kDatDba].GetInt());
    db.is_template = r[col::kDatIsTemplate].GetBool();
    db.info.acl = AclOfValue(r[col::kDatAcl]);
    state->databases.push_back(std::move(db));
  });
  const SystemRelation& settings = SystemRelationById(kPgDbRoleSettingOid);
  CatalogTable(storage_.Heap(storage::FileId{0, settings.oid}), settings).ForEach([&](const Row& r) {
    state->settings.push_back(DbRoleSetting{static_cast<Oid>(r[col::kSetDatabase].GetInt()),
                                            static_cast<Oid>(r[col::kSetRole].GetInt()),
                                            AclOfValue(r[col::kSetConfig]).value_or(std::vector<std::string>{})});
  });
  return state;
}

std::shared_ptr<const SharedCatalog::State> SharedCatalog::View(txn::Transaction& txn) {
  {
    std::lock_guard lock(mutex_);
    if (!writers_.contains(txn.id()) && committed_) return committed_;
  }
  // A writer sees its own changes; after a failed reload everyone reads the heaps under a shared lock.
  locks_.LockRelation(txn, txn::RelationTag{0, kPgDatabaseOid}, txn::LockMode::kShared);
  return Load();
}

void SharedCatalog::BeginDdl(txn::Transaction& txn) {
  locks_.LockRelation(txn, txn::RelationTag{0, kPgDatabaseOid}, txn::LockMode::kExclusive);
  std::lock_guard lock(mutex_);
  if (!writers_.insert(txn.id()).second) return;
  storage::TxnId id = txn.id();
  auto end = [this, id]() noexcept {
    std::lock_guard lock(mutex_);
    writers_.erase(id);
    try {
      committed_ = Load();
    } catch (...) {
      committed_ = nullptr;
    }
  };
  txn.OnCommit(end);
  txn.OnAbort(end);
}

std::optional<RoleInfo> SharedCatalog::LookupRole(txn::Transaction& txn, std::string_view name) {
  auto state = View(txn);
  for (const RoleInfo& role : state->roles) {
    if (role.name == name) return role;
  }
  return std::nullopt;
}

std::optional<DatabaseEntry> SharedCatalog::LookupDatabase(txn::Transaction& txn, std::string_view name) {
  auto state = View(txn);
  for (const DatabaseEntry& db : state->databases) {
    if (db.info.name == name) return db;
  }
  return std::nullopt;
}

std::vector<DatabaseInfo> SharedCatalog::ListDatabases(txn::Transaction& txn) {
  std::vector<DatabaseInfo> out;
  auto state = View(txn);  // a writer's view lives only as long as this pointer
  for (const DatabaseEntry& db : state->databases) out.push_back(db.info);
  std::sort(out.begin(), out.end(), [](const DatabaseInfo& a, const DatabaseInfo& b) { return a.oid < b.oid; });
  return out;
}

Oid SharedCatalog::CreateDatabase(txn::Transaction& txn, std::string_view name, Oid owner) {
  BeginDdl(txn);
  if (LookupDatabase(txn, name)) {
    throw DbError(sqlstate::kDuplicateDatabase, "database \"" + std::string(name) + "\" already exists");
  }
  Oid oid = oids_.Next();
  const SystemRelation& database = SystemRelationById(kPgDatabaseOid);
  CatalogTable(storage_.Heap(storage::FileId{0, database.oid}), database)
      .Insert(txn, DatabaseRow(oid, name, owner, false));
  txn.OnAbort([this, oid] { storage_.DropDatabaseFiles(oid); });
  WriteDatabaseBootstrap(storage_, txn, oid);
  return oid;
}

bool SharedCatalog::DropDatabase(txn::Transaction& txn, std::string_view name, bool if_exists,
                                 std::function<void(Oid)> on_commit) {
  BeginDdl(txn);
  auto db = LookupDatabase(txn, name);
  if (!db) {
    if (if_exists) return false;
    throw DbError(sqlstate::kInvalidCatalogName, "database \"" + std::string(name) + "\" does not exist");
  }
  if (db->is_template) throw DbError(sqlstate::kWrongObjectType, "cannot drop a template database");
  Oid oid = db->info.oid;
  const SystemRelation& database = SystemRelationById(kPgDatabaseOid);
  CatalogTable(storage_.Heap(storage::FileId{0, database.oid}), database).DeleteIf(txn, [oid](const Row& r) {
    return static_cast<Oid>(r[col::kDatOid].GetInt()) == oid;
  });
  SharedTable(kPgDbRoleSettingOid).DeleteIf(txn, [oid](const Row& r) {
    return static_cast<Oid>(r[col::kSetDatabase].GetInt()) == oid;
  });
  txn.OnCommit([on_commit = std::move(on_commit), oid] { on_commit(oid); });
  return true;
}

}  // namespace lumadb::catalog

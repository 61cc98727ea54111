#include "database_catalog.h"

#include <algorithm>

#include "bootstrap.h"
#include "common/error.h"
#include "storage/storage_engine.h"
#include "system_catalogs.h"
#include "table_def_check.h"
#include "txn/lock_manager.h"
#include "txn/transaction.h"

namespace lumadb::catalog {
namespace {

/// 2BP01 dependent_objects_still_exist (errcodes.txt), not yet in common/sqlstate.h.
constexpr SqlState kDependentObjectsStillExist{"2BP01"};

/// The per-database catalog relations in ascending OID order: the DDL lock order.
constexpr Oid kLockOrder[] = {kPgAttributeOid, kPgClassOid, kPgAttrdefOid, kPgConstraintOid, kPgNamespaceOid};

bool Contains(const std::vector<std::string>& path, std::string_view name) {
  return std::find(path.begin(), path.end(), name) != path.end();
}

}  // namespace

DatabaseCatalog::DatabaseCatalog(storage::StorageEngine& storage, txn::LockManager& locks, OidCounter& oids, Oid db)
    : storage_(storage), locks_(locks), oids_(oids), db_(db), committed_(CatalogSnapshot::Load(storage, db)) {}

CatalogTable DatabaseCatalog::Table(Oid rel) {
  return CatalogTable(storage_.Heap(storage::FileId{db_, rel}), SystemRelationById(rel));
}

std::shared_ptr<const CatalogSnapshot> DatabaseCatalog::View(txn::Transaction& txn) {
  {
    std::lock_guard lock(mutex_);
    auto it = private_.find(txn.id());
    if (it != private_.end()) {
      // Only txn's own thread touches its entry, and it holds the DDL locks: the heaps show its view.
      if (!it->second) it->second = CatalogSnapshot::Load(storage_, db_);
      return it->second;
    }
    if (committed_) return committed_;
  }
  // A reload in an end-of-transaction hook failed (I/O error): reload under a shared lock on pg_class,
  // which waits out any DDL in progress.
  locks_.LockRelation(txn, txn::RelationTag{db_, kPgClassOid}, txn::LockMode::kShared);
  auto snap = CatalogSnapshot::Load(storage_, db_);
  std::lock_guard lock(mutex_);
  committed_ = snap;
  return snap;
}

void DatabaseCatalog::BeginDdl(txn::Transaction& txn) {
  for (Oid rel : kLockOrder) locks_.LockRelation(txn, txn::RelationTag{db_, rel}, txn::LockMode::kExclusive);
  std::lock_guard lock(mutex_);
  storage::TxnId id = txn.id();
  if (!private_.contains(id)) {
    private_.emplace(id, nullptr);
    txn.OnCommit([this, id] { EndDdl(id); });
    txn.OnAbort([this, id] { EndDdl(id); });
  }
  // ROLLBACK TO a savepoint taken before this statement undoes its catalog rows: reload the private view.
  txn.OnAbort([this, id] {
    std::lock_guard relock(mutex_);
    if (auto it = private_.find(id); it != private_.end()) it->second = nullptr;
  });
}

void DatabaseCatalog::Changed(txn::Transaction& txn) {
  std::lock_guard lock(mutex_);
  private_[txn.id()] = nullptr;
}

void DatabaseCatalog::EndDdl(storage::TxnId txn) noexcept {
  std::lock_guard lock(mutex_);
  private_.erase(txn);
  try {
    committed_ = CatalogSnapshot::Load(storage_, db_);
  } catch (...) {
    committed_ = nullptr;  // View() reloads on next use
  }
  ++version_;
}

std::shared_ptr<const TableInfo> DatabaseCatalog::LookupTable(txn::Transaction& txn, std::string_view schema,
                                                              std::string_view name,
                                                              const std::vector<std::string>& search_path) {
  auto snap = View(txn);
  if (!schema.empty()) {
    const NamespaceEntry* ns = snap->FindNamespace(schema);
    return ns ? snap->FindTable(ns->oid, name) : nullptr;
  }
  if (!Contains(search_path, "pg_catalog")) {
    if (auto t = snap->FindTable(kPgCatalogNamespace, name)) return t;
  }
  for (const std::string& entry : search_path) {
    const NamespaceEntry* ns = snap->FindNamespace(entry);
    if (!ns) continue;
    if (auto t = snap->FindTable(ns->oid, name)) return t;
  }
  return nullptr;
}

std::optional<Oid> DatabaseCatalog::LookupNamespace(txn::Transaction& txn, std::string_view name) {
  const NamespaceEntry* ns = View(txn)->FindNamespace(name);
  return ns ? std::optional<Oid>(ns->oid) : std::nullopt;
}

Oid DatabaseCatalog::CreationNamespace(const CatalogSnapshot& snap, const TableDef& def,
                                       const std::vector<std::string>& search_path) const {
  const NamespaceEntry* ns = nullptr;
  if (!def.schema.empty()) {
    ns = snap.FindNamespace(def.schema);
    if (!ns) throw DbError(sqlstate::kInvalidSchemaName, "schema \"" + def.schema + "\" does not exist");
  } else {
    for (const std::string& entry : search_path) {
      if ((ns = snap.FindNamespace(entry))) break;
    }
    if (!ns) throw DbError(sqlstate::kInvalidSchemaName, "no schema has been selected to create in");
  }
  if (ns->oid == kPgCatalogNamespace) {
    throw DbError(sqlstate::kInsufficientPrivilege, "permission denied to create \"pg_catalog." + def.name + "\"")
        .Detail("System catalog modifications are currently disallowed.");
  }
  return ns->oid;
}

std::shared_ptr<const TableInfo> DatabaseCatalog::CreateTable(txn::Transaction& txn, const TableDef& def,
                                                              const std::vector<std::string>& search_path) {
  BeginDdl(txn);
  auto snap = View(txn);
  Oid ns = CreationNamespace(*snap, def, search_path);
  CheckTableDef(def);
  if (snap->FindTable(ns, def.name)) {
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + def.name + "\" already exists");
  }
  std::vector<KeyConstraint> keys = PrepareKeys(
      def, [&](const std::string& name) { return snap->FindTable(ns, name) || snap->HasConstraint(ns, name); });

  Oid oid = oids_.Next();
  storage::FileId file{db_, oid};
  storage_.CreateFile(file, &txn.log());
  txn.OnAbort([this, file] { storage_.DropFile(file); });
  locks_.LockRelation(txn, txn::RelationTag{db_, oid}, txn::LockMode::kExclusive);
  InsertTableRows(txn, oid, ns, def, keys);
  Changed(txn);
  return View(txn)->FindTable(oid);
}

void DatabaseCatalog::InsertTableRows(txn::Transaction& txn, Oid oid, Oid namespace_oid, const TableDef& def,
                                      const std::vector<KeyConstraint>& keys) {
  std::optional<std::string> reloptions;
  if (def.fillfactor != 100) reloptions = "{fillfactor=" + std::to_string(def.fillfactor) + "}";
  Table(kPgClassOid)
      .Insert(txn, ClassRow(oid, def.name, namespace_oid, oid, static_cast<int16_t>(def.columns.size()), reloptions));

  CatalogTable attributes = Table(kPgAttributeOid);
  CatalogTable attrdefs = Table(kPgAttrdefOid);
  for (size_t i = 0; i < def.columns.size(); ++i) {
    ColumnInfo c = def.columns[i];
    c.attnum = static_cast<int16_t>(i + 1);
    // A primary key implies NOT NULL on its columns (PostgreSQL sets attnotnull).
    for (const KeyConstraint& key : keys) {
      if (key.primary && std::count(key.attnums.begin(), key.attnums.end(), c.attnum) > 0) c.not_null = true;
    }
    attributes.Insert(txn, AttributeRow(oid, c));
    if (c.default_expr) attrdefs.Insert(txn, AttrdefRow(oids_.Next(), oid, c.attnum, *c.default_expr));
  }
  CatalogTable constraints = Table(kPgConstraintOid);
  for (const KeyConstraint& key : keys) constraints.Insert(txn, ConstraintRow(oids_.Next(), oid, namespace_oid, key));
}

std::shared_ptr<const TableInfo> DatabaseCatalog::LockForDdl(txn::Transaction& txn, const TableInfo& table) {
  if (table.oid < kFirstNormalObjectId) {
    throw DbError(sqlstate::kInsufficientPrivilege, "permission denied: \"" + table.name + "\" is a system catalog");
  }
  BeginDdl(txn);
  locks_.LockRelation(txn, txn::RelationTag{db_, table.oid}, txn::LockMode::kExclusive);
  auto current = View(txn)->FindTable(table.oid);
  // Another transaction dropped it while we waited for the lock (PostgreSQL rechecks after locking too).
  if (!current) throw DbError(sqlstate::kUndefinedTable, "relation \"" + table.name + "\" does not exist");
  return current;
}

void DatabaseCatalog::DropTableRows(txn::Transaction& txn, const TableInfo& table) {
  Oid oid = table.oid;
  auto is_table = [oid](size_t column) {
    return [oid, column](const Row& r) { return static_cast<Oid>(r[column].GetInt()) == oid; };
  };
  Table(kPgClassOid).DeleteIf(txn, is_table(col::kRelOid));
  Table(kPgAttributeOid).DeleteIf(txn, is_table(col::kAttRelid));
  Table(kPgAttrdefOid).DeleteIf(txn, is_table(col::kAdRelid));
  Table(kPgConstraintOid).DeleteIf(txn, is_table(col::kConRelid));
  storage::FileId file = table.file;
  txn.OnCommit([this, file] { storage_.DropFile(file); });
}

void DatabaseCatalog::DropTable(txn::Transaction& txn, const TableInfo& table) {
  auto current = LockForDdl(txn, table);
  DropTableRows(txn, *current);
  Changed(txn);
}

void DatabaseCatalog::TruncateTable(txn::Transaction& txn, const TableInfo& table) {
  auto current = LockForDdl(txn, table);
  Oid filenode = oids_.Next();
  storage::FileId new_file{db_, filenode};
  storage_.CreateFile(new_file, &txn.log());
  txn.OnAbort([this, new_file] { storage_.DropFile(new_file); });
  Table(kPgClassOid)
      .UpdateIf(
          txn, [&](const Row& r) { return static_cast<Oid>(r[col::kRelOid].GetInt()) == current->oid; },
          [&](Row& r) { r[col::kRelFilenode] = Value::Oid(filenode); });
  storage::FileId old_file = current->file;
  txn.OnCommit([this, old_file] { storage_.DropFile(old_file); });
  Changed(txn);
}

void DatabaseCatalog::CreateSchema(txn::Transaction& txn, std::string_view name) {
  if (name.starts_with("pg_")) {
    throw DbError(sqlstate::kReservedName, "unacceptable schema name \"" + std::string(name) + "\"")
        .Detail("The prefix \"pg_\" is reserved for system schemas.");
  }
  BeginDdl(txn);
  if (View(txn)->FindNamespace(name)) {
    throw DbError(sqlstate::kDuplicateSchema, "schema \"" + std::string(name) + "\" already exists");
  }
  Table(kPgNamespaceOid).Insert(txn, NamespaceRow(oids_.Next(), name, kBootstrapSuperuserId));
  Changed(txn);
}

void DatabaseCatalog::DropSchema(txn::Transaction& txn, Oid namespace_oid, bool cascade) {
  BeginDdl(txn);
  auto snap = View(txn);
  const NamespaceEntry* ns = snap->FindNamespace(namespace_oid);
  if (!ns) {
    throw DbError(sqlstate::kUndefinedObject, "schema with OID " + std::to_string(namespace_oid) + " does not exist");
  }
  if (ns->oid == kPgCatalogNamespace) {
    throw DbError(kDependentObjectsStillExist,
                  "cannot drop schema pg_catalog because it is required by the database system");
  }
  auto tables = snap->TablesIn(ns->oid);
  if (!tables.empty() && !cascade) {
    std::string detail;
    for (const auto& t : tables) {
      if (!detail.empty()) detail += '\n';
      detail += "table " + ns->name + "." + t->name + " depends on schema " + ns->name;
    }
    throw DbError(kDependentObjectsStillExist, "cannot drop schema " + ns->name + " because other objects depend on it")
        .Detail(detail)
        .Hint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  for (const auto& t : tables) DropTableRows(txn, *LockForDdl(txn, *t));
  Table(kPgNamespaceOid).DeleteIf(txn, [&](const Row& r) {
    return static_cast<Oid>(r[col::kNspOid].GetInt()) == namespace_oid;
  });
  Changed(txn);
}

storage::HeapFile& DatabaseCatalog::Heap(const TableInfo& table) {
  return storage_.Heap(table.file);
}

}  // namespace lumadb::catalog

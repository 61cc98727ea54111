#include "database_catalog.h"

#include <algorithm>
#include <set>

#include "catalog/search_path.h"
#include "catalog_rows.h"
#include "common/error.h"
#include "constraint_rules.h"
#include "storage/btree.h"
#include "storage/storage_engine.h"
#include "system_catalogs.h"
#include "table_def_check.h"
#include "txn/lock_manager.h"
#include "txn/transaction.h"

namespace lumadb::catalog {
namespace {

using sqlstate::kDependentObjectsStillExist;

/// The per-database catalog relations in ascending OID order: the DDL lock order.
constexpr Oid kLockOrder[] = {kPgAttributeOid, kPgClassOid, kPgSequenceOid,  kPgAttrdefOid,   kPgConstraintOid,
                              kPgDependOid,    kPgIndexOid, kPgNamespaceOid, kPgStatisticOid, kPgProcOid};

bool Contains(const std::vector<std::string>& path, std::string_view name) {
  return std::find(path.begin(), path.end(), name) != path.end();
}

}  // namespace

DatabaseCatalog::DatabaseCatalog(storage::StorageEngine& storage, txn::LockManager& locks, OidCounter& oids, Oid db)
    : storage_(storage),
      locks_(locks),
      oids_(oids),
      db_(db),
      committed_((EnsureProcFile(storage, db), CatalogSnapshot::Load(storage, db))),
      counters_(storage) {}

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
  schema = TempSchemaAlias(schema, search_path);
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

// namespace.c RelnameGetRelid: the first schema of the path holding a relation of that name decides.
std::optional<Oid> DatabaseCatalog::LookupRelationOid(txn::Transaction& txn, std::string_view schema,
                                                      std::string_view name,
                                                      const std::vector<std::string>& search_path) {
  auto snap = View(txn);
  if (!schema.empty()) {
    const NamespaceEntry* ns = snap->FindNamespace(schema);
    return ns ? snap->FindRelationOid(ns->oid, name) : std::nullopt;
  }
  if (!Contains(search_path, "pg_catalog")) {
    if (auto oid = snap->FindRelationOid(kPgCatalogNamespace, name)) return oid;
  }
  for (const std::string& entry : search_path) {
    const NamespaceEntry* ns = snap->FindNamespace(entry);
    if (!ns) continue;
    if (auto oid = snap->FindRelationOid(ns->oid, name)) return oid;
  }
  return std::nullopt;
}

std::optional<std::pair<std::string, std::string>> DatabaseCatalog::RelationNameByOid(txn::Transaction& txn, Oid oid) {
  auto snap = View(txn);
  auto rel = snap->RelationName(oid);
  if (!rel) return std::nullopt;
  const NamespaceEntry* ns = snap->FindNamespace(rel->first);
  return std::make_pair(ns ? ns->name : std::to_string(rel->first), rel->second);
}

std::optional<std::pair<Oid, std::string>> DatabaseCatalog::ConstraintByOid(txn::Transaction& txn, Oid oid) {
  return View(txn)->ConstraintByOid(oid);
}

std::optional<Oid> DatabaseCatalog::LookupNamespace(txn::Transaction& txn, std::string_view name) {
  const NamespaceEntry* ns = View(txn)->FindNamespace(name);
  return ns ? std::optional<Oid>(ns->oid) : std::nullopt;
}

std::vector<std::shared_ptr<const TableInfo>> DatabaseCatalog::ListTables(txn::Transaction& txn, Oid namespace_oid) {
  auto snap = View(txn);
  if (namespace_oid != 0) return snap->TablesIn(namespace_oid);
  std::vector<std::shared_ptr<const TableInfo>> out;
  for (const NamespaceEntry& ns : snap->namespaces()) {
    for (auto& t : snap->TablesIn(ns.oid)) out.push_back(std::move(t));
  }
  return out;
}

Oid DatabaseCatalog::CreationNamespace(const CatalogSnapshot& snap, const std::string& schema, const std::string& name,
                                       const std::vector<std::string>& search_path) const {
  const NamespaceEntry* ns = nullptr;
  if (!schema.empty()) {
    ns = snap.FindNamespace(schema);
    if (!ns) throw DbError(sqlstate::kInvalidSchemaName, "schema \"" + schema + "\" does not exist");
  } else {
    // The session's temporary schema heads the path but only CREATE TEMP puts relations there.
    for (const std::string& entry : search_path) {
      if (!entry.starts_with("pg_temp_") && (ns = snap.FindNamespace(entry))) break;
    }
    if (!ns) throw DbError(sqlstate::kInvalidSchemaName, "no schema has been selected to create in");
  }
  if (ns->oid == kPgCatalogNamespace) {
    throw DbError(sqlstate::kInsufficientPrivilege, "permission denied to create \"pg_catalog." + name + "\"")
        .Detail("System catalog modifications are currently disallowed.");
  }
  return ns->oid;
}

std::shared_ptr<const TableInfo> DatabaseCatalog::CreateTable(txn::Transaction& txn, const TableDef& def,
                                                              const std::vector<std::string>& search_path) {
  BeginDdl(txn);
  auto snap = View(txn);
  Oid ns = CreationNamespace(*snap, def.schema, def.name, search_path);
  CheckTableDef(def);
  if (snap->HasRelation(ns, def.name)) {
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + def.name + "\" already exists");
  }
  TableInfo t;
  t.oid = oids_.Next();
  t.namespace_oid = ns;
  t.name = def.name;
  t.columns = def.columns;
  for (size_t i = 0; i < t.columns.size(); ++i) t.columns[i].attnum = static_cast<int16_t>(i + 1);
  t.keys = PrepareKeys(
      def, [&](const std::string& name) { return snap->HasRelation(ns, name) || snap->HasConstraint(ns, name); });
  t.checks = def.checks;
  t.foreign_keys = def.foreign_keys;
  t.fillfactor = def.fillfactor;
  t.owner = def.owner;
  t.relkind = def.relkind;
  t.view_query = def.view_query;
  t.view_uses = def.view_uses;
  t.reloptions = def.reloptions;
  // A view has no storage (relfilenode 0), as in PostgreSQL.
  t.file = storage::FileId{db_, def.relkind == 'v' ? 0 : t.oid};
  if (def.relkind != 'v') {
    storage_.CreateFile(t.file, &txn.log());
    storage::FileId file = t.file;
    txn.OnAbort([this, file] { storage_.DropFile(file); });
  }
  locks_.LockRelation(txn, txn::RelationTag{db_, t.oid}, txn::LockMode::kExclusive);
  PrepareDefinition(txn, *snap, t, nullptr, true);
  InsertRelationRows(txn, t);
  LinkColumnSequences(txn, *snap, t);
  Changed(txn);
  return View(txn)->FindTable(t.oid);
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

void DatabaseCatalog::DropTable(txn::Transaction& txn, const TableInfo& table) {
  auto current = LockForDdl(txn, table);
  auto snap = View(txn);
  if (current->relkind == 'S') {
    if (auto seq = snap->FindSequence(current->oid)) DropSequenceRows(txn, *seq);
  } else {
    DropTableRows(txn, *snap, *current, false);
  }
  Changed(txn);
}

void DatabaseCatalog::TruncateTable(txn::Transaction& txn, const TableInfo& table) {
  auto current = LockForDdl(txn, table);
  std::unordered_map<Oid, Oid> filenodes;  // relation -> its new relfilenode
  storage::FileId heap = NewFile(txn);
  filenodes.emplace(current->oid, heap.rel);
  DropFileAtCommit(txn, current->file);
  for (const IndexInfo& index : current->indexes) {
    storage::FileId file = NewFile(txn);
    storage_.Index(file).Initialize(txn.log());
    filenodes.emplace(index.oid, file.rel);
    DropFileAtCommit(txn, index.file);
  }
  // The new files are empty: pg_class's size figures start over, as RelationSetNewRelfilenode resets them
  // (the pg_statistic rows stay).
  Table(kPgClassOid)
      .UpdateIf(
          txn, [&](const Row& r) { return filenodes.contains(static_cast<Oid>(r[col::kRelOid].GetInt())); },
          [&](Row& r) {
            r[col::kRelFilenode] = Value::Oid(filenodes.at(static_cast<Oid>(r[col::kRelOid].GetInt())));
            r[col::kRelPages] = Value::Int4(0);
            r[col::kRelTuples] = Value::Float4(-1);
          });
  Changed(txn);
}

std::optional<SchemaInfo> DatabaseCatalog::SchemaByOid(txn::Transaction& txn, Oid oid) {
  auto snap = View(txn);
  const NamespaceEntry* ns = snap->FindNamespace(oid);
  if (!ns) return std::nullopt;
  return SchemaInfo{ns->oid, ns->name, ns->owner, ns->acl};
}

void DatabaseCatalog::SetSchemaAccess(txn::Transaction& txn, Oid oid, Oid owner,
                                      const std::optional<std::vector<std::string>>& acl) {
  BeginDdl(txn);
  Table(kPgNamespaceOid)
      .UpdateIf(
          txn, [&](const Row& r) { return static_cast<Oid>(r[col::kNspOid].GetInt()) == oid; },
          [&](Row& r) {
            r[col::kNspOwner] = Value::Oid(owner);
            r[col::kNspAcl] = AclValue(acl);
          });
  Changed(txn);
}

void DatabaseCatalog::CreateSchema(txn::Transaction& txn, std::string_view name, Oid owner) {
  // pg_temp_<id> is a session's temporary schema (exec's temp_tables.cpp refuses it in CREATE SCHEMA).
  if (name.starts_with("pg_") && !name.starts_with("pg_temp_")) {
    throw DbError(sqlstate::kReservedName, "unacceptable schema name \"" + std::string(name) + "\"")
        .Detail("The prefix \"pg_\" is reserved for system schemas.");
  }
  BeginDdl(txn);
  if (View(txn)->FindNamespace(name)) {
    throw DbError(sqlstate::kDuplicateSchema, "schema \"" + std::string(name) + "\" already exists");
  }
  Table(kPgNamespaceOid).Insert(txn, NamespaceRow(oids_.Next(), name, owner));
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
      detail += std::string(t->relkind == 'S' ? "sequence " : "table ") + ns->name + "." + t->name +
                " depends on schema " + ns->name;
    }
    throw DependentObjectsError("schema " + ns->name, detail);
  }
  // Tables first (they drop the sequences they own), then the remaining sequences.
  std::set<Oid> dropped;
  for (const auto& t : tables) {
    if (t->relkind == 'S') continue;
    DropTableRows(txn, *snap, *LockForDdl(txn, *t), true);
    for (const SequenceInfo& seq : snap->SequencesOwnedBy(t->oid)) dropped.insert(seq.oid);
  }
  for (const auto& t : tables) {
    if (t->relkind != 'S' || dropped.contains(t->oid)) continue;
    LockForDdl(txn, *t);
    if (auto seq = snap->FindSequence(t->oid)) DropSequenceRows(txn, *seq);
  }
  Table(kPgNamespaceOid).DeleteIf(txn, [&](const Row& r) {
    return static_cast<Oid>(r[col::kNspOid].GetInt()) == namespace_oid;
  });
  Changed(txn);
}

storage::HeapFile& DatabaseCatalog::Heap(const TableInfo& table) {
  return storage_.Heap(table.file);
}

}  // namespace lumadb::catalog

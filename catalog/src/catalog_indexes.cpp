// DatabaseCatalog: indexes (pg_class relkind 'i' + pg_index, PostgreSQL's index.c / indexcmds.c).
#include "catalog_rows.h"
#include "common/error.h"
#include "constraint_rules.h"
#include "database_catalog.h"
#include "storage/storage_engine.h"
#include "system_catalogs.h"
#include "txn/transaction.h"

namespace lumadb::catalog {
namespace {

Oid RowOid(const Row& r, size_t column) {
  return static_cast<Oid>(r[column].GetInt());
}

}  // namespace

storage::BTree& DatabaseCatalog::Index(const IndexInfo& index) {
  return storage_.Index(index.file);
}

std::shared_ptr<const TableInfo> DatabaseCatalog::TableByOid(txn::Transaction& txn, Oid oid) {
  return View(txn)->FindTable(oid);
}

IndexInfo DatabaseCatalog::CreateIndex(txn::Transaction& txn, const TableInfo& table, const IndexDef& def) {
  auto current = LockForDdl(txn, table);
  auto snap = View(txn);
  Oid ns = current->namespace_oid;
  for (const IndexColumn& c : def.columns) {
    LUMADB_ASSERT(c.attnum >= 1 && static_cast<size_t>(c.attnum) <= current->columns.size(),
                  "index column out of range");
  }
  IndexInfo index;
  index.name = def.name.empty() ? ChooseIndexName(current->name, current->columns, def,
                                                  [&](const std::string& n) {
                                                    return snap->HasRelation(ns, n) || snap->HasConstraint(ns, n);
                                                  })
                                : def.name;
  if (snap->HasRelation(ns, index.name)) {
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + index.name + "\" already exists");
  }
  index.unique = def.unique || def.primary;
  index.primary = def.primary;
  index.columns = def.columns;
  index = NewIndex(txn, current->oid, index, false);

  ClassFields fields;
  fields.oid = index.oid;
  fields.name = index.name;
  fields.namespace_oid = ns;
  fields.filenode = index.file.rel;
  fields.relkind = 'i';
  fields.natts = static_cast<int16_t>(index.columns.size());
  Table(kPgClassOid).Insert(txn, ClassRow(fields));
  Table(kPgIndexOid).Insert(txn, IndexRow(index));
  Table(kPgClassOid)
      .UpdateIf(
          txn, [&](const Row& r) { return RowOid(r, col::kRelOid) == current->oid; },
          [](Row& r) { r[col::kRelHasIndex] = Value::Bool(true); });
  Changed(txn);
  return index;
}

void DatabaseCatalog::DropIndex(txn::Transaction& txn, const IndexInfo& index) {
  BeginDdl(txn);
  auto table = View(txn)->FindTable(index.table_oid);
  if (!table) throw DbError(sqlstate::kUndefinedObject, "index \"" + index.name + "\" does not exist");
  auto current = LockForDdl(txn, *table);
  for (const KeyConstraint& key : current->keys) {
    if (key.index_oid != index.oid) continue;
    throw DbError(sqlstate::kDependentObjectsStillExist, "cannot drop index " + index.name + " because constraint " +
                                                             key.name + " on table " + current->name + " requires it")
        .Hint("You can drop constraint " + key.name + " on table " + current->name + " instead.");
  }
  auto snap = View(txn);
  std::string detail;
  for (const ForeignKey& fk : current->referenced_by) {
    if (fk.ref_index_oid != index.oid) continue;
    auto other = snap->FindTable(fk.table_oid);
    if (!detail.empty()) detail += '\n';
    detail += "constraint " + fk.name + " on table " + (other ? other->name : "?") + " depends on index " + index.name;
  }
  if (!detail.empty()) throw DependentObjectsError("index " + index.name, detail);

  Table(kPgClassOid).DeleteIf(txn, [&](const Row& r) { return RowOid(r, col::kRelOid) == index.oid; });
  Table(kPgIndexOid).DeleteIf(txn, [&](const Row& r) { return RowOid(r, col::kIndExrelid) == index.oid; });
  bool has_index = current->indexes.size() > 1;
  Table(kPgClassOid)
      .UpdateIf(
          txn, [&](const Row& r) { return RowOid(r, col::kRelOid) == current->oid; },
          [&](Row& r) { r[col::kRelHasIndex] = Value::Bool(has_index); });
  for (const IndexInfo& i : current->indexes) {
    if (i.oid == index.oid) DropFileAtCommit(txn, i.file);
  }
  Changed(txn);
}

IndexInfo DatabaseCatalog::RenewIndexFile(txn::Transaction& txn, const IndexInfo& index) {
  BeginDdl(txn);
  auto table = View(txn)->FindTable(index.table_oid);
  if (!table) throw DbError(sqlstate::kUndefinedObject, "index \"" + index.name + "\" does not exist");
  auto current = LockForDdl(txn, *table);
  for (const IndexInfo& i : current->indexes) {
    if (i.oid != index.oid) continue;
    IndexInfo renewed = i;
    renewed.file = NewFile(txn);
    Table(kPgClassOid)
        .UpdateIf(
            txn, [&](const Row& r) { return RowOid(r, col::kRelOid) == index.oid; },
            [&](Row& r) { r[col::kRelFilenode] = Value::Oid(renewed.file.rel); });
    DropFileAtCommit(txn, i.file);
    Changed(txn);
    return renewed;
  }
  throw DbError(sqlstate::kUndefinedObject, "index \"" + index.name + "\" does not exist");
}

std::optional<std::pair<std::shared_ptr<const TableInfo>, IndexInfo>> DatabaseCatalog::LookupIndex(
    txn::Transaction& txn, std::string_view schema, std::string_view name,
    const std::vector<std::string>& search_path) {
  auto snap = View(txn);
  if (!schema.empty()) {
    const NamespaceEntry* ns = snap->FindNamespace(schema);
    return ns ? snap->FindIndex(ns->oid, name) : std::nullopt;
  }
  if (std::find(search_path.begin(), search_path.end(), "pg_catalog") == search_path.end()) {
    if (auto found = snap->FindIndex(kPgCatalogNamespace, name)) return found;
  }
  for (const std::string& entry : search_path) {
    const NamespaceEntry* ns = snap->FindNamespace(entry);
    if (!ns) continue;
    // The first relation of that name along the path decides, whatever its kind (namespace.c RelnameGetRelid).
    if (snap->HasRelation(ns->oid, name)) return snap->FindIndex(ns->oid, name);
  }
  return std::nullopt;
}

}  // namespace lumadb::catalog

// DatabaseCatalog: the catalog rows of a table as a whole (pg_class, pg_attribute, pg_attrdef,
// pg_constraint, and its indexes' pg_class + pg_index rows), new relation files, and dropping a table (its
// pg_statistic rows go too).
#include <algorithm>
#include <set>

#include "catalog_rows.h"
#include "common/error.h"
#include "constraint_rules.h"
#include "database_catalog.h"
#include "storage/btree.h"
#include "storage/storage_engine.h"
#include "system_catalogs.h"
#include "txn/lock_manager.h"
#include "txn/transaction.h"

namespace lumadb::catalog {
namespace {

Oid RowOid(const Row& r, size_t column) {
  return static_cast<Oid>(r[column].GetInt());
}

}  // namespace

storage::FileId DatabaseCatalog::NewFile(txn::Transaction& txn) {
  storage::FileId file{db_, oids_.Next()};
  storage_.CreateFile(file, &txn.log());
  txn.OnAbort([this, file] { storage_.DropFile(file); });
  return file;
}

void DatabaseCatalog::DropFileAtCommit(txn::Transaction& txn, storage::FileId file) {
  txn.OnCommit([this, file] { storage_.DropFile(file); });
}

IndexInfo DatabaseCatalog::NewIndex(txn::Transaction& txn, Oid table_oid, IndexInfo index, bool initialize) {
  index.oid = oids_.Next();
  index.table_oid = table_oid;
  index.file = storage::FileId{db_, index.oid};
  storage_.CreateFile(index.file, &txn.log());
  storage::FileId file = index.file;
  txn.OnAbort([this, file] { storage_.DropFile(file); });
  locks_.LockRelation(txn, txn::RelationTag{db_, index.oid}, txn::LockMode::kExclusive);
  if (initialize) storage_.Index(index.file).Initialize(txn.log());
  return index;
}

void DatabaseCatalog::InsertRelationRows(txn::Transaction& txn, const TableInfo& t) {
  ClassFields table;
  table.oid = t.oid;
  table.name = t.name;
  table.namespace_oid = t.namespace_oid;
  table.filenode = t.file.rel;
  table.relpages = t.relpages;
  table.reltuples = t.reltuples;
  table.has_index = !t.indexes.empty();
  table.relkind = t.relkind;
  table.natts = static_cast<int16_t>(t.columns.size());
  table.checks = static_cast<int16_t>(t.checks.size());
  if (t.fillfactor != 100 || !t.reloptions.empty()) {
    table.reloptions.emplace();
    if (t.fillfactor != 100) table.reloptions->push_back("fillfactor=" + std::to_string(t.fillfactor));
    table.reloptions->insert(table.reloptions->end(), t.reloptions.begin(), t.reloptions.end());
  }
  table.owner = t.owner;
  table.acl = t.acl;
  CatalogTable classes = Table(kPgClassOid);
  classes.Insert(txn, ClassRow(table));

  CatalogTable attributes = Table(kPgAttributeOid);
  CatalogTable attrdefs = Table(kPgAttrdefOid);
  for (const ColumnInfo& c : t.columns) {
    attributes.Insert(txn, AttributeRow(t.oid, c));
    if (c.default_expr) attrdefs.Insert(txn, AttrdefRow(oids_.Next(), t.oid, c.attnum, *c.default_expr));
  }
  // A view's query is the pg_attrdef row of attnum 0 (no column has it); what it reads, pg_depend rows.
  if (!t.view_query.empty()) attrdefs.Insert(txn, AttrdefRow(oids_.Next(), t.oid, 0, t.view_query));
  for (Oid used : t.view_uses) Table(kPgDependOid).Insert(txn, DependRow(t.oid, used, 0, 'n'));
  CatalogTable constraints = Table(kPgConstraintOid);
  for (const KeyConstraint& key : t.keys) {
    constraints.Insert(txn, KeyConstraintRow(oids_.Next(), t.oid, t.namespace_oid, key));
  }
  for (const CheckConstraint& check : t.checks) {
    constraints.Insert(
        txn, CheckConstraintRow(oids_.Next(), t.oid, t.namespace_oid, check, CheckColumns(t.columns, check.expr)));
  }
  for (const ForeignKey& fk : t.foreign_keys) constraints.Insert(txn, ForeignKeyRow(oids_.Next(), t.namespace_oid, fk));

  CatalogTable index_rows = Table(kPgIndexOid);
  for (const IndexInfo& index : t.indexes) {
    ClassFields fields;
    fields.oid = index.oid;
    fields.name = index.name;
    fields.namespace_oid = t.namespace_oid;
    fields.filenode = index.file.rel;
    fields.relkind = 'i';
    fields.natts = static_cast<int16_t>(index.columns.size());
    fields.owner = t.owner;
    classes.Insert(txn, ClassRow(fields));
    index_rows.Insert(txn, IndexRow(index));
  }
}

void DatabaseCatalog::LinkColumnSequences(txn::Transaction& txn, const CatalogSnapshot& snap, const TableInfo& t) {
  for (const ColumnInfo& c : t.columns) {
    if (c.identity_sequence == 0) continue;
    auto seq = snap.FindSequence(c.identity_sequence);
    if (!seq || seq->owned_by_table != 0) continue;
    Table(kPgDependOid).Insert(txn, DependRow(seq->oid, t.oid, c.attnum, c.identity != 0 ? 'i' : 'a'));
  }
}

void DatabaseCatalog::DeleteRelationRows(txn::Transaction& txn, Oid oid, const std::vector<IndexInfo>& indexes) {
  std::set<Oid> relations{oid};
  for (const IndexInfo& index : indexes) relations.insert(index.oid);
  Table(kPgClassOid).DeleteIf(txn, [&](const Row& r) { return relations.contains(RowOid(r, col::kRelOid)); });
  Table(kPgAttributeOid).DeleteIf(txn, [&](const Row& r) { return RowOid(r, col::kAttRelid) == oid; });
  Table(kPgAttrdefOid).DeleteIf(txn, [&](const Row& r) { return RowOid(r, col::kAdRelid) == oid; });
  Table(kPgConstraintOid).DeleteIf(txn, [&](const Row& r) { return RowOid(r, col::kConRelid) == oid; });
  Table(kPgIndexOid).DeleteIf(txn, [&](const Row& r) { return RowOid(r, col::kIndRelid) == oid; });
  Table(kPgDependOid).DeleteIf(txn, [&](const Row& r) {
    return RowOid(r, col::kDepObjid) == oid && CharOf(r[col::kDepType]) == 'n';
  });
}

void DatabaseCatalog::DropTableRows(txn::Transaction& txn, const CatalogSnapshot& snap, const TableInfo& table,
                                    bool cascade) {
  std::string detail;
  for (const ForeignKey& fk : table.referenced_by) {
    if (fk.table_oid == table.oid) continue;
    auto other = snap.FindTable(fk.table_oid);
    if (!detail.empty()) detail += '\n';
    detail += "constraint " + fk.name + " on table " + (other ? other->name : "?") + " depends on table " + table.name;
  }
  if (!detail.empty()) {
    if (!cascade) throw DependentObjectsError("table " + table.name, detail);
    Table(kPgConstraintOid).DeleteIf(txn, [&](const Row& r) {
      return CharOf(r[col::kConType]) == 'f' && RowOid(r, col::kConFrelid) == table.oid;
    });
  }
  DeleteRelationRows(txn, table.oid, table.indexes);
  MoveStatistics(txn, table.oid, {});
  if (table.relkind != 'v') DropFileAtCommit(txn, table.file);
  for (const IndexInfo& index : table.indexes) DropFileAtCommit(txn, index.file);
  for (const SequenceInfo& seq : snap.SequencesOwnedBy(table.oid)) DropSequenceRows(txn, seq);
}

}  // namespace lumadb::catalog

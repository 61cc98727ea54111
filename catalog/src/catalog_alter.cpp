// DatabaseCatalog::ReplaceTableDef: the catalog side of ALTER TABLE (PostgreSQL's tablecmds.c). The new
// definition replaces every catalog row of the table; index files are kept for indexes that stay, created
// for new ones (empty: the caller fills them) and unlinked at commit for dropped ones. Other tables'
// foreign keys that reference this table, the sequences owned by its columns and their pg_statistic rows
// follow the renumbered columns.
#include <set>
#include <unordered_map>

#include "catalog_rows.h"
#include "common/error.h"
#include "constraint_rules.h"
#include "database_catalog.h"
#include "system_catalogs.h"

namespace lumadb::catalog {
namespace {

Oid RowOid(const Row& r, size_t column) {
  return static_cast<Oid>(r[column].GetInt());
}

}  // namespace

std::shared_ptr<const TableInfo> DatabaseCatalog::ReplaceTableDef(txn::Transaction& txn, const TableInfo& old_table,
                                                                  const TableInfo& def, bool new_heap_file) {
  auto current = LockForDdl(txn, old_table);
  auto snap = View(txn);
  if (current->relkind != 'r') {
    throw DbError(sqlstate::kWrongObjectType, "\"" + current->name + "\" is not a table");
  }
  TableInfo t = def;
  t.oid = current->oid;
  t.namespace_oid = current->namespace_oid;
  t.schema = current->schema;
  t.relkind = 'r';
  t.file = current->file;
  t.reltuples = current->reltuples;
  t.relpages = current->relpages;
  t.referenced_by.clear();
  if (t.name != current->name && snap->HasRelation(t.namespace_oid, t.name)) {
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + t.name + "\" already exists");
  }

  // Columns keep their order; their old attnums tell where other tables' references move.
  std::unordered_map<int16_t, int16_t> renumbered;  // old attnum -> new attnum
  std::set<std::string> seen;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    ColumnInfo& c = t.columns[i];
    if (!seen.insert(c.name).second) {
      throw DbError(sqlstate::kDuplicateColumn,
                    "column \"" + c.name + "\" of relation \"" + t.name + "\" already exists");
    }
    if (c.attnum >= 1 && static_cast<size_t>(c.attnum) <= current->columns.size()) {
      renumbered.try_emplace(c.attnum, static_cast<int16_t>(i + 1));
    }
    c.attnum = static_cast<int16_t>(i + 1);
  }
  PrepareDefinition(txn, *snap, t, current.get(), false);

  // What other tables' foreign keys need: the index they use and the columns they reference.
  std::set<Oid> kept;
  for (const IndexInfo& index : t.indexes) kept.insert(index.oid);
  std::unordered_map<std::string, std::string> new_confkeys;  // "<conrelid>/<conname>" -> confkey text
  for (const ForeignKey& fk : current->referenced_by) {
    if (fk.table_oid == t.oid) continue;
    auto other = snap->FindTable(fk.table_oid);
    std::string other_name = other ? other->name : "?";
    if (!kept.contains(fk.ref_index_oid)) {
      std::string index_name;
      for (const IndexInfo& index : current->indexes) {
        if (index.oid == fk.ref_index_oid) index_name = index.name;
      }
      throw DependentObjectsError("index " + index_name, "constraint " + fk.name + " on table " + other_name +
                                                             " depends on index " + index_name);
    }
    std::vector<int16_t> moved;
    for (int16_t a : fk.ref_attnums) {
      auto it = renumbered.find(a);
      if (it == renumbered.end()) {
        std::string column = current->columns[a - 1].name;
        throw DependentObjectsError("column " + column + " of table " + current->name,
                                    "constraint " + fk.name + " on table " + other_name + " depends on column " +
                                        column + " of table " + current->name);
      }
      moved.push_back(it->second);
    }
    new_confkeys[std::to_string(fk.table_oid) + "/" + fk.name] = FormatKey(moved);
  }
  for (const IndexInfo& index : current->indexes) {
    if (!kept.contains(index.oid)) DropFileAtCommit(txn, index.file);
  }
  if (new_heap_file) {
    t.file = NewFile(txn);
    DropFileAtCommit(txn, current->file);
  }

  DeleteRelationRows(txn, t.oid, current->indexes);
  InsertRelationRows(txn, t);
  LinkColumnSequences(txn, *snap, t);
  CarryStatistics(txn, *current, def);
  Table(kPgConstraintOid)
      .UpdateIf(
          txn,
          [&](const Row& r) {
            return RowOid(r, col::kConFrelid) == t.oid && RowOid(r, col::kConRelid) != t.oid &&
                   new_confkeys.contains(std::to_string(RowOid(r, col::kConRelid)) + "/" +
                                         r[col::kConName].GetString());
          },
          [&](Row& r) {
            r[col::kConFkey] = Value::String(
                new_confkeys.at(std::to_string(RowOid(r, col::kConRelid)) + "/" + r[col::kConName].GetString()));
          });
  // Sequences follow their column's new attnum; one owned by a dropped column is no longer owned (the
  // caller drops it, as PostgreSQL's DROP COLUMN does).
  for (const SequenceInfo& seq : snap->SequencesOwnedBy(t.oid)) {
    auto it = renumbered.find(seq.owned_by_attnum);
    auto is_seq = [&](const Row& r) { return RowOid(r, col::kDepObjid) == seq.oid; };
    if (it == renumbered.end()) {
      Table(kPgDependOid).DeleteIf(txn, is_seq);
      continue;
    }
    int16_t attnum = it->second;
    Table(kPgDependOid).UpdateIf(txn, is_seq, [&](Row& r) { r[col::kDepRefobjsubid] = Value::Int4(attnum); });
  }
  Changed(txn);
  return View(txn)->FindTable(t.oid);
}

}  // namespace lumadb::catalog

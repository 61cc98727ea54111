// DatabaseCatalog's side of ANALYZE (PostgreSQL 15 commands/analyze.c update_attstats, vacuum.c
// vac_update_relstats) and of the DDL that moves or removes statistics (catalog/heap.c RemoveStatistics).
// Statistics rows are ordinary catalog rows of the caller's transaction: a rolled-back ANALYZE leaves the
// old ones, and the snapshot reload at the end of the transaction publishes the new ones to the planner.
#include <set>
#include <string>

#include "catalog_rows.h"
#include "common/error.h"
#include "database_catalog.h"
#include "statistic_rows.h"
#include "system_catalogs.h"

namespace lumadb::catalog {
namespace {

Oid RowOid(const Row& r, size_t column) {
  return static_cast<Oid>(r[column].GetInt());
}
int16_t RowAttnum(const Row& r) {
  return static_cast<int16_t>(r[col::kStaAttnum].GetInt());
}

/// The old attnum of each column of `def` that keeps its statistics -> its new attnum. A column is the old
/// one of the same name; failing that, the old one at its given attnum if that name is gone from def (a
/// rename). Callers do not all keep def.columns[i].attnum as the old attnum (ReplaceTableDef's contract),
/// so the name decides first. A column whose type changed starts without statistics.
std::unordered_map<int16_t, int16_t> StatisticsFollowing(const TableInfo& old_table, const TableInfo& def) {
  std::set<std::string> names;
  for (const ColumnInfo& c : def.columns) names.insert(c.name);
  std::unordered_map<int16_t, int16_t> kept;
  for (size_t i = 0; i < def.columns.size(); ++i) {
    const ColumnInfo& c = def.columns[i];
    const ColumnInfo* old = nullptr;
    for (const ColumnInfo& o : old_table.columns) {
      if (o.name == c.name) old = &o;
    }
    if (!old && c.attnum >= 1 && static_cast<size_t>(c.attnum) <= old_table.columns.size() &&
        !names.contains(old_table.columns[c.attnum - 1].name)) {
      old = &old_table.columns[c.attnum - 1];
    }
    if (old && old->type == c.type) kept.try_emplace(old->attnum, static_cast<int16_t>(i + 1));
  }
  return kept;
}

}  // namespace

void DatabaseCatalog::CarryStatistics(txn::Transaction& txn, const TableInfo& old_table, const TableInfo& def) {
  MoveStatistics(txn, old_table.oid, StatisticsFollowing(old_table, def));
}

void DatabaseCatalog::StoreStatistics(txn::Transaction& txn, const TableInfo& table, const AnalyzeResult& result) {
  if (table.oid == kPgStatisticOid) {
    throw DbError(sqlstate::kInsufficientPrivilege, "permission denied: \"pg_statistic\" is a system catalog");
  }
  BeginDdl(txn);
  auto current = View(txn)->FindTable(table.oid);
  if (!current) throw DbError(sqlstate::kUndefinedTable, "relation \"" + table.name + "\" does not exist");
  std::set<int16_t> analyzed;
  for (const ColumnStatistics& c : result.columns) {
    if (c.attnum < 1 || static_cast<size_t>(c.attnum) > current->columns.size()) {
      throw DbError(sqlstate::kInternalError,
                    "internal error: relation \"" + table.name + "\" has no column " + std::to_string(c.attnum));
    }
    analyzed.insert(c.attnum);
  }
  CatalogTable statistics = Table(kPgStatisticOid);
  statistics.DeleteIf(
      txn, [&](const Row& r) { return RowOid(r, col::kStaRelid) == current->oid && analyzed.contains(RowAttnum(r)); });
  for (const ColumnStatistics& c : result.columns) {
    statistics.Insert(txn, StatisticRow(current->oid, current->columns[c.attnum - 1].type, c));
  }
  Table(kPgClassOid)
      .UpdateIf(
          txn, [&](const Row& r) { return RowOid(r, col::kRelOid) == current->oid; },
          [&](Row& r) {
            r[col::kRelPages] = Value::Int4(result.relpages);
            r[col::kRelTuples] = Value::Float4(static_cast<float>(result.reltuples));
          });
  Changed(txn);
}

void DatabaseCatalog::SetRelationAccess(txn::Transaction& txn, Oid oid, Oid owner,
                                        const std::optional<std::vector<std::string>>& acl) {
  BeginDdl(txn);
  auto current = View(txn)->FindTable(oid);
  if (!current)
    throw DbError(sqlstate::kUndefinedTable, "relation with OID " + std::to_string(oid) + " does not exist");
  std::set<Oid> indexes;
  for (const IndexInfo& index : current->indexes) indexes.insert(index.oid);
  Table(kPgClassOid)
      .UpdateIf(
          txn,
          [&](const Row& r) { return RowOid(r, col::kRelOid) == oid || indexes.contains(RowOid(r, col::kRelOid)); },
          [&](Row& r) {
            r[col::kRelOwner] = Value::Oid(owner);
            if (RowOid(r, col::kRelOid) == oid) r[col::kRelAcl] = AclValue(acl);
          });
  Changed(txn);
}

void DatabaseCatalog::SetColumnAcls(txn::Transaction& txn, Oid oid,
                                    const std::map<int16_t, std::optional<std::vector<std::string>>>& acls) {
  BeginDdl(txn);
  if (!View(txn)->FindTable(oid)) {
    throw DbError(sqlstate::kUndefinedTable, "relation with OID " + std::to_string(oid) + " does not exist");
  }
  auto attnum = [](const Row& r) { return static_cast<int16_t>(r[col::kAttNum].GetInt()); };
  Table(kPgAttributeOid)
      .UpdateIf(
          txn, [&](const Row& r) { return RowOid(r, col::kAttRelid) == oid && acls.contains(attnum(r)); },
          [&](Row& r) { r[col::kAttAcl] = AclValue(acls.at(attnum(r))); });
  Changed(txn);
}

void DatabaseCatalog::MoveStatistics(txn::Transaction& txn, Oid oid, const std::unordered_map<int16_t, int16_t>& kept) {
  CatalogTable statistics = Table(kPgStatisticOid);
  statistics.DeleteIf(txn,
                      [&](const Row& r) { return RowOid(r, col::kStaRelid) == oid && !kept.contains(RowAttnum(r)); });
  statistics.UpdateIf(
      txn,
      [&](const Row& r) {
        auto it = kept.find(RowAttnum(r));
        return RowOid(r, col::kStaRelid) == oid && it != kept.end() && it->second != it->first;
      },
      [&](Row& r) { r[col::kStaAttnum] = Value::Int2(kept.at(RowAttnum(r))); });
}

}  // namespace lumadb::catalog

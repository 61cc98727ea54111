// VACUUM and ANALYZE (commands/vacuum.c, analyze.c) as far as LumaDB needs them. Heap slots are already
// freed when a delete commits (HEAP_APPLYDELETE), so VACUUM of a table is two passes: the indexes (an entry
// whose heap slot is empty, or holds a tuple with another key, is removed: BTree::Delete, redo-only), then
// the heap (HeapFile::Vacuum: pages compacted, capacity kept for undoing shrinking updates given back, the
// free-space map refreshed; redo-only HEAP_VACUUM). ANALYZE alone never changes a page.
//
// The table's S lock keeps every writer out (they hold IX until they end), which is HeapFile::Vacuum's
// precondition; readers (IS) go on, as TIDs do not change. The session refuses VACUUM inside a transaction
// block (25001, server/src/session_query.cpp).

#include <algorithm>

#include "common/row_codec.h"
#include "ddl.h"
#include "index_keys.h"
#include "parser/parser.h"
#include "planner/binder.h"
#include "storage/btree.h"
#include "storage/heap_file.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

/// Every ordinary table of the database, as VACUUM without a table list visits them (get_all_vacuum_rels).
std::vector<std::shared_ptr<const catalog::TableInfo>> AllTables(SessionContext& ctx) {
  const std::string sql = "SELECT oid FROM pg_catalog.pg_class WHERE relkind = 'r' AND relnamespace <> 11::oid";
  auto statements = parser::Parse(sql);
  planner::Binder binder(ctx.catalog, ctx.txn, ctx.search_path, sql);
  planner::PlanPtr plan = binder.BindSelect(statements.at(0)->As<ast::SelectStmt>());
  StatementExecContext sec(ctx);
  std::vector<std::shared_ptr<const catalog::TableInfo>> tables;
  for (const Row& row : RunToCompletion(*plan, sec.exec)) {
    if (auto t = ctx.catalog.TableByOid(ctx.txn, static_cast<Oid>(row[0].GetInt()))) tables.push_back(t);
  }
  return tables;
}

std::vector<TypeId> ColumnTypes(const catalog::TableInfo& table) {
  std::vector<TypeId> types;
  for (const auto& c : table.columns) types.push_back(c.type.id);
  return types;
}

/// Removes the entries of `index` that point at no live tuple with their key; returns how many.
size_t VacuumIndex(SessionContext& ctx, const catalog::TableInfo& table, const catalog::IndexInfo& index) {
  storage::HeapFile& heap = ctx.catalog.Heap(table);
  storage::BTree& tree = ctx.catalog.Index(index);
  const std::vector<TypeId> types = ColumnTypes(table);
  std::vector<storage::BTree::Entry> dead;
  storage::BTree::Cursor cursor = tree.Seek("");
  storage::BTree::Entry entry;
  std::vector<std::byte> bytes;
  while (cursor.Next(&entry)) {
    bool deleted = false;
    if (!heap.Get(entry.rid, &bytes, &deleted)) {
      dead.push_back(entry);
      continue;
    }
    // A mark-deleted tuple is this transaction's own delete: its entry goes at commit.
    if (!deleted && IndexKeyOf(table, index, DecodeRow(types, bytes)) != entry.key) dead.push_back(entry);
  }
  for (const auto& e : dead) tree.Delete(ctx.txn.log(), e.key, e.rid);
  return dead.size();
}

/// The attnums of an ANALYZE column list (analyze.c's examine_attribute loop); empty for no list. 42703 for
/// an unknown column, 42701 for one named twice, as PostgreSQL.
std::vector<int16_t> ColumnListAttnums(const catalog::TableInfo& table, const std::vector<std::string>& names) {
  std::vector<int16_t> attnums;
  for (const std::string& name : names) {
    auto column = std::find_if(table.columns.begin(), table.columns.end(),
                               [&](const catalog::ColumnInfo& c) { return c.name == name; });
    if (column == table.columns.end()) {
      throw DbError(sqlstate::kUndefinedColumn,
                    "column \"" + name + "\" of relation \"" + table.name + "\" does not exist");
    }
    if (std::find(attnums.begin(), attnums.end(), column->attnum) != attnums.end()) {
      throw DbError(sqlstate::kDuplicateColumn,
                    "column \"" + name + "\" of relation \"" + table.name + "\" appears more than once");
    }
    attnums.push_back(column->attnum);
  }
  return attnums;
}

/// VACUUM of one table: the index pass, then the heap pass.
void VacuumTable(SessionContext& ctx, const catalog::TableInfo& table) {
  for (const auto& index : table.indexes) VacuumIndex(ctx, table, index);
  // Changes of this very transaction (possible when a client pipelines statements without Sync) may still
  // be undone and need the capacity the heap pass gives back: the precondition would not hold.
  if (table.relkind != 'r' || !ctx.txn.log().records.empty()) return;
  ctx.catalog.Heap(table).Vacuum(ctx.txn.log());
}

}  // namespace

std::string ExecuteVacuum(const ast::VacuumStmt& stmt, SessionContext& ctx) {
  std::vector<std::shared_ptr<const catalog::TableInfo>> tables;
  if (stmt.tables.empty()) {
    tables = AllTables(ctx);
  } else {
    for (const auto& name : stmt.tables) tables.push_back(TableOrThrow(ctx, name));
  }
  std::vector<std::vector<int16_t>> columns(tables.size());
  for (size_t i = 0; i < tables.size(); ++i) {
    // Writers wait (HeapFile::Vacuum's precondition; index entries must not change under the check);
    // readers go on.
    LockTableMode(ctx, tables[i]->oid, false);
    auto table = ctx.catalog.TableByOid(ctx.txn, tables[i]->oid);
    if (!table) continue;
    if (i < stmt.columns.size()) columns[i] = ColumnListAttnums(*table, stmt.columns[i]);
    if (stmt.is_vacuum) VacuumTable(ctx, *table);
  }
  // After every VACUUM pass: ANALYZE writes catalog rows, and a heap pass must not follow changes of its
  // own transaction (VacuumTable).
  if (stmt.analyze) {
    for (size_t i = 0; i < tables.size(); ++i) {
      if (auto table = ctx.catalog.TableByOid(ctx.txn, tables[i]->oid)) AnalyzeTable(ctx, *table, columns[i]);
    }
  }
  return stmt.is_vacuum ? "VACUUM" : "ANALYZE";
}

}  // namespace lumadb::exec

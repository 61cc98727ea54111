// VACUUM and ANALYZE (commands/vacuum.c, analyze.c) as far as LumaDB needs them: heap slots are already
// freed when a delete commits (HEAP_APPLYDELETE), so VACUUM's work is the indexes: an entry whose heap slot
// is empty, or holds a tuple with another key, is removed (BTree::Delete, redo-only). ANALYZE only checks
// the tables exist and locks them: the planner keeps no statistics yet.

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
  const std::string sql = "SELECT oid FROM pg_catalog.pg_class WHERE relkind = 'r' AND relnamespace <> 11";
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

}  // namespace

std::string ExecuteVacuum(const ast::VacuumStmt& stmt, SessionContext& ctx) {
  std::vector<std::shared_ptr<const catalog::TableInfo>> tables;
  if (stmt.tables.empty()) {
    tables = AllTables(ctx);
  } else {
    for (const auto& name : stmt.tables) tables.push_back(TableOrThrow(ctx, name));
  }
  for (const auto& t : tables) {
    // Writers wait (their index entries must not change under the check); readers go on.
    LockTableMode(ctx, t->oid, false);
    auto table = ctx.catalog.TableByOid(ctx.txn, t->oid);
    if (!table) continue;
    if (stmt.is_vacuum) {
      for (const auto& index : table->indexes) VacuumIndex(ctx, *table, index);
    }
  }
  return stmt.is_vacuum ? "VACUUM" : "ANALYZE";
}

}  // namespace lumadb::exec

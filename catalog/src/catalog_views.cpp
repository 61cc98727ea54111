// DatabaseCatalog::ReplaceView: the catalog side of CREATE OR REPLACE VIEW (PostgreSQL's view.c
// DefineVirtualRelation with replace). The view keeps its OID, owner and privileges; its columns, query
// text and pg_depend rows are written anew.
#include "database_catalog.h"
#include "txn/transaction.h"
#include "txn/transaction_manager.h"

namespace lumadb::catalog {

std::shared_ptr<const TableInfo> DatabaseCatalog::ReplaceView(txn::Transaction& txn, const TableInfo& old,
                                                              const TableDef& def) {
  auto current = LockForDdl(txn, old);
  TableInfo t = *current;
  t.columns = def.columns;
  for (size_t i = 0; i < t.columns.size(); ++i) t.columns[i].attnum = static_cast<int16_t>(i + 1);
  t.view_query = def.view_query;
  t.view_uses = def.view_uses;
  t.reloptions = def.reloptions;
  DeleteRelationRows(txn, t.oid, {});
  InsertRelationRows(txn, t);
  Changed(txn);
  return View(txn)->FindTable(t.oid);
}

void DatabaseCatalog::DropTempSchemas(txn::TransactionManager& transactions) {
  std::vector<Oid> stale;
  for (const NamespaceEntry& ns : committed_->namespaces()) {
    if (ns.name.starts_with("pg_temp_")) stale.push_back(ns.oid);
  }
  if (stale.empty()) return;
  auto txn = transactions.Begin();
  for (Oid oid : stale) DropSchema(*txn, oid, true);
  transactions.Commit(*txn);
}

}  // namespace lumadb::catalog

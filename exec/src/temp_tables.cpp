// Temporary tables: the session's pg_temp_<id> schema, ON COMMIT actions, and the cleanup at session end
// and at startup (PostgreSQL's namespace.c InitTempTableNamespace / RemoveTempRelations, tablecmds.c
// PreCommit_on_commit_actions).
#include "temp_tables.h"

#include <algorithm>

#include "ddl.h"
#include "exec/temp_table_state.h"
#include "txn/transaction.h"

namespace lumadb::exec {

std::string TempSchemaForCreate(SessionContext& ctx, const std::string& given) {
  if (!given.empty() && given != "pg_temp" && !given.starts_with("pg_temp_")) {
    throw DbError(sqlstate::kInvalidTableDefinition, "cannot create temporary relation in non-temporary schema");
  }
  if (ctx.temp_tables == nullptr) {
    throw DbError(sqlstate::kFeatureNotSupported, "temporary tables are not available here");
  }
  TempTableState& state = *ctx.temp_tables;
  if (!state.created) {
    // A schema of this name left by a session that crashed (or ended without cleanup) is not ours.
    if (auto stale = ctx.catalog.LookupNamespace(ctx.txn, state.schema())) {
      ctx.catalog.DropSchema(ctx.txn, *stale, true);
    }
    ctx.catalog.CreateSchema(ctx.txn, state.schema(), ctx.session_user_oid);
    state.created = true;
    ctx.txn.OnAbort([&state] { state.created = false; });
  }
  if (std::find(ctx.search_path.begin(), ctx.search_path.end(), state.schema()) == ctx.search_path.end()) {
    ctx.search_path.insert(ctx.search_path.begin(), state.schema());
  }
  return state.schema();
}

void RegisterTempTable(SessionContext& ctx, const catalog::TableInfo& table, ast::OnCommitAction on_commit) {
  if (ctx.temp_tables == nullptr) return;
  if (on_commit == ast::OnCommitAction::kDeleteRows) ctx.temp_tables->delete_rows.push_back(table.oid);
  if (on_commit == ast::OnCommitAction::kDrop) ctx.temp_tables->drop.push_back(table.oid);
}

void RunOnCommitActions(SessionContext& ctx) {
  if (ctx.temp_tables == nullptr) return;
  TempTableState& state = *ctx.temp_tables;
  for (Oid oid : state.drop) {
    if (auto table = ctx.catalog.TableByOid(ctx.txn, oid)) {
      LockTableMode(ctx, oid, true);
      ctx.catalog.DropTable(ctx.txn, *table);
    }
  }
  state.drop.clear();
  std::erase_if(state.delete_rows, [&](Oid oid) { return ctx.catalog.TableByOid(ctx.txn, oid) == nullptr; });
  for (Oid oid : state.delete_rows) {
    auto table = ctx.catalog.TableByOid(ctx.txn, oid);
    LockTableMode(ctx, oid, true);
    ctx.catalog.TruncateTable(ctx.txn, *table);
  }
}

void DropTempSchema(SessionContext& ctx) {
  if (ctx.temp_tables == nullptr || !ctx.temp_tables->created) return;
  if (auto oid = ctx.catalog.LookupNamespace(ctx.txn, ctx.temp_tables->schema())) {
    ctx.catalog.DropSchema(ctx.txn, *oid, true);
  }
  ctx.temp_tables->created = false;
}

}  // namespace lumadb::exec

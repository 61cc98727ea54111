// ALTER VIEW v SET (options) / RESET (options) / ALTER [COLUMN] c {SET DEFAULT e | DROP DEFAULT}
// (PostgreSQL 15's tablecmds.c ATExecSetRelOptions and ATExecColumnDefault on a view).
#include <algorithm>

#include "ddl.h"
#include "ddl_view.h"
#include "permissions.h"
#include "view_options.h"

namespace lumadb::exec {

std::string ExecuteAlterView(const ast::AlterViewStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  using Action = ast::AlterViewStmt::Action;
  const std::string shown = stmt.view.schema.empty() ? stmt.view.name : stmt.view.schema + "." + stmt.view.name;
  auto view = ctx.catalog.LookupTable(ctx.txn, stmt.view.schema, stmt.view.name, ctx.search_path);
  if (!view) {
    if (!stmt.if_exists) throw DbError(sqlstate::kUndefinedTable, "relation \"" + shown + "\" does not exist");
    sink.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion,
                "relation \"" + shown + "\" does not exist, skipping");
    return "ALTER VIEW";
  }
  if (view->relkind != 'v') throw DbError(sqlstate::kWrongObjectType, "\"" + view->name + "\" is not a view");
  LockTableMode(ctx, view->oid, true);
  CheckRelationOwner(ctx, *view);
  catalog::TableDef def;
  def.columns = view->columns;
  def.view_uses = view->view_uses;
  auto options = ParseViewOptions(view->reloptions);
  if (stmt.action == Action::kSetOptions || stmt.action == Action::kResetOptions) {
    // transformRelOptions: the old items not named keep their order, the named ones follow as given.
    for (const auto& [name, value] : stmt.options) {
      std::erase_if(options, [&](const auto& o) { return o.first == name; });
    }
    if (stmt.action == Action::kSetOptions) options.insert(options.end(), stmt.options.begin(), stmt.options.end());
  } else {
    auto column = std::find_if(def.columns.begin(), def.columns.end(),
                               [&](const catalog::ColumnInfo& c) { return c.name == stmt.column; });
    if (column == def.columns.end()) {
      throw DbError(sqlstate::kUndefinedColumn,
                    "column \"" + stmt.column + "\" of relation \"" + view->name + "\" does not exist");
    }
    if (stmt.action == Action::kSetDefault) {
      column->default_expr = stmt.default_text;
    } else {
      column->default_expr.reset();
    }
  }
  def.view_query = view->view_query;
  def.reloptions = ViewRelOptions(options);
  CheckViewOptionsFit(def.view_query, def.reloptions);
  ctx.catalog.ReplaceView(ctx.txn, *view, def);
  return "ALTER VIEW";
}

}  // namespace lumadb::exec

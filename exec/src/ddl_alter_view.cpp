// ALTER VIEW v SET (options) / RESET (options) / ALTER [COLUMN] c {SET DEFAULT e | DROP DEFAULT}
// (PostgreSQL 15's tablecmds.c ATExecSetRelOptions and ATExecColumnDefault on a view).
#include <algorithm>

#include "catalog/view_reloptions.h"
#include "ddl.h"
#include "ddl_view.h"
#include "permissions.h"
#include "view_options.h"

namespace lumadb::exec {

std::string ExecuteAlterView(const ast::CreateViewStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  using Alter = ast::CreateViewStmt::Alter;
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
  auto options = ParseViewOptions(catalog::ViewReloptions(view->view_query));
  if (stmt.alter == Alter::kSetOptions || stmt.alter == Alter::kResetOptions) {
    for (const auto& [name, value] : stmt.options) {
      auto it = std::find_if(options.begin(), options.end(), [&](const auto& o) { return o.first == name; });
      if (stmt.alter == Alter::kResetOptions) {
        if (it != options.end()) options.erase(it);
      } else if (it != options.end()) {
        it->second = value;
      } else {
        options.emplace_back(name, value);
      }
    }
  } else {
    auto column = std::find_if(def.columns.begin(), def.columns.end(),
                               [&](const catalog::ColumnInfo& c) { return c.name == stmt.column; });
    if (column == def.columns.end()) {
      throw DbError(sqlstate::kUndefinedColumn,
                    "column \"" + stmt.column + "\" of relation \"" + view->name + "\" does not exist");
    }
    if (stmt.alter == Alter::kSetDefault) {
      column->default_expr = stmt.default_text;
    } else {
      column->default_expr.reset();
    }
  }
  const std::string text = ViewOptionsText(options);
  def.view_query = catalog::ViewQueryWithOptions(view->view_query, text);
  CheckViewOptionsFit(def.view_query, text);
  ctx.catalog.ReplaceView(ctx.txn, *view, def);
  return "ALTER VIEW";
}

}  // namespace lumadb::exec

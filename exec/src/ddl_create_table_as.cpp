// CREATE TABLE ... AS, SELECT ... INTO, CREATE / REFRESH MATERIALIZED VIEW (PostgreSQL's createas.c,
// matview.c): a new table of the query's columns, filled with its rows through RowWriter.
#include "ddl.h"
#include "ddl_view.h"
#include "parser/parser.h"
#include "permissions.h"
#include "row_writer.h"
#include "temp_tables.h"

namespace lumadb::exec {
namespace {

/// Runs `plan` and inserts its rows into `table`; returns the row count.
int64_t FillTable(const planner::PlanNode& plan, const std::shared_ptr<const catalog::TableInfo>& table,
                  SessionContext& ctx) {
  StatementExecContext sec(ctx);
  auto exec = BuildExecutor(plan, sec.exec);
  exec->Init();
  RowWriter writer(sec.exec);
  int64_t count = 0;
  Row row;
  while (exec->Next(&row)) {
    writer.Insert(table, row);
    ++count;
  }
  writer.Finish();
  return count;
}

}  // namespace

std::string ExecuteCreateTableAs(const ast::CreateTableAsStmt& stmt, std::string_view query_text, SessionContext& ctx,
                                 ResultSink& sink) {
  const char* tag = stmt.is_matview ? "CREATE MATERIALIZED VIEW" : "CREATE TABLE AS";
  catalog::TableDef def;
  def.relkind = stmt.is_matview ? 'm' : 'r';
  def.owner = ctx.user_oid;
  def.schema = stmt.into.table.schema;
  def.name = stmt.into.table.name;
  const bool temp = stmt.into.persistence == 't' || def.schema == "pg_temp";
  if (temp) def.schema = TempSchemaForCreate(ctx, def.schema);
  const std::string schema = def.schema.empty() ? CreationSchema(ctx) : def.schema;
  if (stmt.if_not_exists && !schema.empty() && ctx.catalog.LookupTable(ctx.txn, schema, def.name, {})) {
    sink.Notice(Severity::kNotice, sqlstate::kDuplicateTable, "relation \"" + def.name + "\" already exists, skipping");
    return tag;
  }
  if (auto ns = schema.empty() ? std::nullopt : ctx.catalog.LookupNamespace(ctx.txn, schema)) {
    CheckSchemaPrivilege(ctx, *ns, catalog::kAclCreate);
  }
  planner::PlanPtr plan = BindQueryForDdl(*stmt.query, query_text, ctx, stmt.is_matview ? &def.view_uses : nullptr);
  def.columns = QueryColumns(*plan, stmt.into.columns, "too many column names were specified");
  if (stmt.is_matview) def.view_query = stmt.query_text;
  for (const auto& [name, value] : stmt.into.options) {
    if (name == "fillfactor") def.fillfactor = std::stoi(value);
  }
  auto table = ctx.catalog.CreateTable(ctx.txn, def, ctx.search_path);
  if (temp) RegisterTempTable(ctx, *table, stmt.into.on_commit);
  if (stmt.into.skip_data) return tag;
  return "SELECT " + std::to_string(FillTable(*plan, table, ctx));
}

std::string ExecuteRefreshMatView(const ast::RefreshMatViewStmt& stmt, SessionContext& ctx) {
  auto table = TableOrThrow(ctx, stmt.view);
  if (table->relkind != 'm') {
    throw DbError(sqlstate::kWrongObjectType, "\"" + table->name + "\" is not a materialized view");
  }
  CheckRelationOwner(ctx, *table);
  LockTableMode(ctx, table->oid, true);
  ctx.catalog.TruncateTable(ctx.txn, *table);
  auto current = ctx.catalog.TableByOid(ctx.txn, table->oid);
  if (!stmt.skip_data) {
    auto parsed = parser::Parse(current->view_query);
    planner::PlanPtr plan = BindQueryForDdl(parsed.at(0)->As<ast::SelectStmt>(), current->view_query, ctx, nullptr);
    FillTable(*plan, current, ctx);
  }
  return "REFRESH MATERIALIZED VIEW";
}

}  // namespace lumadb::exec

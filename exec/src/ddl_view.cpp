// CREATE [OR REPLACE] VIEW and the view side of DROP (PostgreSQL's view.c DefineView, dependency.c).
#include "ddl_view.h"

#include <algorithm>
#include <functional>
#include <map>

#include "ddl.h"
#include "parser/parser.h"
#include "permissions.h"
#include "planner/binder.h"
#include "temp_tables.h"
#include "view_options.h"

namespace lumadb::exec {
namespace {

/// view.c checkViewTupleDesc: a replaced view keeps its columns' names and types, in order.
void CheckReplacedColumns(const catalog::TableInfo& old, const std::vector<catalog::ColumnInfo>& columns) {
  if (columns.size() < old.columns.size()) {
    throw DbError(sqlstate::kInvalidTableDefinition, "cannot drop columns from view");
  }
  for (size_t i = 0; i < old.columns.size(); ++i) {
    const auto& was = old.columns[i];
    const auto& now = columns[i];
    if (was.name != now.name) {
      throw DbError(sqlstate::kInvalidTableDefinition,
                    "cannot change name of view column \"" + was.name + "\" to \"" + now.name + "\"")
          .Hint("Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
    }
    if (!(was.type == now.type)) {
      throw DbError(sqlstate::kInvalidTableDefinition, "cannot change data type of view column \"" + was.name +
                                                           "\" from " + FormatType(was.type) + " to " +
                                                           FormatType(now.type));
    }
  }
}

std::string Kind(const catalog::TableInfo& t) {
  return t.relkind == 'v' ? "view " : t.relkind == 'm' ? "materialized view " : "table ";
}

}  // namespace

std::vector<catalog::ColumnInfo> QueryColumns(const planner::PlanNode& plan, const std::vector<std::string>& names,
                                              const char* too_many) {
  if (names.size() > plan.output.size()) throw DbError(sqlstate::kSyntaxError, too_many);
  std::vector<catalog::ColumnInfo> columns;
  for (size_t i = 0; i < plan.output.size(); ++i) {
    catalog::ColumnInfo c;
    c.name = i < names.size() ? names[i] : plan.output[i].name;
    c.type = plan.output[i].type;
    if (c.type.id == TypeId::kUnknown) c.type = TypeDesc{TypeId::kText, -1};
    c.attnum = static_cast<int16_t>(i + 1);
    for (const auto& other : columns) {
      if (other.name == c.name) {
        throw DbError(sqlstate::kDuplicateColumn, "column \"" + c.name + "\" specified more than once");
      }
    }
    columns.push_back(std::move(c));
  }
  return columns;
}

planner::PlanPtr BindQueryForDdl(const ast::SelectStmt& query, std::string_view query_text, SessionContext& ctx,
                                 std::vector<Oid>* uses, bool check_permissions) {
  planner::Binder binder(ctx.catalog, ctx.txn, ctx.search_path, query_text);
  planner::PlanPtr plan = binder.BindSelect(query);
  if (check_permissions) CheckPermissions(binder.permissions(), ctx);
  if (uses != nullptr) {
    for (const auto& p : binder.permissions()) {
      // Only what the query names itself, as pg_depend has: the relations read through a view it names
      // are checked as that view's owner.
      if (p.check_as != 0) continue;
      if (std::find(uses->begin(), uses->end(), p.table->oid) == uses->end()) uses->push_back(p.table->oid);
    }
  }
  return plan;
}

std::string ExecuteCreateView(const ast::CreateViewStmt& stmt, std::string_view query_text, SessionContext& ctx) {
  std::vector<std::pair<std::string, std::string>> options = stmt.options;
  if (!stmt.check_option.empty()) options.emplace_back("check_option", stmt.check_option);
  const std::vector<std::string> view_options = ViewRelOptions(options);
  catalog::TableDef def;
  def.relkind = 'v';
  def.owner = ctx.user_oid;
  def.schema = stmt.view.schema;
  def.name = stmt.view.name;
  def.view_query = stmt.query_text;
  def.reloptions = view_options;
  if (stmt.persistence == 't' || def.schema == "pg_temp") def.schema = TempSchemaForCreate(ctx, def.schema);
  planner::PlanPtr plan;
  if (stmt.recursive) {
    auto parsed = parser::Parse(stmt.query_text);
    plan = BindQueryForDdl(parsed.at(0)->As<ast::SelectStmt>(), stmt.query_text, ctx, &def.view_uses, false);
  } else {
    plan = BindQueryForDdl(*stmt.query, query_text, ctx, &def.view_uses, false);
  }
  def.columns = QueryColumns(*plan, stmt.columns, "CREATE VIEW specifies more column names than columns");
  CheckViewOptionsFit(def.view_query, view_options);
  const std::string schema = def.schema.empty() ? CreationSchema(ctx) : def.schema;
  if (auto ns = schema.empty() ? std::nullopt : ctx.catalog.LookupNamespace(ctx.txn, schema)) {
    CheckSchemaPrivilege(ctx, *ns, catalog::kAclCreate);
  }
  auto existing = schema.empty() ? nullptr : ctx.catalog.LookupTable(ctx.txn, schema, def.name, {});
  if (existing && stmt.replace) {
    if (existing->relkind != 'v') throw DbError(sqlstate::kWrongObjectType, "\"" + def.name + "\" is not a view");
    CheckRelationOwner(ctx, *existing);
    CheckReplacedColumns(*existing, def.columns);
    LockTableMode(ctx, existing->oid, true);
    ctx.catalog.ReplaceView(ctx.txn, *existing, def);
    return "CREATE VIEW";
  }
  ctx.catalog.CreateTable(ctx.txn, def, ctx.search_path);
  return "CREATE VIEW";
}

void CheckDropKind(const catalog::TableInfo& table, ast::ObjectType wanted) {
  struct KindName {
    char relkind;
    ast::ObjectType type;
    const char* noun;
    const char* drop;
  };
  static constexpr KindName kKinds[] = {{'r', ast::ObjectType::kTable, "a table", "TABLE"},
                                        {'S', ast::ObjectType::kSequence, "a sequence", "SEQUENCE"},
                                        {'v', ast::ObjectType::kView, "a view", "VIEW"},
                                        {'m', ast::ObjectType::kMatView, "a materialized view", "MATERIALIZED VIEW"}};
  const KindName* have = nullptr;
  const KindName* want = nullptr;
  for (const auto& k : kKinds) {
    if (k.relkind == table.relkind) have = &k;
    if (k.type == wanted) want = &k;
  }
  if (have == nullptr || want == nullptr || have == want) return;
  throw DbError(sqlstate::kWrongObjectType, "\"" + table.name + "\" is not " + want->noun)
      .Hint(std::string("Use DROP ") + have->drop + " to remove " + have->noun + ".");
}

std::vector<std::shared_ptr<const catalog::TableInfo>> DependentViews(
    const std::vector<std::shared_ptr<const catalog::TableInfo>>& dropped, bool cascade, SessionContext& ctx,
    std::vector<std::string>* notices) {
  std::map<Oid, std::shared_ptr<const catalog::TableInfo>> gone;  // dropped so far
  for (const auto& t : dropped) gone.emplace(t->oid, t);
  auto all = ctx.catalog.ListTables(ctx.txn, 0);
  // dependency.c's findDependentObjects: depth first, newest dependent first, each object listed after
  // the objects depending on it; reportDependentObjects then reads that list backwards.
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a->oid > b->oid; });
  std::vector<std::pair<std::shared_ptr<const catalog::TableInfo>, const catalog::TableInfo*>> found;
  std::function<void(const catalog::TableInfo&)> visit = [&](const catalog::TableInfo& source) {
    for (const auto& v : all) {
      if (gone.contains(v->oid) ||
          std::find(v->view_uses.begin(), v->view_uses.end(), source.oid) == v->view_uses.end()) {
        continue;
      }
      gone.emplace(v->oid, v);
      visit(*v);
      found.emplace_back(v, &source);
    }
  };
  for (const auto& t : dropped) visit(*t);
  std::vector<std::shared_ptr<const catalog::TableInfo>> views;
  std::string detail;
  for (auto it = found.rbegin(); it != found.rend(); ++it) {
    const auto& [v, source] = *it;
    detail += (detail.empty() ? "" : "\n") + Kind(*v) + v->name + " depends on " + Kind(*source) + source->name;
    notices->push_back(Kind(*v) + v->name);
    views.push_back(v);
  }
  if (!views.empty() && !cascade) {
    const auto& first = dropped.front();
    throw DbError(sqlstate::kDependentObjectsStillExist,
                  dropped.size() > 1
                      ? "cannot drop desired object(s) because other objects depend on them"
                      : "cannot drop " + Kind(*first) + first->name + " because other objects depend on it")
        .Detail(detail)
        .Hint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  return views;
}

}  // namespace lumadb::exec

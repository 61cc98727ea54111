// pg_catalog's system views for the binder (see system_view.h).
#include "system_view.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "catalog/system_views.h"
#include "information_schema.h"
#include "parser/parser.h"
#include "planner/binder.h"

namespace lumadb::planner {
namespace {

thread_local int expansion_depth = 0;

// A view's columns depend only on its fixed query, so each is bound once per process.
std::vector<catalog::ColumnInfo> ViewColumns(catalog::Catalog& catalog, txn::Transaction& txn,
                                             const std::vector<std::string>& search_path, const std::string& name,
                                             std::string_view query) {
  static std::mutex mutex;
  static std::map<std::string, std::vector<catalog::ColumnInfo>, std::less<>> cache;
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(name); it != cache.end()) return it->second;
  }
  const std::string text(query);
  auto parsed = parser::Parse(text);
  std::vector<catalog::ColumnInfo> columns;
  {
    SystemViewExpansion raw;
    Binder binder(catalog, txn, search_path, text);
    PlanPtr plan = binder.BindSelect(parsed.at(0)->As<ast::SelectStmt>());
    columns = ViewColumns(*plan);
  }
  std::lock_guard lock(mutex);
  cache.emplace(name, columns);
  return columns;
}

}  // namespace

SystemViewExpansion::SystemViewExpansion() {
  ++expansion_depth;
}

SystemViewExpansion::~SystemViewExpansion() {
  --expansion_depth;
}

std::shared_ptr<const catalog::TableInfo> SystemView(catalog::Catalog& catalog, txn::Transaction& txn,
                                                     const std::vector<std::string>& search_path,
                                                     const ast::QualifiedName& name) {
  if (expansion_depth > 0 || (!name.schema.empty() && name.schema != "pg_catalog")) return nullptr;
  auto query = catalog::SystemViewQuery(name.name);
  if (!query) return nullptr;
  // pg_catalog is searched first unless the path lists it; then an earlier schema's relation wins.
  if (name.schema.empty() && std::find(search_path.begin(), search_path.end(), "pg_catalog") != search_path.end()) {
    auto table = catalog.LookupTable(txn, "", name.name, search_path);
    if (table && table->namespace_oid != catalog::kPgCatalogNamespace) return nullptr;
  }
  auto view = std::make_shared<catalog::TableInfo>();
  view->oid = 0;
  view->namespace_oid = catalog::kPgCatalogNamespace;
  view->schema = "pg_catalog";
  view->name = name.name;
  view->relkind = 'v';
  view->acl = std::vector<std::string>{"=r/postgres"};
  view->view_query = std::string(*query);
  view->columns = ViewColumns(catalog, txn, search_path, name.name, *query);
  return view;
}

}  // namespace lumadb::planner

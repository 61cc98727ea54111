#pragma once
// pg_catalog's system views (catalog/system_views.h) as the binder sees them: a view TableInfo whose query
// BindView binds in place of the name, with the stored catalogs read as they are inside it.

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "parser/ast.h"

namespace lumadb::txn {
class Transaction;
}

namespace lumadb::planner {

/// The system view `name` refers to (unqualified or in pg_catalog, unless a relation of that name in a
/// schema listed before pg_catalog hides it), or null: not a system view name, or the current thread is
/// binding a system view's query (SystemViewExpansion), which reads the stored catalog. PUBLIC may read it.
std::shared_ptr<const catalog::TableInfo> SystemView(catalog::Catalog& catalog, txn::Transaction& txn,
                                                     const std::vector<std::string>& search_path,
                                                     const ast::QualifiedName& name);

/// While alive, the current thread binds pg_catalog names to the stored catalogs (a system view's own
/// query reads them). Nests.
class SystemViewExpansion {
 public:
  SystemViewExpansion();
  ~SystemViewExpansion();
  SystemViewExpansion(const SystemViewExpansion&) = delete;
  SystemViewExpansion& operator=(const SystemViewExpansion&) = delete;
};

}  // namespace lumadb::planner

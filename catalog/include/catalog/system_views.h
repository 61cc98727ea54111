#pragma once
// pg_catalog relations LumaDB serves as views (PostgreSQL 15's system catalogs as clients read them): the
// catalogs LumaDB stores with a subset of PostgreSQL's columns (pg_class, pg_attribute, ...), shown with
// all of PostgreSQL 15's columns in its order, and catalogs it has no rows for (pg_am, pg_inherits,
// pg_policy, ...) with their fixed or empty contents. The planner binds a reference to one of these names
// in pg_catalog as this view (planner/README.md "System views"); inside the view's query the stored
// catalogs are read as they are.

#include <optional>
#include <string_view>

namespace lumadb::catalog {

/// The SELECT that defines pg_catalog relation `name` as a system view, or nullopt when the name is no
/// system view (a stored catalog without one reads as it is stored).
std::optional<std::string_view> SystemViewQuery(std::string_view name);

}  // namespace lumadb::catalog

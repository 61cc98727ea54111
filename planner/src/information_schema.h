#pragma once
// information_schema.tables, .views and .columns (PostgreSQL 15's information_schema.sql) as views made
// when named: each is a query over a VALUES list computed from the catalog, so a statement sees the
// catalog as it was when it was bound.

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "planner/plan.h"

namespace lumadb::txn {
class Transaction;
}

namespace lumadb::planner {

/// The information_schema view `name` ("tables", "views", "columns") as a view whose query lists the
/// current catalog's rows, or null for any other name. Its columns have PostgreSQL's names; the domains
/// sql_identifier, character_data, yes_or_no and cardinal_number are shown as name, varchar, varchar and
/// int4. PUBLIC may read it.
std::shared_ptr<const catalog::TableInfo> InformationSchemaView(catalog::Catalog& catalog, txn::Transaction& txn,
                                                                const std::vector<std::string>& search_path,
                                                                const std::string& name);

/// A view's pg_attribute columns from its bound query's output: names, types and attnums 1..n (shared
/// with the pg_catalog system views, system_view.cpp).
std::vector<catalog::ColumnInfo> ViewColumns(const PlanNode& plan);

}  // namespace lumadb::planner

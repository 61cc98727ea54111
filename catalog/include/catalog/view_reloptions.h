#pragma once
// A view's options (PostgreSQL's view reloptions: check_option, security_barrier, security_invoker) travel
// with its stored query text: TableInfo::view_query ends with a comment holding pg_class.reloptions' text,
// which parsing the query ignores and the catalog writes into pg_class.reloptions.

#include <string>
#include <string_view>

namespace lumadb::catalog {

/// `query` with reloptions text ("{check_option=local}") attached; the query alone when options is "".
std::string ViewQueryWithOptions(std::string_view query, std::string_view options);

/// The reloptions text attached to a stored view query, "" when none.
std::string ViewReloptions(std::string_view view_query);

/// The stored view query without its options.
std::string_view ViewQueryBody(std::string_view view_query);

}  // namespace lumadb::catalog

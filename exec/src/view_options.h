#pragma once
// View options (PostgreSQL 15's reloptions.c view_reloptions and view.c): check_option, security_barrier
// and security_invoker, kept as pg_class.reloptions items ("check_option=local"), TableInfo::reloptions.

#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "exec/statement_executor.h"

namespace lumadb::exec {

/// Validates (name, value) view options and renders them as reloptions items ("name=value"). 22023
/// `unrecognized parameter "x"`, `parameter "x" specified more than once`, `invalid value for enum option
/// "check_option": v` (DETAIL the valid values), `invalid value for boolean option "x": v`.
std::vector<std::string> ViewRelOptions(const std::vector<std::pair<std::string, std::string>>& options);

/// The (name, value) pairs of reloptions items, in order.
std::vector<std::pair<std::string, std::string>> ParseViewOptions(const std::vector<std::string>& items);

/// With a check option, the view's query must be automatically updatable (view.c DefineView): 0A000
/// "WITH CHECK OPTION is supported only on automatically updatable views" with the reason as HINT.
void CheckViewOptionsFit(const std::string& view_query, const std::vector<std::string>& view_options);

}  // namespace lumadb::exec

#pragma once
// search_path handling shared by the server (SET search_path) and the catalog (name lookup), following
// PostgreSQL's namespace.c recomputeNamespacePath.

#include <string>
#include <string_view>
#include <vector>

namespace lumadb::catalog {

/// Replaces each "$user" entry by the session user's name (PostgreSQL resolves it to the schema named
/// after the role, skipped when no such schema exists, which the lookup then does naturally).
std::vector<std::string> ExpandSearchPath(const std::vector<std::string>& search_path, std::string_view user);

/// `pg_temp` (the session's temporary schema, namespace.c) as the pg_temp_<id> entry of search_path the
/// server puts there once the session has one; any other schema name unchanged.
std::string_view TempSchemaAlias(std::string_view schema, const std::vector<std::string>& search_path);

}  // namespace lumadb::catalog

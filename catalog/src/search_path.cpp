#include "catalog/search_path.h"

namespace lumadb::catalog {

std::vector<std::string> ExpandSearchPath(const std::vector<std::string>& search_path, std::string_view user) {
  std::vector<std::string> out;
  out.reserve(search_path.size());
  for (const std::string& entry : search_path) out.push_back(entry == "$user" ? std::string(user) : entry);
  return out;
}

std::string_view TempSchemaAlias(std::string_view schema, const std::vector<std::string>& search_path) {
  if (schema != "pg_temp") return schema;
  for (const std::string& entry : search_path) {
    if (entry.starts_with("pg_temp_")) return entry;
  }
  return schema;
}

}  // namespace lumadb::catalog

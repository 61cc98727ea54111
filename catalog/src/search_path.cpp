#include "catalog/search_path.h"

namespace lumadb::catalog {

std::vector<std::string> ExpandSearchPath(const std::vector<std::string>& search_path, std::string_view user) {
  std::vector<std::string> out;
  out.reserve(search_path.size());
  for (const std::string& entry : search_path) out.push_back(entry == "$user" ? std::string(user) : entry);
  return out;
}

}  // namespace lumadb::catalog

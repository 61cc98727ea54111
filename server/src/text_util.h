#pragma once
// Small ASCII string helpers shared by the server's settings and session code.

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace lumadb::server {

/// ASCII lower-casing, as PostgreSQL's pg_strcasecmp and identifier folding treat names.
inline std::string ToLower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ToLower(a) == ToLower(b);
}

/// Removes leading and trailing ASCII whitespace.
inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace lumadb::server

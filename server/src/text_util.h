#pragma once
// Small ASCII string helpers shared by the server's settings and session code.

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace lumadb::server {

/// ASCII lower-casing of one character (locale-free, unlike std::tolower).
inline char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// ASCII lower-casing, as PostgreSQL's pg_strcasecmp and identifier folding treat names.
inline std::string ToLower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), AsciiLower);
  return out;
}

/// pg_strcasecmp(a, b) == 0, without allocating (settings are looked up on every statement).
inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return AsciiLower(x) == AsciiLower(y); });
}

/// Removes leading and trailing ASCII whitespace.
inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace lumadb::server

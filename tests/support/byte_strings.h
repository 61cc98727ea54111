#pragma once
// Conversions between test strings and the byte vectors storage and txn traffic in.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lumadb::testing {

/// The bytes of s, one std::byte per char.
inline std::vector<std::byte> Bytes(std::string_view s) {
  std::vector<std::byte> b(s.size());
  for (size_t i = 0; i < s.size(); ++i) b[i] = static_cast<std::byte>(s[i]);
  return b;
}

/// The bytes of b as a string, one char per std::byte.
inline std::string Str(std::span<const std::byte> b) {
  return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

}  // namespace lumadb::testing

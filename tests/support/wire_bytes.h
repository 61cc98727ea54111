#pragma once
// What a PostgreSQL client puts on the wire, for tests that send raw protocol bytes: big-endian integers
// and framed messages (PostgreSQL protocol §55.7: a type byte, then an Int32 length that counts itself).

#include <cstdint>
#include <string>

namespace lumadb::testing {

/// v as 4 big-endian bytes.
inline std::string Int32(int32_t v) {
  auto u = static_cast<uint32_t>(v);
  return {static_cast<char>(u >> 24), static_cast<char>((u >> 16) & 0xff), static_cast<char>((u >> 8) & 0xff),
          static_cast<char>(u & 0xff)};
}

/// v as 2 big-endian bytes.
inline std::string Int16(int16_t v) {
  auto u = static_cast<uint16_t>(v);
  return {static_cast<char>(u >> 8), static_cast<char>(u & 0xff)};
}

/// A frontend message: its type byte, then the length (body + 4) and the body.
inline std::string Frame(char type, const std::string& body) {
  return std::string(1, type) + Int32(static_cast<int32_t>(body.size() + 4)) + body;
}

}  // namespace lumadb::testing

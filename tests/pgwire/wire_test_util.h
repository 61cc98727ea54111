#pragma once
// Helpers for the pgwire tests: encode what a client would send, decode what the server wrote.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lumadb::pgwire::testing {

inline std::string Int32(int32_t v) {
  auto u = static_cast<uint32_t>(v);
  return {static_cast<char>(u >> 24), static_cast<char>((u >> 16) & 0xff), static_cast<char>((u >> 8) & 0xff),
          static_cast<char>(u & 0xff)};
}

inline std::string Int16(int16_t v) {
  auto u = static_cast<uint16_t>(v);
  return {static_cast<char>(u >> 8), static_cast<char>(u & 0xff)};
}

/// A startup packet with the given code and body (length computed).
inline std::string StartupBytes(int32_t code, const std::string& body) {
  return Int32(static_cast<int32_t>(8 + body.size())) + Int32(code) + body;
}

/// A StartupMessage 3.0 with name/value parameters.
inline std::string StartupMessage(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string body;
  for (const auto& [k, v] : params) body += k + '\0' + v + '\0';
  body += '\0';
  return StartupBytes(196608, body);
}

/// A framed frontend message.
inline std::string Frame(char type, const std::string& body) {
  return std::string(1, type) + Int32(static_cast<int32_t>(body.size() + 4)) + body;
}

/// One decoded backend message.
struct Message {
  char type;
  std::string body;
};

/// Splits a byte string into framed messages.
inline std::vector<Message> Split(const std::string& bytes) {
  std::vector<Message> out;
  size_t pos = 0;
  while (pos + 5 <= bytes.size()) {
    uint32_t len = 0;
    for (int i = 1; i <= 4; ++i) len = (len << 8) | static_cast<uint8_t>(bytes[pos + i]);
    out.push_back({bytes[pos], bytes.substr(pos + 5, len - 4)});
    pos += 1 + len;
  }
  return out;
}

}  // namespace lumadb::pgwire::testing

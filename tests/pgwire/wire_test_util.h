#pragma once
// Helpers for the pgwire tests: encode what a client would send, decode what the server wrote.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "support/wire_bytes.h"

namespace lumadb::pgwire::testing {

using lumadb::testing::Frame;
using lumadb::testing::Int16;
using lumadb::testing::Int32;

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

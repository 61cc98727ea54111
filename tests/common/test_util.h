#pragma once
// Helpers shared by the common/ unit tests.

#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "common/error.h"
#include "common/value_io.h"

namespace lumadb::test {

/// Runs fn and returns the SQLSTATE of the DbError it throws ("" when it does not throw).
template <typename Fn>
std::string SqlStateOf(Fn&& fn) {
  try {
    fn();
  } catch (const DbError& e) {
    return std::string(e.code().View());
  }
  return "";
}

/// Runs fn and returns the message of the DbError it throws ("" when it does not throw).
template <typename Fn>
std::string MessageOf(Fn&& fn) {
  try {
    fn();
  } catch (const DbError& e) {
    return e.message();
  }
  return "";
}

/// Parses then formats: typinput followed by typoutput.
inline std::string RoundTrip(TypeDesc t, std::string_view text) {
  return FormatValue(ParseValue(t, text));
}

/// Lower-case hex of bytes, and back (for pinning binary forms).
inline std::string Hex(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xf]);
  }
  return out;
}

inline std::string Unhex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

}  // namespace lumadb::test

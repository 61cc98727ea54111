#pragma once
// Helpers shared by the common/ unit tests.

#include <string>

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

}  // namespace lumadb::test

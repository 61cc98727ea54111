#pragma once
// ErrorOf: runs a callable and returns the SQLSTATE and message of the DbError it throws, so tests can check
// both in one CHECK.

#include <string>
#include <utility>

#include "common/error.h"

namespace lumadb::testing {

/// {SQLSTATE, message} of the DbError fn throws, or {"", "no error"} if it returns normally.
template <class F>
std::pair<std::string, std::string> ErrorOf(F fn) {
  try {
    fn();
  } catch (const DbError& e) {
    return {std::string(e.code().View()), e.message()};
  }
  return {"", "no error"};
}

}  // namespace lumadb::testing

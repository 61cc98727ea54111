#pragma once
// Table-driven text input/output checks against results recorded from PostgreSQL 15.

#include <string>

#include <doctest/doctest.h>

#include "common/error.h"
#include "common/value_io.h"

namespace lumadb::test {

/// One input: either its output (sqlstate "") or the SQLSTATE and message PostgreSQL 15 raised.
struct IoCase {
  const char* input;
  const char* output;
  const char* sqlstate;
  const char* message;
};

/// Parses c.input as `type` and checks the output text, or the error's SQLSTATE and message.
inline void CheckIoCase(TypeDesc type, const IoCase& c) {
  CAPTURE(c.input);
  std::string out, state, message;
  try {
    out = FormatValue(ParseValue(type, c.input));
  } catch (const DbError& e) {
    state = std::string(e.code().View());
    message = e.message();
  }
  CHECK(state == c.sqlstate);
  if (state.empty()) {
    CHECK(out == c.output);
  } else {
    CHECK(message == c.message);
  }
}

}  // namespace lumadb::test

#include "common/stack_depth.h"

#include <doctest/doctest.h>

#include "common/error.h"

namespace {

// Recurses until CheckStackDepth objects (2 MB of 256-byte frames is far below the bound, which only keeps
// the compiler from calling the recursion infinite); the volatile array keeps each frame real.
int Recurse(int depth) {
  volatile char frame[256] = {};
  lumadb::CheckStackDepth();
  if (depth > 1'000'000) return 0;
  return Recurse(depth + 1) + frame[depth % 256];
}

}  // namespace

TEST_CASE("CheckStackDepth stops runaway recursion with 54001 before the stack overflows") {
  lumadb::SetStackBase();
  try {
    Recurse(0);
    FAIL("recursion was not stopped");
  } catch (const lumadb::DbError& e) {
    CHECK(e.code().View() == "54001");
    CHECK(e.message() == "stack depth limit exceeded");
    REQUIRE(e.hint().has_value());
  }
}

TEST_CASE("CheckStackDepth allows ordinary depths") {
  lumadb::SetStackBase();
  CHECK_NOTHROW(lumadb::CheckStackDepth());
}

#include "common/stack_depth.h"

#include <cstdint>

#include "common/error.h"

namespace lumadb {

// Out of line, so the base is a frame just below the caller's (the stack grows down on every target we
// build), as CheckStackDepth's frame addresses are.
[[gnu::noinline]] void SetStackBase() {
  stack_depth_detail::stack_base = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
}

void ThrowStackDepthExceeded() {
  throw DbError(sqlstate::kStatementTooComplex, "stack depth limit exceeded")
      .Hint(
          "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring the "
          "platform's stack depth limit is adequate.");
}

}  // namespace lumadb

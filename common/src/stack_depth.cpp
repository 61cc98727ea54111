#include "common/stack_depth.h"

#include <cstdint>

#include "common/error.h"

namespace lumadb {
namespace {

thread_local uintptr_t stack_base = 0;

// Where the caller's frame sits on the stack (which grows down on every target we build). The frame
// address, not a local's, because ASan may move locals to a heap-allocated fake stack.
[[gnu::noinline]] uintptr_t CurrentStackAddress() {
  return reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
}

}  // namespace

void SetStackBase() {
  stack_base = CurrentStackAddress();
}

void CheckStackDepth() {
  uintptr_t here = CurrentStackAddress();
  if (stack_base == 0) stack_base = here;
  if (stack_base > here && stack_base - here > kMaxStackDepthBytes) ThrowStackDepthExceeded();
}

void ThrowStackDepthExceeded() {
  throw DbError(sqlstate::kStatementTooComplex, "stack depth limit exceeded")
      .Hint(
          "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring the "
          "platform's stack depth limit is adequate.");
}

}  // namespace lumadb

#pragma once
// A guard against unbounded recursion on hostile input (10000 nested parentheses, a 20000-term
// expression), as PostgreSQL's check_stack_depth() (src/backend/tcop/postgres.c): recursive functions
// call CheckStackDepth(), which throws 54001 instead of letting the thread overflow its stack and take
// the server down.

#include <cstddef>
#include <cstdint>

namespace lumadb {

/// The stack a thread may use below its base before CheckStackDepth throws: PostgreSQL's default
/// max_stack_depth of 2 MB (threads here get 8 MB, so the margin stays large).
inline constexpr size_t kMaxStackDepthBytes = 2 * 1024 * 1024;

/// Records the calling frame as the base of this thread's stack. Call once at the top of a thread.
/// Threads that never call it take their first CheckStackDepth() call as the base.
void SetStackBase();

/// Throws the error CheckStackDepth throws; for code that bounds a depth it can count before recursing.
[[noreturn]] void ThrowStackDepthExceeded();

namespace stack_depth_detail {
/// This thread's stack base (0 until set); inline so every caller reads it directly, without a TLS wrapper.
inline thread_local uintptr_t stack_base = 0;
}  // namespace stack_depth_detail

/// Throws DbError 54001 "stack depth limit exceeded" (with PostgreSQL's HINT) when this thread has used
/// more than kMaxStackDepthBytes of stack since its base. Inline, because the grammar calls it for every
/// token it tries (hundreds per statement): a frame address, a thread-local load and a comparison. The
/// frame address, not a local's, because ASan may move locals to a heap-allocated fake stack.
inline void CheckStackDepth() {
  const auto here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  uintptr_t& base = stack_depth_detail::stack_base;
  if (base == 0) base = here;
  if (base > here && base - here > kMaxStackDepthBytes) ThrowStackDepthExceeded();
}

}  // namespace lumadb

#pragma once
// A guard against unbounded recursion on hostile input (10000 nested parentheses, a 20000-term
// expression), as PostgreSQL's check_stack_depth() (src/backend/tcop/postgres.c): recursive functions
// call CheckStackDepth(), which throws 54001 instead of letting the thread overflow its stack and take
// the server down.

#include <cstddef>

namespace lumadb {

/// The stack a thread may use below its base before CheckStackDepth throws: PostgreSQL's default
/// max_stack_depth of 2 MB (threads here get 8 MB, so the margin stays large).
inline constexpr size_t kMaxStackDepthBytes = 2 * 1024 * 1024;

/// Records the calling frame as the base of this thread's stack. Call once at the top of a thread.
/// Threads that never call it take their first CheckStackDepth() call as the base.
void SetStackBase();

/// Throws DbError 54001 "stack depth limit exceeded" (with PostgreSQL's HINT) when this thread has used
/// more than kMaxStackDepthBytes of stack since its base. Costs one comparison.
void CheckStackDepth();

/// Throws the error CheckStackDepth throws; for code that bounds a depth it can count before recursing.
[[noreturn]] void ThrowStackDepthExceeded();

}  // namespace lumadb

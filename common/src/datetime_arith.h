#pragma once
// Arithmetic involving intervals, times of day and timestamp differences (private to common/; the public
// entry point is Arithmetic in value_ops.h).

#include <optional>

#include "common/value.h"
#include "common/value_ops.h"

namespace lumadb {

/// The result of a op b when PostgreSQL has a date/time operator for the pair (see Arithmetic), or
/// nullopt when it has none. Throws 22008 on out-of-range results, 22012 on interval / 0.
std::optional<Value> DateTimeArithmetic(ArithOp op, const Value& a, const Value& b);

}  // namespace lumadb

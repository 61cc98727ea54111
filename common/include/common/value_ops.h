#pragma once
// Operators on values of one type: comparison, hashing and arithmetic with PostgreSQL's overflow and
// division rules (int.c, int8.c, float.c, numeric.c). The binder coerces both operands to one type first.

#include <cstddef>

#include "common/value.h"

namespace lumadb {

/// Three-way comparison of two non-NULL values of the same type family (ints of any width compare with
/// each other; text/varchar/name compare bytewise as the C collation; bpchar ignores trailing spaces;
/// float NaN sorts above everything and equals itself, as in PostgreSQL; date and timestamps compare with
/// each other; intervals by their 30-day-month span; timetz by instant, then zone; uuid bytewise).
int CompareValues(const Value& a, const Value& b);

/// A hash consistent with CompareValues() == 0 (used by GROUP BY, DISTINCT, hash joins). NULL hashes to 0.
size_t HashValue(const Value& v);

/// Arithmetic operators, as PostgreSQL's operators of the same name.
enum class ArithOp { kAdd, kSub, kMul, kDiv, kMod, kPow };

/// Applies op to two non-NULL values of the same type (int2, int4, int8, float4, float8, numeric), or to
/// the date/time pairs PostgreSQL has operators for: date +- int4, date - date, timestamp[tz] - itself,
/// time - time, interval +- interval, interval * / float8, float8 * interval, date/timestamp[tz]/time/timetz
/// +- interval (and interval + each), date + time[tz], time[tz] + date. Integer division truncates; integer
/// overflow throws 22003 "integer out of range" / "smallint out of range" / "bigint out of range"; division
/// by zero throws 22012 "division by zero"; float overflow throws 22003 "value out of range: overflow";
/// date/time results out of range throw 22008 ("timestamp out of range", "interval out of range").
Value Arithmetic(ArithOp op, const Value& a, const Value& b);

/// Unary minus of a number or an interval; 22003 on integer overflow (-(-2147483648)), 22008 on interval
/// overflow.
Value Negate(const Value& v);

}  // namespace lumadb

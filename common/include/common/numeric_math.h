#pragma once
// Transcendental functions of numeric with PostgreSQL 15's result scales (numeric.c numeric_sqrt,
// numeric_exp, numeric_ln, numeric_log): each result is the exact value rounded (half away from zero) to
// the scale PostgreSQL chooses, computed here with guard digits.

#include "common/numeric.h"

namespace lumadb {

/// sqrt(numeric); 2201F "cannot take square root of a negative number".
Numeric NumericSqrt(const Numeric& x);
/// exp(numeric); 22003 "value overflows numeric format" for x >= 6000.
Numeric NumericExp(const Numeric& x);
/// ln(numeric); 2201E "cannot take logarithm of zero" / "... of a negative number".
Numeric NumericLn(const Numeric& x);
/// log(base, x); 2201E as ln, 22012 "division by zero" for base 1.
Numeric NumericLog(const Numeric& base, const Numeric& x);

}  // namespace lumadb

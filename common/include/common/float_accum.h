#pragma once
// The float8 transition states of the variance and regression aggregates (PostgreSQL 15 utils/adt/float.c
// float8_accum, float8_regr_accum, float8_combine, float8_regr_combine): the Youngs-Cramer running sums,
// shared by exec's aggregates and the SQL-callable transition functions so their digits agree.

#include <array>

namespace lumadb {

/// {N, Sx, Sxx}: the count, the sum, and the sum of squared differences from the mean.
using Float8AccumState = std::array<double, 3>;
/// {N, Sx, Sxx, Sy, Syy, Sxy} of (Y, X) pairs.
using Float8RegrState = std::array<double, 6>;

/// Adds x. An infinite or NaN input makes Sxx NaN; infinite sums from finite inputs throw 22003
/// "value out of range: overflow".
void Float8Accum(Float8AccumState& s, double x);
/// Adds the pair (y, x), with the same NaN and overflow rules per sum.
void Float8RegrAccum(Float8RegrState& s, double y, double x);
/// Merges b into a (parallel aggregation's combine step); 22003 on overflow.
void Float8Combine(Float8AccumState& a, const Float8AccumState& b);
void Float8RegrCombine(Float8RegrState& a, const Float8RegrState& b);

}  // namespace lumadb

#pragma once
// Numeric: exact decimal of arbitrary precision, with PostgreSQL's numeric semantics
// (src/backend/utils/adt/numeric.c): display scale, NaN, rounding half away from zero.
// Implementation owned by common/src/numeric.cpp.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lumadb {

/// An exact decimal number: sign, base-10^4 digits, weight and display scale as in PostgreSQL's
/// NumericVar, or NaN. Values compare and hash by numeric value (1.0 == 1.00).
class Numeric {
 public:
  Numeric();  // zero, scale 0

  /// Parses numeric input ("12.50", "-1e3", " NaN "); throws 22P02 on bad syntax.
  static Numeric Parse(std::string_view text);
  static Numeric FromInt64(int64_t v);
  /// Converts a double as PostgreSQL's float8_numeric does (15 significant digits); NaN allowed,
  /// infinity throws 0A000 (numeric infinity is out of scope).
  static Numeric FromDouble(double v);
  static Numeric NaN();

  /// numeric_out: plain notation with exactly the display scale digits after the point.
  std::string ToString() const;
  /// Rounds to an int64 (half away from zero); throws 22003 "bigint out of range" when it does not fit.
  int64_t ToInt64() const;
  double ToDouble() const;
  bool IsNaN() const { return nan_; }
  bool IsZero() const;
  bool IsNegative() const { return negative_ && !IsZero(); }
  int32_t scale() const { return dscale_; }

  Numeric Add(const Numeric& o) const;
  Numeric Sub(const Numeric& o) const;
  Numeric Mul(const Numeric& o) const;
  /// Division with PostgreSQL's select_div_scale result scale; 22012 on division by zero.
  Numeric Div(const Numeric& o) const;
  /// Remainder (sign of the dividend); 22012 on zero divisor.
  Numeric Mod(const Numeric& o) const;
  Numeric Negate() const;
  Numeric Abs() const;
  /// Rounds to `scale` digits after the point (negative scale rounds left of the point).
  Numeric Round(int32_t scale) const;
  /// Truncates to `scale` digits after the point.
  Numeric Trunc(int32_t scale) const;
  /// Applies a numeric(p,s) typmod: rounds to s and throws 22003 "numeric field overflow" (with PG's
  /// DETAIL) when the integer part needs more than p - s digits.
  Numeric ApplyTypmod(int32_t typmod) const;

  /// Three-way comparison; NaN equals NaN and sorts above every number (PostgreSQL's rule).
  int Compare(const Numeric& o) const;
  bool operator==(const Numeric& o) const { return Compare(o) == 0; }
  size_t Hash() const;

 private:
  bool nan_ = false;
  bool negative_ = false;
  int32_t weight_ = 0;          // base-10000 exponent of digits_[0]
  int32_t dscale_ = 0;          // display scale: digits shown after the decimal point
  std::vector<int16_t> digits_; // base-10000 digits, most significant first, no leading/trailing zeros
};

}  // namespace lumadb

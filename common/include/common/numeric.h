#pragma once
// Numeric: exact decimal of arbitrary precision, with PostgreSQL's numeric semantics
// (src/backend/utils/adt/numeric.c): display scale, NaN, rounding half away from zero.
// Implementation owned by common/src/numeric.cpp.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lumadb {

/// An exact decimal number, NaN, Infinity or -Infinity (PostgreSQL 14+). Stored as sign, magnitude and display scale:
/// the value is
/// (-1)^negative * magnitude * 10^-dscale, with the magnitude an integer in base-10^4 digits (PostgreSQL's
/// NBASE), so every value is exact at its display scale. Values compare and hash by numeric value
/// (1.0 == 1.00).
class Numeric {
 public:
  Numeric();  // zero, scale 0

  /// Parses numeric input ("12.50", "-1e3", " NaN ", "-Infinity", "inf"); throws 22P02 on bad syntax.
  static Numeric Parse(std::string_view text);
  static Numeric FromInt64(int64_t v);
  /// Converts a double as PostgreSQL's float8_numeric does (15 significant digits); NaN and ±Infinity map
  /// to the special values.
  static Numeric FromDouble(double v);
  static Numeric NaN();
  /// +Infinity, or -Infinity when `negative`.
  static Numeric Infinity(bool negative = false);

  /// numeric_out: plain notation with exactly the display scale digits after the point; "NaN",
  /// "Infinity", "-Infinity".
  std::string ToString() const;
  /// Rounds to an int64 (half away from zero); throws 22003 "bigint out of range" when it does not fit,
  /// 0A000 "cannot convert NaN to bigint" / "cannot convert infinity to bigint".
  int64_t ToInt64() const;
  double ToDouble() const;
  bool IsNaN() const { return nan_; }
  /// +Infinity or -Infinity.
  bool IsInf() const { return inf_; }
  /// NaN or an infinity: no digits, no scale.
  bool IsSpecial() const { return nan_ || inf_; }
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
  /// numeric ^ numeric (power_var): an integral exponent is exact with result scale max(16, scale of
  /// the base); others use extended precision (about 18 significant digits). Throws 2201F for 0 ^ negative
  /// and negative ^ non-integer, 22003 "value overflows numeric format" when too large.
  Numeric Power(const Numeric& exponent) const;
  Numeric Negate() const;
  Numeric Abs() const;
  /// Rounds to `scale` digits after the point (negative scale rounds left of the point).
  Numeric Round(int32_t scale) const;
  /// Truncates to `scale` digits after the point.
  Numeric Trunc(int32_t scale) const;
  /// Applies a numeric(p,s) typmod: rounds to s and throws 22003 "numeric field overflow" (with PG's
  /// DETAIL) when the integer part needs more than p - s digits or the value is infinite.
  Numeric ApplyTypmod(int32_t typmod) const;

  /// Three-way comparison; -Infinity < numbers < Infinity < NaN, NaN equals NaN (PostgreSQL's rule).
  int Compare(const Numeric& o) const;
  bool operator==(const Numeric& o) const { return Compare(o) == 0; }
  size_t Hash() const;

  /// The value times 10^scale() as an int64 (12.50 -> 1250), for accumulators that add exactly in
  /// integers (numeric_scaled.cpp); false for NaN, the infinities and values that do not fit.
  bool ToScaledInt64(int64_t* out) const;
  /// The inverse for a 128-bit integer: magnitude * 10^-dscale with the sign, dscale >= 0.
  static Numeric FromScaled(unsigned __int128 magnitude, bool negative, int32_t dscale);

 private:
  Numeric(bool negative, std::vector<uint16_t> magnitude, int32_t dscale);
  static bool ParseShort(std::string_view s, Numeric* out);
  /// The magnitude rescaled to `scale` digits after the point (scale >= dscale_).
  std::vector<uint16_t> MagnitudeAt(int32_t scale) const;
  /// Power when the base or the exponent is ±Infinity (and neither is NaN).
  Numeric PowerOfInfinity(const Numeric& exponent) const;
  /// Rounds (or truncates) to `scale` >= 0 digits after the point.
  Numeric Rescale(int32_t scale, bool round) const;

  bool nan_ = false;
  bool inf_ = false;           // an infinity, its sign in negative_
  bool negative_ = false;      // never set for zero or NaN
  int32_t dscale_ = 0;         // display scale: digits after the decimal point, >= 0
  std::vector<uint16_t> mag_;  // base-10^4 digits, least significant first, no high zeros
};

}  // namespace lumadb

// Numeric division, remainder and power (numeric.c: div_var, select_div_scale, mod_var, power_var).

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "big_nat.h"
#include "common/error.h"
#include "common/numeric.h"

namespace lumadb {

namespace {

namespace bn = bignat;

constexpr int32_t kMinSigDigits = 16;       // NUMERIC_MIN_SIG_DIGITS
constexpr int32_t kMaxDisplayScale = 1000;  // NUMERIC_MAX_DISPLAY_SCALE

int32_t ClampScale(int32_t s) {
  return std::min(std::max(s, 0), kMaxDisplayScale);
}

// PostgreSQL's NumericVar view of a magnitude with `dscale` decimals: the base-10^4 weight of its first
// non-zero digit and that digit, with base-10^4 digits aligned on the decimal point.
void PgWeight(const bn::Digits& mag, int32_t dscale, int32_t* weight, uint32_t* first_digit) {
  if (mag.empty()) {
    *weight = 0;
    *first_digit = 0;
    return;
  }
  const int32_t aligned = (dscale + 3) / 4 * 4;
  bn::Digits m = bn::MulPow10(mag, aligned - dscale);
  *weight = static_cast<int32_t>(m.size()) - 1 - aligned / 4;
  *first_digit = m.back();
}

// The decimal exponent e of a magnitude that is exactly 10^e (scale ignored), or -1. Dividing by or raising
// a power of ten is a shift of the decimal point: 10::numeric ^ 131071 and divisions by it stay cheap.
int32_t PowerOfTenExponent(const bn::Digits& mag) {
  if (mag.empty()) return -1;
  const int32_t digits = bn::DecimalDigits(mag);
  return bn::MulPow10(bn::Digits{1}, digits - 1) == mag ? digits - 1 : -1;
}

[[noreturn]] void ThrowDivisionByZero() {
  throw DbError(sqlstate::kDivisionByZero, "division by zero");
}

// round(a / b, rscale) half away from zero, for magnitudes a (scale sa) and b (scale sb).
bn::Digits DivRound(const bn::Digits& a, int32_t sa, const bn::Digits& b, int32_t sb, int32_t rscale) {
  // a*10^-sa / (b*10^-sb) * 10^rscale = a * 10^(rscale + sb - sa) / b; one guard digit for rounding.
  const int32_t shift = rscale + sb - sa + 1;
  bn::Digits num = shift >= 0 ? bn::MulPow10(a, shift) : a;
  bn::Digits den = shift >= 0 ? b : bn::MulPow10(b, -shift);
  bn::Digits q, r;
  bn::DivMod(num, den, &q, &r);
  uint32_t guard = 0;
  q = bn::DivPow10(q, 1, &guard);
  if (guard >= 5) q = bn::Add(q, bn::Digits{1});
  return q;
}

}  // namespace

Numeric Numeric::Div(const Numeric& o) const {
  if (nan_ || o.nan_) return NaN();
  if (o.IsZero()) ThrowDivisionByZero();
  // numeric_div_opt_error: Infinity / Infinity is NaN, Infinity / x keeps the sign rule, x / Infinity is 0.
  if (inf_) return o.inf_ ? NaN() : Infinity(negative_ != o.negative_);
  if (o.inf_) return Numeric();
  // select_div_scale(): at least 16 significant digits, never fewer decimals than either input.
  int32_t w1 = 0, w2 = 0;
  uint32_t d1 = 0, d2 = 0;
  PgWeight(mag_, dscale_, &w1, &d1);
  PgWeight(o.mag_, o.dscale_, &w2, &d2);
  int32_t qweight = w1 - w2;
  if (d1 <= d2) --qweight;
  const int32_t rscale = ClampScale(std::max({kMinSigDigits - qweight * 4, dscale_, o.dscale_}));
  if (const int32_t tens = PowerOfTenExponent(o.mag_); tens >= 0) {
    // x / 10^t moves the decimal point by t, exactly; then the one rounding as below.
    const int64_t scale = static_cast<int64_t>(dscale_) + tens - o.dscale_;
    if (scale >= 0) return Numeric(negative_ != o.negative_, mag_, static_cast<int32_t>(scale)).Round(rscale);
    return Numeric(negative_ != o.negative_, bn::MulPow10(mag_, static_cast<int32_t>(-scale)), 0).Round(rscale);
  }
  return Numeric(negative_ != o.negative_, DivRound(mag_, dscale_, o.mag_, o.dscale_, rscale), rscale);
}

Numeric Numeric::Mod(const Numeric& o) const {
  if (nan_ || o.nan_) return NaN();
  if (o.IsZero()) ThrowDivisionByZero();
  if (inf_) return NaN();  // numeric_mod_opt_error: Infinity % y is NaN, x % Infinity is x
  if (o.inf_) return *this;
  const int32_t scale = std::max(dscale_, o.dscale_);
  bn::Digits q, r;
  bn::DivMod(MagnitudeAt(scale), o.MagnitudeAt(scale), &q, &r);
  return Numeric(negative_, std::move(r), scale);
}

// numeric_power's special cases when the base or the exponent (neither NaN, neither 0 ^ y / x ^ 0 handled
// by the caller's rules below) is infinite.
Numeric Numeric::PowerOfInfinity(const Numeric& exponent) const {
  const Numeric one = FromInt64(1);
  if (exponent.IsZero() || Compare(one) == 0) return one;
  if (exponent.inf_) {
    if (IsZero() && exponent.negative_) {
      throw DbError(sqlstate::kInvalidArgumentForPowerFunction, "zero raised to a negative power is undefined");
    }
    const int vs_one = Abs().Compare(one);
    if (vs_one == 0) return one;  // (-1) ^ ±Infinity
    const bool grows = (vs_one > 0) != exponent.negative_;
    return grows ? Infinity(false) : Numeric();
  }
  // The base is ±Infinity and the exponent finite and non-zero.
  const bool integral = exponent.Trunc(0).Compare(exponent) == 0;
  if (negative_ && !integral) {
    throw DbError(sqlstate::kInvalidArgumentForPowerFunction,
                  "a negative number raised to a non-integer power yields a complex result");
  }
  if (exponent.IsNegative()) return Numeric();
  return Infinity(negative_ && exponent.Abs().Mod(FromInt64(2)).Compare(one) == 0);
}

Numeric Numeric::Power(const Numeric& exponent) const {
  const Numeric one = FromInt64(1);
  if (nan_ || exponent.nan_) {
    // NaN ^ 0 = 1 and 1 ^ NaN = 1, as power_var's callers in numeric_power().
    if ((!exponent.nan_ && exponent.IsZero()) || (!nan_ && Compare(one) == 0)) return one;
    return NaN();
  }
  if (inf_ || exponent.inf_) return PowerOfInfinity(exponent);
  if (IsZero() && exponent.IsNegative()) {
    throw DbError(sqlstate::kInvalidArgumentForPowerFunction, "zero raised to a negative power is undefined");
  }
  const bool integral = exponent.Trunc(0).Compare(exponent) == 0;
  if (IsNegative() && !integral) {
    throw DbError(sqlstate::kInvalidArgumentForPowerFunction,
                  "a negative number raised to a non-integer power yields a complex result");
  }
  if (integral && exponent.Abs().Compare(FromInt64(INT32_MAX)) <= 0) {
    const int64_t n = exponent.ToInt64();
    const int32_t rscale = ClampScale(std::max(kMinSigDigits, dscale_));
    // Results beyond numeric's range (about 10^131072) are rejected before computing them.
    const double magnitude_digits = std::abs(static_cast<double>(n)) * std::log10(std::max(ToDouble(), 1e-300));
    if (std::abs(magnitude_digits) > 140000) {
      throw DbError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
    }
    if (const int32_t tens = PowerOfTenExponent(mag_); tens >= 0 && n >= 0) {
      // (10^e)^n = 10^(e*n): no multiplication of huge magnitudes.
      const int64_t e = (static_cast<int64_t>(tens) - dscale_) * n;
      const bool negative = negative_ && (n % 2 != 0);
      if (e >= 0) return Numeric(negative, bn::MulPow10(bn::Digits{1}, static_cast<int32_t>(e)), 0).Round(rscale);
      return Numeric(negative, bn::Digits{1}, static_cast<int32_t>(-e)).Round(rscale);
    }
    // Exact power by repeated squaring; the exact result is then rounded once.
    bn::Digits result{1}, base = mag_;
    int32_t result_scale = 0, base_scale = dscale_;
    for (uint64_t k = static_cast<uint64_t>(n < 0 ? -n : n); k > 0; k >>= 1) {
      if (k & 1) {
        result = bn::Mul(result, base);
        result_scale += base_scale;
      }
      if (k > 1) {
        base = bn::Mul(base, base);
        base_scale *= 2;
      }
    }
    const bool negative = negative_ && (n % 2 != 0);
    if (n >= 0) return Numeric(negative, std::move(result), result_scale).Round(rscale);
    return Numeric(negative, DivRound(bn::Digits{1}, 0, result, result_scale, rscale), rscale);
  }
  // Non-integral exponent: the result scale follows power_var(), the digits come from long double.
  const long double base = std::strtold(ToString().c_str(), nullptr);
  const long double exp = std::strtold(exponent.ToString().c_str(), nullptr);
  const long double value = std::pow(base, exp);
  if (!std::isfinite(value)) throw DbError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  const double dweight = static_cast<double>(exp * std::log10(base));
  const int32_t rscale =
      ClampScale(std::max({kMinSigDigits - static_cast<int32_t>(dweight), dscale_, exponent.dscale_}));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.18Le", value);
  return Parse(buf).Round(rscale);
}

}  // namespace lumadb

#include "common/numeric.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "big_nat.h"
#include "common/error.h"

namespace lumadb {

namespace {

namespace bn = bignat;

constexpr int64_t kMaxExponent = INT32_MAX / 2;  // set_var_from_str's bound on the input exponent
constexpr int64_t kMaxLeadExponent = 131071;     // NUMERIC_WEIGHT_MAX (32767) base-10^4 digits
constexpr int32_t kMaxDscale = 16383;            // NUMERIC_DSCALE_MAX

[[noreturn]] void ThrowOverflow() {
  throw DbError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

[[noreturn]] void ThrowSyntax(std::string_view text) {
  throw DbError(sqlstate::kInvalidTextRepresentation,
                "invalid input syntax for type numeric: \"" + std::string(text) + "\"");
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

}  // namespace

Numeric::Numeric() = default;

Numeric::Numeric(bool negative, std::vector<uint16_t> magnitude, int32_t dscale)
    : negative_(negative), dscale_(dscale), mag_(std::move(magnitude)) {
  bn::Trim(mag_);
  if (mag_.empty()) negative_ = false;
}

// Parse's common case, a plain decimal of at most 18 digits ("-12.50"): read into a uint64 without the
// digit string and the checks that only longer or exponent forms need. False for anything else.
bool Numeric::ParseShort(std::string_view s, Numeric* out) {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  uint64_t v = 0;
  int digits = 0;
  int32_t frac_digits = 0;
  bool seen_point = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (++digits > 18) return false;
      v = v * 10 + static_cast<uint64_t>(c - '0');
      if (seen_point) ++frac_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      return false;
    }
  }
  if (digits == 0) return false;
  *out = Numeric(negative, bn::FromUint64(v), frac_digits);
  return true;
}

// Follows set_var_from_str() in numeric.c: optional sign, digits with one optional point, optional
// exponent; surrounding whitespace allowed.
Numeric Numeric::Parse(std::string_view text) {
  if (Numeric n; ParseShort(text, &n)) return n;
  size_t b = 0, e = text.size();
  while (b < e && IsSpace(text[b])) ++b;
  while (e > b && IsSpace(text[e - 1])) --e;
  std::string_view s = text.substr(b, e - b);
  if (EqualsNoCase(s, "nan")) return NaN();
  if (EqualsNoCase(s, "infinity") || EqualsNoCase(s, "+infinity") || EqualsNoCase(s, "inf") ||
      EqualsNoCase(s, "+inf")) {
    return Infinity(false);
  }
  if (EqualsNoCase(s, "-infinity") || EqualsNoCase(s, "-inf")) return Infinity(true);
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  std::string digits;
  int32_t frac_digits = 0;
  bool seen_point = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digits += c;
      if (seen_point) ++frac_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (digits.empty()) ThrowSyntax(text);
  int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    if (i == s.size() || s[i] < '0' || s[i] > '9') ThrowSyntax(text);
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      exponent = std::min<int64_t>(exponent * 10 + (s[i] - '0'), kMaxExponent);
    }
    if (exp_negative) exponent = -exponent;
  }
  if (i != s.size()) ThrowSyntax(text);
  if (exponent >= kMaxExponent || exponent <= -kMaxExponent) ThrowOverflow();
  // make_result's limits: the leading digit's weight and the display scale must fit the storage format.
  const size_t leading_zeros = std::min(digits.find_first_not_of('0'), digits.size());
  if (leading_zeros < digits.size()) {
    int64_t lead = static_cast<int64_t>(digits.size() - leading_zeros) - frac_digits - 1 + exponent;
    if (lead > kMaxLeadExponent) ThrowOverflow();
  }
  if (frac_digits - exponent > kMaxDscale) ThrowOverflow();
  // value = digits * 10^(exponent - frac_digits)
  int32_t scale = frac_digits - static_cast<int32_t>(exponent);
  bn::Digits mag = bn::FromDecimal(digits);
  if (scale < 0) {
    mag = bn::MulPow10(mag, -scale);
    scale = 0;
  }
  return Numeric(negative, std::move(mag), scale);
}

Numeric Numeric::FromInt64(int64_t v) {
  uint64_t abs = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  return Numeric(v < 0, bn::FromUint64(abs), 0);
}

// float8_numeric(): print with DBL_DIG significant digits, then read that text.
Numeric Numeric::FromDouble(double v) {
  if (std::isnan(v)) return NaN();
  if (std::isinf(v)) return Infinity(v < 0);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return Parse(buf);
}

Numeric Numeric::NaN() {
  Numeric n;
  n.nan_ = true;
  return n;
}

Numeric Numeric::Infinity(bool negative) {
  Numeric n;
  n.inf_ = true;
  n.negative_ = negative;
  return n;
}

std::string Numeric::ToString() const {
  if (nan_) return "NaN";
  if (inf_) return negative_ ? "-Infinity" : "Infinity";
  std::string digits = bn::ToDecimal(mag_);
  if (dscale_ > 0) {
    if (digits.size() < static_cast<size_t>(dscale_) + 1) digits.insert(0, dscale_ + 1 - digits.size(), '0');
    digits.insert(digits.size() - dscale_, 1, '.');
  }
  return negative_ ? "-" + digits : digits;
}

int64_t Numeric::ToInt64() const {
  if (nan_) throw DbError(sqlstate::kFeatureNotSupported, "cannot convert NaN to bigint");
  if (inf_) throw DbError(sqlstate::kFeatureNotSupported, "cannot convert infinity to bigint");
  Numeric r = Rescale(0, true);
  uint64_t abs = 0;
  bool fits = bn::ToUint64(r.mag_, &abs);
  if (fits && !negative_ && abs <= static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(abs);
  if (fits && negative_ && abs <= static_cast<uint64_t>(INT64_MAX) + 1) return static_cast<int64_t>(0 - abs);
  throw DbError(sqlstate::kNumericValueOutOfRange, "bigint out of range");
}

double Numeric::ToDouble() const {
  if (nan_) return std::nan("");
  if (inf_) return negative_ ? -HUGE_VAL : HUGE_VAL;
  return std::strtod(ToString().c_str(), nullptr);
}

bool Numeric::IsZero() const {
  return !nan_ && !inf_ && mag_.empty();
}

std::vector<uint16_t> Numeric::MagnitudeAt(int32_t scale) const {
  return bn::MulPow10(mag_, scale - dscale_);
}

Numeric Numeric::Rescale(int32_t scale, bool round) const {
  if (IsSpecial()) return *this;
  if (scale >= dscale_) return Numeric(negative_, MagnitudeAt(scale), scale);
  uint32_t next_digit = 0;
  bn::Digits q = bn::DivPow10(mag_, dscale_ - scale, &next_digit);
  if (round && next_digit >= 5) q = bn::Add(q, bn::Digits{1});  // half away from zero
  if (scale < 0) return Numeric(negative_, bn::MulPow10(q, -scale), 0);
  return Numeric(negative_, std::move(q), scale);
}

Numeric Numeric::Add(const Numeric& o) const {
  if (nan_ || o.nan_) return NaN();
  // Infinity + -Infinity is NaN; otherwise an infinity absorbs everything (numeric_add_opt_error).
  if (inf_ && o.inf_) return negative_ == o.negative_ ? *this : NaN();
  if (inf_) return *this;
  if (o.inf_) return o;
  const int32_t scale = std::max(dscale_, o.dscale_);
  bn::Digits a = MagnitudeAt(scale), b = o.MagnitudeAt(scale);
  if (negative_ == o.negative_) return Numeric(negative_, bn::Add(a, b), scale);
  if (bn::Compare(a, b) >= 0) return Numeric(negative_, bn::Sub(a, b), scale);
  return Numeric(o.negative_, bn::Sub(b, a), scale);
}

Numeric Numeric::Sub(const Numeric& o) const {
  return Add(o.Negate());
}

Numeric Numeric::Mul(const Numeric& o) const {
  if (nan_ || o.nan_) return NaN();
  if (inf_ || o.inf_) {
    if (IsZero() || o.IsZero()) return NaN();  // Infinity * 0
    return Infinity(negative_ != o.negative_);
  }
  return Numeric(negative_ != o.negative_, bn::Mul(mag_, o.mag_), dscale_ + o.dscale_);
}

Numeric Numeric::Negate() const {
  Numeric r = *this;
  if (r.inf_ || (!r.nan_ && !r.mag_.empty())) r.negative_ = !r.negative_;
  return r;
}

Numeric Numeric::Abs() const {
  Numeric r = *this;
  r.negative_ = false;
  return r;
}

Numeric Numeric::Round(int32_t scale) const {
  return Rescale(scale, true);
}

Numeric Numeric::Trunc(int32_t scale) const {
  return Rescale(scale, false);
}

// cmp_numerics: -Infinity < every number < Infinity < NaN.
int Numeric::Compare(const Numeric& o) const {
  if (IsSpecial() || o.IsSpecial()) {
    auto rank = [](const Numeric& n) { return n.nan_ ? 3 : (n.inf_ ? (n.negative_ ? 0 : 2) : 1); };
    const int a = rank(*this), b = rank(o);
    if (a != b) return a < b ? -1 : 1;
    if (a != 1) return 0;
  }
  if (negative_ != o.negative_) return negative_ ? -1 : 1;
  // Only the magnitude of the smaller display scale is rescaled (a copy); equal scales compare in place.
  int c = 0;
  if (dscale_ == o.dscale_) {
    c = bn::Compare(mag_, o.mag_);
  } else if (dscale_ < o.dscale_) {
    c = bn::Compare(MagnitudeAt(o.dscale_), o.mag_);
  } else {
    c = bn::Compare(mag_, o.MagnitudeAt(dscale_));
  }
  return negative_ ? -c : c;
}

size_t Numeric::Hash() const {
  if (nan_) return 0x9e3779b97f4a7c15ULL;
  if (inf_) return negative_ ? 0x7f4a7c159e3779b9ULL : 0x3779b97f4a7c159eULL;
  if (mag_.empty()) return 0;
  // Hash the value with trailing decimal zeros stripped, so 1.0 and 1.00 (and 10 and 10.0) agree.
  bn::Digits m = mag_;
  int32_t scale = dscale_;
  for (uint32_t digit = 0;;) {
    bn::Digits q = bn::DivPow10(m, 1, &digit);
    if (digit != 0) break;
    m = std::move(q);
    --scale;
  }
  size_t h = std::hash<int32_t>()(scale) ^ (negative_ ? 0x5bd1e995 : 0);
  for (uint16_t d : m) h = h * 1099511628211ULL + d;
  return h;
}

Numeric Numeric::ApplyTypmod(int32_t typmod) const {
  if (typmod < 4 || nan_) return *this;
  const int32_t precision = ((typmod - 4) >> 16) & 0xffff;
  const int32_t scale = (((typmod - 4) & 0x7ff) ^ 1024) - 1024;
  if (inf_) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "numeric field overflow")
        .Detail("A field with precision " + std::to_string(precision) + ", scale " + std::to_string(scale) +
                " cannot hold an infinite value.");
  }
  const int32_t max_digits = precision - scale;
  Numeric r = Rescale(scale, true);
  const int32_t int_digits = bn::DecimalDigits(r.mag_) - r.dscale_;
  if (!r.mag_.empty() && int_digits > max_digits) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "numeric field overflow")
        .Detail("A field with precision " + std::to_string(precision) + ", scale " + std::to_string(scale) +
                " must round to an absolute value less than " +
                (max_digits ? "10^" + std::to_string(max_digits) : std::string("1")) + ".");
  }
  return r;
}

}  // namespace lumadb

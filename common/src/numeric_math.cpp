// numeric sqrt, exp, ln and log: PostgreSQL 15 numeric.c's scale selection (numeric_sqrt, numeric_exp,
// estimate_ln_dweight, log_var) over exact Numeric arithmetic with guard digits.
#include "common/numeric_math.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/error.h"

namespace lumadb {

namespace {

// SQLSTATE 2201E (errcodes.txt invalid_argument_for_logarithm).
constexpr SqlState kInvalidArgumentForLogarithm{"2201E"};

constexpr int kMinSigDigits = 16;       // NUMERIC_MIN_SIG_DIGITS
constexpr int kMaxDisplayScale = 1000;  // NUMERIC_MAX_DISPLAY_SCALE

int ClampScale(int s) {
  return std::clamp(s, 0, kMaxDisplayScale);
}

// 10^e exactly, for any e.
Numeric Pow10(int e) {
  if (e >= 0) return Numeric::Parse("1" + std::string(e, '0'));
  return Numeric::Parse("0." + std::string(-e - 1, '0') + "1");
}

// a / b truncated to s digits after the point, exactly.
Numeric DivS(const Numeric& a, const Numeric& b, int s) {
  Numeric scaled = a.Mul(Pow10(s));
  Numeric q = scaled.Sub(scaled.Mod(b)).Div(b).Round(0);
  return q.Mul(Pow10(-s)).Trunc(s);
}

// NumericVar's weight and first two base-10000 digits of |x| (x finite, non-zero).
struct BaseDigits {
  int weight = 0;
  int d0 = 0;
  int d1 = -1;  // -1: only one digit
};
BaseDigits Digits(const Numeric& x) {
  std::string s = x.Abs().ToString();
  size_t dot = s.find('.');
  std::string ip = s.substr(0, dot), fp = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (ip == "0") ip.clear();
  ip.insert(0, (4 - ip.size() % 4) % 4, '0');
  fp.append((4 - fp.size() % 4) % 4, '0');
  std::string all = ip + fp;
  int weight = static_cast<int>(ip.size() / 4) - 1;
  size_t g = 0;
  while (g + 4 <= all.size() && all.compare(g, 4, "0000") == 0) {
    g += 4;
    --weight;
  }
  size_t end = all.size();
  while (end >= g + 8 && all.compare(end - 4, 4, "0000") == 0) end -= 4;
  BaseDigits d;
  d.weight = weight;
  d.d0 = std::stoi(all.substr(g, 4));
  if (g + 8 <= end) d.d1 = std::stoi(all.substr(g + 4, 4));
  return d;
}

// The decimal exponent of |x|'s leading digit (x finite, non-zero).
int DecimalWeight(const Numeric& x) {
  BaseDigits d = Digits(x);
  return d.weight * 4 + static_cast<int>(std::log10(d.d0));
}

// estimate_ln_dweight.
int EstimateLnDweight(const Numeric& x) {
  if (x.IsNegative() || x.IsZero()) return 0;
  if (x.Compare(Numeric::Parse("0.9")) >= 0 && x.Compare(Numeric::Parse("1.1")) <= 0) {
    Numeric d = x.Sub(Numeric::FromInt64(1));
    return d.IsZero() ? 0 : DecimalWeight(d);
  }
  BaseDigits b = Digits(x);
  int digits = b.d0;
  int dweight = b.weight * 4;
  if (b.d1 >= 0) {
    digits = digits * 10000 + b.d1;
    dweight -= 4;
  }
  double ln = std::log(static_cast<double>(digits)) + dweight * 2.302585092994046;
  return static_cast<int>(std::log10(std::fabs(ln)));
}

// 2 * atanh(y) = ln((1 + y) / (1 - y)) by its series, to scale w.
Numeric TwoAtanh(const Numeric& y, int w) {
  Numeric y2 = y.Mul(y).Trunc(w);
  Numeric power = y, sum = y;
  for (int64_t k = 3;; k += 2) {
    power = power.Mul(y2).Trunc(w);
    if (power.IsZero()) break;
    sum = sum.Add(DivS(power, Numeric::FromInt64(k), w));
  }
  return sum.Add(sum);
}

// ln(x) for finite x > 0, truncated near scale w (error a few units of 10^-w).
Numeric LnAt(const Numeric& x, int w) {
  int e = DecimalWeight(x);
  int guard = w + 5 + static_cast<int>(std::to_string(std::abs(e)).size());
  Numeric m = x.Mul(Pow10(-e));  // [1, 10)
  int j = 0;
  const Numeric two = Numeric::FromInt64(2), one = Numeric::FromInt64(1);
  while (m.Compare(two) >= 0) {
    m = DivS(m, two, guard + 4);
    ++j;
  }
  Numeric ln2 = TwoAtanh(DivS(one, Numeric::FromInt64(3), guard), guard);
  Numeric result = TwoAtanh(DivS(m.Sub(one), m.Add(one), guard), guard).Add(ln2.Mul(Numeric::FromInt64(j)));
  if (e != 0) {
    Numeric ln10 = ln2.Mul(Numeric::FromInt64(3)).Add(TwoAtanh(DivS(one, Numeric::FromInt64(9), guard), guard));
    result = result.Add(ln10.Mul(Numeric::FromInt64(e)));
  }
  return result.Trunc(guard);
}

void CheckLnArgument(const Numeric& x) {
  if (x.IsZero()) throw DbError(kInvalidArgumentForLogarithm, "cannot take logarithm of zero");
  if (x.IsNegative()) {
    throw DbError(kInvalidArgumentForLogarithm, "cannot take logarithm of a negative number");
  }
}

// ln_var: ln(x) rounded to rscale.
Numeric LnRounded(const Numeric& x, int rscale) {
  CheckLnArgument(x);
  return LnAt(x, rscale + 8).Round(rscale);
}

}  // namespace

Numeric NumericSqrt(const Numeric& x) {
  if (x.IsNaN()) return x;
  if (x.IsNegative()) {
    throw DbError(sqlstate::kInvalidArgumentForPowerFunction, "cannot take square root of a negative number");
  }
  if (x.IsInf()) return x;
  int weight = x.IsZero() ? 0 : Digits(x).weight;
  int rscale = ClampScale(std::max(kMinSigDigits - ((weight + 1) * 4 / 2 - 1), x.scale()));
  if (x.IsZero()) return Numeric().Round(rscale);
  // isqrt(x * 10^(2 rscale + 2)) by Newton's method from above, then the last digit rounded off.
  Numeric n = x.Mul(Pow10(2 * rscale + 2)).Trunc(0);
  Numeric g =
      Numeric::FromDouble(std::sqrt(x.ToDouble()) * 1.0001).Mul(Pow10(rscale + 1)).Trunc(0).Add(Numeric::FromInt64(1));
  const Numeric two = Numeric::FromInt64(2);
  for (;;) {
    Numeric q = n.Sub(n.Mod(g)).Div(g).Round(0);
    Numeric next = g.Add(q);
    next = next.Sub(next.Mod(two)).Div(two).Round(0);
    if (next.Compare(g) >= 0) break;
    g = next;
  }
  return g.Mul(Pow10(-(rscale + 1))).Round(rscale);
}

Numeric NumericExp(const Numeric& x) {
  if (x.IsNaN()) return x;
  if (x.IsInf()) return x.IsNegative() ? Numeric() : x;
  double val = x.ToDouble();
  double dweight = std::clamp(val * 0.434294481903252, -2000.0, 2000.0);
  int rscale = ClampScale(std::max(kMinSigDigits - static_cast<int>(dweight), x.scale()));
  if (std::fabs(val) >= 6000) {
    if (val > 0) throw DbError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
    return Numeric().Round(rscale);
  }
  // exp(|x|) = exp(r)^(2^k) with |r| < 0.01, at a scale that keeps rscale digits of the final result.
  Numeric ax = x.Abs();
  int k = 0;
  while (std::fabs(val) / std::pow(2.0, k) >= 0.01) ++k;
  // A result below 10^-(rscale + 1) rounds to zero. For x < 0 the result is 1 / exp(|x|), whose absolute
  // error shrinks with exp(|x|); for x > 0 the squarings scale the series' error by the result.
  if (dweight < -(rscale + 1)) return Numeric().Round(rscale);
  int w = rscale + (x.IsNegative() ? 0 : static_cast<int>(dweight)) + k + 12;
  Numeric r = DivS(ax, Pow10(0).Mul(Numeric::FromInt64(1LL << std::min(k, 62))), w);
  for (int extra = 62; extra < k; ++extra) r = DivS(r, Numeric::FromInt64(2), w);
  Numeric sum = Numeric::FromInt64(1), term = Numeric::FromInt64(1);
  for (int64_t i = 1;; ++i) {
    term = DivS(term.Mul(r), Numeric::FromInt64(i), w);
    if (term.IsZero()) break;
    sum = sum.Add(term);
  }
  for (int i = 0; i < k; ++i) sum = sum.Mul(sum).Trunc(w);
  if (x.IsNegative()) sum = DivS(Numeric::FromInt64(1), sum, rscale + 5);
  return sum.Round(rscale);
}

Numeric NumericLn(const Numeric& x) {
  if (x.IsNaN()) return x;
  if (x.IsInf()) {
    if (x.IsNegative()) throw DbError(kInvalidArgumentForLogarithm, "cannot take logarithm of a negative number");
    return x;
  }
  int rscale = ClampScale(std::max(kMinSigDigits - EstimateLnDweight(x), x.scale()));
  return LnRounded(x, rscale);
}

Numeric NumericLog(const Numeric& base, const Numeric& x) {
  if (base.IsSpecial() || x.IsSpecial()) {
    if (base.IsNaN() || x.IsNaN()) return Numeric::NaN();
    if (base.IsNegative() || x.IsNegative()) {
      throw DbError(kInvalidArgumentForLogarithm, "cannot take logarithm of a negative number");
    }
    if (base.IsZero() || x.IsZero()) throw DbError(kInvalidArgumentForLogarithm, "cannot take logarithm of zero");
    if (base.IsInf()) return x.IsInf() ? Numeric::NaN() : Numeric();
    return x;
  }
  int ln_base_dweight = EstimateLnDweight(base), ln_num_dweight = EstimateLnDweight(x);
  int result_dweight = ln_num_dweight - ln_base_dweight;
  int rscale = ClampScale(std::max({kMinSigDigits - result_dweight, base.scale(), x.scale()}));
  int ln_base_rscale = std::max(rscale + result_dweight - ln_base_dweight + 8, 0);
  int ln_num_rscale = std::max(rscale + result_dweight - ln_num_dweight + 8, 0);
  Numeric ln_base = LnRounded(base, ln_base_rscale);
  Numeric ln_num = LnRounded(x, ln_num_rscale);
  if (ln_base.IsZero()) throw DbError(sqlstate::kDivisionByZero, "division by zero");
  return DivS(ln_num, ln_base, rscale + 4).Round(rscale);
}

}  // namespace lumadb

// Numeric and integer functions of PostgreSQL 15's numeric.c and int.c / int8.c: scale, min_scale,
// trim_scale, div, factorial, gcd, lcm, width_bucket, power(numeric, numeric).
#include <cmath>
#include <cstdlib>

#include "builtins.h"
#include "common/error.h"
#include "common/numeric_math.h"

namespace lumadb::planner {

namespace {

// SQLSTATE 2201G (errcodes.txt invalid_argument_for_width_bucket_function).
constexpr SqlState kInvalidArgumentForWidthBucket{"2201G"};

using T = TypeId;

// The digits after the point a numeric needs (min_scale's get_min_scale).
int32_t MinScale(const Numeric& n) {
  std::string s = n.ToString();
  size_t dot = s.find('.');
  if (dot == std::string::npos) return 0;
  size_t last = s.find_last_not_of('0');
  return last <= dot ? 0 : static_cast<int32_t>(last - dot);
}

Value Scale(const std::vector<Value>& a, const FunctionEnv&) {
  const Numeric& n = a[0].GetNumeric();
  return n.IsSpecial() ? Value::Null(T::kInt4) : Value::Int4(n.scale());
}
Value MinScaleFn(const std::vector<Value>& a, const FunctionEnv&) {
  const Numeric& n = a[0].GetNumeric();
  return n.IsSpecial() ? Value::Null(T::kInt4) : Value::Int4(MinScale(n));
}
Value TrimScale(const std::vector<Value>& a, const FunctionEnv&) {
  const Numeric& n = a[0].GetNumeric();
  return n.IsSpecial() ? a[0] : Value::Num(n.Trunc(MinScale(n)));
}

// The truncated quotient of finite a / b, exactly (div_var with rscale 0, no rounding).
Numeric TruncDiv(const Numeric& a, const Numeric& b) {
  if (b.IsZero()) throw DbError(sqlstate::kDivisionByZero, "division by zero");
  return a.Sub(a.Mod(b)).Div(b).Round(0);
}

Value Div(const std::vector<Value>& a, const FunctionEnv&) {
  const Numeric& x = a[0].GetNumeric();
  const Numeric& y = a[1].GetNumeric();
  if (x.IsNaN() || y.IsNaN()) return Value::Num(Numeric::NaN());
  if (x.IsInf()) {
    if (y.IsSpecial()) return Value::Num(Numeric::NaN());
    if (y.IsZero()) throw DbError(sqlstate::kDivisionByZero, "division by zero");
    return Value::Num(Numeric::Infinity(x.IsNegative() != y.IsNegative()));
  }
  if (y.IsInf()) return Value::Num(Numeric());
  return Value::Num(TruncDiv(x, y));
}

Value Factorial(const std::vector<Value>& a, const FunctionEnv&) {
  int64_t n = a[0].GetInt();
  if (n < 0) throw DbError(sqlstate::kInvalidParameterValue, "factorial of a negative number is undefined");
  if (n > 32177) throw DbError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  Numeric r = Numeric::FromInt64(1);
  for (int64_t i = 2; i <= n; ++i) r = r.Mul(Numeric::FromInt64(i));
  return Value::Num(r);
}

// gcd/lcm of int4 or int8 (int4gcd_internal & co), with their "out of range" for 2^31 / 2^63.
template <bool kLcm>
Value IntGcd(const std::vector<Value>& a, const FunctionEnv&) {
  const bool is8 = a[0].type() == T::kInt8;
  __int128 x = a[0].GetInt(), y = a[1].GetInt();
  __int128 limit = is8 ? static_cast<__int128>(INT64_MAX) : INT32_MAX;
  auto abs = [](__int128 v) { return v < 0 ? -v : v; };
  __int128 g = abs(x), h = abs(y);
  while (h != 0) {
    __int128 t = g % h;
    g = h;
    h = t;
  }
  __int128 r = g;
  if (kLcm) r = (x == 0 || y == 0) ? 0 : abs(x / g * y);
  if (r > limit) {
    throw DbError(sqlstate::kNumericValueOutOfRange, is8 ? "bigint out of range" : "integer out of range");
  }
  return is8 ? Value::Int8(static_cast<int64_t>(r)) : Value::Int4(static_cast<int32_t>(r));
}

template <bool kLcm>
Value NumericGcd(const std::vector<Value>& a, const FunctionEnv&) {
  const Numeric& x = a[0].GetNumeric();
  const Numeric& y = a[1].GetNumeric();
  if (x.IsSpecial() || y.IsSpecial()) return Value::Num(Numeric::NaN());
  int32_t scale = std::max(x.scale(), y.scale());
  Numeric g = x.Abs(), h = y.Abs();
  while (!h.IsZero()) {
    Numeric t = g.Mod(h);
    g = h;
    h = t;
  }
  if (!kLcm) return Value::Num(g.Round(scale));
  if (x.IsZero() || y.IsZero()) return Value::Num(Numeric().Round(scale));
  return Value::Num(TruncDiv(x, g).Mul(y).Abs().Round(scale));
}

[[noreturn]] void BucketError(const char* message) {
  throw DbError(kInvalidArgumentForWidthBucket, message);
}

Value WidthBucketFloat(const std::vector<Value>& a, const FunctionEnv&) {
  double op = a[0].GetFloat(), b1 = a[1].GetFloat(), b2 = a[2].GetFloat();
  int64_t count = a[3].GetInt();
  if (count <= 0) BucketError("count must be greater than zero");
  if (std::isnan(op) || std::isnan(b1) || std::isnan(b2))
    BucketError("operand, lower bound, and upper bound cannot be NaN");
  if (std::isinf(b1) || std::isinf(b2)) BucketError("lower and upper bounds must be finite");
  if (b1 == b2) BucketError("lower bound cannot equal upper bound");
  const bool up = b1 < b2;
  int64_t result;
  if (up ? op < b1 : op > b1) {
    result = 0;
  } else if (up ? op >= b2 : op <= b2) {
    result = count + 1;
  } else {
    double lo = up ? op - b1 : b1 - op, width = up ? b2 - b1 : b1 - b2;
    double q = !std::isinf(width) ? lo / width
                                  : (up ? op / 2 - b1 / 2 : b1 / 2 - op / 2) / (up ? b2 / 2 - b1 / 2 : b1 / 2 - b2 / 2);
    result = static_cast<int32_t>(count * q);
    if (result >= count) result = count - 1;
    ++result;
  }
  if (result > INT32_MAX) throw DbError(sqlstate::kNumericValueOutOfRange, "integer out of range");
  return Value::Int4(static_cast<int32_t>(result));
}

Value WidthBucketNumeric(const std::vector<Value>& a, const FunctionEnv&) {
  const Numeric &op = a[0].GetNumeric(), &b1 = a[1].GetNumeric(), &b2 = a[2].GetNumeric();
  int64_t count = a[3].GetInt();
  if (count <= 0) BucketError("count must be greater than zero");
  if (op.IsNaN() || b1.IsNaN() || b2.IsNaN()) BucketError("operand, lower bound, and upper bound cannot be NaN");
  if (b1.IsInf() || b2.IsInf()) BucketError("lower and upper bounds must be finite");
  int cmp = b1.Compare(b2);
  if (cmp == 0) BucketError("lower bound cannot equal upper bound");
  Numeric count_n = Numeric::FromInt64(count);
  Numeric result;
  if (cmp < 0 ? op.Compare(b1) < 0 : op.Compare(b1) > 0) {
    result = Numeric();
  } else if (cmp < 0 ? op.Compare(b2) >= 0 : op.Compare(b2) <= 0) {
    result = count_n.Add(Numeric::FromInt64(1));
  } else {
    Numeric lo = cmp < 0 ? op.Sub(b1) : b1.Sub(op);
    Numeric width = cmp < 0 ? b2.Sub(b1) : b1.Sub(b2);
    result = TruncDiv(lo.Mul(count_n), width).Add(Numeric::FromInt64(1));
  }
  int64_t r = result.ToInt64();
  if (r > INT32_MAX) throw DbError(sqlstate::kNumericValueOutOfRange, "integer out of range");
  return Value::Int4(static_cast<int32_t>(r));
}

Value PowerNumeric(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Num(a[0].GetNumeric().Power(a[1].GetNumeric()));
}

Value SqrtNumeric(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Num(NumericSqrt(a[0].GetNumeric()));
}
Value ExpNumeric(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Num(NumericExp(a[0].GetNumeric()));
}
Value LnNumeric(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Num(NumericLn(a[0].GetNumeric()));
}
// log(numeric) is pg_proc's SQL function log(10, $1).
Value Log10Numeric(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Num(NumericLog(Numeric::FromInt64(10), a[0].GetNumeric()));
}
Value LogNumeric(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Num(NumericLog(a[0].GetNumeric(), a[1].GetNumeric()));
}

}  // namespace

void AddNumericBuiltins(std::vector<ScalarFunction>& out) {
  const std::vector<T> n1 = {T::kNumeric}, n2 = {T::kNumeric, T::kNumeric};
  std::vector<ScalarFunction> fns = {
      {"scale", n1, T::kInt4, Scale},
      {"min_scale", n1, T::kInt4, MinScaleFn},
      {"trim_scale", n1, T::kNumeric, TrimScale},
      {"div", n2, T::kNumeric, Div},
      {"factorial", {T::kInt8}, T::kNumeric, Factorial},
      {"gcd", {T::kInt4, T::kInt4}, T::kInt4, IntGcd<false>},
      {"gcd", {T::kInt8, T::kInt8}, T::kInt8, IntGcd<false>},
      {"gcd", n2, T::kNumeric, NumericGcd<false>},
      {"lcm", {T::kInt4, T::kInt4}, T::kInt4, IntGcd<true>},
      {"lcm", {T::kInt8, T::kInt8}, T::kInt8, IntGcd<true>},
      {"lcm", n2, T::kNumeric, NumericGcd<true>},
      {"width_bucket", {T::kFloat8, T::kFloat8, T::kFloat8, T::kInt4}, T::kInt4, WidthBucketFloat},
      {"width_bucket", {T::kNumeric, T::kNumeric, T::kNumeric, T::kInt4}, T::kInt4, WidthBucketNumeric},
      {"power", n2, T::kNumeric, PowerNumeric},
      {"pow", n2, T::kNumeric, PowerNumeric},
      {"sqrt", n1, T::kNumeric, SqrtNumeric},
      {"exp", n1, T::kNumeric, ExpNumeric},
      {"ln", n1, T::kNumeric, LnNumeric},
      {"log", n1, T::kNumeric, Log10Numeric},
      {"log10", n1, T::kNumeric, Log10Numeric},
      {"log", n2, T::kNumeric, LogNumeric},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner

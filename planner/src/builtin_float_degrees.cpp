// The trigonometric functions in degrees of PostgreSQL 15's float.c (sind, cosd, tand, cotd, asind, acosd,
// atand, atan2d): the argument is reduced to the first quadrant and scaled by the function's value at a
// standard angle, so sind(30) is exactly 0.5 and tand(45) exactly 1.
#include <cmath>

#include "builtins.h"
#include "common/error.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

constexpr double kRadiansPerDegree = 0.0174532925199432957692;

// init_degree_constants; volatile keeps the compiler from folding the divisions float.c protects.
struct DegreeConstants {
  double sin_30, one_minus_cos_60, asin_0_5, acos_0_5, atan_1_0, tan_45, cot_45;
};

double Sind0To30(const DegreeConstants& c, double x) {
  volatile double sin_x = std::sin(x * kRadiansPerDegree);
  return (sin_x / c.sin_30) / 2.0;
}
double Cosd0To60(const DegreeConstants& c, double x) {
  volatile double one_minus_cos_x = 1.0 - std::cos(x * kRadiansPerDegree);
  return 1.0 - (one_minus_cos_x / c.one_minus_cos_60) / 2.0;
}
double SindQ1(const DegreeConstants& c, double x) {
  return x <= 30.0 ? Sind0To30(c, x) : Cosd0To60(c, 90.0 - x);
}
double CosdQ1(const DegreeConstants& c, double x) {
  return x <= 60.0 ? Cosd0To60(c, x) : Sind0To30(c, 90.0 - x);
}

const DegreeConstants& Constants() {
  static const DegreeConstants kC = [] {
    DegreeConstants c{};
    c.sin_30 = std::sin(kRadiansPerDegree * 30.0);
    c.one_minus_cos_60 = 1.0 - std::cos(kRadiansPerDegree * 60.0);
    c.asin_0_5 = std::asin(0.5);
    c.acos_0_5 = std::acos(0.5);
    c.atan_1_0 = std::atan(1.0);
    c.tan_45 = SindQ1(c, 45.0) / CosdQ1(c, 45.0);
    c.cot_45 = CosdQ1(c, 45.0) / SindQ1(c, 45.0);
    return c;
  }();
  return kC;
}

double AsindQ1(double x) {
  const auto& c = Constants();
  if (x <= 0.5) {
    volatile double asin_x = std::asin(x);
    return (asin_x / c.asin_0_5) * 30.0;
  }
  volatile double acos_x = std::acos(x);
  return 90.0 - (acos_x / c.acos_0_5) * 60.0;
}
double AcosdQ1(double x) {
  const auto& c = Constants();
  if (x <= 0.5) {
    volatile double asin_x = std::asin(x);
    return 90.0 - (asin_x / c.asin_0_5) * 30.0;
  }
  volatile double acos_x = std::acos(x);
  return (acos_x / c.acos_0_5) * 60.0;
}

[[noreturn]] void OutOfRange() {
  throw DbError(sqlstate::kNumericValueOutOfRange, "input is out of range");
}

// kWhich: 0 sind, 1 cosd, 2 tand, 3 cotd.
template <int kWhich>
Value DegreeTrig(const std::vector<Value>& a, const FunctionEnv&) {
  double x = a[0].GetFloat();
  if (std::isnan(x)) return Value::Float8(x);
  if (std::isinf(x)) OutOfRange();
  const auto& c = Constants();
  double sign = 1.0;
  x = std::fmod(x, 360.0);
  if (x < 0.0) {
    x = -x;
    if (kWhich != 1) sign = -sign;
  }
  if (x > 180.0) {
    x = 360.0 - x;
    if (kWhich != 1) sign = -sign;
  }
  if (x > 90.0) {
    x = 180.0 - x;
    if (kWhich != 0) sign = -sign;
  }
  double r = 0;
  if (kWhich == 0) r = sign * SindQ1(c, x);
  if (kWhich == 1) r = sign * CosdQ1(c, x);
  if (kWhich == 2) r = sign * ((SindQ1(c, x) / CosdQ1(c, x)) / c.tan_45);
  if (kWhich == 3) r = sign * ((CosdQ1(c, x) / SindQ1(c, x)) / c.cot_45);
  if (r == 0.0) r = 0.0;  // no minus zero
  if (kWhich < 2 && std::isinf(r)) throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  return Value::Float8(r);
}

Value Asind(const std::vector<Value>& a, const FunctionEnv&) {
  double x = a[0].GetFloat();
  if (std::isnan(x)) return Value::Float8(x);
  if (x < -1.0 || x > 1.0) OutOfRange();
  return Value::Float8(x >= 0.0 ? AsindQ1(x) : -AsindQ1(-x));
}
Value Acosd(const std::vector<Value>& a, const FunctionEnv&) {
  double x = a[0].GetFloat();
  if (std::isnan(x)) return Value::Float8(x);
  if (x < -1.0 || x > 1.0) OutOfRange();
  return Value::Float8(x >= 0.0 ? AcosdQ1(x) : 90.0 + AsindQ1(-x));
}
Value Atand(const std::vector<Value>& a, const FunctionEnv&) {
  double x = a[0].GetFloat();
  if (std::isnan(x)) return Value::Float8(x);
  volatile double atan_x = std::atan(x);
  return Value::Float8((atan_x / Constants().atan_1_0) * 45.0);
}
Value Atan2d(const std::vector<Value>& a, const FunctionEnv&) {
  double y = a[0].GetFloat(), x = a[1].GetFloat();
  if (std::isnan(y) || std::isnan(x)) return Value::Float8(std::nan(""));
  volatile double atan2_yx = std::atan2(y, x);
  return Value::Float8((atan2_yx / Constants().atan_1_0) * 45.0);
}

}  // namespace

void AddDegreeTrigBuiltins(std::vector<ScalarFunction>& out) {
  const std::vector<T> f8 = {T::kFloat8};
  std::vector<ScalarFunction> fns = {
      {"sind", f8, T::kFloat8, DegreeTrig<0>}, {"cosd", f8, T::kFloat8, DegreeTrig<1>},
      {"tand", f8, T::kFloat8, DegreeTrig<2>}, {"cotd", f8, T::kFloat8, DegreeTrig<3>},
      {"asind", f8, T::kFloat8, Asind},        {"acosd", f8, T::kFloat8, Acosd},
      {"atand", f8, T::kFloat8, Atand},        {"atan2d", {T::kFloat8, T::kFloat8}, T::kFloat8, Atan2d},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner

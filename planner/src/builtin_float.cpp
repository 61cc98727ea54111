// Floating-point functions of PostgreSQL 15's float.c: exp, ln, log, log10, cbrt, power, the trigonometric
// and hyperbolic functions (radians and degrees, the *d forms exact at the standard angles), degrees,
// radians, pi.
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <random>

#include "builtins.h"
#include "common/error.h"

namespace lumadb::planner {

namespace {

// SQLSTATE 2201E (errcodes.txt invalid_argument_for_logarithm).
constexpr SqlState kInvalidArgumentForLogarithm{"2201E"};

using T = TypeId;

constexpr double kRadiansPerDegree = 0.0174532925199432957692;

[[noreturn]] void Overflow() {
  throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
}
[[noreturn]] void Underflow() {
  throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
}
[[noreturn]] void OutOfRange() {
  throw DbError(sqlstate::kNumericValueOutOfRange, "input is out of range");
}

double Arg(const std::vector<Value>& a, size_t i = 0) {
  return a[i].GetFloat();
}
Value F(double d) {
  return Value::Float8(d);
}

Value Exp(const std::vector<Value>& a, const FunctionEnv&) {
  double x = Arg(a);
  if (std::isnan(x)) return F(x);
  if (std::isinf(x)) return F(x > 0 ? x : 0);
  errno = 0;
  double r = std::exp(x);
  if (errno == ERANGE) {
    if (r != 0.0) Overflow();
    Underflow();
  }
  if (std::isinf(r)) Overflow();
  if (r == 0.0) Underflow();
  return F(r);
}

template <double (*kFn)(double)>
Value Log(const std::vector<Value>& a, const FunctionEnv&) {
  double x = Arg(a);
  if (x == 0.0) throw DbError(kInvalidArgumentForLogarithm, "cannot take logarithm of zero");
  if (x < 0) throw DbError(kInvalidArgumentForLogarithm, "cannot take logarithm of a negative number");
  double r = kFn(x);
  if (std::isinf(r) && !std::isinf(x)) Overflow();
  if (r == 0.0 && x != 1.0) Underflow();
  return F(r);
}

Value Cbrt(const std::vector<Value>& a, const FunctionEnv&) {
  double r = std::cbrt(Arg(a));
  if (std::isinf(r) && !std::isinf(Arg(a))) Overflow();
  if (r == 0.0 && Arg(a) != 0.0) Underflow();
  return F(r);
}

// float8pow: POSIX's NaN and infinity cases explicitly, then pow() with overflow checks.
Value Pow(const std::vector<Value>& a, const FunctionEnv&) {
  double x = Arg(a), y = Arg(a, 1);
  if (std::isnan(x)) return F(std::isnan(y) || y != 0.0 ? std::nan("") : 1.0);
  if (std::isnan(y)) return F(x != 1.0 ? std::nan("") : 1.0);
  if (x == 0 && y < 0) {
    throw DbError(sqlstate::kInvalidArgumentForPowerFunction, "zero raised to a negative power is undefined");
  }
  if (x < 0 && std::floor(y) != y) {
    throw DbError(sqlstate::kInvalidArgumentForPowerFunction,
                  "a negative number raised to a non-integer power yields a complex result");
  }
  double absx = std::fabs(x);
  if (std::isinf(y)) {
    if (absx == 1.0) return F(1.0);
    if (y > 0) return F(absx > 1.0 ? y : 0.0);
    return F(absx > 1.0 ? 0.0 : -y);
  }
  if (std::isinf(x)) {
    if (y == 0.0) return F(1.0);
    if (x > 0) return F(y > 0 ? x : 0.0);
    double half = y / 2;
    bool odd = std::floor(half) != half;
    return F(y > 0 ? (odd ? x : -x) : (odd ? -0.0 : 0.0));
  }
  errno = 0;
  double r = std::pow(x, y);
  if (errno == EDOM || std::isnan(r)) {
    if (x == 0.0) return F(0.0);
    if (absx == 1.0) return F(1.0);
    if (y >= 0.0 ? absx > 1.0 : absx < 1.0) Overflow();
    Underflow();
  }
  if (errno == ERANGE) {
    if (r != 0.0) Overflow();
    Underflow();
  }
  if (std::isinf(r)) Overflow();
  if (r == 0.0 && x != 0.0) Underflow();
  return F(r);
}

// dsin, dcos, dtan, dcot: NaN passes; errno or an infinite input is "input is out of range".
template <int kWhich>
Value Trig(const std::vector<Value>& a, const FunctionEnv&) {
  double x = Arg(a);
  if (std::isnan(x)) return F(x);
  errno = 0;
  double r = kWhich == 0 ? std::sin(x) : kWhich == 1 ? std::cos(x) : std::tan(x);
  if (errno != 0 || std::isinf(x)) OutOfRange();
  if (kWhich == 3) return F(1.0 / r);
  if (kWhich < 2 && std::isinf(r)) Overflow();
  return F(r);
}

template <int kWhich>
Value InverseTrig(const std::vector<Value>& a, const FunctionEnv&) {
  double x = Arg(a);
  if (std::isnan(x)) return F(x);
  if (kWhich < 2 && (x < -1.0 || x > 1.0)) OutOfRange();
  double r = kWhich == 0 ? std::asin(x) : kWhich == 1 ? std::acos(x) : std::atan(x);
  if (std::isinf(r)) Overflow();
  return F(r);
}

Value Atan2(const std::vector<Value>& a, const FunctionEnv&) {
  double y = Arg(a), x = Arg(a, 1);
  if (std::isnan(y) || std::isnan(x)) return F(std::nan(""));
  double r = std::atan2(y, x);
  if (std::isinf(r)) Overflow();
  return F(r);
}

Value Sinh(const std::vector<Value>& a, const FunctionEnv&) {
  errno = 0;
  double x = Arg(a), r = std::sinh(x);
  if (errno == ERANGE) r = x < 0 ? -INFINITY : INFINITY;
  return F(r);
}
Value Cosh(const std::vector<Value>& a, const FunctionEnv&) {
  errno = 0;
  double r = std::cosh(Arg(a));
  if (errno == ERANGE) r = INFINITY;
  if (r == 0.0) Underflow();
  return F(r);
}
Value Tanh(const std::vector<Value>& a, const FunctionEnv&) {
  double r = std::tanh(Arg(a));
  if (std::isinf(r)) Overflow();
  return F(r);
}
Value Asinh(const std::vector<Value>& a, const FunctionEnv&) {
  return F(std::asinh(Arg(a)));
}
Value Acosh(const std::vector<Value>& a, const FunctionEnv&) {
  if (Arg(a) < 1.0) OutOfRange();
  return F(std::acosh(Arg(a)));
}
Value Atanh(const std::vector<Value>& a, const FunctionEnv&) {
  double x = Arg(a);
  if (x < -1.0 || x > 1.0) OutOfRange();
  if (x == -1.0) return F(-INFINITY);
  if (x == 1.0) return F(INFINITY);
  return F(std::atanh(x));
}

Value Degrees(const std::vector<Value>& a, const FunctionEnv&) {
  double x = Arg(a), r = x / kRadiansPerDegree;
  if (std::isinf(r) && !std::isinf(x)) Overflow();
  if (r == 0.0 && x != 0.0) Underflow();
  return F(r);
}
Value Radians(const std::vector<Value>& a, const FunctionEnv&) {
  double x = Arg(a), r = x * kRadiansPerDegree;
  if (std::isinf(r) && !std::isinf(x)) Overflow();
  if (r == 0.0 && x != 0.0) Underflow();
  return F(r);
}
Value Pi(const std::vector<Value>&, const FunctionEnv&) {
  return F(M_PI);
}

// drandom's generator (common/pg_prng.c: xoroshiro128** seeded through splitmix64), one per session thread.
struct Prng {
  uint64_t s0 = 0, s1 = 0;
  bool seeded = false;

  static uint64_t SplitMix64(uint64_t* state) {
    uint64_t v = (*state += 0x9E3779B97F4A7C15ULL);
    v = (v ^ (v >> 30)) * 0xBF58476D1CE4E5B9ULL;
    v = (v ^ (v >> 27)) * 0x94D049BB133111EBULL;
    return v ^ (v >> 31);
  }
  static uint64_t Rotl(uint64_t x, int bits) { return (x << bits) | (x >> (64 - bits)); }
  void Seed(uint64_t seed) {
    s0 = SplitMix64(&seed);
    s1 = SplitMix64(&seed);
    if (s0 == 0 && s1 == 0) s0 = 0x5851F42D4C957F2DULL;
    seeded = true;
  }
  double Next() {
    if (!seeded) Seed(std::random_device{}() ^ (static_cast<uint64_t>(std::random_device{}()) << 32));
    uint64_t x0 = s0, sx = s1 ^ x0, val = Rotl(x0 * 5, 7) * 9;
    s0 = Rotl(x0, 24) ^ sx ^ (sx << 16);
    s1 = Rotl(sx, 37);
    return std::ldexp(static_cast<double>(val >> 12), -52);
  }
};
thread_local Prng session_prng;

Value Random(const std::vector<Value>&, const FunctionEnv&) {
  return F(session_prng.Next());
}
// setseed: pg_prng_fseed, the seed scaled to 52 bits.
Value SetSeed(const std::vector<Value>& a, const FunctionEnv&) {
  double seed = Arg(a);
  if (seed < -1 || seed > 1 || std::isnan(seed)) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "setseed parameter %g is out of allowed range [-1,1]", seed);
    throw DbError(sqlstate::kInvalidParameterValue, buf);
  }
  session_prng.Seed(static_cast<uint64_t>(static_cast<int64_t>(static_cast<double>((1ULL << 52) - 1) * seed)));
  return Value::Void();
}

}  // namespace

/// The degree-based trigonometric functions, from builtin_float_degrees.cpp.
void AddDegreeTrigBuiltins(std::vector<ScalarFunction>& out);

void AddFloatBuiltins(std::vector<ScalarFunction>& out) {
  const std::vector<T> f8 = {T::kFloat8};
  std::vector<ScalarFunction> fns = {
      {"exp", f8, T::kFloat8, Exp},
      {"ln", f8, T::kFloat8, Log<std::log>},
      {"log", f8, T::kFloat8, Log<std::log10>},
      {"log10", f8, T::kFloat8, Log<std::log10>},
      {"cbrt", f8, T::kFloat8, Cbrt},
      {"sin", f8, T::kFloat8, Trig<0>},
      {"cos", f8, T::kFloat8, Trig<1>},
      {"tan", f8, T::kFloat8, Trig<2>},
      {"cot", f8, T::kFloat8, Trig<3>},
      {"asin", f8, T::kFloat8, InverseTrig<0>},
      {"acos", f8, T::kFloat8, InverseTrig<1>},
      {"atan", f8, T::kFloat8, InverseTrig<2>},
      {"atan2", {T::kFloat8, T::kFloat8}, T::kFloat8, Atan2},
      {"sinh", f8, T::kFloat8, Sinh},
      {"cosh", f8, T::kFloat8, Cosh},
      {"tanh", f8, T::kFloat8, Tanh},
      {"asinh", f8, T::kFloat8, Asinh},
      {"acosh", f8, T::kFloat8, Acosh},
      {"atanh", f8, T::kFloat8, Atanh},
      {"degrees", f8, T::kFloat8, Degrees},
      {"radians", f8, T::kFloat8, Radians},
      {"pi", {}, T::kFloat8, Pi},
      {"random", {}, T::kFloat8, Random, true, false, true},
      {"setseed", f8, T::kVoid, SetSeed, true, false, true},
  };
  out.insert(out.end(), fns.begin(), fns.end());
  AddDegreeTrigBuiltins(out);
  AddFloatAccumBuiltins(out);
}

/// float8pow, shared with builtin_math.cpp's power(float8, float8).
Value FloatPower(const std::vector<Value>& a, const FunctionEnv& env) {
  return Pow(a, env);
}

}  // namespace lumadb::planner

// Numeric functions, as PostgreSQL's float.c, int.c and numeric.c.
#include <cmath>

#include "builtins.h"
#include "common/error.h"
#include "common/value_ops.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

Value Abs(const std::vector<Value>& a, const FunctionEnv&) {
  const Value& v = a[0];
  switch (v.type()) {
    case T::kFloat4:
      return Value::Float4(static_cast<float>(std::fabs(v.GetFloat())));
    case T::kFloat8:
      return Value::Float8(std::fabs(v.GetFloat()));
    case T::kNumeric:
      return Value::Num(v.GetNumeric().Abs());
    default:
      return v.GetInt() < 0 ? Negate(v) : v;
  }
}

// Float rounding uses rint (half to even), numeric rounds half away from zero: both as PostgreSQL.
Value RoundFloat(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Float8(std::rint(a[0].GetFloat()));
}
Value RoundNumeric(const std::vector<Value>& a, const FunctionEnv&) {
  int32_t scale = a.size() > 1 ? static_cast<int32_t>(a[1].GetInt()) : 0;
  return Value::Num(a[0].GetNumeric().Round(scale));
}
Value TruncFloat(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Float8(std::trunc(a[0].GetFloat()));
}
Value TruncNumeric(const std::vector<Value>& a, const FunctionEnv&) {
  int32_t scale = a.size() > 1 ? static_cast<int32_t>(a[1].GetInt()) : 0;
  return Value::Num(a[0].GetNumeric().Trunc(scale));
}
Value CeilFloat(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Float8(std::ceil(a[0].GetFloat()));
}
Value FloorFloat(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Float8(std::floor(a[0].GetFloat()));
}

// ceil/floor of numeric: the truncated value, moved by one when a fraction was cut off in that direction.
Value StepNumeric(const Numeric& n, bool up) {
  Numeric t = n.Trunc(0);
  if (t.Compare(n) == 0) return Value::Num(t);
  bool move = up ? !n.IsNegative() : n.IsNegative();
  if (!move) return Value::Num(t);
  return Value::Num(t.Add(Numeric::FromInt64(up ? 1 : -1)));
}
Value CeilNumeric(const std::vector<Value>& a, const FunctionEnv&) {
  return StepNumeric(a[0].GetNumeric(), true);
}
Value FloorNumeric(const std::vector<Value>& a, const FunctionEnv&) {
  return StepNumeric(a[0].GetNumeric(), false);
}

Value Sqrt(const std::vector<Value>& a, const FunctionEnv&) {
  double d = a[0].GetFloat();
  if (d < 0) throw DbError(sqlstate::kInvalidArgumentForPowerFunction, "cannot take square root of a negative number");
  return Value::Float8(std::sqrt(d));
}
Value Mod(const std::vector<Value>& a, const FunctionEnv&) {
  return Arithmetic(ArithOp::kMod, a[0], a[1]);
}
Value SignFloat(const std::vector<Value>& a, const FunctionEnv&) {
  double d = a[0].GetFloat();
  return Value::Float8(d > 0 ? 1.0 : (d < 0 ? -1.0 : 0.0));
}
Value SignNumeric(const std::vector<Value>& a, const FunctionEnv&) {
  const Numeric& n = a[0].GetNumeric();
  if (n.IsNaN()) return a[0];
  return Value::Num(Numeric::FromInt64(n.IsZero() ? 0 : (n.IsNegative() ? -1 : 1)));
}

}  // namespace

void AddMathBuiltins(std::vector<ScalarFunction>& out) {
  std::vector<ScalarFunction> fns = {
      {"abs", {T::kInt2}, T::kInt2, Abs},
      {"abs", {T::kInt4}, T::kInt4, Abs},
      {"abs", {T::kInt8}, T::kInt8, Abs},
      {"abs", {T::kFloat4}, T::kFloat4, Abs},
      {"abs", {T::kFloat8}, T::kFloat8, Abs},
      {"abs", {T::kNumeric}, T::kNumeric, Abs},
      {"round", {T::kFloat8}, T::kFloat8, RoundFloat},
      {"round", {T::kNumeric}, T::kNumeric, RoundNumeric},
      {"round", {T::kNumeric, T::kInt4}, T::kNumeric, RoundNumeric},
      {"trunc", {T::kFloat8}, T::kFloat8, TruncFloat},
      {"trunc", {T::kNumeric}, T::kNumeric, TruncNumeric},
      {"trunc", {T::kNumeric, T::kInt4}, T::kNumeric, TruncNumeric},
      {"ceil", {T::kFloat8}, T::kFloat8, CeilFloat},
      {"ceil", {T::kNumeric}, T::kNumeric, CeilNumeric},
      {"ceiling", {T::kFloat8}, T::kFloat8, CeilFloat},
      {"ceiling", {T::kNumeric}, T::kNumeric, CeilNumeric},
      {"floor", {T::kFloat8}, T::kFloat8, FloorFloat},
      {"floor", {T::kNumeric}, T::kNumeric, FloorNumeric},
      {"sqrt", {T::kFloat8}, T::kFloat8, Sqrt},
      {"power", {T::kFloat8, T::kFloat8}, T::kFloat8, FloatPower},
      {"pow", {T::kFloat8, T::kFloat8}, T::kFloat8, FloatPower},
      {"mod", {T::kInt2, T::kInt2}, T::kInt2, Mod},
      {"mod", {T::kInt4, T::kInt4}, T::kInt4, Mod},
      {"mod", {T::kInt8, T::kInt8}, T::kInt8, Mod},
      {"mod", {T::kNumeric, T::kNumeric}, T::kNumeric, Mod},
      {"sign", {T::kFloat8}, T::kFloat8, SignFloat},
      {"sign", {T::kNumeric}, T::kNumeric, SignNumeric},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner

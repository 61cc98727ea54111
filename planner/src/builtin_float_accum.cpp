// The SQL-callable transition functions of the float8 variance and regression aggregates (PostgreSQL 15
// float.c float8_accum, float8_regr_accum, float8_combine, float8_regr_combine) over their float8[] states,
// with the same arithmetic as exec's aggregates (common/float_accum.h).
#include <algorithm>
#include <string>

#include "builtins.h"
#include "common/array.h"
#include "common/error.h"
#include "common/float_accum.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

// check_float8_array: a one-dimensional float8 array of n non-NULL elements, else XX000.
template <size_t N>
std::array<double, N> State(const Value& v, const char* caller) {
  const Array& a = v.GetArray();
  if (a.ndim() != 1 || a.items.size() != N || a.HasNulls()) {
    throw DbError(sqlstate::kInternalError,
                  std::string(caller) + ": expected " + std::to_string(N) + "-element float8 array");
  }
  std::array<double, N> out{};
  std::transform(a.items.begin(), a.items.end(), out.begin(), [](const Value& x) { return x.GetFloat(); });
  return out;
}

template <size_t N>
Value ArrayOf(const std::array<double, N>& s) {
  std::vector<Value> items;
  for (double x : s) items.push_back(Value::Float8(x));
  return MakeArray(T::kFloat8, std::move(items));
}

Value Accum(const std::vector<Value>& a, const FunctionEnv&) {
  auto s = State<3>(a[0], "float8_accum");
  Float8Accum(s, a[1].GetFloat());
  return ArrayOf(s);
}

Value RegrAccum(const std::vector<Value>& a, const FunctionEnv&) {
  auto s = State<6>(a[0], "float8_regr_accum");
  Float8RegrAccum(s, a[1].GetFloat(), a[2].GetFloat());
  return ArrayOf(s);
}

Value Combine(const std::vector<Value>& a, const FunctionEnv&) {
  auto s = State<3>(a[0], "float8_combine");
  Float8Combine(s, State<3>(a[1], "float8_combine"));
  return ArrayOf(s);
}

Value RegrCombine(const std::vector<Value>& a, const FunctionEnv&) {
  auto s = State<6>(a[0], "float8_regr_combine");
  Float8RegrCombine(s, State<6>(a[1], "float8_regr_combine"));
  return ArrayOf(s);
}

}  // namespace

void AddFloatAccumBuiltins(std::vector<ScalarFunction>& out) {
  const T arr = array_type::kFloat8;
  std::vector<ScalarFunction> fns = {
      {"float8_accum", {arr, T::kFloat8}, arr, Accum},
      {"float8_regr_accum", {arr, T::kFloat8, T::kFloat8}, arr, RegrAccum},
      {"float8_combine", {arr, arr}, arr, Combine},
      {"float8_regr_combine", {arr, arr}, arr, RegrCombine},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner

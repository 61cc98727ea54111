// Array functions and operators as ScalarFunctions over Array values (the algorithms are in
// common/array_funcs.h). Their argument and result types are polymorphic (anyarray, anycompatible), so
// the binder resolves them itself (bind_arrays.cpp) and only string_to_array is in the ordinary registry.

#include "builtins.h"
#include "common/array_assign.h"
#include "common/array_fill.h"
#include "common/array_funcs.h"
#include "common/error.h"
#include "common/value_ops.h"
#include "plan_util.h"
#include "planner/bound_expr.h"

namespace lumadb::planner {

namespace {

using Args = std::vector<Value>;
using T = TypeId;

Value IntOrNull(std::optional<int32_t> v) {
  return v ? Value::Int4(*v) : Value::Null(T::kInt4);
}

template <ArrayBound kWhat>
Value Dimension(const Args& a, const FunctionEnv&) {
  return IntOrNull(ArrayDimension(a[0].GetArray(), a[1].GetInt(), kWhat));
}

Value Ndims(const Args& a, const FunctionEnv&) {
  const int n = a[0].GetArray().ndim();
  return n == 0 ? Value::Null(T::kInt4) : Value::Int4(n);
}

// array_dims: "[lb:ub]" per dimension, NULL for the empty array.
Value Dims(const Args& a, const FunctionEnv&) {
  const Array& arr = a[0].GetArray();
  if (arr.ndim() == 0) return Value::Null(T::kText);
  std::string out;
  for (int d = 0; d < arr.ndim(); ++d) {
    out += "[" + std::to_string(arr.lbounds[d]) + ":" + std::to_string(arr.lbounds[d] + arr.dims[d] - 1) + "]";
  }
  return Value::String(std::move(out));
}

Value Cardinality(const Args& a, const FunctionEnv&) {
  return Value::Int4(static_cast<int32_t>(a[0].GetArray().items.size()));
}

Value Position(const Args& a, const FunctionEnv&) {
  if (a[0].is_null()) return Value::Null(T::kInt4);
  std::optional<int64_t> start;
  if (a.size() > 2) {
    if (a[2].is_null()) throw DbError(sqlstate::kNullValueNotAllowed, "initial position must not be null");
    start = a[2].GetInt();
  }
  return IntOrNull(ArrayPosition(a[0].GetArray(), a[1], start));
}

Value Positions(const Args& a, const FunctionEnv&) {
  if (a[0].is_null()) return Value::Null(array_type::kInt4);
  return ArrayPositions(a[0].GetArray(), a[1]);
}

Value Append(const Args& a, const FunctionEnv&) {
  return ArrayAppend(a[0], a[1]);
}

Value Prepend(const Args& a, const FunctionEnv&) {
  return ArrayPrepend(a[0], a[1]);
}

Value Cat(const Args& a, const FunctionEnv&) {
  return ArrayCat(a[0], a[1]);
}

Value Remove(const Args& a, const FunctionEnv&) {
  if (a[0].is_null()) return a[0];
  return ArrayRemove(a[0].GetArray(), a[1]);
}

Value Replace(const Args& a, const FunctionEnv&) {
  if (a[0].is_null()) return a[0];
  return ArrayReplace(a[0].GetArray(), a[1], a[2]);
}

Value ToString(const Args& a, const FunctionEnv&) {
  if (a[0].is_null() || a[1].is_null()) return Value::Null(T::kText);
  const std::string* null_string = a.size() > 2 && !a[2].is_null() ? &a[2].GetString() : nullptr;
  return Value::String(ArrayToString(a[0].GetArray(), a[1].GetString(), null_string));
}

Value FromString(const Args& a, const FunctionEnv&) {
  if (a[0].is_null()) return Value::Null(array_type::kText);
  const std::string* delimiter = a[1].is_null() ? nullptr : &a[1].GetString();
  const std::string* null_string = a.size() > 2 && !a[2].is_null() ? &a[2].GetString() : nullptr;
  return StringToArray(a[0].GetString(), delimiter, null_string);
}

// ARRAY[...]: the arguments are elements, or sub-arrays of one shape (ExecEvalArrayExpr; NULL sub-arrays
// are skipped).
Value Construct(const Args& a, const FunctionEnv&) {
  if (!IsArrayType(a[0].type())) return MakeArray(a[0].type(), a);
  Array out{ElementTypeOf(a[0].type()), {}, {}, {}};
  int32_t rows = 0;
  for (const Value& sub : a) {
    if (sub.is_null()) continue;
    const Array& s = sub.GetArray();
    if (rows > 0 && (s.dims != std::vector<int32_t>(out.dims.begin() + 1, out.dims.end()) ||
                     s.lbounds != std::vector<int32_t>(out.lbounds.begin() + 1, out.lbounds.end()))) {
      throw DbError(sqlstate::kArraySubscriptError,
                    "multidimensional arrays must have array expressions with matching dimensions");
    }
    if (rows == 0) {
      out.dims = {0};
      out.dims.insert(out.dims.end(), s.dims.begin(), s.dims.end());
      out.lbounds = {1};
      out.lbounds.insert(out.lbounds.end(), s.lbounds.begin(), s.lbounds.end());
    }
    out.items.insert(out.items.end(), s.items.begin(), s.items.end());
    out.dims[0] = ++rows;
  }
  if (out.items.empty()) out = Array{out.element, {}, {}, {}};
  return MakeArray(std::move(out));
}

// a[i][j]...: the arguments are the array and one subscript per dimension.
Value Subscript(const Args& a, const FunctionEnv&) {
  std::vector<int64_t> indexes;
  for (size_t i = 1; i < a.size(); ++i) indexes.push_back(a[i].GetInt());
  return ArraySubscript(a[0].GetArray(), indexes);
}

// a[lo:hi]...: the array, then a lower and an upper bound per sliced dimension (an omitted bound arrives
// as INT32_MIN / INT32_MAX, which the clamping to the array's bounds turns into that bound).
Value Slice(const Args& a, const FunctionEnv&) {
  std::vector<std::pair<int64_t, int64_t>> ranges;
  for (size_t i = 1; i + 1 < a.size(); i += 2) ranges.emplace_back(a[i].GetInt(), a[i + 1].GetInt());
  return ArraySlice(a[0].GetArray(), ranges);
}

// x op ANY/ALL (array), ExecEvalScalarArrayOp: an empty array gives false (ANY) / true (ALL) even for a
// NULL x; otherwise a NULL comparison makes an undecided result NULL.
template <CompareOp kOp, bool kAll>
Value ScalarArrayOp(const Args& a, const FunctionEnv&) {
  if (a[1].is_null()) return Value::Null(T::kBool);
  const Array& arr = a[1].GetArray();
  if (arr.items.empty()) return Value::Bool(kAll);
  if (a[0].is_null()) return Value::Null(T::kBool);
  bool saw_null = false;
  for (const Value& v : arr.items) {
    if (v.is_null()) {
      saw_null = true;
    } else if (CompareHolds(kOp, CompareValues(a[0], v)) != kAll) {
      return Value::Bool(!kAll);
    }
  }
  return saw_null ? Value::Null(T::kBool) : Value::Bool(kAll);
}

Value Contains(const Args& a, const FunctionEnv&) {
  return Value::Bool(ArrayContains(a[0].GetArray(), a[1].GetArray()));
}

Value ContainedBy(const Args& a, const FunctionEnv&) {
  return Value::Bool(ArrayContains(a[1].GetArray(), a[0].GetArray()));
}

Value Overlaps(const Args& a, const FunctionEnv&) {
  return Value::Bool(ArrayOverlaps(a[0].GetArray(), a[1].GetArray()));
}

// array_set_element (array, value, index...) and array_set_slice (array, value, mask, lower, upper, ...)
// for subscripted assignment (bind_array_assign.cpp); not strict: the array and the value may be NULL,
// a NULL subscript is an error (array_subscript_check_subscripts).
int32_t AssignedSubscript(const Value& v) {
  if (v.is_null()) throw DbError(sqlstate::kNullValueNotAllowed, "array subscript in assignment must not be null");
  return static_cast<int32_t>(v.GetInt());
}

Value SetElement(const Args& a, const FunctionEnv&) {
  std::vector<int32_t> indexes;
  for (size_t i = 2; i < a.size(); ++i) indexes.push_back(AssignedSubscript(a[i]));
  return ArraySetElement(a[0], indexes, a[1]);
}

Value SetSlice(const Args& a, const FunctionEnv&) {
  const int64_t mask = a[2].GetInt();
  std::vector<std::optional<int32_t>> lower, upper;
  for (size_t i = 3, k = 0; i + 1 < a.size(); i += 2, ++k) {
    lower.push_back(mask & (int64_t{1} << (2 * k)) ? std::optional(AssignedSubscript(a[i])) : std::nullopt);
    upper.push_back(mask & (int64_t{1} << (2 * k + 1)) ? std::optional(AssignedSubscript(a[i + 1])) : std::nullopt);
  }
  return ArraySetSlice(a[0], lower, upper, a[1]);
}

// array_fill(value, dims [, lbounds]): not strict, the value may be NULL.
Value Fill(const Args& a, const FunctionEnv&) {
  return ArrayFill(a[0], a[1], a.size() > 2 ? &a[2] : nullptr);
}

Value WidthBucket(const Args& a, const FunctionEnv&) {
  return Value::Int4(ArrayWidthBucket(a[0], a[1].GetArray()));
}

Value Trim(const Args& a, const FunctionEnv&) {
  return TrimArray(a[0].GetArray(), a[1].GetInt());
}

// Polymorphic entries: arg_types and result are fixed up by the binder (kInvalid here).
const std::vector<ScalarFunction>& ArrayFunctions() {
  constexpr T kAny = T::kInvalid;
  using Op = CompareOp;
  static const std::vector<ScalarFunction> kFns = {
      {"array_length", {kAny, T::kInt4}, T::kInt4, Dimension<ArrayBound::kLength>},
      {"array_set_element", {kAny, kAny, T::kInt4}, kAny, SetElement, false, true},
      {"array_set_slice", {kAny, kAny, T::kInt8, T::kInt4}, kAny, SetSlice, false, true},
      {"array_lower", {kAny, T::kInt4}, T::kInt4, Dimension<ArrayBound::kLower>},
      {"array_upper", {kAny, T::kInt4}, T::kInt4, Dimension<ArrayBound::kUpper>},
      {"array_ndims", {kAny}, T::kInt4, Ndims},
      {"array_dims", {kAny}, T::kText, Dims},
      {"cardinality", {kAny}, T::kInt4, Cardinality},
      {"array_position", {kAny, kAny}, T::kInt4, Position, false},
      {"array_position", {kAny, kAny, T::kInt4}, T::kInt4, Position, false},
      {"array_positions", {kAny, kAny}, array_type::kInt4, Positions, false},
      {"array_append", {kAny, kAny}, kAny, Append, false},
      {"array_prepend", {kAny, kAny}, kAny, Prepend, false},
      {"array_cat", {kAny, kAny}, kAny, Cat, false},
      {"array_remove", {kAny, kAny}, kAny, Remove, false},
      {"array_replace", {kAny, kAny, kAny}, kAny, Replace, false},
      {"array_to_string", {kAny, T::kText}, T::kText, ToString, false},
      {"array_to_string", {kAny, T::kText, T::kText}, T::kText, ToString, false},
      {"array_fill", {kAny, array_type::kInt4}, kAny, Fill, false},
      {"array_fill", {kAny, array_type::kInt4, array_type::kInt4}, kAny, Fill, false},
      {"width_bucket", {kAny, kAny}, T::kInt4, WidthBucket},
      {"trim_array", {kAny, T::kInt4}, kAny, Trim},
      {"array", {}, kAny, Construct, false, true},
      {"subscript", {kAny, T::kInt4}, kAny, Subscript, true, true},
      {"slice", {kAny, T::kInt4}, kAny, Slice, true, true},
      {"@>", {kAny, kAny}, T::kBool, Contains},
      {"<@", {kAny, kAny}, T::kBool, ContainedBy},
      {"&&", {kAny, kAny}, T::kBool, Overlaps},
      {"= ANY", {kAny, kAny}, T::kBool, ScalarArrayOp<Op::kEq, false>, false},
      {"<> ANY", {kAny, kAny}, T::kBool, ScalarArrayOp<Op::kNe, false>, false},
      {"< ANY", {kAny, kAny}, T::kBool, ScalarArrayOp<Op::kLt, false>, false},
      {"<= ANY", {kAny, kAny}, T::kBool, ScalarArrayOp<Op::kLe, false>, false},
      {"> ANY", {kAny, kAny}, T::kBool, ScalarArrayOp<Op::kGt, false>, false},
      {">= ANY", {kAny, kAny}, T::kBool, ScalarArrayOp<Op::kGe, false>, false},
      {"= ALL", {kAny, kAny}, T::kBool, ScalarArrayOp<Op::kEq, true>, false},
      {"<> ALL", {kAny, kAny}, T::kBool, ScalarArrayOp<Op::kNe, true>, false},
      {"< ALL", {kAny, kAny}, T::kBool, ScalarArrayOp<Op::kLt, true>, false},
      {"<= ALL", {kAny, kAny}, T::kBool, ScalarArrayOp<Op::kLe, true>, false},
      {"> ALL", {kAny, kAny}, T::kBool, ScalarArrayOp<Op::kGt, true>, false},
      {">= ALL", {kAny, kAny}, T::kBool, ScalarArrayOp<Op::kGe, true>, false},
  };
  return kFns;
}

}  // namespace

void AddArrayBuiltins(std::vector<ScalarFunction>& out) {
  out.push_back({"string_to_array", {T::kText, T::kText}, array_type::kText, FromString, false});
  out.push_back({"string_to_array", {T::kText, T::kText, T::kText}, array_type::kText, FromString, false});
}

const ScalarFunction* FindArrayFunction(std::string_view name, size_t nargs) {
  for (const ScalarFunction& f : ArrayFunctions()) {
    if (name == f.name && (f.variadic || f.arg_types.size() == nargs)) return &f;
  }
  return nullptr;
}

}  // namespace lumadb::planner

// array_fill_internal, width_bucket_array and accumArrayResultArr (arrayfuncs.c) and trim_array
// (array_userfuncs.c) of PostgreSQL 15.

#include "common/array_fill.h"

#include <algorithm>
#include <string>

#include "common/array_assign.h"
#include "common/array_funcs.h"
#include "common/error.h"
#include "common/value_ops.h"

namespace lumadb {

namespace {

DbError WrongSubscripts(const char* detail) {
  return DbError(sqlstate::kArraySubscriptError, "wrong number of array subscripts").Detail(detail);
}

// The int4 values of a dimension or lower-bound argument of array_fill.
std::vector<int32_t> DimensionValues(const Array& a) {
  if (a.ndim() > 1) throw WrongSubscripts("Dimension array must be one dimensional.");
  std::vector<int32_t> out;
  for (const Value& v : a.items) {
    if (v.is_null()) throw DbError(sqlstate::kNullValueNotAllowed, "dimension values cannot be null");
    out.push_back(static_cast<int32_t>(v.GetInt()));
  }
  return out;
}

}  // namespace

Value ArrayFill(const Value& value, const Value& dims, const Value* lbounds) {
  if (dims.is_null() || (lbounds && lbounds->is_null())) {
    throw DbError(sqlstate::kNullValueNotAllowed, "dimension array or low bound array cannot be null");
  }
  const std::vector<int32_t> d = DimensionValues(dims.GetArray());
  if (d.size() > static_cast<size_t>(kMaxArrayDims)) throw TooManyArrayDimensions(d.size());
  std::vector<int32_t> lb(d.size(), 1);
  if (lbounds) {
    lb = DimensionValues(lbounds->GetArray());
    if (lb.size() != d.size()) throw WrongSubscripts("Low bound array has different size than dimensions array.");
  }
  const int64_t n = CheckedArrayItems({d.begin(), d.end()}, {lb.begin(), lb.end()});
  const TypeId element = value.type();
  if (n <= 0) return MakeArray(Array{element, {}, {}, {}});
  return MakeArray(Array{element, d, lb, std::vector<Value>(static_cast<size_t>(n), value)});
}

int32_t ArrayWidthBucket(const Value& operand, const Array& thresholds) {
  if (thresholds.ndim() > 1) {
    throw DbError(sqlstate::kArraySubscriptError, "thresholds must be one-dimensional array");
  }
  if (thresholds.HasNulls()) {
    throw DbError(sqlstate::kNullValueNotAllowed, "thresholds array must not contain NULLs");
  }
  size_t left = 0;
  size_t right = thresholds.items.size();
  while (left < right) {
    const size_t mid = (left + right) / 2;
    if (CompareValues(thresholds.items[mid], operand) > 0) {
      right = mid;
    } else {
      left = mid + 1;
    }
  }
  return static_cast<int32_t>(left);
}

Value TrimArray(const Array& a, int64_t n) {
  const int64_t length = a.ndim() > 0 ? a.dims[0] : 0;
  if (n < 0 || n > length) {
    throw DbError(sqlstate::kArraySubscriptError,
                  "number of elements to trim must be between 0 and " + std::to_string(length));
  }
  if (a.ndim() == 0) return MakeArray(a);
  return ArraySlice(a, {{a.lbounds[0], a.lbounds[0] + length - n - 1}});
}

Value AccumulateArrays(TypeId array_type, const std::vector<Value>& inputs) {
  Array out{ElementTypeOf(array_type), {}, {}, {}};
  for (const Value& v : inputs) {
    if (v.is_null()) throw DbError(sqlstate::kNullValueNotAllowed, "cannot accumulate null arrays");
    const Array& a = v.GetArray();
    if (out.dims.empty()) {
      if (a.ndim() == 0) throw DbError(sqlstate::kInvalidParameterValue, "cannot accumulate empty arrays");
      if (a.ndim() + 1 > kMaxArrayDims) throw TooManyArrayDimensions(a.ndim() + 1);
      out.dims = {0};
      out.dims.insert(out.dims.end(), a.dims.begin(), a.dims.end());
      out.lbounds = {1};
      out.lbounds.insert(out.lbounds.end(), a.lbounds.begin(), a.lbounds.end());
    } else if (a.ndim() + 1 != out.ndim() || !std::equal(a.dims.begin(), a.dims.end(), out.dims.begin() + 1) ||
               !std::equal(a.lbounds.begin(), a.lbounds.end(), out.lbounds.begin() + 1)) {
      throw DbError(sqlstate::kArraySubscriptError, "cannot accumulate arrays of different dimensionality");
    }
    out.items.insert(out.items.end(), a.items.begin(), a.items.end());
    ++out.dims[0];
  }
  return MakeArray(std::move(out));
}

}  // namespace lumadb

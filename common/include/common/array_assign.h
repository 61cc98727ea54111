#pragma once
// Assignment to array elements and slices: PostgreSQL 15 arrayfuncs.c array_set_element and
// array_set_slice, as `UPDATE t SET a[i][j] = v`, `SET a[lo:hi] = src` and `INSERT INTO t (a[i]) ...`
// apply them.

#include <cstdint>
#include <optional>
#include <vector>

#include "common/array.h"
#include "common/error.h"

namespace lumadb {

/// MaxArraySize of utils/array.h (MaxAllocSize / sizeof(Datum)): the most elements an array may hold.
inline constexpr int64_t kMaxArraySize = 134217727;

/// 54000 "array size exceeds the maximum allowed (134217727)" (ArrayGetNItems).
DbError ArraySizeExceeded();

/// 54000 "number of array dimensions (N) exceeds the maximum allowed (6)".
DbError TooManyArrayDimensions(size_t n);

/// ArrayGetNItems + ArrayCheckBounds: the element count of an array of these dimension lengths (0 for no
/// dimensions). Throws ArraySizeExceeded() for a negative length or more than kMaxArraySize elements, and
/// 54000 "array lower bound is too large: N" when a lower bound plus its length leaves int32.
int64_t CheckedArrayItems(const std::vector<int64_t>& dims, const std::vector<int64_t>& lbounds);

/// array_set_element: `array` (a NULL Value reads as the empty array) with the element at `indexes` set
/// to `value` (which may be NULL). The empty array becomes a one-element array of indexes.size()
/// dimensions whose lower bounds are the indexes; a one-dimensional array grows to reach the index,
/// filling the gap with NULLs. Throws 2202E "wrong number of array subscripts" when the count differs
/// from the array's ndim, 2202E "array subscript out of range" outside a multi-dimensional array, and
/// 54000 "array size exceeds the maximum allowed (134217727)" / "array lower bound is too large: N" on
/// overflow.
Value ArraySetElement(const Value& array, const std::vector<int32_t>& indexes, const Value& value);

/// array_set_slice: `array` (NULL reads as empty) with the slice lower[i]:upper[i] per dimension
/// replaced, in row-major order, by the elements of `source` (its shape is ignored; extra elements are
/// ignored). An omitted bound (nullopt) means the array's own bound. A NULL source leaves the array
/// as it is. Throws 2202E "array slice subscript must provide both boundaries" (an omitted bound on an
/// empty array), "upper bound cannot be less than lower bound", "wrong number of array subscripts",
/// "array subscript out of range" (multi-dimensional arrays do not grow), "source array too small",
/// and 54000 on size overflow.
Value ArraySetSlice(const Value& array, const std::vector<std::optional<int32_t>>& lower,
                    const std::vector<std::optional<int32_t>>& upper, const Value& source);

}  // namespace lumadb

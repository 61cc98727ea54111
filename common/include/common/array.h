#pragma once
// Array values: PostgreSQL 15's ArrayType (utils/array.h) as a C++ object. An array has ndim dimensions
// (0 for the empty array, at most kMaxArrayDims), a length and a lower bound per dimension, and its
// elements in row-major order, each a Value of the element type or a NULL of it.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/value.h"

namespace lumadb {

/// MAXDIM of utils/array.h.
inline constexpr int kMaxArrayDims = 6;

/// An array datum. Invariant: dims.size() == lbounds.size() <= kMaxArrayDims, every dims[i] >= 1, and
/// items.size() is the product of dims (an empty array has no dims and no items).
struct Array {
  TypeId element = TypeId::kInvalid;
  std::vector<int32_t> dims;
  std::vector<int32_t> lbounds;
  std::vector<Value> items;

  int ndim() const { return static_cast<int>(dims.size()); }
  bool HasNulls() const;
};

/// A one-dimensional array with lower bound 1 of `items` (empty items: the empty array), as a Value of
/// the array type of `element`.
Value MakeArray(TypeId element, std::vector<Value> items);

/// A Value of the array type of a.element holding a.
Value MakeArray(Array a);

/// array_in: parses `text` as an array of type `type` (an array type; its typmod applies to every
/// element). Throws 22P02 "malformed array literal: \"...\"" with PostgreSQL's DETAIL ("Unexpected end
/// of input.", "Junk after closing right brace.", ...), 2202E "upper bound cannot be less than lower
/// bound", 54000 for more than 6 dimensions, and the element type's own input errors.
Value ParseArray(TypeDesc type, std::string_view text);

/// array_out: `{1,2,NULL}`, `{{1,2},{3,4}}`, `[0:1]={1,2}` when a lower bound is not 1; an element is
/// double-quoted (with \" and \\) when empty, NULL in any case, or holding " \ { } , or white space.
std::string FormatArray(const Array& a);

/// array_send: ndim i32, has-null flag i32, element OID u32, then per dimension length i32 and lower
/// bound i32, then per element a length i32 (-1 for NULL) and the element's binary form.
std::string SendArray(const Array& a);

/// array_recv: reads the form SendArray writes as an array of `type` (element typmod applied). Throws
/// 22P03 "invalid number of dimensions: N", 22P03 "invalid array flags", 42804 "binary data has array
/// element type N (...) instead of expected M (...)", 54000 "array size exceeds the maximum allowed",
/// 22P03 "insufficient data left in message" / "improper binary format in array element N".
Value ReceiveArray(TypeDesc type, std::string_view bytes);

/// array_cmp (btarraycmp): elements compared in row-major order with NULLs greater than any value, then
/// the number of elements, then ndim, then each dimension's length and lower bound.
int CompareArrays(const Array& a, const Array& b);

/// A hash consistent with CompareArrays() == 0 (hash_array).
size_t HashArray(const Array& a);

}  // namespace lumadb

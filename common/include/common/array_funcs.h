#pragma once
// The array functions and operators of PostgreSQL 15 (utils/adt/arrayfuncs.c, array_userfuncs.c,
// varlena.c array_to_text / text_to_array) over Array values. Arguments that PostgreSQL declares
// non-strict may be NULL Values here (typed, so an empty result still knows its element type).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/array.h"

namespace lumadb {

/// array_length / array_lower / array_upper: the dimension `dim` (1-based) of a, or nullopt when a has
/// no such dimension (also for the empty array).
enum class ArrayBound { kLength, kLower, kUpper };
std::optional<int32_t> ArrayDimension(const Array& a, int64_t dim, ArrayBound what);

/// a[i][j]...: the element at those subscripts, a NULL of the element type when one is out of range or
/// their number is not a's ndim (array_get_element).
Value ArraySubscript(const Array& a, const std::vector<int64_t>& indexes);

/// a[lo:hi][lo:hi]...: the sub-array of those ranges (clamped to a's bounds; dimensions past the ranges
/// given are taken whole), with lower bounds 1; empty when a range misses the array or more ranges than
/// dimensions are given (array_get_slice).
Value ArraySlice(const Array& a, const std::vector<std::pair<int64_t, int64_t>>& ranges);

/// array_append(a, e) / array_prepend(e, a): a may be NULL (then {e}). 22000 "argument must be empty or
/// one-dimensional array" otherwise; the lower bound of a is kept.
Value ArrayAppend(const Value& a, const Value& element);
Value ArrayPrepend(const Value& element, const Value& a);

/// array_cat(a, b), the || of two arrays: NULL or empty sides give the other; equal ndim concatenates
/// along the first dimension, ndim n with n-1 adds one row. 2202E "cannot concatenate incompatible
/// arrays" with PostgreSQL's DETAIL otherwise.
Value ArrayCat(const Value& a, const Value& b);

/// array_remove(a, e): a without the elements IS NOT DISTINCT FROM e. 0A000 for multi-dimensional a.
Value ArrayRemove(const Array& a, const Value& element);

/// array_replace: every element not distinct from `search` (NULL matches NULL) becomes `replacement`;
/// dimensions and lower bounds stay, multi-dimensional arrays included.
Value ArrayReplace(const Array& a, const Value& search, const Value& replacement);

/// array_position(a, e [, start]) (nullopt when not found) and array_positions(a, e) (an int4[]): the
/// subscripts of elements IS NOT DISTINCT FROM e. 0A000 "searching for elements in multidimensional
/// arrays is not supported".
std::optional<int32_t> ArrayPosition(const Array& a, const Value& element, std::optional<int64_t> start);
Value ArrayPositions(const Array& a, const Value& element);

/// array_to_string(a, delimiter [, null_string]): element outputs joined; NULLs skipped unless
/// null_string is given.
std::string ArrayToString(const Array& a, const std::string& delimiter, const std::string* null_string);

/// string_to_array(text, delimiter [, null_string]) as text[]: a NULL delimiter splits into characters,
/// an empty one keeps the whole text; an empty text gives the empty array.
Value StringToArray(const std::string& text, const std::string* delimiter, const std::string* null_string);

/// a @> b (every non-NULL element of b equals some element of a; a NULL element never matches), and
/// a && b (some element in common).
bool ArrayContains(const Array& a, const Array& b);
bool ArrayOverlaps(const Array& a, const Array& b);

}  // namespace lumadb

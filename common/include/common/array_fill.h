#pragma once
// array_fill, width_bucket over a thresholds array, trim_array and the accumulation of arrays into one of
// a dimension more: PostgreSQL 15 arrayfuncs.c array_fill_internal, width_bucket_array,
// accumArrayResultArr and array_userfuncs.c trim_array.

#include <cstdint>
#include <vector>

#include "common/array.h"

namespace lumadb {

/// array_fill(value, dims [, lbounds]): an array of the shape `dims` (a one-dimensional int4[]) with
/// lower bounds `lbounds` (NULL Value: all 1), every element `value` (which may be NULL; its type is the
/// element type). Throws 22004 "dimension array or low bound array cannot be null" (a NULL dims, or a
/// given NULL lbounds), 22004 "dimension values cannot be null", 2202E "wrong number of array subscripts"
/// with PostgreSQL's DETAIL, 54000 for more than 6 dimensions or too many elements.
Value ArrayFill(const Value& value, const Value& dims, const Value* lbounds);

/// width_bucket(operand, thresholds): how many thresholds are <= operand (a binary search over the
/// sorted thresholds). Throws 2202E "thresholds must be one-dimensional array" and 22004 "thresholds
/// array must not contain NULLs".
int32_t ArrayWidthBucket(const Value& operand, const Array& thresholds);

/// trim_array(a, n): a without its last n elements along the first dimension (lower bounds become 1).
/// Throws 2202E "number of elements to trim must be between 0 and N".
Value TrimArray(const Array& a, int64_t n);

/// array_agg(anyarray) and ARRAY(SELECT array...) (accumArrayResultArr + makeArrayResultArr): the
/// `inputs` (Values of one array type) stacked along a new first dimension of lower bound 1; no inputs
/// give the empty array of `array_type`. Throws 22004 "cannot accumulate null arrays", 22023 "cannot
/// accumulate empty arrays", 54000 beyond 6 dimensions and 2202E "cannot accumulate arrays of different
/// dimensionality".
Value AccumulateArrays(TypeId array_type, const std::vector<Value>& inputs);

}  // namespace lumadb

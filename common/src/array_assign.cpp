// array_set_element and array_set_slice of PostgreSQL 15 arrayfuncs.c over Array values. The subscript
// arithmetic is done in 64 bits and checked against int32, which is where PostgreSQL's
// pg_add/sub_s32_overflow checks report 54000.

#include "common/array_assign.h"

#include <limits>
#include <string>

#include "common/error.h"

namespace lumadb {

namespace {

DbError SubscriptError(const char* message) {
  return DbError(sqlstate::kArraySubscriptError, message);
}

bool FitsInt32(int64_t v) {
  return v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max();
}

Array EmptyOf(const Value& array) {
  if (array.is_null()) return Array{ElementTypeOf(array.type()), {}, {}, {}};
  return array.GetArray();
}

// Row-major offset of `index` (absolute subscripts) in an array of dims/lbounds.
size_t Offset(const std::vector<int64_t>& index, const std::vector<int64_t>& dims,
              const std::vector<int64_t>& lbounds) {
  size_t offset = 0;
  for (size_t d = 0; d < dims.size(); ++d) offset = offset * dims[d] + static_cast<size_t>(index[d] - lbounds[d]);
  return offset;
}

// A copy of `old` laid out in the (possibly larger, one-dimensional only) new bounds, NULL elsewhere.
Array Regrid(const Array& old, const std::vector<int64_t>& dims, const std::vector<int64_t>& lbounds) {
  Array out{old.element, {}, {}, {}};
  for (size_t d = 0; d < dims.size(); ++d) {
    out.dims.push_back(static_cast<int32_t>(dims[d]));
    out.lbounds.push_back(static_cast<int32_t>(lbounds[d]));
  }
  const int64_t n = CheckedArrayItems(dims, lbounds);
  if (old.dims.size() == 1 && (dims[0] != old.dims[0] || lbounds[0] != old.lbounds[0])) {
    out.items.assign(static_cast<size_t>(n), Value::Null(old.element));
    const auto before = static_cast<size_t>(old.lbounds[0] - lbounds[0]);
    for (size_t i = 0; i < old.items.size(); ++i) out.items[before + i] = old.items[i];
  } else {
    out.items = old.items;
  }
  return out;
}

// The one-dimensional growth rule shared by both assignments: the range lo..hi must fit, extending dims[0]
// and lbounds[0] (pg_sub/add_s32_overflow in array_set_element/array_set_slice).
void Extend1D(int64_t lo, int64_t hi, std::vector<int64_t>& dims, std::vector<int64_t>& lbounds) {
  if (lo < lbounds[0]) {
    const int64_t added = lbounds[0] - lo;
    if (!FitsInt32(added) || !FitsInt32(dims[0] + added)) throw ArraySizeExceeded();
    dims[0] += added;
    lbounds[0] = lo;
  }
  if (hi >= dims[0] + lbounds[0]) {
    const int64_t added = hi - (dims[0] + lbounds[0]);
    if (!FitsInt32(added) || !FitsInt32(added + 1) || !FitsInt32(dims[0] + added + 1)) throw ArraySizeExceeded();
    dims[0] += added + 1;
  }
}

}  // namespace

DbError ArraySizeExceeded() {
  return DbError(sqlstate::kProgramLimitExceeded,
                 "array size exceeds the maximum allowed (" + std::to_string(kMaxArraySize) + ")");
}

DbError TooManyArrayDimensions(size_t n) {
  return DbError(sqlstate::kProgramLimitExceeded, "number of array dimensions (" + std::to_string(n) +
                                                      ") exceeds the maximum allowed (" +
                                                      std::to_string(kMaxArrayDims) + ")");
}

int64_t CheckedArrayItems(const std::vector<int64_t>& dims, const std::vector<int64_t>& lbounds) {
  int64_t n = dims.empty() ? 0 : 1;
  for (int64_t d : dims) {
    if (d < 0 || !FitsInt32(d)) throw ArraySizeExceeded();
    n *= d;
    if (n > kMaxArraySize) throw ArraySizeExceeded();
  }
  for (size_t i = 0; i < dims.size(); ++i) {
    if (!FitsInt32(dims[i] + lbounds[i])) {
      throw DbError(sqlstate::kProgramLimitExceeded, "array lower bound is too large: " + std::to_string(lbounds[i]));
    }
  }
  return n;
}

Value ArraySetElement(const Value& array, const std::vector<int32_t>& indexes, const Value& value) {
  const Array old = EmptyOf(array);
  std::vector<int64_t> index(indexes.begin(), indexes.end());
  if (old.ndim() == 0) {
    std::vector<int64_t> dims(index.size(), 1);
    CheckedArrayItems(dims, index);
    Array out{old.element, std::vector<int32_t>(index.size(), 1), indexes, {value}};
    return MakeArray(std::move(out));
  }
  if (static_cast<size_t>(old.ndim()) != index.size()) throw SubscriptError("wrong number of array subscripts");
  std::vector<int64_t> dims(old.dims.begin(), old.dims.end());
  std::vector<int64_t> lbounds(old.lbounds.begin(), old.lbounds.end());
  if (old.ndim() == 1) {
    Extend1D(index[0], index[0], dims, lbounds);
  } else {
    for (size_t d = 0; d < dims.size(); ++d) {
      if (index[d] < lbounds[d] || index[d] >= dims[d] + lbounds[d]) {
        throw SubscriptError("array subscript out of range");
      }
    }
  }
  Array out = Regrid(old, dims, lbounds);
  out.items[Offset(index, dims, lbounds)] = value;
  return MakeArray(std::move(out));
}

Value ArraySetSlice(const Value& array, const std::vector<std::optional<int32_t>>& lower,
                    const std::vector<std::optional<int32_t>>& upper, const Value& source) {
  if (source.is_null()) return array.is_null() ? MakeArray(EmptyOf(array)) : array;
  const Array old = EmptyOf(array);
  const Array& src = source.GetArray();
  const size_t nsubs = lower.size();
  if (old.ndim() == 0) {
    std::vector<int64_t> dims, lbounds;
    for (size_t i = 0; i < nsubs; ++i) {
      if (!lower[i] || !upper[i]) {
        throw SubscriptError("array slice subscript must provide both boundaries")
            .Detail("When assigning to a slice of an empty array value, slice boundaries must be fully specified.");
      }
      const int64_t dim = static_cast<int64_t>(*upper[i]) - *lower[i];
      if (!FitsInt32(dim) || !FitsInt32(dim + 1)) throw ArraySizeExceeded();
      dims.push_back(dim + 1);
      lbounds.push_back(*lower[i]);
    }
    const int64_t n = CheckedArrayItems(dims, lbounds);
    if (static_cast<int64_t>(src.items.size()) < n) throw SubscriptError("source array too small");
    Array out{old.element, {}, {}, {src.items.begin(), src.items.begin() + n}};
    for (size_t i = 0; i < nsubs; ++i) {
      out.dims.push_back(static_cast<int32_t>(dims[i]));
      out.lbounds.push_back(static_cast<int32_t>(lbounds[i]));
    }
    if (n == 0) out = Array{old.element, {}, {}, {}};
    return MakeArray(std::move(out));
  }
  if (static_cast<size_t>(old.ndim()) < nsubs) throw SubscriptError("wrong number of array subscripts");
  std::vector<int64_t> dims(old.dims.begin(), old.dims.end());
  std::vector<int64_t> lbounds(old.lbounds.begin(), old.lbounds.end());
  std::vector<int64_t> lo(dims.size()), hi(dims.size());
  for (size_t d = 0; d < dims.size(); ++d) {
    lo[d] = d < nsubs && lower[d] ? *lower[d] : lbounds[d];
    hi[d] = d < nsubs && upper[d] ? *upper[d] : dims[d] + lbounds[d] - 1;
    if (lo[d] > hi[d]) throw SubscriptError("upper bound cannot be less than lower bound");
    if (old.ndim() > 1 && d < nsubs && (lo[d] < lbounds[d] || hi[d] >= dims[d] + lbounds[d])) {
      throw SubscriptError("array subscript out of range");
    }
  }
  if (old.ndim() == 1) Extend1D(lo[0], hi[0], dims, lbounds);
  Array out = Regrid(old, dims, lbounds);
  std::vector<int64_t> span(dims.size());
  for (size_t d = 0; d < dims.size(); ++d) span[d] = hi[d] - lo[d] + 1;
  const int64_t count = CheckedArrayItems(span, lo);
  if (count > static_cast<int64_t>(src.items.size())) throw SubscriptError("source array too small");
  std::vector<int64_t> at = lo;
  for (int64_t k = 0; k < count; ++k) {
    out.items[Offset(at, dims, lbounds)] = src.items[static_cast<size_t>(k)];
    for (size_t d = at.size(); d-- > 0;) {
      if (++at[d] <= hi[d]) break;
      at[d] = lo[d];
    }
  }
  return MakeArray(std::move(out));
}

}  // namespace lumadb

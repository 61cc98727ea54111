// Array functions: PostgreSQL 15 arrayfuncs.c (array_length, array_get_element, array_get_slice,
// array_remove, arraycontains, arrayoverlap), array_userfuncs.c (array_append, array_prepend, array_cat,
// array_position[s]) and varlena.c (array_to_text, text_to_array).

#include "common/array_funcs.h"

#include "common/error.h"
#include "common/value_io.h"
#include "common/value_ops.h"

namespace lumadb {

namespace {

bool NotDistinct(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  return CompareValues(a, b) == 0;
}

Array EmptyLike(TypeId element) {
  return Array{element, {}, {}, {}};
}

Value OneDimensional(TypeId element, std::vector<Value> items, int32_t lbound) {
  if (items.empty()) return MakeArray(EmptyLike(element));
  const auto n = static_cast<int32_t>(items.size());
  return MakeArray(Array{element, {n}, {lbound}, std::move(items)});
}

void CheckSearchable(const Array& a) {
  if (a.ndim() > 1) {
    throw DbError(sqlstate::kFeatureNotSupported, "searching for elements in multidimensional arrays is not supported");
  }
}

DbError Incompatible(const char* detail) {
  return DbError(sqlstate::kArraySubscriptError, "cannot concatenate incompatible arrays").Detail(detail);
}

}  // namespace

std::optional<int32_t> ArrayDimension(const Array& a, int64_t dim, ArrayBound what) {
  if (dim < 1 || dim > a.ndim()) return std::nullopt;
  const auto d = static_cast<size_t>(dim - 1);
  switch (what) {
    case ArrayBound::kLength:
      return a.dims[d];
    case ArrayBound::kLower:
      return a.lbounds[d];
    case ArrayBound::kUpper:
      return a.lbounds[d] + a.dims[d] - 1;
  }
  return std::nullopt;
}

Value ArraySubscript(const Array& a, const std::vector<int64_t>& indexes) {
  if (static_cast<int>(indexes.size()) != a.ndim() || a.ndim() == 0) return Value::Null(a.element);
  size_t offset = 0;
  for (int d = 0; d < a.ndim(); ++d) {
    const int64_t i = indexes[d] - a.lbounds[d];
    if (i < 0 || i >= a.dims[d]) return Value::Null(a.element);
    offset = offset * static_cast<size_t>(a.dims[d]) + static_cast<size_t>(i);
  }
  return a.items[offset];
}

Value ArraySlice(const Array& a, const std::vector<std::pair<int64_t, int64_t>>& ranges) {
  if (a.ndim() == 0 || static_cast<int>(ranges.size()) > a.ndim()) return MakeArray(EmptyLike(a.element));
  std::vector<int64_t> from(a.ndim());
  Array out{a.element, a.dims, std::vector<int32_t>(a.dims.size(), 1), {}};
  for (int d = 0; d < a.ndim(); ++d) {
    const int64_t lb = a.lbounds[d];
    const int64_t ub = lb + a.dims[d] - 1;
    from[d] = d < static_cast<int>(ranges.size()) ? std::max(ranges[d].first, lb) : lb;
    const int64_t to = d < static_cast<int>(ranges.size()) ? std::min(ranges[d].second, ub) : ub;
    if (from[d] > to) return MakeArray(EmptyLike(a.element));
    out.dims[d] = static_cast<int32_t>(to - from[d] + 1);
  }
  // Odometer over the result's subscripts, reading the source element at each.
  std::vector<int64_t> index(from);
  for (bool more = true; more;) {
    size_t offset = 0;
    for (int d = 0; d < a.ndim(); ++d) {
      offset = offset * static_cast<size_t>(a.dims[d]) + static_cast<size_t>(index[d] - a.lbounds[d]);
    }
    out.items.push_back(a.items[offset]);
    int d = a.ndim() - 1;
    for (; d >= 0; --d) {
      if (++index[d] < from[d] + out.dims[d]) break;
      index[d] = from[d];
    }
    more = d >= 0;
  }
  return MakeArray(std::move(out));
}

Value ArrayAppend(const Value& a, const Value& element) {
  const TypeId elem = ElementTypeOf(a.type());
  if (a.is_null() || a.GetArray().ndim() == 0) return OneDimensional(elem, {element}, 1);
  const Array& arr = a.GetArray();
  if (arr.ndim() != 1) throw DbError(sqlstate::kDataException, "argument must be empty or one-dimensional array");
  std::vector<Value> items = arr.items;
  items.push_back(element);
  return OneDimensional(elem, std::move(items), arr.lbounds[0]);
}

Value ArrayPrepend(const Value& element, const Value& a) {
  const TypeId elem = ElementTypeOf(a.type());
  if (a.is_null() || a.GetArray().ndim() == 0) return OneDimensional(elem, {element}, 1);
  const Array& arr = a.GetArray();
  if (arr.ndim() != 1) throw DbError(sqlstate::kDataException, "argument must be empty or one-dimensional array");
  std::vector<Value> items{element};
  items.insert(items.end(), arr.items.begin(), arr.items.end());
  return OneDimensional(elem, std::move(items), arr.lbounds[0]);
}

Value ArrayCat(const Value& a, const Value& b) {
  if (a.is_null()) return b;
  if (b.is_null()) return a;
  const Array& x = a.GetArray();
  const Array& y = b.GetArray();
  if (y.ndim() == 0) return a;
  if (x.ndim() == 0) return b;
  Array out{x.element, {}, {}, x.items};
  out.items.insert(out.items.end(), y.items.begin(), y.items.end());
  if (x.ndim() == y.ndim()) {
    if (!std::equal(x.dims.begin() + 1, x.dims.end(), y.dims.begin() + 1)) {
      throw Incompatible("Arrays with differing element dimensions are not compatible for concatenation.");
    }
    out.dims = x.dims;
    out.dims[0] += y.dims[0];
    out.lbounds = x.lbounds;
  } else if (x.ndim() == y.ndim() + 1 && std::equal(y.dims.begin(), y.dims.end(), x.dims.begin() + 1)) {
    out.dims = x.dims;
    out.dims[0] += 1;
    out.lbounds = x.lbounds;
  } else if (y.ndim() == x.ndim() + 1 && std::equal(x.dims.begin(), x.dims.end(), y.dims.begin() + 1)) {
    out.dims = y.dims;
    out.dims[0] += 1;
    out.lbounds = y.lbounds;
  } else {
    throw Incompatible("Arrays with differing dimensions are not compatible for concatenation.");
  }
  return MakeArray(std::move(out));
}

Value ArrayRemove(const Array& a, const Value& element) {
  if (a.ndim() > 1) {
    throw DbError(sqlstate::kFeatureNotSupported, "removing elements from multidimensional arrays is not supported");
  }
  std::vector<Value> kept;
  for (const Value& v : a.items) {
    if (!NotDistinct(v, element)) kept.push_back(v);
  }
  return OneDimensional(a.element, std::move(kept), a.ndim() == 0 ? 1 : a.lbounds[0]);
}

Value ArrayReplace(const Array& a, const Value& search, const Value& replacement) {
  Array out = a;
  for (Value& v : out.items) {
    if (NotDistinct(v, search)) v = replacement;
  }
  return MakeArray(std::move(out));
}

std::optional<int32_t> ArrayPosition(const Array& a, const Value& element, std::optional<int64_t> start) {
  CheckSearchable(a);
  if (a.ndim() == 0) return std::nullopt;
  for (size_t i = 0; i < a.items.size(); ++i) {
    const int64_t subscript = a.lbounds[0] + static_cast<int64_t>(i);
    if (start && subscript < *start) continue;
    if (NotDistinct(a.items[i], element)) return static_cast<int32_t>(subscript);
  }
  return std::nullopt;
}

Value ArrayPositions(const Array& a, const Value& element) {
  CheckSearchable(a);
  std::vector<Value> found;
  for (size_t i = 0; i < a.items.size(); ++i) {
    if (NotDistinct(a.items[i], element)) found.push_back(Value::Int4(a.lbounds[0] + static_cast<int32_t>(i)));
  }
  return OneDimensional(TypeId::kInt4, std::move(found), 1);
}

std::string ArrayToString(const Array& a, const std::string& delimiter, const std::string* null_string) {
  std::string out;
  bool first = true;
  for (const Value& v : a.items) {
    if (v.is_null() && null_string == nullptr) continue;
    if (!first) out += delimiter;
    out += v.is_null() ? *null_string : FormatValue(v);
    first = false;
  }
  return out;
}

Value StringToArray(const std::string& text, const std::string* delimiter, const std::string* null_string) {
  std::vector<Value> items;
  auto add = [&](std::string field) {
    if (null_string != nullptr && field == *null_string) {
      items.push_back(Value::Null(TypeId::kText));
    } else {
      items.push_back(Value::String(std::move(field)));
    }
  };
  if (text.empty()) return OneDimensional(TypeId::kText, {}, 1);
  if (delimiter == nullptr) {
    for (size_t i = 0; i < text.size();) {
      size_t len = 1;  // one UTF-8 character
      while (i + len < text.size() && (static_cast<unsigned char>(text[i + len]) & 0xC0) == 0x80) ++len;
      add(text.substr(i, len));
      i += len;
    }
  } else if (delimiter->empty()) {
    add(text);
  } else {
    size_t start = 0;
    for (size_t at; (at = text.find(*delimiter, start)) != std::string::npos; start = at + delimiter->size()) {
      add(text.substr(start, at - start));
    }
    add(text.substr(start));
  }
  return OneDimensional(TypeId::kText, std::move(items), 1);
}

bool ArrayContains(const Array& a, const Array& b) {
  for (const Value& want : b.items) {
    if (want.is_null()) return false;
    bool found = false;
    for (const Value& have : a.items) {
      if (!have.is_null() && CompareValues(have, want) == 0) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

bool ArrayOverlaps(const Array& a, const Array& b) {
  for (const Value& x : b.items) {
    if (x.is_null()) continue;
    for (const Value& y : a.items) {
      if (!y.is_null() && CompareValues(x, y) == 0) return true;
    }
  }
  return false;
}

}  // namespace lumadb

// Array construction, ordering and hashing (PostgreSQL 15 arrayfuncs.c construct_md_array, array_cmp,
// hash_array).

#include <memory>

#include "common/array.h"
#include "common/error.h"
#include "common/value_ops.h"

namespace lumadb {

bool Array::HasNulls() const {
  for (const Value& v : items) {
    if (v.is_null()) return true;
  }
  return false;
}

Value MakeArray(TypeId element, std::vector<Value> items) {
  Array a;
  a.element = element;
  if (!items.empty()) {
    a.dims = {static_cast<int32_t>(items.size())};
    a.lbounds = {1};
  }
  a.items = std::move(items);
  return MakeArray(std::move(a));
}

Value MakeArray(Array a) {
  const TypeId type = ArrayTypeOf(a.element);
  LUMADB_ASSERT(type != TypeId::kInvalid, "array of a type without an array type");
  return Value::OfArray(type, std::make_shared<const Array>(std::move(a)));
}

int CompareArrays(const Array& a, const Array& b) {
  const size_t n = std::min(a.items.size(), b.items.size());
  for (size_t i = 0; i < n; ++i) {
    const Value& x = a.items[i];
    const Value& y = b.items[i];
    if (x.is_null() || y.is_null()) {
      if (x.is_null() != y.is_null()) return x.is_null() ? 1 : -1;  // NULL sorts above every value
      continue;
    }
    if (int c = CompareValues(x, y); c != 0) return c;
  }
  if (a.items.size() != b.items.size()) return a.items.size() < b.items.size() ? -1 : 1;
  if (a.ndim() != b.ndim()) return a.ndim() < b.ndim() ? -1 : 1;
  for (int d = 0; d < a.ndim(); ++d) {
    if (a.dims[d] != b.dims[d]) return a.dims[d] < b.dims[d] ? -1 : 1;
    if (a.lbounds[d] != b.lbounds[d]) return a.lbounds[d] < b.lbounds[d] ? -1 : 1;
  }
  return 0;
}

size_t HashArray(const Array& a) {
  size_t h = 1;
  for (const Value& v : a.items) h = h * 31 + HashValue(v);
  return h;
}

}  // namespace lumadb

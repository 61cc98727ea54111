#pragma once
// Hashing and equality of whole rows for GROUP BY, DISTINCT and set operations: NULLs are equal to each
// other here ("not distinct"), unlike in comparisons.

#include <cstddef>

#include "common/value.h"
#include "common/value_ops.h"

namespace lumadb::exec {

struct RowHash {
  size_t operator()(const Row& r) const {
    size_t h = 0x9e3779b97f4a7c15ULL;
    for (const auto& v : r) h = h * 31 + (v.is_null() ? 0x5bd1e995 : HashValue(v));
    return h;
  }
};

struct RowEqual {
  bool operator()(const Row& a, const Row& b) const {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].is_null() || b[i].is_null()) {
        if (a[i].is_null() != b[i].is_null()) return false;
      } else if (CompareValues(a[i], b[i]) != 0) {
        return false;
      }
    }
    return true;
  }
};

}  // namespace lumadb::exec

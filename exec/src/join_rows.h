#pragma once
// The rows joins put together: a left row followed by a right one, and the NULL side of an outer join.

#include <vector>

#include "common/value.h"
#include "planner/plan.h"

namespace lumadb::exec {

/// a's values followed by b's.
inline Row ConcatRows(const Row& a, const Row& b) {
  Row r;
  r.reserve(a.size() + b.size());
  r.insert(r.end(), a.begin(), a.end());
  r.insert(r.end(), b.begin(), b.end());
  return r;
}

/// A row of NULLs of the columns' types (the missing side of an outer join's unmatched row).
inline Row NullRow(const std::vector<planner::OutputColumn>& cols) {
  Row r;
  r.reserve(cols.size());
  for (const auto& c : cols) r.push_back(Value::Null(c.type.id));
  return r;
}

}  // namespace lumadb::exec

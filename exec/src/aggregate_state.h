#pragma once
// The running state of one aggregate in one group (PostgreSQL's transition functions in int8.c,
// numeric.c, float.c: int8_avg_accum, numeric_avg_accum, float8_accum...).

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "common/value.h"
#include "planner/function_registry.h"
#include "planner/plan.h"

namespace lumadb::exec {

class AggregateState {
 public:
  explicit AggregateState(const planner::AggregateSpec& spec) : spec_(spec) {}

  /// Feeds one input value (ignored for count(*); NULLs are skipped by every other aggregate).
  void Accumulate(const Value& v);
  /// The aggregate's result: count 0 and NULL for the others over no input.
  Value Finish() const;

 private:
  struct ValueHash {
    size_t operator()(const Value& v) const;
  };
  struct ValueEqual {
    bool operator()(const Value& a, const Value& b) const;
  };

  const planner::AggregateSpec& spec_;
  int64_t count_ = 0;
  Value acc_;                                              // running sum (int8, numeric or float8) or min/max
  std::unordered_set<Value, ValueHash, ValueEqual> seen_;  // DISTINCT inputs
  std::vector<Value> items_;                               // array_agg's inputs, NULLs included
};

}  // namespace lumadb::exec

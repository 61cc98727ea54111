#pragma once
// The running state of one aggregate in one group (PostgreSQL's transition functions in int8.c,
// numeric.c, float.c: int8_avg_accum, numeric_avg_accum, float8_accum...).

#include <cstdint>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/float_accum.h"
#include "common/value.h"
#include "exec/executor.h"
#include "numeric_sum_accum.h"
#include "planner/function_registry.h"
#include "planner/plan.h"

namespace lumadb::exec {

class AggregateState {
 public:
  explicit AggregateState(const planner::AggregateSpec& spec) : spec_(spec) {}

  /// Feeds one input row of the node (aggregate_input.cpp): skipped unless FILTER holds; the arguments,
  /// and the ORDER BY keys of an ordered aggregate, are evaluated over it. Ordered inputs wait until Finish.
  void AddRow(const Row& row, ExecContext& ctx);
  /// Feeds one input value (ignored for count(*); NULLs are skipped by every other aggregate); extra is
  /// the second argument (string_agg's delimiter, an ordered-set aggregate's fraction), else NULL.
  void Accumulate(const Value& v, const Value& extra = Value());
  /// The aggregate's result: count 0 and NULL for the others over no input.
  Value Finish() const;
  /// Adds the inputs `other` (a state of the same spec, fed other rows) accumulated to this state (the
  /// combine functions of a Finalize Aggregate: int8pl, numeric_avg_combine, int4smaller, boolor...).
  /// Only for count, sum, avg, min, max, bool_and and bool_or without DISTINCT or ORDER BY, the aggregates
  /// the planner splits (planner/README.md "Parallel aggregation"); XX000 for others. Throws what
  /// Accumulate would (22003 on bigint overflow).
  void Combine(const AggregateState& other);
  /// Estimated bytes of the state, growing parts included (memory_accounting.cpp).
  size_t MemoryBytes() const;
  /// Whether the state grows with its inputs (DISTINCT, ORDER BY, array/json/string aggregates, ordered-set
  /// aggregates), so its size must be measured again after AddRow.
  bool Grows() const;

 private:
  Value FinishUnordered() const;
  /// sum/avg (aggregate_sum.cpp): integer inputs of sum() add as int64, numeric and int8 ones (and avg's
  /// integers) in `sum_`; false for the other input types (interval, floats, money), left to Accumulate.
  bool AccumulateSum(const Value& v, planner::AggKind kind);
  /// The running sum of sum/avg as AccumulateSum or Accumulate kept it.
  Value SumSoFar() const;
  /// The aggregates of aggregate_extra.cpp (string_agg, bool_and/or, bit_and/or, ordered-set ones).
  void AccumulateExtra(const Value& v, const Value& extra);
  Value FinishExtra() const;
  void AccumulateVariance(const Value& v);
  Value FinishVariance() const;
  /// regr_*, covar_*, corr (aggregate_regr.cpp): v is Y, extra is X.
  void AccumulateRegression(const Value& y, const Value& x);
  Value FinishRegression() const;

  struct ValueHash {
    size_t operator()(const Value& v) const;
  };
  struct ValueEqual {
    bool operator()(const Value& a, const Value& b) const;
  };

  const planner::AggregateSpec& spec_;
  int64_t count_ = 0;
  Value acc_;                                                     // running sum (int8, numeric or float8) or min/max
  NumericSumAccum sum_;                                           // sum/avg of numeric, int8; avg of int2/int4
  bool in_sum_ = false;                                           // sum_ holds the running sum
  std::unordered_set<Value, ValueHash, ValueEqual> seen_;         // DISTINCT inputs
  std::vector<Value> items_;                                      // array_agg's inputs, NULLs included
  Value extra_;                                                   // the first input's extra argument
  std::string text_;                                              // string_agg's result so far
  Value sum_squares_;                                             // variance of integers/numeric: the sum of x^2
  Float8AccumState float_state_{};                                // variance of floats (float8_accum's N, Sx, Sxx)
  Float8RegrState regr_{};                                        // float8_regr_accum's N, Sx, Sxx, Sy, Syy, Sxy
  std::vector<std::pair<Row, std::pair<Value, Value>>> ordered_;  // ORDER BY keys, value, extra
};

}  // namespace lumadb::exec

#pragma once
// NumericSumAccum: the running sum of sum()/avg() over numeric and int8 inputs (and avg over int2/int4),
// kept as a 128-bit integer at the largest display scale seen so far, as PostgreSQL keeps
// Int128AggState for int8 and NumericSumAccum for numeric (numeric.c): exact, and without a Numeric
// allocation per input row. NaN, the infinities, scales above 18 and sums that leave 128 bits switch it to
// plain Numeric addition, so results are always those of Numeric::Add.
#include <cstdint>

#include "common/numeric.h"

namespace lumadb::exec {

class NumericSumAccum {
 public:
  /// Adds one input.
  void Add(const Numeric& n);
  /// Adds an integer input (int2/int4/int8), exactly as Add(Numeric::FromInt64(v)).
  void AddInt(int64_t v);
  /// The sum so far, at the largest display scale of the inputs (numeric add_var's result scale).
  Numeric Sum() const;
  /// Adds the sum `other` holds (numeric_avg_combine / int8_avg_combine), exactly as adding its inputs.
  void Combine(const NumericSumAccum& other);

 private:
  /// Adds value * 10^-scale; false when the integer form cannot hold the result (nothing changed).
  bool AddScaled(int64_t value, int32_t scale);
  /// Leaves the integer form: the sum so far becomes `big_`, later inputs are added as Numerics.
  void SwitchToNumeric();

  __int128 sum_ = 0;   // the sum times 10^scale_
  int32_t scale_ = 0;  // largest display scale seen
  bool exact_ = true;  // sum_ holds the sum; false: big_ does
  Numeric big_;
};

}  // namespace lumadb::exec

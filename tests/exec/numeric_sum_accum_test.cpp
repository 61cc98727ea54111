// NumericSumAccum (exec/src/numeric_sum_accum.h): the integer fast path of sum/avg must give exactly
// Numeric::Add's results, display scale included, and hand over to Numeric when it cannot.
#include "../../exec/src/numeric_sum_accum.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

using lumadb::Numeric;
using lumadb::exec::NumericSumAccum;

namespace {

// The sum of `inputs` by the accumulator and by Numeric::Add, as text.
std::pair<std::string, std::string> Sums(const std::vector<std::string>& inputs) {
  NumericSumAccum accum;
  Numeric expected = Numeric::Parse(inputs.front());
  accum.Add(expected);
  for (size_t i = 1; i < inputs.size(); ++i) {
    const Numeric n = Numeric::Parse(inputs[i]);
    accum.Add(n);
    expected = expected.Add(n);
  }
  return {accum.Sum().ToString(), expected.ToString()};
}

}  // namespace

TEST_CASE("the integer form keeps Numeric::Add's value and display scale") {
  for (const auto& inputs : std::vector<std::vector<std::string>>{
           {"1.50", "2.25", "-0.75"},
           {"1", "2.5", "3.125"},
           {"1.125", "2"},
           {"-1.50", "1.50"},
           {"0.000000000000000001", "1"},
           {"99999999999999.99", "99999999999999.99", "-0.01"},
       }) {
    auto [got, want] = Sums(inputs);
    CHECK(got == want);
  }
  CHECK(Sums({"1.50", "-1.50"}).first == "0.00");
}

TEST_CASE("values beyond the integer form fall back to Numeric addition") {
  // More than 18 digits, a scale above 18, NaN and infinities.
  for (const auto& inputs : std::vector<std::vector<std::string>>{
           {"1.5", "123456789012345678901234567890.5"},
           {"1", "0.0000000000000000000001"},
           {"1", "NaN", "2"},
           {"1", "Infinity"},
           {"Infinity", "-Infinity"},
           {"9223372036854775807", "9223372036854775807", "0.000000000000000001"},
       }) {
    auto [got, want] = Sums(inputs);
    CHECK(got == want);
  }
}

TEST_CASE("sums past 128 bits switch to Numeric without losing the value") {
  NumericSumAccum accum;
  Numeric expected;
  const Numeric big = Numeric::Parse("0.999999999999999999");  // scale 18: 10^18 - 1 as an integer
  const Numeric huge = Numeric::Parse("9223372036854775807");
  accum.Add(big);
  expected = expected.Add(big);
  for (int i = 0; i < 40; ++i) {
    accum.Add(huge);
    expected = expected.Add(huge);
  }
  CHECK(accum.Sum().ToString() == expected.ToString());
}

TEST_CASE("integer inputs add as their numeric values") {
  NumericSumAccum accum;
  accum.AddInt(INT64_MAX);
  accum.AddInt(INT64_MAX);
  accum.AddInt(-5);
  CHECK(accum.Sum().ToString() ==
        Numeric::FromInt64(INT64_MAX).Add(Numeric::FromInt64(INT64_MAX)).Add(Numeric::FromInt64(-5)).ToString());
}

TEST_CASE("Combine: two partial sums give the sum of all their inputs (a parallel aggregate's final step)") {
  const std::vector<std::vector<std::string>> cases = {
      {"1.50", "2.25", "-0.75", "3"},
      {"1", "2.5", "3.125", "0.000000000000000001"},
      {"99999999999999999999999999999999999.5", "99999999999999999999999999999999999.25", "1e-5"},
      {"NaN", "1.5", "2"},
      {"170141183460469231731687303715884105727", "1", "-2.5"},
  };
  for (const auto& inputs : cases) {
    for (size_t split = 0; split <= inputs.size(); ++split) {
      NumericSumAccum left, right;
      Numeric expected = Numeric::Parse(inputs.front());
      for (size_t i = 0; i < inputs.size(); ++i) {
        const Numeric n = Numeric::Parse(inputs[i]);
        (i < split ? left : right).Add(n);
        if (i > 0) expected = expected.Add(n);
      }
      left.Combine(right);
      CAPTURE(split);
      CHECK(left.Sum().ToString() == expected.ToString());
    }
  }
}

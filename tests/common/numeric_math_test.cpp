// numeric sqrt/exp/ln/log (common/numeric_math.h); expected strings are PostgreSQL 15's.
#include "common/numeric_math.h"

#include <doctest/doctest.h>

#include "test_util.h"

namespace lumadb {
namespace {

std::string S(const Numeric& n) {
  return n.ToString();
}
Numeric N(const char* s) {
  return Numeric::Parse(s);
}

TEST_CASE("numeric sqrt, exp, ln and log choose PostgreSQL's result scales") {
  CHECK(S(NumericSqrt(N("2.0"))) == "1.414213562373095");
  CHECK(S(NumericSqrt(N("100"))) == "10.000000000000000");
  CHECK(S(NumericExp(N("1.0"))) == "2.7182818284590452");
  CHECK(S(NumericExp(N("-1.5"))) == "0.2231301601484298");
  CHECK(S(NumericExp(N("100.0"))) == "26881171418161354484126255515800135873611118.8");
  CHECK(S(NumericLn(N("2.0"))) == "0.6931471805599453");
  CHECK(S(NumericLn(N("1.0000001"))) == "0.00000009999999500000033");
  CHECK(S(NumericLn(N("1e100"))) == "230.25850929940457");
  CHECK(S(NumericLog(N("10"), N("100"))) == "2.0000000000000000");
  CHECK(S(NumericLog(N("2.0"), N("64.0"))) == "6.0000000000000000");
}

TEST_CASE("numeric transcendental functions raise PostgreSQL's errors") {
  CHECK(test::MessageOf([] { NumericLn(N("0")); }) == "cannot take logarithm of zero");
  CHECK(test::SqlStateOf([] { NumericLn(N("-1")); }) == "2201E");
  CHECK(test::SqlStateOf([] { NumericSqrt(N("-1")); }) == "2201F");
  CHECK(test::SqlStateOf([] { NumericLog(N("1"), N("10")); }) == "22012");
  CHECK(test::MessageOf([] { NumericExp(N("7000")); }) == "value overflows numeric format");
  CHECK(NumericExp(N("-7000")).IsZero());
}

}  // namespace
}  // namespace lumadb

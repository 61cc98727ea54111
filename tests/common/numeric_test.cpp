// Numeric semantics; expected strings are PostgreSQL 15 output for the same expressions.
#include "common/numeric.h"

#include <cmath>

#include <doctest/doctest.h>

#include "common/types.h"
#include "test_util.h"

namespace lumadb {
namespace {

Numeric N(const char* s) {
  return Numeric::Parse(s);
}

TEST_CASE("numeric input and output keep the display scale") {
  CHECK(N("12.50").ToString() == "12.50");
  CHECK(N("  -0.001 ").ToString() == "-0.001");
  CHECK(N("-0").ToString() == "0");
  CHECK(N("-0.00").ToString() == "0.00");
  CHECK(N(".5").ToString() == "0.5");
  CHECK(N("5.").ToString() == "5");
  CHECK(N("1e3").ToString() == "1000");
  CHECK(N("1.5e-3").ToString() == "0.0015");
  CHECK(N("-1.23E+1").ToString() == "-12.3");
  CHECK(N("123456789012345678901234567890.123456789").ToString() == "123456789012345678901234567890.123456789");
  // Around the 18-digit short path: the same values as the general path.
  CHECK(N("+000123.4500").ToString() == "123.4500");
  CHECK(N("999999999999999999").ToString() == "999999999999999999");
  CHECK(N("9999999999999999999").ToString() == "9999999999999999999");
  CHECK(N("-99999999.9999999999").ToString() == "-99999999.9999999999");
  CHECK(N("99999999999.99999999").Compare(N("99999999999.999999990")) == 0);
  CHECK_THROWS_AS(N("1.2.3"), DbError);
  CHECK_THROWS_AS(N("-"), DbError);
  CHECK_THROWS_AS(N("."), DbError);
  CHECK(N(" NaN ").IsNaN());
  CHECK(N("nan").ToString() == "NaN");
  for (const char* bad : {"", "abc", "1.2.3", "1e", "--1", "1 2", ".", "e5"}) {
    CAPTURE(bad);
    CHECK(test::SqlStateOf([&] { N(bad); }) == "22P02");
  }
  CHECK(test::MessageOf([] { N("x1"); }) == "invalid input syntax for type numeric: \"x1\"");
  // set_var_from_str and make_result's limits: 131072 digits before the point, display scale 16383.
  CHECK(N("1e1001").ToString().size() == 1002);
  CHECK(N("1e-16383").scale() == 16383);
  for (const char* big : {"1e131072", "1e-16384", "1e2147483647", "1e99999999999"}) {
    CAPTURE(big);
    CHECK(test::SqlStateOf([&] { N(big); }) == "22003");
  }
  CHECK(test::MessageOf([] { N("1e131072"); }) == "value overflows numeric format");
}

TEST_CASE("numeric add, sub and mul use PostgreSQL's result scales") {
  CHECK(N("1.5").Add(N("2.25")).ToString() == "3.75");
  CHECK(N("1.50").Add(N("-1.5")).ToString() == "0.00");
  CHECK(N("0.1").Sub(N("0.3")).ToString() == "-0.2");
  CHECK(N("9999.9999").Add(N("0.0001")).ToString() == "10000.0000");
  CHECK(N("1.10").Mul(N("2.5")).ToString() == "2.750");
  CHECK(N("-3").Mul(N("0.0")).ToString() == "0.0");
  CHECK(N("99999999999999999999").Mul(N("99999999999999999999")).ToString() ==
        "9999999999999999999800000000000000000001");
}

TEST_CASE("numeric division follows select_div_scale") {
  CHECK(N("10").Div(N("3")).ToString() == "3.3333333333333333");
  CHECK(N("1").Div(N("3.0")).ToString() == "0.33333333333333333333");
  CHECK(N("100000").Div(N("7")).ToString() == "14285.714285714286");
  CHECK(N("2").Div(N("3")).ToString() == "0.66666666666666666667");
  CHECK(N("-7").Div(N("2")).ToString() == "-3.5000000000000000");
  CHECK(N("1").Div(N("8")).ToString() == "0.12500000000000000000");
  CHECK(test::SqlStateOf([] { N("1").Div(N("0.00")); }) == "22012");
  CHECK(test::MessageOf([] { N("1").Div(N("0")); }) == "division by zero");
}

TEST_CASE("numeric modulo keeps the dividend's sign") {
  CHECK(N("1.23").Mod(N("0.5")).ToString() == "0.23");
  CHECK(N("-7").Mod(N("3")).ToString() == "-1");
  CHECK(N("7").Mod(N("-3")).ToString() == "1");
  CHECK(test::SqlStateOf([] { N("1").Mod(N("0")); }) == "22012");
}

TEST_CASE("numeric round and trunc") {
  CHECK(N("1.25").Round(1).ToString() == "1.3");
  CHECK(N("-1.25").Round(1).ToString() == "-1.3");
  CHECK(N("1234.5").Round(-2).ToString() == "1200");
  CHECK(N("1.29").Trunc(1).ToString() == "1.2");
  CHECK(N("1.2").Round(4).ToString() == "1.2000");
  CHECK(N("0.5").Round(0).ToString() == "1");
  CHECK(N("-0.4").Round(0).ToString() == "0");
}

TEST_CASE("numeric typmod rounds and checks the precision") {
  CHECK(N("0.5").ApplyTypmod(NumericTypmod(1, 1)).ToString() == "0.5");
  CHECK(N("9.99").ApplyTypmod(NumericTypmod(3, 1)).ToString() == "10.0");
  CHECK(N("1").ApplyTypmod(NumericTypmod(10, 2)).ToString() == "1.00");
  CHECK(N("NaN").ApplyTypmod(NumericTypmod(3, 1)).IsNaN());
  try {
    N("12345.678").ApplyTypmod(NumericTypmod(5, 2));
    FAIL("expected overflow");
  } catch (const DbError& e) {
    CHECK(e.code().View() == "22003");
    CHECK(e.message() == "numeric field overflow");
    CHECK(*e.detail() == "A field with precision 5, scale 2 must round to an absolute value less than 10^3.");
  }
  try {
    N("1").ApplyTypmod(NumericTypmod(2, 2));
    FAIL("expected overflow");
  } catch (const DbError& e) {
    CHECK(*e.detail() == "A field with precision 2, scale 2 must round to an absolute value less than 1.");
  }
  CHECK(test::SqlStateOf([] { N("99.996").ApplyTypmod(NumericTypmod(4, 2)); }) == "22003");
}

TEST_CASE("numeric power") {
  CHECK(N("2").Power(N("3")).ToString() == "8.0000000000000000");
  CHECK(N("1.5").Power(N("2")).ToString() == "2.2500000000000000");
  CHECK(N("2").Power(N("3.0")).ToString() == "8.0000000000000000");
  CHECK(N("10").Power(N("-2")).ToString() == "0.0100000000000000");
  CHECK(N("0.5").Power(N("10")).ToString() == "0.0009765625000000");
  CHECK(N("2").Power(N("100")).ToString() == "1267650600228229401496703205376.0000000000000000");
  CHECK(N("1.12345678901234567890").Power(N("2")).ToString() == "1.26215515677793019455");
  CHECK(N("3").Power(N("2.5")).ToString() == "15.588457268119896");
  CHECK(N("100").Power(N("0.5")).ToString() == "10.000000000000000");
  CHECK(N("2").Power(N("0.5")).ToString() == "1.4142135623730950");
  CHECK(test::SqlStateOf([] { N("0").Power(N("-1")); }) == "2201F");
  CHECK(test::SqlStateOf([] { N("-8").Power(N("0.5")); }) == "2201F");
}

TEST_CASE("numeric compare, hash and conversions") {
  CHECK(N("1.0") == N("1.00"));
  CHECK(N("1.0").Hash() == N("1.00").Hash());
  CHECK(N("10").Hash() == N("10.000").Hash());
  CHECK(N("0").Hash() == N("-0.0").Hash());
  CHECK(N("-1").Compare(N("0.5")) < 0);
  CHECK(N("-2").Compare(N("-1")) < 0);
  // Equal scales compare in place, unequal ones rescale the smaller side (either side).
  CHECK(N("12.50").Compare(N("12.49")) > 0);
  CHECK(N("-12.50").Compare(N("-12.49")) < 0);
  CHECK(N("12.5").Compare(N("12.49")) > 0);
  CHECK(N("12.49").Compare(N("12.5")) < 0);
  CHECK(N("-12.5").Compare(N("-12.500")) == 0);
  CHECK(N("100000000.0001").Compare(N("99999999.99999")) > 0);
  CHECK(N("0.00").Compare(N("-0.0001")) > 0);
  CHECK(N("NaN").Compare(N("1e100")) > 0);
  CHECK(N("NaN").Compare(N("NaN")) == 0);
  CHECK(N("2.5").ToInt64() == 3);
  CHECK(N("-2.5").ToInt64() == -3);
  CHECK(N("9223372036854775807").ToInt64() == INT64_MAX);
  CHECK(N("-9223372036854775808").ToInt64() == INT64_MIN);
  CHECK(test::SqlStateOf([] { N("9223372036854775807.5").ToInt64(); }) == "22003");
  CHECK(test::SqlStateOf([] { N("NaN").ToInt64(); }) == "0A000");
  CHECK(Numeric::FromInt64(INT64_MIN).ToString() == "-9223372036854775808");
  CHECK(Numeric::FromDouble(0.1).ToString() == "0.1");
  CHECK(Numeric::FromDouble(1.0 / 3).ToString() == "0.333333333333333");
  CHECK(Numeric::FromDouble(1e20).ToString() == "100000000000000000000");
  CHECK(N("0.25").ToDouble() == 0.25);
  CHECK(N("-1.5").IsNegative());
  CHECK_FALSE(N("-0").IsNegative());
}

TEST_CASE("numeric infinity: input, output, comparison and arithmetic as PostgreSQL 15") {
  CHECK(N("inf").ToString() == "Infinity");
  CHECK(N(" +Infinity ").ToString() == "Infinity");
  CHECK(N("-inf").ToString() == "-Infinity");
  CHECK(N("-INFINITY").IsInf());
  CHECK(N("-inf").IsNegative());
  CHECK(N("-inf").Compare(N("-1e100")) < 0);
  CHECK(N("inf").Compare(N("1e100")) > 0);
  CHECK(N("inf").Compare(N("NaN")) < 0);
  CHECK(N("inf").Compare(N("Infinity")) == 0);
  CHECK(N("inf").Hash() == N("Infinity").Hash());
  CHECK(N("inf").Add(N("-inf")).IsNaN());
  CHECK(N("inf").Sub(N("inf")).IsNaN());
  CHECK(N("inf").Add(N("5")).ToString() == "Infinity");
  CHECK(N("inf").Mul(N("0")).IsNaN());
  CHECK(N("-inf").Mul(N("-2")).ToString() == "Infinity");
  CHECK(N("inf").Div(N("inf")).IsNaN());
  CHECK(N("1").Div(N("inf")).ToString() == "0");
  CHECK(N("-inf").Div(N("2")).ToString() == "-Infinity");
  CHECK(test::SqlStateOf([] { N("inf").Div(N("0")); }) == "22012");
  CHECK(N("inf").Mod(N("2")).IsNaN());
  CHECK(N("5").Mod(N("inf")).ToString() == "5");
  CHECK(N("-inf").Negate().ToString() == "Infinity");
  CHECK(N("-inf").Abs().ToString() == "Infinity");
  CHECK(N("inf").Round(2).ToString() == "Infinity");
  CHECK(N("-2").Power(N("inf")).ToString() == "Infinity");
  CHECK(N("0.5").Power(N("inf")).ToString() == "0");
  CHECK(N("-inf").Power(N("3")).ToString() == "-Infinity");
  CHECK(N("-inf").Power(N("2")).ToString() == "Infinity");
  CHECK(N("-inf").Power(N("-1")).ToString() == "0");
  CHECK(N("0").Power(N("inf")).ToString() == "0");
  CHECK(test::SqlStateOf([] { N("0").Power(N("-inf")); }) == "2201F");
  CHECK(test::SqlStateOf([] { N("-inf").Power(N("2.5")); }) == "2201F");
  CHECK(test::SqlStateOf([] { N("inf").ToInt64(); }) == "0A000");
  CHECK(test::SqlStateOf([] { N("inf").ApplyTypmod(NumericTypmod(10, 2)); }) == "22003");
  CHECK(N("inf").ApplyTypmod(-1).IsInf());
  CHECK(Numeric::FromDouble(-HUGE_VAL).ToString() == "-Infinity");
  CHECK(N("-inf").ToDouble() == -HUGE_VAL);
}

TEST_CASE("powers of ten: division and power shift the decimal point, same results as PostgreSQL 15") {
  CHECK(N("123.456").Div(N("100")).ToString() == "1.2345600000000000");
  CHECK(N("123.456").Div(N("0.01")).ToString() == "12345.600000000000");
  CHECK(N("-5").Div(N("1000")).ToString() == "-0.00500000000000000000");
  CHECK(N("7").Div(N("10")).ToString() == "0.70000000000000000000");
  CHECK(N("1.5").Div(N("1e5")).ToString() == "0.000015000000000000000000");
  CHECK(N("12345678901234567890").Div(N("10")).ToString() == "1234567890123456789");
  CHECK(N("10").Power(N("3")).ToString() == "1000.0000000000000000");
  CHECK(N("0.1").Power(N("3")).ToString() == "0.0010000000000000");
  CHECK(N("-10").Power(N("3")).ToString() == "-1000.0000000000000000");
  CHECK(N("10").Power(N("1000")).ToString().size() == 1018);
  // numeric.sql's "checks maximum": 10 ^ 131071 and a division by it, fast.
  const Numeric big = N("10").Power(N("131071"));
  CHECK(N("6").Mul(big).Div(big).Trunc(0).ToString() == "6");
}

}  // namespace
}  // namespace lumadb

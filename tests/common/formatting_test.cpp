// The formatting engine (common/formatting.h); expected strings are PostgreSQL 15's output for the same
// calls (session TimeZone UTC).
#include "common/formatting.h"

#include <doctest/doctest.h>

#include "common/datetime.h"
#include "common/time_zone.h"
#include "test_util.h"

namespace lumadb {
namespace {

int64_t Ts(const char* text) {
  return ParseTimestamp(text, false, -1);
}

TEST_CASE("to_char of timestamps follows DCH_to_char") {
  SetSessionTimeZone(TimeZone::Utc());
  const int64_t t = Ts("2020-03-05 14:07:09.123456");
  CHECK(*TimestampToChar(t, false, "YYYY-MM-DD HH24:MI:SS.US") == "2020-03-05 14:07:09.123456");
  CHECK(*TimestampToChar(t, false, "Day Month DY mon Q WW IW J DDD IDDD") ==
        "Thursday  March     THU mar 1 10 10 2458914 065 067");
  CHECK(*TimestampToChar(t, false, "FMDay FMMonth DDth HH12 am A.M. ddsp") == "Thursday March 05th 02 pm P.M. 05sp");
  CHECK(*TimestampToChar(t, false, "\"Quarter\" Q, FF3 MS") == "Quarter 1, 123 123");
  CHECK(*TimestampToChar(Ts("0044-03-15 14:07:09 BC"), false, "YYYY BC Y,YYY CC RM rm IYYY") ==
        "0044 BC 0,044 -01 III  iii  0044");
  CHECK(*TimestampToChar(t, true, "TZ OF TZH:TZM") == "UTC +00 +00:00");
  CHECK(!TimestampToChar(t, false, "").has_value());
  CHECK(!TimestampToChar(kTimestampNoEnd, false, "YYYY").has_value());
}

TEST_CASE("to_char of intervals rejects calendar fields") {
  CHECK(*IntervalToChar(Interval{(15 * 3600 + 2 * 60 + 12) * 1000000LL, 0, 0}, "HH24:MI:SS") == "15:02:12");
  CHECK(*IntervalToChar(Interval{0, 3, 14}, "YYYY MM DD") == "0001 02 03");
  CHECK(test::SqlStateOf([] { IntervalToChar(Interval{0, 0, 14}, "Mon"); }) == "22007");
  CHECK(test::MessageOf([] {
          IntervalToChar(Interval{0, 0, 14}, "Mon");
        }) == "invalid format specification for an interval value");
}

TEST_CASE("to_timestamp and to_date read pictures as do_to_timestamp") {
  SetSessionTimeZone(TimeZone::Utc());
  CHECK(FormatTimestamp(ToTimestamp("2011-12-18 11:38 PM", "YYYY-MM-DD HH12:MI PM"), true) == "2011-12-18 23:38:00+00");
  CHECK(FormatTimestamp(ToTimestamp("05 Dec 2000", "DD Mon YYYY"), true) == "2000-12-05 00:00:00+00");
  CHECK(FormatTimestamp(ToTimestamp("2000-12-05 10:00 +05:30", "YYYY-MM-DD HH24:MI TZH:TZM"), true) ==
        "2000-12-05 04:30:00+00");
  CHECK(FormatTimestamp(ToTimestamp("20181102123456123456", "YYYYMMDDHH24MISSFF3"), true) ==
        "2018-11-02 12:34:56.123+00");
  CHECK(FormatDate(ToDate("2011 x 12", "YYYY x MM")) == "2011-12-01");
  CHECK(test::MessageOf([] { ToDate("31 Feb 2000", "DD Mon YYYY"); }) ==
        "date/time field value out of range: \"31 Feb 2000\"");
  CHECK(test::SqlStateOf([] { ToTimestamp("2000 EST", "YYYY TZ"); }) == "0A000");
  CHECK(test::MessageOf([] { ToTimestamp("13:00", "HH12:MI"); }) == "hour \"13\" is invalid for the 12-hour clock");
  CHECK(test::MessageOf([] { ToDate("2020 10", "YYYY IW"); }) == "invalid combination of date conventions");
}

TEST_CASE("to_char of numbers follows NUM_processor") {
  CHECK(NumericToChar(Numeric::Parse("1234.5678"), "9G999D99") == " 1,234.57");
  CHECK(NumericToChar(Numeric::Parse("-1234.5678"), "FM9999.999") == "-1234.568");
  CHECK(NumericToChar(Numeric::Parse("0.1"), "9.99") == "  .10");
  CHECK(NumericToChar(Numeric::Parse("5"), "0000.00") == " 0005.00");
  CHECK(NumericToChar(Numeric::Parse("123.456"), "9.9EEEE") == " 1.2e+02");
  CHECK(IntegerToChar(12, false, "99th") == " 12th");
  CHECK(IntegerToChar(-485, false, "999PR") == "<485>");
  CHECK(IntegerToChar(485, false, "RN") == "        CDLXXXV");
  CHECK(IntegerToChar(1234567890123456789, true, "9999999") == " #######");
  CHECK(FloatToChar(1.5e10, false, "9.99EEEE") == " 1.50e+10");
  CHECK(FloatToChar(-0.5, true, "S9.99") == " -.50");
  CHECK(test::MessageOf([] { IntegerToChar(1, false, "9.9.9"); }) == "multiple decimal points");
}

TEST_CASE("to_number reads numbers by the picture") {
  CHECK(ToNumber("-34,338,492", "99G999G999")->ToString() == "-34338492");
  CHECK(ToNumber("5.01-", "FM9.999999MI")->ToString() == "-5.01");
  CHECK(ToNumber("<564646.654564>", "999999.999999PR")->ToString() == "-564646.654564");
  CHECK(ToNumber("$1234.56", "L9999.99")->ToString() == "1234.56");
  CHECK(ToNumber("1234", "99V99")->ToString() == "12.3400000000000000");
  CHECK(!ToNumber("1", "").has_value());
  CHECK(test::SqlStateOf([] { ToNumber("1", "9EEEE"); }) == "0A000");
}

}  // namespace
}  // namespace lumadb

// EXTRACT and date_part (common/date_part.h) on every date/time type; expected values from PostgreSQL 15
// (select extract(<field> from <value>), date_part('<field>', <value>), quoted before each group).
#include "common/date_part.h"

#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "test_util.h"

namespace lumadb {
namespace {

using test::MessageOf;
using test::SqlStateOf;

std::string Ex(const char* field, TypeId type, const char* text) {
  const Value v = ExtractField(field, ParseValue({type}, text));
  return v.is_null() ? "NULL" : FormatValue(v);
}
std::string Dp(const char* field, TypeId type, const char* text) {
  const Value v = DatePart(field, ParseValue({type}, text));
  return v.is_null() ? "NULL" : FormatValue(v);
}

TEST_CASE("extract from a timestamp: every field") {
  const char* ts = "2020-05-26 13:30:25.575401";
  const TypeId t = TypeId::kTimestamp;
  CHECK(Ex("microseconds", t, ts) == "25575401");
  CHECK(Ex("milliseconds", t, ts) == "25575.401");
  CHECK(Ex("second", t, ts) == "25.575401");
  CHECK(Ex("minute", t, ts) == "30");
  CHECK(Ex("hour", t, ts) == "13");
  CHECK(Ex("day", t, ts) == "26");
  CHECK(Ex("month", t, ts) == "5");
  CHECK(Ex("quarter", t, ts) == "2");
  CHECK(Ex("week", t, ts) == "22");
  CHECK(Ex("year", t, ts) == "2020");
  CHECK(Ex("decade", t, ts) == "202");
  CHECK(Ex("century", t, ts) == "21");
  CHECK(Ex("millennium", t, ts) == "3");
  CHECK(Ex("julian", t, ts) == "2458996.56279601158564814815");
  CHECK(Ex("isoyear", t, ts) == "2020");
  CHECK(Ex("dow", t, ts) == "2");
  CHECK(Ex("isodow", t, ts) == "2");
  CHECK(Ex("doy", t, ts) == "147");
  CHECK(Ex("epoch", t, ts) == "1590499825.575401");
  CHECK(Ex("MONTH", t, ts) == "5");
  CHECK(Ex("mm", t, ts) == "30");  // datetktbl's ISO minute
  CHECK(Ex("j", t, ts) == "2458996.56279601158564814815");
  CHECK(Ex("timezone", TypeId::kTimestampTz, ts) == "0");
  // date_part: the same as float8, with PostgreSQL's float formulas.
  CHECK(Dp("microseconds", t, ts) == "25575401");
  CHECK(Dp("milliseconds", t, ts) == "25575.401");
  CHECK(Dp("second", t, ts) == "25.575401");
  CHECK(Dp("julian", t, ts) == "2458996.5627960116");
  CHECK(Dp("epoch", t, ts) == "1590499825.575401");
  CHECK(Dp("epoch", t, "1900-01-01 00:00:00.5") == "-2208988799.5");
  CHECK(Ex("epoch", t, "1900-01-01 00:00:00.5") == "-2208988799.500000");
}

TEST_CASE("extract from a date: calendar fields, BC years, ISO weeks") {
  const TypeId d = TypeId::kDate;
  CHECK(Ex("year", d, "0001-01-01 BC") == "-1");
  CHECK(Ex("year", TypeId::kTimestamp, "0044-03-15 BC") == "-44");
  CHECK(Ex("decade", d, "0011-01-01 BC") == "-1");
  CHECK(Ex("century", d, "0100-12-31 BC") == "-1");
  CHECK(Ex("millennium", d, "2001-01-01") == "3");
  CHECK(Ex("isoyear", d, "2021-01-01") == "2020");
  CHECK(Ex("week", d, "2021-01-01") == "53");
  CHECK(Ex("week", d, "2019-12-30") == "1");
  CHECK(Ex("isoyear", d, "2019-12-30") == "2020");
  CHECK(Ex("isoyear", d, "0001-01-01 BC") == "-2");
  CHECK(Ex("dow", d, "2024-06-09") == "0");
  CHECK(Ex("isodow", d, "2024-06-09") == "7");
  CHECK(Ex("doy", d, "2024-12-31") == "366");
  CHECK(Ex("julian", d, "2024-01-01") == "2460311");
  CHECK(Ex("epoch", d, "2024-01-01") == "1704067200");
  CHECK(Dp("day", d, "2024-02-29") == "29");
  CHECK(Ex("day", d, "infinity") == "NULL");
  CHECK(Ex("year", d, "infinity") == "Infinity");
  CHECK(Ex("epoch", TypeId::kTimestamp, "-infinity") == "-Infinity");
  CHECK(MessageOf([] { Ex("hour", TypeId::kDate, "2024-01-01"); }) == "unit \"hour\" not supported for type date");
  CHECK(SqlStateOf([] { Ex("hour", TypeId::kDate, "infinity"); }) == "0A000");
  CHECK(MessageOf([] { Ex("fortnight", TypeId::kDate, "2024-01-01"); }) ==
        "unit \"fortnight\" not recognized for type date");
  CHECK(SqlStateOf([] { Ex("fortnight", TypeId::kDate, "2024-01-01"); }) == "22023");
  CHECK(MessageOf([] { Ex("now", TypeId::kDate, "2024-01-01"); }) == "unit \"now\" not supported for type date");
}

TEST_CASE("extract from time and timetz") {
  const TypeId t = TypeId::kTime;
  const char* tm = "13:30:25.575401";
  CHECK(Ex("microsecond", t, tm) == "25575401");
  CHECK(Ex("millisecond", t, tm) == "25575.401");
  CHECK(Ex("second", t, tm) == "25.575401");
  CHECK(Ex("second", t, "10:00:25") == "25.000000");
  CHECK(Ex("minute", t, tm) == "30");
  CHECK(Ex("hour", t, "24:00") == "24");
  CHECK(Ex("epoch", t, tm) == "48625.575401");
  CHECK(Dp("epoch", t, tm) == "48625.575401");
  CHECK(Dp("second", t, "10:00:25.575401") == "25.575401");
  CHECK(MessageOf([] { Ex("day", TypeId::kTime, "10:00"); }) ==
        "unit \"day\" not supported for type time without time zone");
  CHECK(MessageOf([] { Ex("timezone", TypeId::kTime, "10:00"); }) ==
        "unit \"timezone\" not supported for type time without time zone");
  CHECK(MessageOf([] { Ex("now", TypeId::kTime, "10:00"); }) ==
        "unit \"now\" not recognized for type time without time zone");
  CHECK(Ex("timezone", TypeId::kTimeTz, "10:00-05:30") == "-19800");
  CHECK(Ex("timezone_hour", TypeId::kTimeTz, "10:00-05:30") == "-5");
  CHECK(Ex("timezone_minute", TypeId::kTimeTz, "10:00-05:30") == "-30");
  CHECK(Ex("timezone_minute", TypeId::kTimeTz, "10:00+05:45") == "45");
  CHECK(Ex("hour", TypeId::kTimeTz, "10:00-05:30") == "10");
  CHECK(Ex("epoch", TypeId::kTimeTz, "10:00+02") == "28800.000000");
  CHECK(Ex("epoch", TypeId::kTimeTz, "01:00-05:45") == "24300.000000");
}

TEST_CASE("extract from an interval") {
  const TypeId i = TypeId::kInterval;
  CHECK(Ex("quarter", i, "5 mons") == "2");
  CHECK(Ex("quarter", i, "-5 mons") == "0");
  CHECK(Ex("decade", i, "-15 years") == "-1");
  CHECK(Ex("epoch", i, "1 year 1 mon 1 day 1 sec") == "34236001.000000");
  CHECK(Dp("epoch", i, "1 year 1 mon 1 day 1 sec") == "34236001");
  CHECK(Ex("epoch", i, "-1 year -1 mon -1 day -1 sec") == "-34236001.000000");
  CHECK(Ex("epoch", i, "1000000000 days") == "86400000000000.000000");
  CHECK(Ex("epoch", i, "178956970 years 7 mons 2147483647 days 2562047788:00:54.775807") == "5842218453753654.775807");
  CHECK(Ex("microseconds", i, "1 min 2.5 sec") == "2500000");
  CHECK(Ex("microseconds", i, "-1 min -2.5 sec") == "-2500000");
  CHECK(Ex("milliseconds", i, "-1.5 sec") == "-1500.000");
  CHECK(Ex("second", i, "-1.5 sec") == "-1.500000");
  CHECK(Ex("minute", i, "-75 min") == "-15");
  CHECK(Ex("hour", i, "100 hours") == "100");
  CHECK(Ex("day", i, "-3 days") == "-3");
  CHECK(Ex("month", i, "14 mons") == "2");
  CHECK(Ex("year", i, "-14 mons") == "-1");
  CHECK(MessageOf([] { Ex("week", TypeId::kInterval, "10 days"); }) == "unit \"week\" not supported for type interval");
  CHECK(SqlStateOf([] { Ex("timezone", TypeId::kInterval, "1 day"); }) == "0A000");
}

TEST_CASE("infinite timestamps") {
  CHECK(Ex("day", TypeId::kTimestampTz, "infinity") == "NULL");
  CHECK(Dp("hour", TypeId::kTimestamp, "infinity") == "NULL");
  CHECK(Dp("timezone", TypeId::kTimestamp, "infinity") == "NULL");
  CHECK(Dp("epoch", TypeId::kTimestampTz, "-infinity") == "-Infinity");
  CHECK(Dp("year", TypeId::kTimestamp, "infinity") == "Infinity");
  CHECK(Ex("year", TypeId::kTimestamp, "infinity") == "Infinity");
  CHECK(MessageOf([] { Ex("timezone", TypeId::kTimestamp, "2024-01-01"); }) ==
        "unit \"timezone\" not supported for type timestamp without time zone");
}

}  // namespace
}  // namespace lumadb

// time and timetz (common/time_of_day.h): input as PostgreSQL 15's DecodeTimeOnly (AM/PM, dates checked
// and dropped, zone abbreviations, 24:00:00, rounding), output, typmods, ordering (timetz by instant then
// zone), arithmetic with intervals and dates, casts. Expected values were produced by PostgreSQL 15.
#include "common/time_of_day.h"

#include <doctest/doctest.h>

#include "common/cast.h"
#include "common/value_ops.h"
#include "io_case.h"
#include "test_util.h"

namespace lumadb {
namespace {

using test::IoCase;
using test::MessageOf;
using test::SqlStateOf;

Value Tm(const char* text) {
  return ParseValue({TypeId::kTime}, text);
}
Value Tz(const char* text) {
  return ParseValue({TypeId::kTimeTz}, text);
}
Value Iv(const char* text) {
  return ParseValue({TypeId::kInterval}, text);
}
std::string Calc(ArithOp op, const Value& a, const Value& b) {
  return FormatValue(Arithmetic(op, a, b));
}
std::string Cast(const Value& v, TypeDesc t) {
  const Value r = CastValue(v, t, CastContext::kExplicit);
  return r.is_null() ? "NULL" : FormatValue(r);
}

TEST_CASE("time input and output match PostgreSQL 15") {
  const IoCase cases[] = {
      {"00:00", "00:00:00", "", ""},
      {"01:00", "01:00:00", "", ""},
      {"02:03 PST", "02:03:00", "", ""},
      {"11:59 EDT", "11:59:00", "", ""},
      {"11:59:59.99 PM", "23:59:59.99", "", ""},
      {"23:59:59.999999", "23:59:59.999999", "", ""},
      {"23:59:59.9999999", "24:00:00", "", ""},
      {"23:59:60", "24:00:00", "", ""},
      {"24:00:00", "24:00:00", "", ""},
      {"24:00:00.01", "", "22008", "date/time field value out of range: \"24:00:00.01\""},
      {"23:59:60.01", "", "22008", "date/time field value out of range: \"23:59:60.01\""},
      {"24:01:00", "", "22008", "date/time field value out of range: \"24:01:00\""},
      {"25:00:00", "", "22008", "date/time field value out of range: \"25:00:00\""},
      {"x", "", "22007", "invalid input syntax for type time: \"x\""},
      {"13:00 pm", "", "22008", "date/time field value out of range: \"13:00 pm\""},
      {"12:00 am", "00:00:00", "", ""},
      {"12:30 pm", "12:30:00", "", ""},
      {"1:00 am", "01:00:00", "", ""},
      {"12:00 pm", "12:00:00", "", ""},
      {"0:00 am", "00:00:00", "", ""},
      {"infinity", "", "22007", "invalid input syntax for type time: \"infinity\""},
      {"epoch", "", "22007", "invalid input syntax for type time: \"epoch\""},
      {"2020-02-30 10:00", "", "22008", "date/time field value out of range: \"2020-02-30 10:00\""},
      {"2020-05-26 13:30:25.575401", "13:30:25.575401", "", ""},
      {"allballs", "00:00:00", "", ""},
      {"10:00+02", "10:00:00", "", ""},
      {"10:00:00.123456789", "10:00:00.123457", "", ""},
      {"10", "", "22007", "invalid input syntax for type time: \"10\""},
      {"10:", "10:00:00", "", ""},
      {"10:00:", "10:00:00", "", ""},
      {"1:2:3", "01:02:03", "", ""},
      {"T10:00", "10:00:00", "", ""},
      {"10:00:00 +05:30", "10:00:00", "", ""},
      {"  10:00  ", "10:00:00", "", ""},
      {"10:00 zulu", "10:00:00", "", ""},
      {"10:60", "", "22008", "date/time field value out of range: \"10:60\""},
      {"10:59:61", "", "22008", "date/time field value out of range: \"10:59:61\""},
      {"-10:00", "", "22007", "invalid input syntax for type time: \"-10:00\""},
  };
  for (const IoCase& c : cases) test::CheckIoCase({TypeId::kTime}, c);
}

TEST_CASE("timetz input and output match PostgreSQL 15") {
  const IoCase cases[] = {
      {"10:00", "10:00:00+00", "", ""},
      {"10:00+02", "10:00:00+02", "", ""},
      {"10:00-08", "10:00:00-08", "", ""},
      {"10:00 PST", "10:00:00-08", "", ""},
      {"10:00 pdt", "10:00:00-07", "", ""},
      {"10:00 CET", "10:00:00+01", "", ""},
      {"10:00+05:30:15", "10:00:00+05:30:15", "", ""},
      {"10:00-0830", "10:00:00-08:30", "", ""},
      {"10:00+20", "", "22009", "time zone displacement out of range: \"10:00+20\""},
      {"10:00+15:59", "10:00:00+15:59", "", ""},
      {"10:00-15:59:59", "10:00:00-15:59:59", "", ""},
      {"10:00+16", "", "22009", "time zone displacement out of range: \"10:00+16\""},
      {"allballs", "00:00:00+00", "", ""},
      {"x", "", "22007", "invalid input syntax for type time with time zone: \"x\""},
      {"24:00:00+01", "24:00:00+01", "", ""},
      {"2024-01-01 10:00:00+02", "10:00:00+02", "", ""},
      {"10:00:00.5 z", "10:00:00.5+00", "", ""},
      {"10:00 utc", "10:00:00+00", "", ""},
      {"10:00 gmt", "10:00:00+00", "", ""},
      {"10:00 +1", "10:00:00+01", "", ""},
      {"10:00+1:70", "", "22009", "time zone displacement out of range: \"10:00+1:70\""},
      {"11:59:59.99 PM -07", "23:59:59.99-07", "", ""},
  };
  for (const IoCase& c : cases) test::CheckIoCase({TypeId::kTimeTz}, c);
}

TEST_CASE("time(p) and timetz(p) round the fraction") {
  test::CheckIoCase({TypeId::kTime, 2}, {"23:59:59.999", "24:00:00", "", ""});
  test::CheckIoCase({TypeId::kTime, 0}, {"10:00:00.5", "10:00:01", "", ""});
  test::CheckIoCase({TypeId::kTime, 0}, {"10:00:00.4", "10:00:00", "", ""});
  test::CheckIoCase({TypeId::kTime, 3}, {"10:00:00.1234567", "10:00:00.123", "", ""});
  test::CheckIoCase({TypeId::kTime, 3}, {"10:00:00.0005", "10:00:00.001", "", ""});
  test::CheckIoCase({TypeId::kTimeTz, 1}, {"10:00:00.55+03", "10:00:00.6+03", "", ""});
  CHECK(FormatType({TypeId::kTime}) == "time without time zone");
  CHECK(FormatType({TypeId::kTime, 3}) == "time(3) without time zone");
  CHECK(FormatType({TypeId::kTimeTz}) == "time with time zone");
  CHECK(FormatType({TypeId::kTimeTz, 0}) == "time(0) with time zone");
}

TEST_CASE("zone abbreviations and AM/PM in timestamps") {
  test::CheckIoCase({TypeId::kTimestampTz}, {"2024-01-01 10:00 PST", "2024-01-01 18:00:00+00", "", ""});
  test::CheckIoCase({TypeId::kTimestampTz}, {"2024-01-01 10:00 CEST", "2024-01-01 08:00:00+00", "", ""});
  test::CheckIoCase({TypeId::kTimestampTz}, {"2024-01-01 10:00 pm", "2024-01-01 22:00:00+00", "", ""});
  test::CheckIoCase({TypeId::kTimestampTz}, {"2024-01-01 10:00 am +03", "2024-01-01 07:00:00+00", "", ""});
  test::CheckIoCase({TypeId::kTimestampTz}, {"2024-01-01 10:00+20", "", "22009",
                                             "time zone displacement out of range: \"2024-01-01 10:00+20\""});
  test::CheckIoCase({TypeId::kTimestamp}, {"2024-01-01 12:00 am", "2024-01-01 00:00:00", "", ""});
  test::CheckIoCase({TypeId::kTimestamp}, {"2024-01-01 13:00 pm", "", "22008",
                                           "date/time field value out of range: \"2024-01-01 13:00 pm\""});
  test::CheckIoCase({TypeId::kTimestamp}, {"2024-01-01 allballs", "2024-01-01 00:00:00", "", ""});
}

TEST_CASE("time and timetz ordering and hashing") {
  CHECK(CompareValues(Tm("10:00"), Tm("09:59:59.999999")) > 0);
  CHECK(CompareValues(Tm("24:00"), Tm("23:59:59.999999")) > 0);
  // select timetz '10:00+02' = timetz '08:00+00', timetz '10:00+02' < timetz '08:00+00',
  //        timetz '10:00+02' > timetz '09:00+01': f t f
  CHECK(CompareValues(Tz("10:00+02"), Tz("08:00+00")) < 0);
  CHECK(CompareValues(Tz("10:00+02"), Tz("09:00+01")) < 0);
  CHECK(CompareValues(Tz("10:00+02"), Tz("10:00:00+02")) == 0);
  CHECK(CompareValues(Tz("07:00-01"), Tz("08:00+00")) > 0);  // same instant: the zone further west sorts later
  CHECK(HashValue(Tz("10:00+02")) == HashValue(Tz("10:00:00.000+02:00")));
  CHECK(HashValue(Tm("10:00")) == HashValue(Tm("10:00:00")));
}

TEST_CASE("time arithmetic matches PostgreSQL 15") {
  // select time '23:00' + interval '2 hours', time '01:00' - interval '2 hours',
  //        time '10:00' + interval '1 day 3 mons', interval '25 hours' + time '00:00'
  CHECK(Calc(ArithOp::kAdd, Tm("23:00"), Iv("2 hours")) == "01:00:00");
  CHECK(Calc(ArithOp::kSub, Tm("01:00"), Iv("2 hours")) == "23:00:00");
  CHECK(Calc(ArithOp::kAdd, Tm("10:00"), Iv("1 day 3 mons")) == "10:00:00");
  CHECK(Calc(ArithOp::kAdd, Iv("25 hours"), Tm("00:00")) == "01:00:00");
  // select timetz '23:00+02' + interval '2 hours', timetz '01:00-05' - interval '90 minutes'
  CHECK(Calc(ArithOp::kAdd, Tz("23:00+02"), Iv("2 hours")) == "01:00:00+02");
  CHECK(Calc(ArithOp::kSub, Tz("01:00-05"), Iv("90 minutes")) == "23:30:00-05");
  // select time '10:00' - time '12:30', date '2024-01-01' + time '10:00', time '10:00' + date '2024-01-01',
  //        date '2024-01-01' + timetz '10:00+02', timetz '10:00+02' + date '2024-01-01'
  const Value day = ParseValue({TypeId::kDate}, "2024-01-01");
  CHECK(Calc(ArithOp::kSub, Tm("10:00"), Tm("12:30")) == "-02:30:00");
  CHECK(Calc(ArithOp::kAdd, day, Tm("10:00")) == "2024-01-01 10:00:00");
  CHECK(Calc(ArithOp::kAdd, Tm("10:00"), day) == "2024-01-01 10:00:00");
  CHECK(Arithmetic(ArithOp::kAdd, day, Tm("10:00")).type() == TypeId::kTimestamp);
  CHECK(Calc(ArithOp::kAdd, day, Tz("10:00+02")) == "2024-01-01 08:00:00+00");
  CHECK(Calc(ArithOp::kAdd, Tz("10:00+02"), day) == "2024-01-01 08:00:00+00");
  CHECK(Arithmetic(ArithOp::kAdd, day, Tz("10:00+02")).type() == TypeId::kTimestampTz);
  CHECK(SqlStateOf([&] { Arithmetic(ArithOp::kAdd, Tm("10:00"), Tm("10:00")); }) == "42883");
}

TEST_CASE("casts among time, timetz, interval and timestamps") {
  // select time '10:00'::interval, interval '-1 hour'::time, interval '1 day 25:30'::time,
  //        timestamp '2024-01-01 10:11:12.5'::time, timestamptz '2024-01-01 10:11:12.5+02'::timetz,
  //        timestamptz '2024-01-01 10:11:12.5+02'::time, timetz '10:00+05'::time, time '10:00'::timetz,
  //        timestamp 'infinity'::time is null
  CHECK(Cast(Tm("10:00"), {TypeId::kInterval}) == "10:00:00");
  CHECK(Cast(Iv("-1 hour"), {TypeId::kTime}) == "23:00:00");
  CHECK(Cast(Iv("1 day 25:30"), {TypeId::kTime}) == "01:30:00");
  CHECK(Cast(ParseValue({TypeId::kTimestamp}, "2024-01-01 10:11:12.5"), {TypeId::kTime}) == "10:11:12.5");
  const Value tstz = ParseValue({TypeId::kTimestampTz}, "2024-01-01 10:11:12.5+02");
  CHECK(Cast(tstz, {TypeId::kTimeTz}) == "08:11:12.5+00");
  CHECK(Cast(tstz, {TypeId::kTime}) == "08:11:12.5");
  CHECK(Cast(Tz("10:00+05"), {TypeId::kTime}) == "10:00:00");
  CHECK(Cast(Tm("10:00"), {TypeId::kTimeTz}) == "10:00:00+00");
  CHECK(Cast(ParseValue({TypeId::kTimestamp}, "infinity"), {TypeId::kTime}) == "NULL");
  // select '10:00:00.123456'::time(2), '10:00:00.999999+01'::timetz(3)
  CHECK(Cast(Tm("10:00:00.123456"), {TypeId::kTime, 2}) == "10:00:00.12");
  CHECK(Cast(Tz("10:00:00.999999+01"), {TypeId::kTimeTz, 3}) == "10:00:01+01");
  CHECK(Cast(Tm("10:00"), {TypeId::kText}) == "10:00:00");
  CHECK(Cast(Value::String("10:00"), {TypeId::kTime}) == "10:00:00");
  CHECK(FindCast(TypeId::kTime, TypeId::kInterval) == CastContext::kImplicit);
  CHECK(FindCast(TypeId::kTime, TypeId::kTimeTz) == CastContext::kImplicit);
  CHECK(FindCast(TypeId::kTimestamp, TypeId::kTime) == CastContext::kAssignment);
  CHECK(FindCast(TypeId::kTimestampTz, TypeId::kTimeTz) == CastContext::kAssignment);
  CHECK(FindCast(TypeId::kInterval, TypeId::kTime) == CastContext::kAssignment);
  CHECK(FindCast(TypeId::kTimeTz, TypeId::kTime) == CastContext::kAssignment);
  CHECK_FALSE(FindCast(TypeId::kTimeTz, TypeId::kInterval).has_value());
  CHECK_FALSE(FindCast(TypeId::kTime, TypeId::kTimestamp).has_value());
  CHECK(FindCast(TypeId::kTime, TypeId::kText) == CastContext::kAssignment);
  CHECK(FindCast(TypeId::kText, TypeId::kTime) == CastContext::kExplicit);
}

}  // namespace
}  // namespace lumadb

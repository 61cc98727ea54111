// interval (common/interval.h): input in every form PostgreSQL 15 accepts, IntervalStyle postgres output,
// ordering by interval_cmp_value, hashing, arithmetic, justify_* and typmods. Every expected value was
// produced by a PostgreSQL 15 server (select '<input>'::interval, and the expressions quoted per check).
#include "common/interval.h"

#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "common/datetime.h"
#include "common/value_ops.h"
#include "io_case.h"
#include "test_util.h"

namespace lumadb {
namespace {

using test::IoCase;
using test::MessageOf;
using test::SqlStateOf;

Value Iv(const char* text) {
  return ParseValue({TypeId::kInterval}, text);
}
std::string Calc(ArithOp op, const Value& a, const Value& b) {
  return FormatValue(Arithmetic(op, a, b));
}

TEST_CASE("interval input and output match PostgreSQL 15") {
  const IoCase cases[] = {
      {"1 day", "1 day", "", ""},
      {"1 day 2 hours", "1 day 02:00:00", "", ""},
      {"1-2", "1 year 2 mons", "", ""},
      {"-1-2", "-1 years -2 mons", "", ""},
      {"P1Y2M", "1 year 2 mons", "", ""},
      {"@ 1 day ago", "-1 days", "", ""},
      {"01:02:03", "01:02:03", "", ""},
      {"1 year 2 months 3 days 4 hours 5 minutes 6 seconds", "1 year 2 mons 3 days 04:05:06", "", ""},
      {"x", "", "22007", "invalid input syntax for type interval: \"x\""},
      {"1 day 1 day", "", "22007", "invalid input syntax for type interval: \"1 day 1 day\""},
      {"+1 day", "1 day", "", ""},
      {"- 1 day", "-1 days", "", ""},
      {"1:2:3.5", "01:02:03.5", "", ""},
      {"5", "00:00:05", "", ""},
      {"5.5", "00:00:05.5", "", ""},
      {"1 2", "", "22007", "invalid input syntax for type interval: \"1 2\""},
      {"1 year -1 mon", "11 mons", "", ""},
      {"-1 year -1 mon", "-1 years -1 mons", "", ""},
      {"-1 year +1 mon 2 days", "-11 mons +2 days", "", ""},
      {"-00:00:01", "-00:00:01", "", ""},
      {"1 day -02:00", "1 day -02:00:00", "", ""},
      {"-1 day +02:00", "-1 days +02:00:00", "", ""},
      {"1.5 weeks", "10 days 12:00:00", "", ""},
      {"1.5 months", "1 mon 15 days", "", ""},
      {"3 4:05:06", "3 days 04:05:06", "", ""},
      {"1 millisecond", "00:00:00.001", "", ""},
      {"1 microseconds", "00:00:00.000001", "", ""},
      {"10 secs", "00:00:10", "", ""},
      {"1 decade 2 centuries 1 millennium", "1210 years", "", ""},
      {"1 week 1.5 days", "8 days 12:00:00", "", ""},
      {"0.5 years", "6 mons", "", ""},
      {"1.333 months", "1 mon 9 days 23:45:36", "", ""},
      {"1.7 days", "1 day 16:48:00", "", ""},
      {".5 hours", "00:30:00", "", ""},
      {"1. day", "1 day", "", ""},
      {"1e3 days", "", "22007", "invalid input syntax for type interval: \"1e3 days\""},
      {"01:00 1.5 weeks", "10 days 01:00:00", "", ""},
      {"99999999999 years", "", "22015", "interval field value out of range: \"99999999999 years\""},
      {"2147483647 months 1 year", "", "22008", "interval out of range"},
      {"infinity", "", "22007", "invalid input syntax for type interval: \"infinity\""},
      {"-infinity", "", "22007", "invalid input syntax for type interval: \"-infinity\""},
      {"P1Y2M3DT4H5M6.5S", "1 year 2 mons 3 days 04:05:06.5", "", ""},
      {"P0001-02-03T04:05:06", "1 year 2 mons 3 days 04:05:06", "", ""},
      {"PT1.5H", "01:30:00", "", ""},
      {"P1.5Y", "1 year 6 mons", "", ""},
      {"P00010203T040506", "1 year 2 mons 3 days 04:05:06", "", ""},
      {"P1W", "7 days", "", ""},
      {"PT36H", "36:00:00", "", ""},
      {"P-1Y", "-1 years", "", ""},
      {"P1Y-2M", "10 mons", "", ""},
      {"P", "", "22007", "invalid input syntax for type interval: \"P\""},
      {"PT", "00:00:00", "", ""},
      {"P1", "1 year", "", ""},
      {"P1-2", "1 year 2 mons", "", ""},
      {"P1-2-3", "1 year 2 mons 3 days", "", ""},
      {"PT1:2:3", "01:02:03", "", ""},
      {"PT10", "10:00:00", "", ""},
      {"P1DT", "1 day", "", ""},
      {"P1X", "", "22007", "invalid input syntax for type interval: \"P1X\""},
      {"1 day ago 2 hours", "-1 days -02:00:00", "", ""},
      {"1 ago", "", "22007", "invalid input syntax for type interval: \"1 ago\""},
      {"2562047788:00:54.775807", "2562047788:00:54.775807", "", ""},
      {"-2562047788:00:54.775808", "", "22007", "invalid input syntax for type interval: \"-2562047788:00:54.775808\""},
      {"2562047789:00:00", "", "22015", "interval field value out of range: \"2562047789:00:00\""},
      {"-2147483648 days", "-2147483648 days", "", ""},
      {"2147483648 days", "", "22015", "interval field value out of range: \"2147483648 days\""},
      {"178956970 years 7 mons", "178956970 years 7 mons", "", ""},
      {"178956970 years 8 mons", "", "22008", "interval out of range"},
      {"-178956970 years -8 mons", "-178956970 years -8 mons", "", ""},
      {"1 qtr", "", "22007", "invalid input syntax for type interval: \"1 qtr\""},
      {"1 timezone", "", "22007", "invalid input syntax for type interval: \"1 timezone\""},
      {"12:60", "", "22015", "interval field value out of range: \"12:60\""},
      {"12:59:61", "", "22015", "interval field value out of range: \"12:59:61\""},
      {"25:00", "25:00:00", "", ""},
      {"1:2.5", "00:01:02.5", "", ""},
      {"1:2:3.", "01:02:03", "", ""},
      {"0.000001 sec", "00:00:00.000001", "", ""},
      {"0.0000005 sec", "00:00:00", "", ""},
      {"0.0000015 sec", "00:00:00.000001", "", ""},
      {"1.23456789 sec", "00:00:01.234568", "", ""},
      {"-1.5 days", "-1 days -12:00:00", "", ""},
      {"1 hour 30", "01:00:30", "", ""},
      {"30 1 hour", "30 days 01:00:00", "", ""},
      {"1 day 2 3:00", "", "22007", "invalid input syntax for type interval: \"1 day 2 3:00\""},
      {"  1 day  ", "1 day", "", ""},
      {"1day", "1 day", "", ""},
      {"1 d 2 h 3 m 4 s", "1 day 02:03:04", "", ""},
      {"1 yr 2 mon 3 hrs 4 mins 5 secs", "1 year 2 mons 03:04:05", "", ""},
      {"10 years 11 months", "10 years 11 mons", "", ""},
      {"-1 days -02:00:00", "-1 days -02:00:00", "", ""},
      {"1 mons", "1 mon", "", ""},
      {"1,day", "1 day", "", ""},
      {"1 day, 2 hours", "1 day 02:00:00", "", ""},
      {"1 day;", "1 day", "", ""},
      {"1 day ago ago", "-1 days", "", ""},
      {"@1 minute", "00:01:00", "", ""},
      {"7 microseconds 8 milliseconds", "00:00:00.008007", "", ""},
      {"1 second 500 milliseconds", "00:00:01.5", "", ""},
      {"1.5 seconds 500 milliseconds", "", "22007",
       "invalid input syntax for type interval: \"1.5 seconds 500 milliseconds\""},
      {"1 hour 2 minutes 3 seconds 4 milliseconds 5 microseconds", "01:02:03.004005", "", ""},
      {"-1 hour -2 minutes", "-01:02:00", "", ""},
      {"1 hour -2 minutes", "00:58:00", "", ""},
      {"100000000 hours", "100000000:00:00", "", ""},
      {"2562047788 hours", "2562047788:00:00", "", ""},
      {"2562047789 hours", "", "22015", "interval field value out of range: \"2562047789 hours\""},
      {"1 week 1 day", "8 days", "", ""},
      {"1 weeks 2 weeks", "", "22007", "invalid input syntax for type interval: \"1 weeks 2 weeks\""},
      {"0", "00:00:00", "", ""},
      {"-0", "00:00:00", "", ""},
      {"00:00", "00:00:00", "", ""},
      {"+00:00:01.5", "00:00:01.5", "", ""},
      {"-1-0", "-1 years", "", ""},
      {"1-12", "", "22015", "interval field value out of range: \"1-12\""},
      {"1-11", "1 year 11 mons", "", ""},
      {"0-1", "1 mon", "", ""},
  };
  for (const IoCase& c : cases) test::CheckIoCase({TypeId::kInterval}, c);
}

TEST_CASE("interval typmods: precision rounds the seconds, fields truncate, format_type spells them") {
  const int32_t full = kIntervalFullRange;
  test::CheckIoCase({TypeId::kInterval, IntervalTypmod(full, 3)}, {"1.23456789 sec", "00:00:01.235", "", ""});
  test::CheckIoCase({TypeId::kInterval, IntervalTypmod(full, 0)}, {"1.5 sec", "00:00:02", "", ""});
  test::CheckIoCase({TypeId::kInterval, IntervalTypmod(full, 0)}, {"-1.5 sec", "-00:00:02", "", ""});
  test::CheckIoCase({TypeId::kInterval, IntervalTypmod(full, 6)}, {"1.5 sec", "00:00:01.5", "", ""});
  test::CheckIoCase({TypeId::kInterval, IntervalTypmod(full, 1)}, {"1.25 sec", "00:00:01.3", "", ""});
  // select interval '1 year 2 mons 3 days 04:05:06.7' :: interval year / day / hour to minute / minute to second(0)
  const char* big = "1 year 2 mons 3 days 04:05:06.7";
  test::CheckIoCase({TypeId::kInterval, IntervalTypmod(kIntervalYear, kIntervalFullPrecision)},
                    {big, "1 year", "", ""});
  test::CheckIoCase({TypeId::kInterval, IntervalTypmod(kIntervalDay, kIntervalFullPrecision)},
                    {big, "1 year 2 mons 3 days", "", ""});
  test::CheckIoCase({TypeId::kInterval, IntervalTypmod(kIntervalHour | kIntervalMinute, kIntervalFullPrecision)},
                    {big, "1 year 2 mons 3 days 04:05:00", "", ""});
  test::CheckIoCase({TypeId::kInterval, IntervalTypmod(kIntervalMinute | kIntervalSecond, 0)},
                    {big, "1 year 2 mons 3 days 04:05:07", "", ""});
  // A bare number takes the unit of the range's last field: select '5'::interval day, '1:30'::interval minute to
  // second.
  test::CheckIoCase({TypeId::kInterval, IntervalTypmod(kIntervalDay, kIntervalFullPrecision)}, {"5", "5 days", "", ""});
  test::CheckIoCase({TypeId::kInterval, IntervalTypmod(kIntervalMinute | kIntervalSecond, kIntervalFullPrecision)},
                    {"1:30", "00:01:30", "", ""});
  CHECK(FormatType({TypeId::kInterval}) == "interval");
  CHECK(FormatType({TypeId::kInterval, IntervalTypmod(full, 3)}) == "interval(3)");
  CHECK(FormatType({TypeId::kInterval, IntervalTypmod(kIntervalDay | kIntervalHour | kIntervalMinute | kIntervalSecond,
                                                      2)}) == "interval day to second(2)");
  CHECK(FormatType({TypeId::kInterval, IntervalTypmod(kIntervalYear | kIntervalMonth, kIntervalFullPrecision)}) ==
        "interval year to month");
}

TEST_CASE("interval ordering, equality and hashing use 30-day months and 24-hour days") {
  // select interval '1 mon' = interval '30 days', interval '1 day' = interval '24 hours', interval '1 year' >
  // interval '364 days', interval '-1 mon' < interval '-29 days': t t f t
  CHECK(CompareValues(Iv("1 mon"), Iv("30 days")) == 0);
  CHECK(CompareValues(Iv("1 day"), Iv("24 hours")) == 0);
  CHECK(CompareValues(Iv("1 year"), Iv("364 days")) < 0);
  CHECK(CompareValues(Iv("-1 mon"), Iv("-29 days")) < 0);
  CHECK(CompareValues(Iv("1 year"), Iv("360 days")) == 0);
  CHECK(CompareValues(Iv("-00:00:00.000001"), Iv("0")) < 0);
  CHECK(HashValue(Iv("1 mon")) == HashValue(Iv("30 days")));
  CHECK(HashValue(Iv("1 day 1 hour")) == HashValue(Iv("25 hours")));
  CHECK(HashValue(Iv("2 mons -1 day")) == HashValue(Iv("59 days")));
  // Extremes do not overflow the comparison: 178956970 years is 2147483640 months of 30 days.
  CHECK(CompareValues(Iv("178956970 years 7 mons"), Iv("-178956970 years -8 mons")) > 0);
  CHECK(CompareValues(Iv("178956970 years 7 mons 2147483647 days 2562047788:00:54.775807"),
                      Iv("178956970 years 7 mons 2147483647 days 2562047788:00:54.775806")) > 0);
  std::mt19937_64 rng(5101);
  std::uniform_int_distribution<int32_t> months(-30, 30), days(-900, 900);
  std::uniform_int_distribution<int64_t> hours(-30 * 24 * 30, 30 * 24 * 30);
  for (int i = 0; i < 2000; ++i) {
    const Interval a{hours(rng) * 3600000000LL, days(rng), months(rng)};
    const Interval b{hours(rng) * 3600000000LL, days(rng), months(rng)};
    const Value va = Value::OfInterval(a), vb = Value::OfInterval(b);
    if (CompareValues(va, vb) == 0) CHECK(HashValue(va) == HashValue(vb));
    CHECK(CompareValues(va, vb) == -CompareValues(vb, va));
    CHECK(CompareValues(va, Value::OfInterval(JustifyInterval(a))) == 0);
  }
}

TEST_CASE("interval arithmetic matches PostgreSQL 15") {
  // select interval '1 day' + interval '1 hour', interval '1 day' - interval '1 mon', -interval '1 year 2 days -03:00'
  CHECK(Calc(ArithOp::kAdd, Iv("1 day"), Iv("1 hour")) == "1 day 01:00:00");
  CHECK(Calc(ArithOp::kSub, Iv("1 day"), Iv("1 mon")) == "-1 mons +1 day");
  CHECK(FormatValue(Negate(Iv("1 year 2 days -03:00"))) == "-1 years -2 days +03:00:00");
  // select interval '1 day' * 1.5, interval '1 mon' * 0.5, interval '1 mon' / 3, interval '1 year 1 day' * 0.1,
  //        interval '10 days' / 4, interval '1 hour' * -2, -3.5 * interval '1 day 1 hour'
  CHECK(Calc(ArithOp::kMul, Iv("1 day"), Value::Float8(1.5)) == "1 day 12:00:00");
  CHECK(Calc(ArithOp::kMul, Iv("1 mon"), Value::Float8(0.5)) == "15 days");
  CHECK(Calc(ArithOp::kDiv, Iv("1 mon"), Value::Float8(3)) == "10 days");
  CHECK(Calc(ArithOp::kMul, Iv("1 year 1 day"), Value::Float8(0.1)) == "1 mon 6 days 02:24:00");
  CHECK(Calc(ArithOp::kDiv, Iv("10 days"), Value::Float8(4)) == "2 days 12:00:00");
  CHECK(Calc(ArithOp::kMul, Iv("1 hour"), Value::Float8(-2)) == "-02:00:00");
  CHECK(Calc(ArithOp::kMul, Value::Float8(-3.5), Iv("1 day 1 hour")) == "-3 days -15:30:00");
  // select interval '1 mon 2 days 3 hours' * 2.7, interval '7 mons 13 days 01:02:03' / 2.3,
  //        interval '1 mon' * 1e-7, interval '12345 days 12:00' * 3.3333
  CHECK(Calc(ArithOp::kMul, Iv("1 mon 2 days 3 hours"), Value::Float8(2.7)) == "2 mons 26 days 17:42:00");
  CHECK(Calc(ArithOp::kDiv, Iv("7 mons 13 days 01:02:03"), Value::Float8(2.3)) == "3 mons 6 days 23:24:22.188939");
  CHECK(Calc(ArithOp::kMul, Iv("1 mon"), Value::Float8(1e-7)) == "00:00:00.2592");
  CHECK(Calc(ArithOp::kMul, Iv("12345 days 12:00"), Value::Float8(3.3333)) == "41149 days 54:07:24.96");
  // select interval '1 day' / 0; interval '2147483647 days' + interval '1 day'; '5 days'::interval * 2147483647.0
  CHECK(SqlStateOf([&] { Arithmetic(ArithOp::kDiv, Iv("1 day"), Value::Float8(0)); }) == "22012");
  CHECK(MessageOf([&] { Arithmetic(ArithOp::kAdd, Iv("2147483647 days"), Iv("1 day")); }) == "interval out of range");
  CHECK(SqlStateOf([&] { Arithmetic(ArithOp::kMul, Iv("5 days"), Value::Float8(2147483647.0)); }) == "22008");
  CHECK(SqlStateOf([&] { Negate(Iv("-2147483648 days")); }) == "22008");
  CHECK(SqlStateOf([&] { Arithmetic(ArithOp::kMul, Iv("1 day"), Iv("1 day")); }) == "42883");
}

TEST_CASE("timestamps and dates with intervals match PostgreSQL 15") {
  auto ts = [](const char* s) { return ParseValue({TypeId::kTimestamp}, s); };
  auto tstz = [](const char* s) { return ParseValue({TypeId::kTimestampTz}, s); };
  auto date = [](const char* s) { return ParseValue({TypeId::kDate}, s); };
  // select timestamp '2024-01-31' + interval '1 month', timestamp '2024-03-31' - interval '1 month',
  //        timestamp '2023-01-31 10:00' + interval '1 mon 1 day 1 hour'
  CHECK(Calc(ArithOp::kAdd, ts("2024-01-31"), Iv("1 month")) == "2024-02-29 00:00:00");
  CHECK(Calc(ArithOp::kSub, ts("2024-03-31"), Iv("1 month")) == "2024-02-29 00:00:00");
  CHECK(Calc(ArithOp::kAdd, ts("2023-01-31 10:00"), Iv("1 mon 1 day 1 hour")) == "2023-03-01 11:00:00");
  // select timestamp '2024-02-29' + interval '1 year', timestamp '2024-01-01' + interval '-13 mons',
  //        timestamp '2024-12-15' + interval '14 mons'
  CHECK(Calc(ArithOp::kAdd, ts("2024-02-29"), Iv("1 year")) == "2025-02-28 00:00:00");
  CHECK(Calc(ArithOp::kAdd, ts("2024-01-01"), Iv("-13 mons")) == "2022-12-01 00:00:00");
  CHECK(Calc(ArithOp::kAdd, ts("2024-12-15"), Iv("14 mons")) == "2026-02-15 00:00:00");
  // select date '2024-01-31' + interval '1 month', date '2024-03-01' - interval '1 day',
  //        interval '2 days' + date '2024-01-01'
  CHECK(Calc(ArithOp::kAdd, date("2024-01-31"), Iv("1 month")) == "2024-02-29 00:00:00");
  CHECK(Calc(ArithOp::kSub, date("2024-03-01"), Iv("1 day")) == "2024-02-29 00:00:00");
  CHECK(Calc(ArithOp::kAdd, Iv("2 days"), date("2024-01-01")) == "2024-01-03 00:00:00");
  CHECK(Arithmetic(ArithOp::kAdd, date("2024-01-31"), Iv("1 day")).type() == TypeId::kTimestamp);
  // select timestamptz '2024-01-31 10:00+00' + interval '1 month 2 hours',
  //        interval '1 hour' + timestamptz '2024-01-01 00:00+00'
  CHECK(Calc(ArithOp::kAdd, tstz("2024-01-31 10:00+00"), Iv("1 month 2 hours")) == "2024-02-29 12:00:00+00");
  CHECK(Calc(ArithOp::kAdd, Iv("1 hour"), tstz("2024-01-01 00:00+00")) == "2024-01-01 01:00:00+00");
  // select timestamp '2024-03-01' - timestamp '2024-01-01 12:00', timestamp '2024-01-01' -
  //        timestamp '2024-03-01 12:00', timestamp '2024-01-01 00:00:01' - timestamp '2024-01-01',
  //        timestamptz '2024-01-01' - timestamptz '2023-06-01 12:00'
  CHECK(Calc(ArithOp::kSub, ts("2024-03-01"), ts("2024-01-01 12:00")) == "59 days 12:00:00");
  CHECK(Calc(ArithOp::kSub, ts("2024-01-01"), ts("2024-03-01 12:00")) == "-60 days -12:00:00");
  CHECK(Calc(ArithOp::kSub, ts("2024-01-01 00:00:01"), ts("2024-01-01")) == "00:00:01");
  CHECK(Calc(ArithOp::kSub, tstz("2024-01-01"), tstz("2023-06-01 12:00")) == "213 days 12:00:00");
  // Infinite timestamps stay infinite; the ends of the range are errors.
  CHECK(Calc(ArithOp::kAdd, ts("infinity"), Iv("1 day")) == "infinity");
  CHECK(MessageOf([&] { Arithmetic(ArithOp::kAdd, ts("294276-12-31"), Iv("1 day")); }) == "timestamp out of range");
  CHECK(SqlStateOf([&] { Arithmetic(ArithOp::kSub, ts("4714-11-24 BC"), Iv("1 mon")); }) == "22008");
  CHECK(SqlStateOf([&] { Arithmetic(ArithOp::kAdd, ts("2000-01-01"), Iv("2147483647 days")); }) == "22008");
  CHECK(MessageOf([&] { Arithmetic(ArithOp::kSub, ts("infinity"), ts("2024-01-01")); }) ==
        "cannot subtract infinite timestamps");
  CHECK(MessageOf([&] { Arithmetic(ArithOp::kAdd, Value::Date(kDateNoEnd - 1), Iv("1 day")); }) ==
        "date out of range for timestamp");
  CHECK(SqlStateOf([&] { Arithmetic(ArithOp::kSub, Iv("1 day"), ts("2024-01-01")); }) == "42883");
}

TEST_CASE("justify_hours, justify_days, justify_interval") {
  // select justify_hours(interval '50 hours'), justify_hours(interval '-50 hours 3 days'),
  //        justify_days(interval '35 days'), justify_days(interval '1 mon -35 days'),
  //        justify_interval(interval '1 mon -1 hour'), justify_interval(interval '-1 mon 35 days 50 hours')
  auto iv = [](const char* s) { return Iv(s).GetInterval(); };
  auto show = [](const Interval& i) { return FormatInterval(i); };
  CHECK(show(JustifyHours(iv("50 hours"))) == "2 days 02:00:00");
  CHECK(show(JustifyHours(iv("-50 hours 3 days"))) == "22:00:00");
  CHECK(show(JustifyDays(iv("35 days"))) == "1 mon 5 days");
  CHECK(show(JustifyDays(iv("1 mon -35 days"))) == "-5 days");
  CHECK(show(JustifyInterval(iv("1 mon -1 hour"))) == "29 days 23:00:00");
  CHECK(show(JustifyInterval(iv("-1 mon 35 days 50 hours"))) == "7 days 02:00:00");
}

}  // namespace
}  // namespace lumadb

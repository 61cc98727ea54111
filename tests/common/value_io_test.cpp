// Text input/output per type; expected strings are PostgreSQL 15 output (DateStyle ISO, MDY, UTC).
#include "common/value_io.h"

#include <doctest/doctest.h>

#include "common/datetime.h"
#include "common/float_output.h"
#include "test_util.h"

namespace lumadb {
namespace {

using test::MessageOf;
using test::RoundTrip;
using test::SqlStateOf;

constexpr TypeDesc kInt2{TypeId::kInt2}, kInt4{TypeId::kInt4}, kInt8{TypeId::kInt8}, kBool{TypeId::kBool};
constexpr TypeDesc kFloat4{TypeId::kFloat4}, kFloat8{TypeId::kFloat8}, kDate{TypeId::kDate};
constexpr TypeDesc kTs{TypeId::kTimestamp}, kTsTz{TypeId::kTimestampTz}, kBytea{TypeId::kBytea};

TEST_CASE("integers") {
  CHECK(RoundTrip(kInt4, " 12 ") == "12");
  CHECK(RoundTrip(kInt2, "+3") == "3");
  CHECK(RoundTrip(kInt2, "-32768") == "-32768");
  CHECK(RoundTrip(kInt4, "-2147483648") == "-2147483648");
  CHECK(RoundTrip(kInt8, "-9223372036854775808") == "-9223372036854775808");
  CHECK(ParseValue(kInt4, "7").type() == TypeId::kInt4);
  CHECK(MessageOf([] { ParseValue(kInt4, "abc"); }) == "invalid input syntax for type integer: \"abc\"");
  CHECK(SqlStateOf([] { ParseValue(kInt4, "1.5"); }) == "22P02");
  CHECK(SqlStateOf([] { ParseValue(kInt4, "-"); }) == "22P02");
  CHECK(SqlStateOf([] { ParseValue(kInt4, ""); }) == "22P02");
  CHECK(MessageOf([] { ParseValue(kInt4, "99999999999"); }) ==
        "value \"99999999999\" is out of range for type integer");
  CHECK(SqlStateOf([] { ParseValue(kInt4, "2147483648"); }) == "22003");
  CHECK(MessageOf([] { ParseValue(kInt2, "32768"); }) == "value \"32768\" is out of range for type smallint");
  CHECK(MessageOf([] { ParseValue(kInt8, "9223372036854775808"); }) ==
        "value \"9223372036854775808\" is out of range for type bigint");
  CHECK(MessageOf([] { ParseValue(kInt8, "1x"); }) == "invalid input syntax for type bigint: \"1x\"");
}

TEST_CASE("oid") {
  CHECK(RoundTrip({TypeId::kOid}, "4294967295") == "4294967295");
  CHECK(RoundTrip({TypeId::kOid}, "-1") == "4294967295");
  CHECK(MessageOf([] { ParseValue({TypeId::kOid}, "4294967296"); }) ==
        "value \"4294967296\" is out of range for type oid");
}

TEST_CASE("booleans") {
  for (const char* t : {"t", "true", "TRUE", "tRuE", "y", "yes", "on", "1", " true "})
    CHECK(RoundTrip(kBool, t) == "t");
  for (const char* f : {"f", "false", "n", "no", "off", "of", "0", " of"}) CHECK(RoundTrip(kBool, f) == "f");
  CHECK(MessageOf([] { ParseValue(kBool, "x"); }) == "invalid input syntax for type boolean: \"x\"");
  CHECK(SqlStateOf([] { ParseValue(kBool, "o"); }) == "22P02");
  CHECK(SqlStateOf([] { ParseValue(kBool, "truee"); }) == "22P02");
  CHECK(SqlStateOf([] { ParseValue(kBool, "2"); }) == "22P02");
}

TEST_CASE("extra_float_digits <= 0 prints %g with fewer digits, as float8out/float4out") {
  SetExtraFloatDigits(0);
  CHECK(RoundTrip(kFloat8, "0.1") == "0.1");
  CHECK(RoundTrip(kFloat8, "1e20") == "1e+20");
  CHECK(RoundTrip(kFloat8, "-0") == "-0");
  CHECK(RoundTrip(kFloat8, "0.333333333333333333") == "0.333333333333333");
  CHECK(RoundTrip(kFloat4, "123456789") == "1.23457e+08");
  CHECK(RoundTrip(kFloat8, "nan") == "NaN");
  SetExtraFloatDigits(-3);
  CHECK(RoundTrip(kFloat8, "0.333333333333333333") == "0.333333333333");
  CHECK(RoundTrip(kFloat4, "1.5e-7") == "1.5e-07");
  SetExtraFloatDigits(-15);
  CHECK(RoundTrip(kFloat8, "0.333333333333333333") == "0.3");
  CHECK(RoundTrip(kFloat4, "2.5") == "2");  // %.1g rounds half to even
  SetExtraFloatDigits(3);
  CHECK(RoundTrip(kFloat8, "0.1") == "0.1");  // above 0: shortest exact, whatever the value
  SetExtraFloatDigits(1);
}

TEST_CASE("floats use shortest round-trip output") {
  CHECK(RoundTrip(kFloat8, "0.1") == "0.1");
  CHECK(RoundTrip(kFloat8, "1e20") == "1e+20");
  CHECK(RoundTrip(kFloat8, "1.5e-7") == "1.5e-07");
  CHECK(RoundTrip(kFloat8, "1e15") == "1e+15");
  CHECK(RoundTrip(kFloat8, "123456789012345") == "123456789012345");
  CHECK(RoundTrip(kFloat8, "0.0001") == "0.0001");
  CHECK(RoundTrip(kFloat8, "0.00001") == "1e-05");
  CHECK(RoundTrip(kFloat8, "-0") == "-0");
  CHECK(RoundTrip(kFloat8, "2.5e-310") == "2.5e-310");
  CHECK(RoundTrip(kFloat8, "infinity") == "Infinity");
  CHECK(RoundTrip(kFloat8, "-Infinity") == "-Infinity");
  CHECK(RoundTrip(kFloat8, " nan ") == "NaN");
  CHECK(RoundTrip(kFloat4, "1234567") == "1.234567e+06");
  CHECK(RoundTrip(kFloat4, "123456") == "123456");
  CHECK(RoundTrip(kFloat4, "100000000") == "1e+08");
  CHECK(RoundTrip(kFloat4, "3.4028235e38") == "3.4028235e+38");
  CHECK(RoundTrip(kFloat4, "123.456") == "123.456");
  CHECK(RoundTrip(kFloat4, "1e-45") == "1e-45");
  CHECK(MessageOf([] { ParseValue(kFloat8, "1e400"); }) == "\"1e400\" is out of range for type double precision");
  CHECK(SqlStateOf([] { ParseValue(kFloat8, "1e-400"); }) == "22003");
  CHECK(SqlStateOf([] { ParseValue(kFloat4, "1e39"); }) == "22003");
  CHECK(MessageOf([] { ParseValue(kFloat4, "xyz"); }) == "invalid input syntax for type real: \"xyz\"");
  CHECK(SqlStateOf([] { ParseValue(kFloat8, "1.0abc"); }) == "22P02");
  CHECK(SqlStateOf([] { ParseValue(kFloat8, ""); }) == "22P02");
}

TEST_CASE("numeric with typmod") {
  CHECK(RoundTrip({TypeId::kNumeric, NumericTypmod(10, 2)}, "3.14159") == "3.14");
  CHECK(RoundTrip({TypeId::kNumeric}, "3.14159") == "3.14159");
  CHECK(SqlStateOf([] { ParseValue({TypeId::kNumeric, NumericTypmod(5, 2)}, "12345.678"); }) == "22003");
}

TEST_CASE("character types") {
  const TypeDesc varchar2{TypeId::kVarchar, 2 + 4}, char4{TypeId::kBpchar, 4 + 4};
  CHECK(RoundTrip({TypeId::kText}, " a b ") == " a b ");
  CHECK(RoundTrip(varchar2, "ab") == "ab");
  CHECK(RoundTrip(varchar2, "ab   ") == "ab");                           // excess spaces are dropped silently
  CHECK(RoundTrip(varchar2, "\xc3\xa9\xc3\xa9") == "\xc3\xa9\xc3\xa9");  // two characters, four bytes
  CHECK(MessageOf([&] { ParseValue(varchar2, "abc"); }) == "value too long for type character varying(2)");
  CHECK(SqlStateOf([&] { ParseValue(varchar2, "abc"); }) == "22001");
  CHECK(RoundTrip(char4, "ab") == "ab  ");
  CHECK(RoundTrip(char4, "\xc3\xa9") == "\xc3\xa9   ");
  CHECK(MessageOf([&] { ParseValue(char4, "abcde"); }) == "value too long for type character(4)");
  CHECK(RoundTrip({TypeId::kBpchar}, "ab ") == "ab ");
  CHECK(RoundTrip({TypeId::kName}, std::string(70, 'x')) == std::string(63, 'x'));
}

TEST_CASE("bytea") {
  CHECK(RoundTrip(kBytea, "\\x0aFF") == "\\x0aff");
  CHECK(RoundTrip(kBytea, "\\x0a ff") == "\\x0aff");
  CHECK(RoundTrip(kBytea, "abc") == "\\x616263");
  CHECK(RoundTrip(kBytea, "a\\\\b\\001") == "\\x615c6201");
  CHECK(ParseValue(kBytea, "\\x00").GetString() == std::string(1, '\0'));
  CHECK(MessageOf([] { ParseValue(kBytea, "\\x0g"); }) == "invalid hexadecimal digit: \"g\"");
  CHECK(SqlStateOf([] { ParseValue(kBytea, "\\x0"); }) == "22023");
  CHECK(MessageOf([] { ParseValue(kBytea, "\\x0"); }) == "invalid hexadecimal data: odd number of digits");
  CHECK(MessageOf([] { ParseValue(kBytea, "a\\q"); }) == "invalid input syntax for type bytea");
  CHECK(SqlStateOf([] { ParseValue(kBytea, "a\\q"); }) == "22P02");
}

TEST_CASE("dates") {
  for (const char* s : {"2024-01-02", "Jan 2 2024", "2 Jan 2024", "20240102", "2024-01-02 10:00:00", "January 2, 2024",
                        "1/2/2024", "2-jan-2024", "01-02-24", " 2024-01-02 "}) {
    CAPTURE(s);
    CHECK(RoundTrip(kDate, s) == "2024-01-02");
  }
  CHECK(ParseValue(kDate, "2000-01-01").GetInt() == 0);
  CHECK(ParseValue(kDate, "1999-12-31").GetInt() == -1);
  CHECK(RoundTrip(kDate, "2024-02-29") == "2024-02-29");
  CHECK(RoundTrip(kDate, "0001-01-01 BC") == "0001-01-01 BC");
  CHECK(RoundTrip(kDate, "4714-11-24 BC") == "4714-11-24 BC");
  CHECK(RoundTrip(kDate, "5874897-12-31") == "5874897-12-31");
  CHECK(RoundTrip(kDate, "epoch") == "1970-01-01");
  CHECK(RoundTrip(kDate, "infinity") == "infinity");
  CHECK(RoundTrip(kDate, "-infinity") == "-infinity");
  CHECK(MessageOf([] { ParseValue(kDate, "x"); }) == "invalid input syntax for type date: \"x\"");
  CHECK(SqlStateOf([] { ParseValue(kDate, "x"); }) == "22007");
  CHECK(SqlStateOf([] { ParseValue(kDate, "2024-01-02 junk"); }) == "22007");
  CHECK(MessageOf([] { ParseValue(kDate, "2020-13-01"); }) == "date/time field value out of range: \"2020-13-01\"");
  CHECK(SqlStateOf([] { ParseValue(kDate, "2020-13-01"); }) == "22008");
  CHECK(SqlStateOf([] { ParseValue(kDate, "2020-02-30"); }) == "22008");
  CHECK(SqlStateOf([] { ParseValue(kDate, "2023-02-29"); }) == "22008");
  CHECK(SqlStateOf([] { ParseValue(kDate, "0000-01-01"); }) == "22008");
  try {
    ParseValue(kDate, "13/01/2020");
    FAIL("expected an error");
  } catch (const DbError& e) {
    CHECK(e.code().View() == "22008");
    CHECK(*e.hint() == "Perhaps you need a different \"datestyle\" setting.");
  }
  CHECK(MessageOf([] { ParseValue(kDate, "5874898-01-01"); }) == "date out of range: \"5874898-01-01\"");
  CHECK(SqlStateOf([] { ParseValue(kDate, "4714-11-23 BC"); }) == "22008");
}

TEST_CASE("timestamps") {
  CHECK(RoundTrip(kTs, "2024-01-02 03:04:05.5") == "2024-01-02 03:04:05.5");
  CHECK(RoundTrip(kTs, "2024-01-02T03:04:05") == "2024-01-02 03:04:05");
  CHECK(RoundTrip(kTs, "2024-01-02") == "2024-01-02 00:00:00");
  CHECK(RoundTrip(kTs, "2024-01-02 03:04:05+02") == "2024-01-02 03:04:05");  // zone ignored
  CHECK(RoundTrip(kTs, "2024-01-02 03:04:05.5 -05") == "2024-01-02 03:04:05.5");
  CHECK(RoundTrip(kTs, "1999-12-31 23:59:59.999999") == "1999-12-31 23:59:59.999999");
  CHECK(RoundTrip(kTs, "2024-01-02 03:04:05.1234564") == "2024-01-02 03:04:05.123456");
  CHECK(RoundTrip(kTs, "2024-01-02 24:00") == "2024-01-03 00:00:00");
  CHECK(RoundTrip(kTs, "2024-01-02 03:04:60") == "2024-01-02 03:05:00");
  CHECK(RoundTrip({TypeId::kTimestamp, 1}, "2024-01-02 03:04:05.55") == "2024-01-02 03:04:05.6");
  CHECK(RoundTrip(kTs, "infinity") == "infinity");
  CHECK(ParseValue(kTs, "2000-01-01 00:00:01").GetInt() == 1000000);
  CHECK(RoundTrip(kTsTz, "2024-01-02T03:04:05.123456789+02:30") == "2024-01-02 00:34:05.123457+00");
  CHECK(RoundTrip(kTsTz, "2024-01-02 03:04:05Z") == "2024-01-02 03:04:05+00");
  CHECK(RoundTrip(kTsTz, "2024-01-02 10:00 -0530") == "2024-01-02 15:30:00+00");
  CHECK(RoundTrip(kTsTz, "0044-03-15 12:00 BC") == "0044-03-15 12:00:00+00 BC");
  CHECK(RoundTrip(kTsTz, "epoch") == "1970-01-01 00:00:00+00");
  CHECK(MessageOf([] { ParseValue(kTs, "2020-01-01 25:00"); }) ==
        "date/time field value out of range: \"2020-01-01 25:00\"");
  CHECK(MessageOf([] { ParseValue(kTs, "294277-01-01"); }) == "timestamp out of range: \"294277-01-01\"");
  CHECK(MessageOf([] { ParseValue(kTsTz, "nope"); }) ==
        "invalid input syntax for type timestamp with time zone: \"nope\"");
  CHECK(SqlStateOf([] { ParseValue(kTs, "2020-01-01 10:61"); }) == "22008");
}

TEST_CASE("calendar conversion round-trips") {
  for (int64_t d : {int64_t{-2451545}, int64_t{-730120}, int64_t{-1}, int64_t{0}, int64_t{59}, int64_t{8800}}) {
    int64_t y = 0;
    int32_t m = 0, day = 0;
    CivilFromDays(d, &y, &m, &day);
    CHECK(DaysFromCivil(y, m, day) == d);
  }
}

}  // namespace
}  // namespace lumadb

TEST_CASE("DateStyle field order decides ambiguous numeric dates") {
  using lumadb::DateOrder;
  CHECK(lumadb::FormatValue(lumadb::ParseValue({lumadb::TypeId::kDate}, "05/04/2024")) == "2024-05-04");
  lumadb::SetDateOrder(DateOrder::kDMY);
  CHECK(lumadb::FormatValue(lumadb::ParseValue({lumadb::TypeId::kDate}, "05/04/2024")) == "2024-04-05");
  CHECK(lumadb::FormatValue(lumadb::ParseValue({lumadb::TypeId::kDate}, "2024-05-04")) == "2024-05-04");
  lumadb::SetDateOrder(DateOrder::kYMD);
  CHECK(lumadb::FormatValue(lumadb::ParseValue({lumadb::TypeId::kDate}, "24/05/04")) == "2024-05-04");
  lumadb::SetDateOrder(DateOrder::kMDY);
}

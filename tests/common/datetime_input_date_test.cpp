// Date/time input as PostgreSQL 15's ParseDateTime / DecodeDateTime / DecodeTimeOnly decode it
// (common/src/datetime_lex.cpp, datetime_decode*.cpp, datetime_decoder*.cpp): dates in the three DateStyle field orders
// (MDY, DMY, YMD), ISO, Julian, day-of-year, run-together and text-month forms, BC, ranges and the datestyle HINT.
// Every expected output, SQLSTATE and message was produced by PostgreSQL 15 with TimeZone UTC and DateStyle ISO.
#include <doctest/doctest.h>

#include "common/datetime.h"
#include "common/error.h"
#include "common/time_zone.h"
#include "io_case.h"

namespace lumadb {
namespace {

using test::CheckIoCase;
using test::IoCase;

const IoCase kDateMdy[] = {
    {"1999-01-08", "1999-01-08", "", ""},
    {"January 8, 1999", "1999-01-08", "", ""},
    {"1/8/1999", "1999-01-08", "", ""},
    {"1/18/1999", "1999-01-18", "", ""},
    {"18/1/1999", "", "22008", "date/time field value out of range: \"18/1/1999\""},
    {"01/02/03", "2003-01-02", "", ""},
    {"19990108", "1999-01-08", "", ""},
    {"990108", "1999-01-08", "", ""},
    {"1999.008", "1999-01-08", "", ""},
    {"J2451187", "1999-01-08", "", ""},
    {"January 8, 99 BC", "0099-01-08 BC", "", ""},
    {"99-Jan-08", "", "22008", "date/time field value out of range: \"99-Jan-08\""},
    {"1999-Jan-08", "1999-01-08", "", ""},
    {"08-Jan-99", "1999-01-08", "", ""},
    {"08-Jan-1999", "1999-01-08", "", ""},
    {"Jan-08-99", "1999-01-08", "", ""},
    {"Jan-08-1999", "1999-01-08", "", ""},
    {"99-08-Jan", "", "22007", "invalid input syntax for type date: \"99-08-Jan\""},
    {"1999-08-Jan", "", "22007", "invalid input syntax for type date: \"1999-08-Jan\""},
    {"99 Jan 08", "", "22007", "invalid input syntax for type date: \"99 Jan 08\""},
    {"1999 Jan 08", "1999-01-08", "", ""},
    {"08 Jan 99", "1999-01-08", "", ""},
    {"08 Jan 1999", "1999-01-08", "", ""},
    {"Jan 08 99", "1999-01-08", "", ""},
    {"Jan 08 1999", "1999-01-08", "", ""},
    {"99 08 Jan", "", "22007", "invalid input syntax for type date: \"99 08 Jan\""},
    {"1999 08 Jan", "1999-01-08", "", ""},
    {"99-01-08", "", "22008", "date/time field value out of range: \"99-01-08\""},
    {"1999-01-08", "1999-01-08", "", ""},
    {"08-01-99", "1999-08-01", "", ""},
    {"08-01-1999", "1999-08-01", "", ""},
    {"01-08-99", "1999-01-08", "", ""},
    {"01-08-1999", "1999-01-08", "", ""},
    {"99-08-01", "", "22008", "date/time field value out of range: \"99-08-01\""},
    {"1999-08-01", "1999-08-01", "", ""},
    {"99 01 08", "", "22008", "date/time field value out of range: \"99 01 08\""},
    {"1999 01 08", "1999-01-08", "", ""},
    {"08 01 99", "1999-08-01", "", ""},
    {"08 01 1999", "1999-08-01", "", ""},
    {"01 08 99", "1999-01-08", "", ""},
    {"01 08 1999", "1999-01-08", "", ""},
    {"99 08 01", "", "22008", "date/time field value out of range: \"99 08 01\""},
    {"1999 08 01", "1999-08-01", "", ""},
    {"1999/01/08", "1999-01-08", "", ""},
    {"1999.1.8", "1999-01-08", "", ""},
    {"08jan1999", "1999-01-08", "", ""},
    {"jan081999", "", "22007", "invalid input syntax for type date: \"jan081999\""},
    {"1999-13-08", "", "22008", "date/time field value out of range: \"1999-13-08\""},
    {"1999-02-29", "", "22008", "date/time field value out of range: \"1999-02-29\""},
    {"2000-02-29", "2000-02-29", "", ""},
    {"13/13/1999", "", "22008", "date/time field value out of range: \"13/13/1999\""},
    {"0000-01-01", "", "22008", "date/time field value out of range: \"0000-01-01\""},
    {"0001-01-01 BC", "0001-01-01 BC", "", ""},
    {"5874897-12-31", "5874897-12-31", "", ""},
    {"5874898-01-01", "", "22008", "date out of range: \"5874898-01-01\""},
    {"4714-11-24 BC", "4714-11-24 BC", "", ""},
    {"4714-11-23 BC", "", "22008", "date out of range: \"4714-11-23 BC\""},
    {"J0", "4714-11-24 BC", "", ""},
    {"J-1", "", "22007", "invalid input syntax for type date: \"J-1\""},
    {"Jan 8 99999", "99999-01-08", "", ""},
    {"123456 Jan 8", "", "22007", "invalid input syntax for type date: \"123456 Jan 8\""},
    {"epoch", "1970-01-01", "", ""},
    {"infinity", "infinity", "", ""},
    {"-infinity", "-infinity", "", ""},
    {"+infinity", "", "22007", "invalid input syntax for type date: \"+infinity\""},
    {"wed 1999-01-08", "", "22007", "invalid input syntax for type date: \"wed 1999-01-08\""},
    {"wed thu 1999-01-08", "", "22007", "invalid input syntax for type date: \"wed thu 1999-01-08\""},
    {"at 1999-01-08 on", "1999-01-08", "", ""},
    {"y1999m01d08", "1999-01-08", "", ""},
    {"10:00", "", "22007", "invalid input syntax for type date: \"10:00\""},
    {"1999-1-8x", "", "22007", "invalid input syntax for type date: \"1999-1-8x\""},
    {"1999-01-2147483648", "", "22008", "date/time field value out of range: \"1999-01-2147483648\""},
    {"01", "", "22007", "invalid input syntax for type date: \"01\""},
    {"-infinity 8", "-infinity", "", ""},
    {"epoch allballs", "", "22007", "invalid input syntax for type date: \"epoch allballs\""},
    {"allballs epoch", "1970-01-01", "", ""},
    {"1999-01-08 10:00:00.5,23:59:60", "", "22007",
     "invalid input syntax for type date: \"1999-01-08 10:00:00.5,23:59:60\""},
};

const IoCase kDateDmy[] = {
    {"1999-01-08", "1999-01-08", "", ""},
    {"January 8, 1999", "1999-01-08", "", ""},
    {"1/8/1999", "1999-08-01", "", ""},
    {"1/18/1999", "", "22008", "date/time field value out of range: \"1/18/1999\""},
    {"18/1/1999", "1999-01-18", "", ""},
    {"01/02/03", "2003-02-01", "", ""},
    {"19990108", "1999-01-08", "", ""},
    {"990108", "1999-01-08", "", ""},
    {"1999.008", "1999-01-08", "", ""},
    {"J2451187", "1999-01-08", "", ""},
    {"January 8, 99 BC", "0099-01-08 BC", "", ""},
    {"99-Jan-08", "", "22008", "date/time field value out of range: \"99-Jan-08\""},
    {"1999-Jan-08", "1999-01-08", "", ""},
    {"08-Jan-99", "1999-01-08", "", ""},
    {"08-Jan-1999", "1999-01-08", "", ""},
    {"Jan-08-99", "1999-01-08", "", ""},
    {"Jan-08-1999", "1999-01-08", "", ""},
    {"99-08-Jan", "", "22007", "invalid input syntax for type date: \"99-08-Jan\""},
    {"1999-08-Jan", "", "22007", "invalid input syntax for type date: \"1999-08-Jan\""},
    {"99 Jan 08", "", "22008", "date/time field value out of range: \"99 Jan 08\""},
    {"1999 Jan 08", "1999-01-08", "", ""},
    {"08 Jan 99", "1999-01-08", "", ""},
    {"08 Jan 1999", "1999-01-08", "", ""},
    {"Jan 08 99", "1999-01-08", "", ""},
    {"Jan 08 1999", "1999-01-08", "", ""},
    {"99 08 Jan", "", "22007", "invalid input syntax for type date: \"99 08 Jan\""},
    {"1999 08 Jan", "1999-01-08", "", ""},
    {"99-01-08", "", "22008", "date/time field value out of range: \"99-01-08\""},
    {"1999-01-08", "1999-01-08", "", ""},
    {"08-01-99", "1999-01-08", "", ""},
    {"08-01-1999", "1999-01-08", "", ""},
    {"01-08-99", "1999-08-01", "", ""},
    {"01-08-1999", "1999-08-01", "", ""},
    {"99-08-01", "", "22008", "date/time field value out of range: \"99-08-01\""},
    {"1999-08-01", "1999-08-01", "", ""},
    {"99 01 08", "", "22008", "date/time field value out of range: \"99 01 08\""},
    {"1999 01 08", "1999-01-08", "", ""},
    {"08 01 99", "1999-01-08", "", ""},
    {"08 01 1999", "1999-01-08", "", ""},
    {"01 08 99", "1999-08-01", "", ""},
    {"01 08 1999", "1999-08-01", "", ""},
    {"99 08 01", "", "22008", "date/time field value out of range: \"99 08 01\""},
    {"1999 08 01", "1999-08-01", "", ""},
    {"1999/01/08", "1999-01-08", "", ""},
    {"1999.1.8", "1999-01-08", "", ""},
    {"08jan1999", "1999-01-08", "", ""},
    {"jan081999", "", "22007", "invalid input syntax for type date: \"jan081999\""},
    {"1999-13-08", "", "22008", "date/time field value out of range: \"1999-13-08\""},
    {"1999-02-29", "", "22008", "date/time field value out of range: \"1999-02-29\""},
    {"2000-02-29", "2000-02-29", "", ""},
    {"13/13/1999", "", "22008", "date/time field value out of range: \"13/13/1999\""},
    {"0000-01-01", "", "22008", "date/time field value out of range: \"0000-01-01\""},
    {"0001-01-01 BC", "0001-01-01 BC", "", ""},
    {"5874897-12-31", "5874897-12-31", "", ""},
    {"5874898-01-01", "", "22008", "date out of range: \"5874898-01-01\""},
    {"4714-11-24 BC", "4714-11-24 BC", "", ""},
    {"4714-11-23 BC", "", "22008", "date out of range: \"4714-11-23 BC\""},
    {"J0", "4714-11-24 BC", "", ""},
    {"J-1", "", "22007", "invalid input syntax for type date: \"J-1\""},
    {"Jan 8 99999", "99999-01-08", "", ""},
    {"123456 Jan 8", "", "22007", "invalid input syntax for type date: \"123456 Jan 8\""},
    {"epoch", "1970-01-01", "", ""},
    {"infinity", "infinity", "", ""},
    {"-infinity", "-infinity", "", ""},
    {"+infinity", "", "22007", "invalid input syntax for type date: \"+infinity\""},
    {"wed 1999-01-08", "", "22007", "invalid input syntax for type date: \"wed 1999-01-08\""},
    {"wed thu 1999-01-08", "", "22007", "invalid input syntax for type date: \"wed thu 1999-01-08\""},
    {"at 1999-01-08 on", "1999-01-08", "", ""},
    {"y1999m01d08", "1999-01-08", "", ""},
    {"10:00", "", "22007", "invalid input syntax for type date: \"10:00\""},
    {"1999-1-8x", "", "22007", "invalid input syntax for type date: \"1999-1-8x\""},
    {"1999-01-2147483648", "", "22008", "date/time field value out of range: \"1999-01-2147483648\""},
};

const IoCase kDateYmd[] = {
    {"1999-01-08", "1999-01-08", "", ""},
    {"January 8, 1999", "1999-01-08", "", ""},
    {"1/8/1999", "", "22008", "date/time field value out of range: \"1/8/1999\""},
    {"1/18/1999", "", "22008", "date/time field value out of range: \"1/18/1999\""},
    {"18/1/1999", "", "22008", "date/time field value out of range: \"18/1/1999\""},
    {"01/02/03", "2001-02-03", "", ""},
    {"19990108", "1999-01-08", "", ""},
    {"990108", "1999-01-08", "", ""},
    {"1999.008", "1999-01-08", "", ""},
    {"J2451187", "1999-01-08", "", ""},
    {"January 8, 99 BC", "", "22008", "date/time field value out of range: \"January 8, 99 BC\""},
    {"99-Jan-08", "1999-01-08", "", ""},
    {"1999-Jan-08", "1999-01-08", "", ""},
    {"08-Jan-99", "", "22008", "date/time field value out of range: \"08-Jan-99\""},
    {"08-Jan-1999", "1999-01-08", "", ""},
    {"Jan-08-99", "", "22008", "date/time field value out of range: \"Jan-08-99\""},
    {"Jan-08-1999", "1999-01-08", "", ""},
    {"99-08-Jan", "", "22007", "invalid input syntax for type date: \"99-08-Jan\""},
    {"1999-08-Jan", "", "22007", "invalid input syntax for type date: \"1999-08-Jan\""},
    {"99 Jan 08", "1999-01-08", "", ""},
    {"1999 Jan 08", "1999-01-08", "", ""},
    {"08 Jan 99", "", "22008", "date/time field value out of range: \"08 Jan 99\""},
    {"08 Jan 1999", "1999-01-08", "", ""},
    {"Jan 08 99", "", "22008", "date/time field value out of range: \"Jan 08 99\""},
    {"Jan 08 1999", "1999-01-08", "", ""},
    {"99 08 Jan", "1999-01-08", "", ""},
    {"1999 08 Jan", "1999-01-08", "", ""},
    {"99-01-08", "1999-01-08", "", ""},
    {"1999-01-08", "1999-01-08", "", ""},
    {"08-01-99", "", "22008", "date/time field value out of range: \"08-01-99\""},
    {"08-01-1999", "", "22008", "date/time field value out of range: \"08-01-1999\""},
    {"01-08-99", "", "22008", "date/time field value out of range: \"01-08-99\""},
    {"01-08-1999", "", "22008", "date/time field value out of range: \"01-08-1999\""},
    {"99-08-01", "1999-08-01", "", ""},
    {"1999-08-01", "1999-08-01", "", ""},
    {"99 01 08", "1999-01-08", "", ""},
    {"1999 01 08", "1999-01-08", "", ""},
    {"08 01 99", "", "22008", "date/time field value out of range: \"08 01 99\""},
    {"08 01 1999", "", "22008", "date/time field value out of range: \"08 01 1999\""},
    {"01 08 99", "", "22008", "date/time field value out of range: \"01 08 99\""},
    {"01 08 1999", "", "22008", "date/time field value out of range: \"01 08 1999\""},
    {"99 08 01", "1999-08-01", "", ""},
    {"1999 08 01", "1999-08-01", "", ""},
    {"1999/01/08", "1999-01-08", "", ""},
    {"1999.1.8", "1999-01-08", "", ""},
    {"08jan1999", "1999-01-08", "", ""},
    {"jan081999", "", "22007", "invalid input syntax for type date: \"jan081999\""},
    {"1999-13-08", "", "22008", "date/time field value out of range: \"1999-13-08\""},
    {"1999-02-29", "", "22008", "date/time field value out of range: \"1999-02-29\""},
    {"2000-02-29", "2000-02-29", "", ""},
    {"13/13/1999", "", "22008", "date/time field value out of range: \"13/13/1999\""},
    {"0000-01-01", "", "22008", "date/time field value out of range: \"0000-01-01\""},
    {"0001-01-01 BC", "0001-01-01 BC", "", ""},
    {"5874897-12-31", "5874897-12-31", "", ""},
    {"5874898-01-01", "", "22008", "date out of range: \"5874898-01-01\""},
    {"4714-11-24 BC", "4714-11-24 BC", "", ""},
    {"4714-11-23 BC", "", "22008", "date out of range: \"4714-11-23 BC\""},
    {"J0", "4714-11-24 BC", "", ""},
    {"J-1", "", "22007", "invalid input syntax for type date: \"J-1\""},
    {"Jan 8 99999", "99999-01-08", "", ""},
    {"123456 Jan 8", "", "22007", "invalid input syntax for type date: \"123456 Jan 8\""},
    {"epoch", "1970-01-01", "", ""},
    {"infinity", "infinity", "", ""},
    {"-infinity", "-infinity", "", ""},
    {"+infinity", "", "22007", "invalid input syntax for type date: \"+infinity\""},
    {"wed 1999-01-08", "", "22007", "invalid input syntax for type date: \"wed 1999-01-08\""},
    {"wed thu 1999-01-08", "", "22007", "invalid input syntax for type date: \"wed thu 1999-01-08\""},
    {"at 1999-01-08 on", "1999-01-08", "", ""},
    {"y1999m01d08", "1999-01-08", "", ""},
    {"10:00", "", "22007", "invalid input syntax for type date: \"10:00\""},
    {"1999-1-8x", "", "22007", "invalid input syntax for type date: \"1999-1-8x\""},
    {"1999-01-2147483648", "", "22008", "date/time field value out of range: \"1999-01-2147483648\""},
};

// Restores MDY, the default, however the test ends.
struct DateOrderGuard {
  explicit DateOrderGuard(DateOrder order) { SetDateOrder(order); }
  ~DateOrderGuard() { SetDateOrder(DateOrder::kMDY); }
};

void CheckAll(DateOrder order, const IoCase* begin, const IoCase* end) {
  DateOrderGuard guard(order);
  for (const IoCase* c = begin; c != end; ++c) CheckIoCase({TypeId::kDate}, *c);
}

TEST_CASE("date input in DateStyle MDY matches PostgreSQL 15") {
  CheckAll(DateOrder::kMDY, std::begin(kDateMdy), std::end(kDateMdy));
}

TEST_CASE("date input in DateStyle DMY matches PostgreSQL 15") {
  CheckAll(DateOrder::kDMY, std::begin(kDateDmy), std::end(kDateDmy));
}

TEST_CASE("date input in DateStyle YMD matches PostgreSQL 15") {
  CheckAll(DateOrder::kYMD, std::begin(kDateYmd), std::end(kDateYmd));
}

TEST_CASE("a month out of range hints at DateStyle, a day past the month's end does not") {
  auto hint_of = [](const char* text) -> std::string {
    try {
      ParseDate(text);
    } catch (const DbError& e) {
      return e.hint().value_or("(none)");
    }
    return "(no error)";
  };
  CHECK(hint_of("18/1/1999") == "Perhaps you need a different \"datestyle\" setting.");
  CHECK(hint_of("1999-13-08") == "Perhaps you need a different \"datestyle\" setting.");
  CHECK(hint_of("1999-02-29") == "(none)");
}

TEST_CASE("today, tomorrow and yesterday are days of the session's zone at the input instant") {
  SetInputNow(DaysFromCivil(2024, 3, 1) * kUsecsPerDay + 3600LL * 1000000);  // 2024-03-01 01:00 UTC
  SetSessionTimeZone(*TimeZone::Find("America/New_York"));                   // still Feb 29 there
  CHECK(FormatDate(ParseDate("today")) == "2024-02-29");
  CHECK(FormatDate(ParseDate("tomorrow")) == "2024-03-01");
  CHECK(FormatDate(ParseDate("yesterday")) == "2024-02-28");
  CHECK(FormatDate(ParseDate("now")) == "2024-02-29");
  CHECK(FormatTimestamp(ParseTimestamp("today 10:00", false, -1), false) == "2024-02-29 10:00:00");
  CHECK(FormatTimestamp(ParseTimestamp("now", false, -1), false) == "2024-02-29 20:00:00");
  SetSessionTimeZone(TimeZone::Utc());
  CHECK(FormatTimestamp(ParseTimestamp("now", true, -1), true) == "2024-03-01 01:00:00+00");
  CHECK(FormatTimestamp(ParseTimestamp("tomorrow EST", true, -1), true) == "2024-03-02 05:00:00+00");
  SetInputNow(0);
}

}  // namespace
}  // namespace lumadb

// Date/time input as PostgreSQL 15's ParseDateTime / DecodeDateTime / DecodeTimeOnly decode it
// (common/src/datetime_lex.cpp, datetime_decode*.cpp, datetime_decoder*.cpp): timestamps and timestamptz (ISO 'T',
// run-together date and time, Julian days, AM/PM, zone offsets, abbreviations fixed and dynamic, zone names, 'dst') and
// time/timetz (dates only in front, zones). Every expected output, SQLSTATE and message was produced by PostgreSQL 15
// with TimeZone UTC and DateStyle ISO.
#include <doctest/doctest.h>

#include "common/datetime.h"
#include "common/error.h"
#include "common/time_zone.h"
#include "io_case.h"

namespace lumadb {
namespace {

using test::CheckIoCase;
using test::IoCase;

const IoCase kTimestamp[] = {
    {"1999-01-08 04:05:06", "1999-01-08 04:05:06", "", ""},
    {"1999-01-08T10:00:01.5", "1999-01-08 10:00:01.5", "", ""},
    {"1999-01-08 t 10:00", "1999-01-08 10:00:00", "", ""},
    {"19990108T100001", "1999-01-08 10:00:01", "", ""},
    {"19990108 100001", "1999-01-08 10:00:01", "", ""},
    {"19970210 173201 -0800", "1997-02-10 17:32:01", "", ""},
    {"Feb 10 5:32PM 1997", "1997-02-10 17:32:00", "", ""},
    {"1997.041 17:32:01 UTC", "1997-02-10 17:32:01", "", ""},
    {"19970210 173201 America/New_York", "1997-02-10 17:32:01", "", ""},
    {"Feb 10 17:32:01 1997 -0800", "1997-02-10 17:32:01", "", ""},
    {"Mon Feb 10 17:32:01 1997 PST", "1997-02-10 17:32:01", "", ""},
    {"Feb 10 17:32:01 PST 1997", "1997-02-10 17:32:01", "", ""},
    {"Feb 10 17:32:01 America/New_York 1997", "1997-02-10 17:32:01", "", ""},
    {"Feb 10 17:32:01 Nowhere/Zone 1997", "", "22023", "time zone \"nowhere/zone\" not recognized"},
    {"1997-02-10 17:32:01 Europe/Paris", "1997-02-10 17:32:01", "", ""},
    {"allballs", "", "22007", "invalid input syntax for type timestamp: \"allballs\""},
    {"1999-01-08 allballs", "1999-01-08 00:00:00", "", ""},
    {"1999-01-08 04:05:06 am", "1999-01-08 04:05:06", "", ""},
    {"1999-01-08 04:05:06 pm", "1999-01-08 16:05:06", "", ""},
    {"1999-01-08 13:05:06 pm", "", "22008", "date/time field value out of range: \"1999-01-08 13:05:06 pm\""},
    {"1999-01-08 12:00 am", "1999-01-08 00:00:00", "", ""},
    {"1999-01-08 a.m.", "", "22023", "time zone \"a.m.\" not recognized"},
    {"1999-01-08 +16", "", "22009", "time zone displacement out of range: \"1999-01-08 +16\""},
    {"1999-01-08 04:05 +15:59", "1999-01-08 04:05:00", "", ""},
    {"1999-01-08 04:05 -08:30:15", "1999-01-08 04:05:00", "", ""},
    {"1999-01-08 04:05 -0830x", "", "22007", "invalid input syntax for type timestamp: \"1999-01-08 04:05 -0830x\""},
    {"1999-01-08 24:00:00", "1999-01-09 00:00:00", "", ""},
    {"1999-01-08 24:00:01", "", "22008", "date/time field value out of range: \"1999-01-08 24:00:01\""},
    {"1999-01-08 23:59:60", "1999-01-09 00:00:00", "", ""},
    {"1999-01-08 23:60:00", "", "22008", "date/time field value out of range: \"1999-01-08 23:60:00\""},
    {"1999-01-08 10:00:00.", "1999-01-08 10:00:00", "", ""},
    {"1999-01-08 10:00.5", "1999-01-08 00:10:00.5", "", ""},
    {"y1999m01d08h04mm05s06.5", "1999-01-08 04:05:06.5", "", ""},
    {"1999-01-08 dst", "", "22007", "invalid input syntax for type timestamp: \"1999-01-08 dst\""},
    {"1999-01-08 10:00 mst dst", "1999-01-08 10:00:00", "", ""},
    {"1999-01-08 10:00 europe/paris dst", "", "22007",
     "invalid input syntax for type timestamp: \"1999-01-08 10:00 europe/paris dst\""},
    {"294276-12-31", "294276-12-31 00:00:00", "", ""},
    {"294277-01-01", "", "22008", "timestamp out of range: \"294277-01-01\""},
    {"1999-01-08 040506", "1999-01-08 04:05:06", "", ""},
    {"1999-01-08 040506-08", "1999-01-08 04:05:06", "", ""},
    {"1999-01-08 0405", "1999-01-08 04:05:00", "", ""},
    {"1999-01-08 04", "", "22007", "invalid input syntax for type timestamp: \"1999-01-08 04\""},
    {"2001-02-03 04:05:06.7890123", "2001-02-03 04:05:06.789012", "", ""},
    {"Jan 8 1999 10:00 z", "1999-01-08 10:00:00", "", ""},
    {"1999-01-08 10:00 utc+3", "1999-01-08 10:00:00", "", ""},
    {"1999-01-08 10:00 EST5EDT", "1999-01-08 10:00:00", "", ""},
    {"1999-01-08 10:00 foo", "", "22007", "invalid input syntax for type timestamp: \"1999-01-08 10:00 foo\""},
    {"1999-01-08 10:00 foo/bar", "", "22023", "time zone \"foo/bar\" not recognized"},
    {"1999-01-08 10:00 +05 PST", "", "22007", "invalid input syntax for type timestamp: \"1999-01-08 10:00 +05 PST\""},
    {"J2451187.5", "1999-01-08 12:00:00", "", ""},
    {"J2451187 10:00", "1999-01-08 10:00:00", "", ""},
    {"2011-03-27 00:00:00 MSK", "2011-03-27 00:00:00", "", ""},
    {"2014-10-26 01:00:01 MSK", "2014-10-26 01:00:01", "", ""},
    {"1999-01-08 10:99999999999:00", "", "22008",
     "date/time field value out of range: \"1999-01-08 10:99999999999:00\""},
    {"1999-01-08 12:59:60 pm", "1999-01-08 13:00:00", "", ""},
    {"2000-01-01 2147483648:00", "", "22008", "date/time field value out of range: \"2000-01-01 2147483648:00\""},
    {"1999-01-08 h 10:00", "", "22007", "invalid input syntax for type timestamp: \"1999-01-08 h 10:00\""},
};

const IoCase kTimestampTz[] = {
    {"1999-01-08 04:05:06", "1999-01-08 04:05:06+00", "", ""},
    {"1999-01-08T10:00:01.5", "1999-01-08 10:00:01.5+00", "", ""},
    {"1999-01-08 t 10:00", "1999-01-08 10:00:00+00", "", ""},
    {"19990108T100001", "1999-01-08 10:00:01+00", "", ""},
    {"19990108 100001", "1999-01-08 10:00:01+00", "", ""},
    {"19970210 173201 -0800", "1997-02-11 01:32:01+00", "", ""},
    {"Feb 10 5:32PM 1997", "1997-02-10 17:32:00+00", "", ""},
    {"1997.041 17:32:01 UTC", "1997-02-10 17:32:01+00", "", ""},
    {"19970210 173201 America/New_York", "1997-02-10 22:32:01+00", "", ""},
    {"Feb 10 17:32:01 1997 -0800", "1997-02-11 01:32:01+00", "", ""},
    {"Mon Feb 10 17:32:01 1997 PST", "1997-02-11 01:32:01+00", "", ""},
    {"Feb 10 17:32:01 PST 1997", "1997-02-11 01:32:01+00", "", ""},
    {"Feb 10 17:32:01 America/New_York 1997", "1997-02-10 22:32:01+00", "", ""},
    {"Feb 10 17:32:01 Nowhere/Zone 1997", "", "22023", "time zone \"nowhere/zone\" not recognized"},
    {"1997-02-10 17:32:01 Europe/Paris", "1997-02-10 16:32:01+00", "", ""},
    {"allballs", "", "22007", "invalid input syntax for type timestamp with time zone: \"allballs\""},
    {"1999-01-08 allballs", "1999-01-08 00:00:00+00", "", ""},
    {"1999-01-08 04:05:06 am", "1999-01-08 04:05:06+00", "", ""},
    {"1999-01-08 04:05:06 pm", "1999-01-08 16:05:06+00", "", ""},
    {"1999-01-08 13:05:06 pm", "", "22008", "date/time field value out of range: \"1999-01-08 13:05:06 pm\""},
    {"1999-01-08 12:00 am", "1999-01-08 00:00:00+00", "", ""},
    {"1999-01-08 a.m.", "", "22023", "time zone \"a.m.\" not recognized"},
    {"1999-01-08 +16", "", "22009", "time zone displacement out of range: \"1999-01-08 +16\""},
    {"1999-01-08 04:05 +15:59", "1999-01-07 12:06:00+00", "", ""},
    {"1999-01-08 04:05 -08:30:15", "1999-01-08 12:35:15+00", "", ""},
    {"1999-01-08 04:05 -0830x", "", "22007",
     "invalid input syntax for type timestamp with time zone: \"1999-01-08 04:05 -0830x\""},
    {"1999-01-08 24:00:00", "1999-01-09 00:00:00+00", "", ""},
    {"1999-01-08 24:00:01", "", "22008", "date/time field value out of range: \"1999-01-08 24:00:01\""},
    {"1999-01-08 23:59:60", "1999-01-09 00:00:00+00", "", ""},
    {"1999-01-08 23:60:00", "", "22008", "date/time field value out of range: \"1999-01-08 23:60:00\""},
    {"1999-01-08 10:00:00.", "1999-01-08 10:00:00+00", "", ""},
    {"1999-01-08 10:00.5", "1999-01-08 00:10:00.5+00", "", ""},
    {"y1999m01d08h04mm05s06.5", "1999-01-08 04:05:06.5+00", "", ""},
    {"1999-01-08 dst", "", "22007", "invalid input syntax for type timestamp with time zone: \"1999-01-08 dst\""},
    {"1999-01-08 10:00 mst dst", "1999-01-08 16:00:00+00", "", ""},
    {"1999-01-08 10:00 europe/paris dst", "", "22007",
     "invalid input syntax for type timestamp with time zone: \"1999-01-08 10:00 europe/paris dst\""},
    {"294276-12-31", "294276-12-31 00:00:00+00", "", ""},
    {"294277-01-01", "", "22008", "timestamp out of range: \"294277-01-01\""},
    {"1999-01-08 040506", "1999-01-08 04:05:06+00", "", ""},
    {"1999-01-08 040506-08", "1999-01-08 12:05:06+00", "", ""},
    {"1999-01-08 0405", "1999-01-08 04:05:00+00", "", ""},
    {"1999-01-08 04", "", "22007", "invalid input syntax for type timestamp with time zone: \"1999-01-08 04\""},
    {"2001-02-03 04:05:06.7890123", "2001-02-03 04:05:06.789012+00", "", ""},
    {"Jan 8 1999 10:00 z", "1999-01-08 10:00:00+00", "", ""},
    {"1999-01-08 10:00 utc+3", "1999-01-08 13:00:00+00", "", ""},
    {"1999-01-08 10:00 EST5EDT", "1999-01-08 15:00:00+00", "", ""},
    {"1999-01-08 10:00 foo", "", "22007",
     "invalid input syntax for type timestamp with time zone: \"1999-01-08 10:00 foo\""},
    {"1999-01-08 10:00 foo/bar", "", "22023", "time zone \"foo/bar\" not recognized"},
    {"1999-01-08 10:00 +05 PST", "", "22007",
     "invalid input syntax for type timestamp with time zone: \"1999-01-08 10:00 +05 PST\""},
    {"J2451187.5", "1999-01-08 12:00:00+00", "", ""},
    {"J2451187 10:00", "1999-01-08 10:00:00+00", "", ""},
    {"2011-03-27 00:00:00 MSK", "2011-03-26 21:00:00+00", "", ""},
    {"2014-10-26 01:00:01 MSK", "2014-10-25 22:00:01+00", "", ""},
    {"1999-01-08 10:99999999999:00", "", "22008",
     "date/time field value out of range: \"1999-01-08 10:99999999999:00\""},
};

const IoCase kTime[] = {
    {"04:05:06", "04:05:06", "", ""},
    {"04:05", "04:05:00", "", ""},
    {"4:05 PM", "16:05:00", "", ""},
    {"04:05:06.789-8", "04:05:06.789", "", ""},
    {"04:05:06-08:00", "04:05:06", "", ""},
    {"040506", "04:05:06", "", ""},
    {"040506-08", "04:05:06", "", ""},
    {"04:05:06 PST", "04:05:06", "", ""},
    {"2003-04-12 04:05:06 America/New_York", "04:05:06", "", ""},
    {"04:05:06 America/New_York", "", "22007", "invalid input syntax for type time: \"04:05:06 America/New_York\""},
    {"1999-01-08 04:05:06", "04:05:06", "", ""},
    {"allballs", "00:00:00", "", ""},
    {"24:00:00", "24:00:00", "", ""},
    {"24:00:01", "", "22008", "date/time field value out of range: \"24:00:01\""},
    {"23:59:60", "24:00:00", "", ""},
    {"10", "", "22007", "invalid input syntax for type time: \"10\""},
    {"10 am", "", "22007", "invalid input syntax for type time: \"10 am\""},
    {"13:00 pm", "", "22008", "date/time field value out of range: \"13:00 pm\""},
    {"today", "", "22007", "invalid input syntax for type time: \"today\""},
    {"epoch", "", "22007", "invalid input syntax for type time: \"epoch\""},
    {"t10:00", "10:00:00", "", ""},
    {"T040506", "04:05:06", "", ""},
    {"1999-01 04:05", "", "22007", "invalid input syntax for type time: \"1999-01 04:05\""},
    {"Jan 8 04:05", "", "22007", "invalid input syntax for type time: \"Jan 8 04:05\""},
    {"04:05 +16", "", "22009", "time zone displacement out of range: \"04:05 +16\""},
    {"04:05 zulu", "04:05:00", "", ""},
    {"04:05:06 UTC+3", "04:05:06", "", ""},
    {"04:05:06.", "04:05:06", "", ""},
    {"5.5", "", "22007", "invalid input syntax for type time: \"5.5\""},
    {"BC y  10:00:00", "10:00:00", "", ""},
    {"J2451187:990108", "", "22008", "date/time field value out of range: \"J2451187:990108\""},
    {"99999999999:10:00:00.", "", "22007", "invalid input syntax for type time: \"99999999999:10:00:00.\""},
    {"12:59:60 pm", "13:00:00", "", ""},
    {"h 10:00-0830", "10:00:00", "", ""},
    {"d,12:", "12:00:00", "", ""},
};

const IoCase kTimeTz[] = {
    {"04:05:06", "04:05:06+00", "", ""},
    {"04:05", "04:05:00+00", "", ""},
    {"4:05 PM", "16:05:00+00", "", ""},
    {"04:05:06.789-8", "04:05:06.789-08", "", ""},
    {"04:05:06-08:00", "04:05:06-08", "", ""},
    {"040506", "04:05:06+00", "", ""},
    {"040506-08", "04:05:06-08", "", ""},
    {"04:05:06 PST", "04:05:06-08", "", ""},
    {"2003-04-12 04:05:06 America/New_York", "04:05:06-04", "", ""},
    {"04:05:06 America/New_York", "", "22007",
     "invalid input syntax for type time with time zone: \"04:05:06 America/New_York\""},
    {"1999-01-08 04:05:06", "04:05:06+00", "", ""},
    {"allballs", "00:00:00+00", "", ""},
    {"24:00:00", "24:00:00+00", "", ""},
    {"24:00:01", "", "22008", "date/time field value out of range: \"24:00:01\""},
    {"23:59:60", "24:00:00+00", "", ""},
    {"10", "", "22007", "invalid input syntax for type time with time zone: \"10\""},
    {"10 am", "", "22007", "invalid input syntax for type time with time zone: \"10 am\""},
    {"13:00 pm", "", "22008", "date/time field value out of range: \"13:00 pm\""},
    {"today", "", "22007", "invalid input syntax for type time with time zone: \"today\""},
    {"epoch", "", "22007", "invalid input syntax for type time with time zone: \"epoch\""},
    {"t10:00", "10:00:00+00", "", ""},
    {"T040506", "04:05:06+00", "", ""},
    {"1999-01 04:05", "", "22007", "invalid input syntax for type time with time zone: \"1999-01 04:05\""},
    {"Jan 8 04:05", "", "22007", "invalid input syntax for type time with time zone: \"Jan 8 04:05\""},
    {"04:05 +16", "", "22009", "time zone displacement out of range: \"04:05 +16\""},
    {"04:05 zulu", "04:05:00+00", "", ""},
    {"04:05:06 UTC+3", "04:05:06-03", "", ""},
    {"04:05:06.", "04:05:06+00", "", ""},
    {"5.5", "", "22007", "invalid input syntax for type time with time zone: \"5.5\""},
};

TEST_CASE("timestamp input matches PostgreSQL 15") {
  for (const IoCase& c : kTimestamp) CheckIoCase({TypeId::kTimestamp}, c);
}

TEST_CASE("timestamptz input matches PostgreSQL 15") {
  for (const IoCase& c : kTimestampTz) CheckIoCase({TypeId::kTimestampTz}, c);
}

TEST_CASE("time input matches PostgreSQL 15") {
  for (const IoCase& c : kTime) CheckIoCase({TypeId::kTime}, c);
}

TEST_CASE("timetz input matches PostgreSQL 15") {
  for (const IoCase& c : kTimeTz) CheckIoCase({TypeId::kTimeTz}, c);
}

// make_timestamptz's numeric zones (parse_sane_timezone) go through the same DecodeTimezone.
TEST_CASE("DecodeNumericTimeZone reads zones as DecodeTimezone does") {
  const struct {
    const char* text;
    NumericZone result;
    int32_t east;
  } cases[] = {
      {"+1", NumericZone::kOk, 3600},          {"+1:", NumericZone::kOk, 3600},
      {"+1:0", NumericZone::kOk, 3600},        {"+100", NumericZone::kOk, 3600},
      {"-10:00:", NumericZone::kOk, -36000},   {"+10:00:1", NumericZone::kOk, 36001},
      {"+1000", NumericZone::kOk, 36000},      {"-0830", NumericZone::kOk, -30600},
      {"+15:59:59", NumericZone::kOk, 57599},  {"+16", NumericZone::kOutOfRange, 0},
      {"-16", NumericZone::kOutOfRange, 0},    {"+10:60", NumericZone::kOutOfRange, 0},
      {"+1:0x", NumericZone::kBadFormat, 0},   {"EST", NumericZone::kBadFormat, 0},
      {"+10000", NumericZone::kOutOfRange, 0}, {"-", NumericZone::kOk, 0},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    int32_t east = 0;
    CHECK(DecodeNumericTimeZone(c.text, &east) == c.result);
    if (c.result == NumericZone::kOk) CHECK(east == c.east);
  }
}

}  // namespace
}  // namespace lumadb

// TimeZone (common/time_zone.h) and the session zone in timestamptz I/O, casts, date_trunc and interval
// arithmetic. Expected values were produced by PostgreSQL 15 with the same TimeZone.
#include "common/time_zone.h"

#include <doctest/doctest.h>

#include "common/cast.h"
#include "common/date_trunc.h"
#include "common/datetime.h"
#include "common/timestamp_age.h"
#include "common/value_ops.h"
#include "test_util.h"

namespace lumadb {
namespace {

using test::MessageOf;
using test::SqlStateOf;

constexpr int64_t kSec = 1000000;

// A timestamp (microseconds since 2000-01-01) of a UTC wall time.
int64_t Utc(int64_t y, int m, int d, int hh = 0, int mm = 0, int ss = 0) {
  return DaysFromCivil(y, m, d) * kUsecsPerDay + ((hh * 60 + mm) * 60 + ss) * kSec;
}

// Sets the calling thread's zone for one test and restores UTC afterwards.
class ZoneScope {
 public:
  explicit ZoneScope(const char* name) {
    const TimeZone* zone = TimeZone::Find(name);
    REQUIRE(zone != nullptr);
    SetSessionTimeZone(*zone);
  }
  ~ZoneScope() { SetSessionTimeZone(TimeZone::Utc()); }
};

std::string TsTz(const char* text) {
  return FormatTimestamp(ParseTimestamp(text, true, -1), true);
}

TEST_CASE("TimeZone::Find: IANA names case-insensitively, POSIX specs, unknown names") {
  REQUIRE(TimeZone::Find("europe/berlin") != nullptr);
  CHECK(TimeZone::Find("europe/berlin")->name() == "Europe/Berlin");
  CHECK(TimeZone::Find("Europe/Berlin") == TimeZone::Find("Europe/Berlin"));  // cached
  CHECK(TimeZone::Find("utc")->name() == "UTC");
  CHECK(TimeZone::Find("zulu")->name() == "Zulu");
  CHECK(TimeZone::Find("EST5EDT")->name() == "EST5EDT");
  CHECK(TimeZone::Find("utc+3")->name() == "UTC+3");
  CHECK(TimeZone::Find("UTC+3")->OffsetAt(0) == -3 * 3600);  // POSIX: west positive
  CHECK(TimeZone::Find("UTC+3")->AbbrevAt(0) == "UTC");
  CHECK(TimeZone::Find("<+05>-5")->OffsetAt(0) == 5 * 3600);
  CHECK(TimeZone::Find("<+05>-5")->AbbrevAt(0) == "+05");
  CHECK(TimeZone::Find("Foo/Bar") == nullptr);
  CHECK(TimeZone::Find("PST") == nullptr);
  CHECK(TimeZone::Find("../etc/passwd") == nullptr);
  CHECK(TimeZone::Find("/etc/localtime") == nullptr);
  CHECK(TimeZone::Find("Europe") == nullptr);  // a directory
  CHECK(TimeZone::Find("UTC+168") == nullptr);
  CHECK(TimeZone::Find("XYZ-2ABC") == nullptr);  // daylight rules in a POSIX spec are not supported
}

TEST_CASE("TimeZone::Fixed names offsets as pg_tzset_offset") {
  CHECK(TimeZone::Fixed(-7 * 3600)->name() == "<-07>+07");
  CHECK(TimeZone::Fixed(19800)->name() == "<+05:30>-05:30");
  CHECK(TimeZone::Fixed(3630)->name() == "<+01:00:30>-01:00:30");
  CHECK(TimeZone::Fixed(19800)->AbbrevAt(0) == "+05:30");
  CHECK(TimeZone::Fixed(19800)->OffsetAt(Utc(1800, 1, 1)) == 19800);
}

TEST_CASE("offsets and abbreviations at an instant, LMT before the first transition") {
  const TimeZone& berlin = *TimeZone::Find("Europe/Berlin");
  CHECK(berlin.OffsetAt(Utc(2024, 7, 1, 12)) == 7200);
  CHECK(berlin.AbbrevAt(Utc(2024, 7, 1, 12)) == "CEST");
  CHECK(berlin.OffsetAt(Utc(2024, 1, 1, 12)) == 3600);
  CHECK(berlin.AbbrevAt(Utc(2024, 1, 1, 12)) == "CET");
  CHECK(berlin.OffsetAt(Utc(1850, 1, 1)) == 3208);
  CHECK(berlin.AbbrevAt(Utc(1850, 1, 1)) == "LMT");
  CHECK(berlin.OffsetAt(Utc(2400, 7, 1)) == 7200);  // the zone's POSIX rule beyond its table
  CHECK(berlin.OffsetAt(Utc(2024, 3, 31, 0, 59, 59)) == 3600);
  CHECK(berlin.OffsetAt(Utc(2024, 3, 31, 1)) == 7200);
}

TEST_CASE("local to UTC: a skipped time takes the offset before, a repeated time the one after") {
  const TimeZone& berlin = *TimeZone::Find("Europe/Berlin");
  CHECK(berlin.OffsetForLocal(Utc(2024, 3, 31, 2, 30)) == 3600);   // gap: shows as 03:30+02
  CHECK(berlin.OffsetForLocal(Utc(2024, 10, 27, 2, 30)) == 3600);  // overlap: the later, standard time
  CHECK(berlin.OffsetForLocal(Utc(2024, 7, 1, 12)) == 7200);
  CHECK(berlin.LocalToUtc(Utc(2024, 7, 1, 12)) == Utc(2024, 7, 1, 10));
  CHECK(berlin.UtcToLocal(Utc(2024, 7, 1, 10)) == Utc(2024, 7, 1, 12));
  const TimeZone& ny = *TimeZone::Find("America/New_York");
  CHECK(ny.OffsetForLocal(Utc(2024, 3, 10, 2, 30)) == -5 * 3600);
  CHECK(ny.OffsetForLocal(Utc(2024, 11, 3, 1, 30)) == -5 * 3600);
}

TEST_CASE("timestamptz text I/O in the session zone") {
  ZoneScope zone("Europe/Berlin");
  CHECK(TsTz("2024-07-01 12:00+00") == "2024-07-01 14:00:00+02");
  CHECK(TsTz("2024-03-31 02:30") == "2024-03-31 03:30:00+02");
  CHECK(TsTz("2024-10-27 02:30") == "2024-10-27 02:30:00+01");
  CHECK(TsTz("1850-01-01") == "1850-01-01 00:00:00+00:53:28");
  CHECK(TsTz("2024-01-01 12:00 America/New_York") == "2024-01-01 18:00:00+01");
  CHECK(TsTz("2024-07-01 12:00 UTC+3") == "2024-07-01 17:00:00+02");
  CHECK(TsTz("epoch") == "1970-01-01 01:00:00+01");
  CHECK(MessageOf([] { TsTz("2024-01-01 12:00 Foo/Bar"); }) == "time zone \"foo/bar\" not recognized");
  CHECK(SqlStateOf([] { TsTz("2024-01-01 12:00 foo"); }) == "22007");
  CHECK(FormatUtcOffset(-12600) == "-03:30");
  CHECK(FormatUtcOffset(3208) == "+00:53:28");
}

TEST_CASE("casts and arithmetic follow the session zone") {
  ZoneScope zone("Europe/Berlin");
  const Value tz = ParseValue({TypeId::kTimestampTz}, "2024-07-01 23:30+00");
  CHECK(FormatValue(CastValue(tz, {TypeId::kDate}, CastContext::kExplicit)) == "2024-07-02");
  CHECK(FormatValue(CastValue(tz, {TypeId::kTimestamp}, CastContext::kExplicit)) == "2024-07-02 01:30:00");
  CHECK(FormatValue(CastValue(tz, {TypeId::kTimeTz}, CastContext::kExplicit)) == "01:30:00+02");
  const Value ts = ParseValue({TypeId::kTimestamp}, "2024-03-31 02:30");
  CHECK(FormatValue(CastValue(ts, {TypeId::kTimestampTz}, CastContext::kExplicit)) == "2024-03-31 03:30:00+02");
  const Value date = ParseValue({TypeId::kDate}, "2024-07-01");
  CHECK(FormatValue(CastValue(date, {TypeId::kTimestampTz}, CastContext::kExplicit)) == "2024-07-01 00:00:00+02");
  const Value before = ParseValue({TypeId::kTimestampTz}, "2024-03-30 12:00");
  CHECK(FormatValue(Arithmetic(ArithOp::kAdd, before, ParseValue({TypeId::kInterval}, "1 day"))) ==
        "2024-03-31 12:00:00+02");
  CHECK(FormatValue(Arithmetic(ArithOp::kAdd, before, ParseValue({TypeId::kInterval}, "24 hours"))) ==
        "2024-03-31 13:00:00+02");
}

TEST_CASE("date_trunc on the wall time of a zone") {
  const TimeZone& berlin = *TimeZone::Find("Europe/Berlin");
  CHECK(TruncateTimestamp("day", Utc(2024, 3, 31, 12), &berlin) == Utc(2024, 3, 30, 23));
  CHECK(TruncateTimestamp("hour", Utc(2024, 3, 31, 12, 34), &berlin) == Utc(2024, 3, 31, 12));
  CHECK(TruncateTimestamp("week", Utc(2024, 3, 31, 12), &berlin) == Utc(2024, 3, 24, 23));
  CHECK(TruncateTimestamp("month", Utc(2024, 3, 31, 12), nullptr) == Utc(2024, 3, 1));
  CHECK(TruncateTimestamp("century", Utc(2000, 5, 15), nullptr) == Utc(1901, 1, 1));
  CHECK(TruncateTimestamp("millennium", Utc(2024, 5, 15), nullptr) == Utc(2001, 1, 1));
  CHECK(TruncateTimestamp("decade", Utc(2024, 5, 15), nullptr) == Utc(2020, 1, 1));
  CHECK(TruncateTimestamp("day", kTimestampNoEnd, &berlin) == kTimestampNoEnd);
  CHECK(MessageOf([&] { TruncateTimestamp("dow", 0, &berlin); }) ==
        "unit \"dow\" not recognized for type timestamp with time zone");
}

TEST_CASE("age: field-wise difference of the wall times") {
  const TimeZone& berlin = *TimeZone::Find("Europe/Berlin");
  CHECK(TimestampAge(Utc(2024, 3, 31, 10), Utc(2024, 3, 30, 11), &berlin) == Interval{0, 1, 0});
  CHECK(TimestampAge(Utc(2024, 3, 31, 10), Utc(2024, 3, 30, 11), nullptr) == Interval{23 * 3600 * kSec, 0, 0});
  CHECK(TimestampAge(Utc(2024, 1, 31), Utc(2024, 3, 1), nullptr) == Interval{0, -1, -1});
  CHECK(TimestampAge(Utc(2001, 4, 10), Utc(1957, 6, 13), nullptr) == Interval{0, 27, 43 * 12 + 9});
  CHECK(SqlStateOf([] { TimestampAge(Utc(2024, 1, 1), kTimestampNoBegin, nullptr); }) == "22008");
}

TEST_CASE("ZoneForAtTimeZone: abbreviations, names and POSIX specs") {
  CHECK(ZoneForAtTimeZone("PST").OffsetAt(0) == -8 * 3600);
  CHECK(ZoneForAtTimeZone("cest").OffsetAt(0) == 2 * 3600);
  CHECK(ZoneForAtTimeZone("+05").OffsetAt(0) == -5 * 3600);
  CHECK(ZoneForAtTimeZone("Asia/Tokyo").name() == "Asia/Tokyo");
  CHECK(MessageOf([] { ZoneForAtTimeZone("foo"); }) == "time zone \"foo\" not recognized");
  CHECK(SqlStateOf([] { ZoneForAtTimeZone("foo"); }) == "22023");
}

}  // namespace
}  // namespace lumadb

#pragma once
// Splitting date/time input into fields (a small subset of ParseDateTime/DecodeDateTime in
// src/backend/utils/adt/datetime.c, DateStyle MDY). Private to common/.

#include <cstdint>
#include <string_view>

namespace lumadb {

class TimeZone;

/// Special input words that stand for a whole value.
enum class DateTimeSpecial { kNone, kEpoch, kInfinity, kNegInfinity, kNow, kToday, kTomorrow, kYesterday };

/// The decoded fields; year is astronomical (0 = 1 BC); the time of day is hour/minute/second plus
/// microseconds (already rounded from longer fractions, AM/PM applied; second may be 60 and hour 24 as in
/// PostgreSQL). 'allballs' is a time of 00:00:00 with zone UTC.
struct DateTimeFields {
  DateTimeSpecial special = DateTimeSpecial::kNone;
  bool has_date = false;
  bool has_time = false;
  int64_t year = 0;
  int32_t month = 0;
  int32_t day = 0;
  int32_t hour = 0;
  int32_t minute = 0;
  int32_t second = 0;
  int64_t micros = 0;
  bool has_tz = false;
  int32_t tz_offset_seconds = 0;   // east of UTC, when the zone is a fixed offset or an abbreviation
  const TimeZone* zone = nullptr;  // a zone name ('Europe/Paris'): the offset depends on the date
};

/// Decodes text into fields. Zones are numeric offsets, the fixed abbreviations of PostgreSQL's Default
/// set (UTC, Z, PST, CET, ...) or, after the date, zone names TimeZone::Find knows (22023 "time zone
/// \"x\" not recognized" for an unknown one with punctuation, as DecodeDateTime). Throws 22007 "invalid input syntax
/// for type <type_name>: \"text\"", 22008 "date/time field value out of range: \"text\"" (with PostgreSQL's datestyle
/// HINT for M/D/Y input whose month is out of range) and 22009 "time zone displacement out of range: \"text\"".
DateTimeFields ParseDateTimeFields(std::string_view text, const char* type_name);

}  // namespace lumadb

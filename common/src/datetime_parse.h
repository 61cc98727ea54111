#pragma once
// Date/time input decoded into fields as PostgreSQL 15 does (ParseDateTime, DecodeDateTime and
// DecodeTimeOnly of src/backend/utils/adt/datetime.c; the port is datetime_lex.cpp, datetime_tokens.cpp,
// datetime_decode_*.cpp and datetime_decoder*.cpp). Private to common/.

#include <cstdint>
#include <string_view>

namespace lumadb {

class TimeZone;

/// Special input words that stand for a whole value ('now', 'today', ... are resolved to fields).
enum class DateTimeSpecial { kNone, kEpoch, kInfinity, kNegInfinity };

/// The decoded fields; year is astronomical (0 = 1 BC); the time of day is hour/minute/second plus
/// microseconds (AM/PM applied; second may be 60 and hour 24 as in PostgreSQL). 'now' gives the session
/// zone's wall clock with its offset, 'today'/'tomorrow'/'yesterday' that zone's date.
struct DateTimeFields {
  DateTimeSpecial special = DateTimeSpecial::kNone;
  bool has_date = false;
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

/// DecodeDateTime (date_in, timestamp_in, timestamptz_in): a full date is required unless the input is
/// 'epoch', 'infinity' or '-infinity'. Zones: numeric offsets, abbreviations of PostgreSQL's Default set,
/// zone names. Field order of ambiguous dates from CurrentDateOrder(). Throws 22007 "invalid input syntax
/// for type <type_name>: \"text\"", 22008 "date/time field value out of range: \"text\"" (with the
/// datestyle HINT where PostgreSQL gives it), 22009 "time zone displacement out of range: \"text\"",
/// 22023 "time zone \"x\" not recognized".
DateTimeFields ParseDateTimeFields(std::string_view text, const char* type_name);

/// DecodeTimeOnly (time_in, timetz_in): a time of day is required, a date is allowed only first;
/// has_date when a whole date was given. Throws as ParseDateTimeFields.
DateTimeFields ParseTimeFields(std::string_view text, const char* type_name);

}  // namespace lumadb

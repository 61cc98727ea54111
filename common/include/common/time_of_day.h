#pragma once
// time and timetz: times of day with PostgreSQL 15's rules (src/backend/utils/adt/date.c); timetz input
// without a zone takes the session TimeZone's offset.
//
// time is microseconds since midnight, 0 .. 24:00:00 inclusive (kUsecsPerDay). timetz adds the zone
// offset in seconds WEST of UTC, PostgreSQL's sign convention (TimeTzADT.zone): '10:00+02' is
// {10 h, -7200}.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/interval.h"

namespace lumadb {

/// A timetz value (TimeTzADT).
struct TimeTz {
  int64_t time = 0;  // microseconds since midnight, local to the zone
  int32_t zone = 0;  // seconds west of UTC, |zone| < 16 hours
  bool operator==(const TimeTz&) const = default;
};

/// time_in: 'HH:MM[:SS[.ffffff]]' with optional AM/PM, a date part (checked, then ignored), a zone
/// (ignored), 'allballs', 'now'. typmod (0..6 or -1) rounds the fraction. Throws 22007 "invalid input
/// syntax for type time: \"x\"", 22008 "date/time field value out of range: \"x\"".
int64_t ParseTime(std::string_view text, int32_t typmod);
/// timetz_in: as ParseTime plus a zone ('+02', '-08:00', 'Z', 'PST', or a zone name after a date); no zone
/// means the session zone's offset on the date given, else today (a zone name without a date is 22007).
/// Throws as ParseTime (naming the type "time with time zone") and 22009 "time zone displacement out of
/// range: \"x\"".
TimeTz ParseTimeTz(std::string_view text, int32_t typmod);

/// time_out: 'HH:MM:SS[.ffffff]' without trailing fraction zeros.
std::string FormatTime(int64_t micros);
/// timetz_out: the time then the offset east of UTC: '+02', '-08', '+05:30', '+05:30:15'.
std::string FormatTimeTz(const TimeTz& v);

/// AdjustTimeForTypmod: rounds to `precision` (0..6) fractional digits, half away from zero.
int64_t RoundTime(int64_t micros, int32_t precision);

/// timetz_cmp: by the UTC instant, then by zone (equal only when both fields are).
int CompareTimeTz(const TimeTz& a, const TimeTz& b);
size_t HashTimeTz(const TimeTz& v);

/// time_pl_interval / time_mi_interval: the interval's time part added modulo 24 hours (months and days
/// are ignored, as in PostgreSQL).
int64_t TimePlusInterval(int64_t micros, const Interval& span, bool subtract);
/// interval_time: the interval's time part modulo 24 hours.
int64_t IntervalToTime(const Interval& span);
/// timestamp_time: the time of day of a finite timestamp (callers shift a timestamptz to its wall time).
int64_t TimestampTimeOfDay(int64_t micros);

}  // namespace lumadb

#include "common/timestamp_age.h"

#include "common/datetime.h"
#include "common/error.h"
#include "common/time_zone.h"
#include "interval_util.h"

namespace lumadb {

namespace {

constexpr int64_t kPostgresEpochJdate = 2451545;

// timestamp2tm's broken-down wall time.
struct Fields {
  int64_t year;
  int64_t month;
  int64_t day;
  int64_t hour;
  int64_t minute;
  int64_t second;
  int64_t micros;
};

// The fields of ts, shifted by the zone's offset in seconds so that ±infinity do not overflow.
Fields FieldsOf(int64_t ts, const TimeZone* zone) {
  const int64_t whole = FloorDiv(ts, kUsecsPerSecond);
  const int64_t secs = whole + (zone != nullptr ? zone->OffsetAt(ts) : 0);
  const int64_t days = FloorDiv(secs, 86400);
  const int64_t of_day = secs - days * 86400;
  if (days + kPostgresEpochJdate < 0 || days + kPostgresEpochJdate > INT32_MAX) ThrowTimestampRange();
  int64_t year = 0;
  int32_t month = 0, day = 0;
  CivilFromDays(days, &year, &month, &day);
  return {year, month, day, of_day / 3600, of_day / 60 % 60, of_day % 60, ts - whole * kUsecsPerSecond};
}

}  // namespace

Interval TimestampAge(int64_t a, int64_t b, const TimeZone* zone) {
  const Fields f1 = FieldsOf(a, zone);
  const Fields f2 = FieldsOf(b, zone);
  const bool flip = a < b;
  const int64_t sign = flip ? -1 : 1;
  Fields d{sign * (f1.year - f2.year),    sign * (f1.month - f2.month),   sign * (f1.day - f2.day),
           sign * (f1.hour - f2.hour),    sign * (f1.minute - f2.minute), sign * (f1.second - f2.second),
           sign * (f1.micros - f2.micros)};
  // The borrowing of timestamp_age, on the positive difference.
  const Fields& earlier = flip ? f1 : f2;
  while (d.micros < 0) d.micros += kUsecsPerSecond, --d.second;
  while (d.second < 0) d.second += 60, --d.minute;
  while (d.minute < 0) d.minute += 60, --d.hour;
  while (d.hour < 0) d.hour += 24, --d.day;
  while (d.day < 0) d.day += DaysInMonth(earlier.year, static_cast<int>(earlier.month)), --d.month;
  while (d.month < 0) d.month += 12, --d.year;
  const int64_t months = sign * (d.year * 12 + d.month);
  if (months < INT32_MIN || months > INT32_MAX) ThrowIntervalOutOfRange();
  const int64_t time = ((d.hour * 60 + d.minute) * 60 + d.second) * kUsecsPerSecond + d.micros;
  return Interval{sign * time, static_cast<int32_t>(sign * d.day), static_cast<int32_t>(months)};
}

}  // namespace lumadb

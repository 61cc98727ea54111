#include "common/date_trunc.h"

#include "common/datetime.h"
#include "common/error.h"
#include "common/time_zone.h"
#include "date_part_util.h"
#include "interval_util.h"

namespace lumadb {

namespace {

constexpr int64_t kUsecsPerSec = 1000000;

// The first year of the millennium, century or decade holding `year` (astronomical numbering, as tm_year
// in timestamp_trunc).
int64_t TruncYear(PartUnit unit, int64_t year) {
  switch (unit) {
    case PartUnit::kMillennium:
      return year > 0 ? (year + 999) / 1000 * 1000 - 999 : -((999 - (year - 1)) / 1000) * 1000 + 1;
    case PartUnit::kCentury:
      return year > 0 ? (year + 99) / 100 * 100 - 99 : -((99 - (year - 1)) / 100) * 100 + 1;
    case PartUnit::kDecade:
      return year > 0 ? year / 10 * 10 : -((8 - (year - 1)) / 10) * 10;
    default:
      return year;
  }
}

// The day (since 2000-01-01) that starts the unit holding `days`.
int64_t TruncDays(PartUnit unit, int64_t days) {
  if (unit == PartUnit::kWeek) return days - (((days + 5) % 7) + 7) % 7;  // 2000-01-01 was a Saturday
  if (unit == PartUnit::kDay) return days;
  int64_t year = 0;
  int32_t month = 0, day = 0;
  CivilFromDays(days, &year, &month, &day);
  if (unit == PartUnit::kMonth) return DaysFromCivil(year, month, 1);
  if (unit == PartUnit::kQuarter) return DaysFromCivil(year, (month - 1) / 3 * 3 + 1, 1);
  return DaysFromCivil(TruncYear(unit, year), 1, 1);
}

// The time of day cut down to a unit below a day.
int64_t TruncTime(PartUnit unit, int64_t time) {
  switch (unit) {
    case PartUnit::kHour:
      return time - time % (3600 * kUsecsPerSec);
    case PartUnit::kMinute:
      return time - time % (60 * kUsecsPerSec);
    case PartUnit::kSecond:
      return time - time % kUsecsPerSec;
    case PartUnit::kMillisecond:
      return time - time % 1000;
    default:
      return time;
  }
}

}  // namespace

int64_t TruncateTimestamp(std::string_view field, int64_t micros, const TimeZone* zone) {
  if (micros == kTimestampNoBegin || micros == kTimestampNoEnd) return micros;
  const TypeId type = zone != nullptr ? TypeId::kTimestampTz : TypeId::kTimestamp;
  const PartField f = LookupPart(field);
  if (f.kind != PartField::Kind::kUnits) ThrowPartNotRecognized(f, type);
  const int32_t offset = zone != nullptr ? zone->OffsetAt(micros) : 0;
  const int64_t local = micros + offset * kUsecsPerSec;
  const int64_t days = FloorDiv(local, kUsecsPerDay);
  const int64_t time = local - days * kUsecsPerDay;
  switch (f.unit) {
    case PartUnit::kMicrosecond:
    case PartUnit::kMillisecond:
    case PartUnit::kSecond:
    case PartUnit::kMinute:
    case PartUnit::kHour:
      return days * kUsecsPerDay + TruncTime(f.unit, time) - offset * kUsecsPerSec;
    case PartUnit::kDay:
    case PartUnit::kWeek:
    case PartUnit::kMonth:
    case PartUnit::kQuarter:
    case PartUnit::kYear:
    case PartUnit::kDecade:
    case PartUnit::kCentury:
    case PartUnit::kMillennium: {
      const int64_t start = TruncDays(f.unit, days) * kUsecsPerDay;
      if (!IsValidTimestamp(start)) throw DbError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
      return zone != nullptr ? zone->LocalToUtc(start) : start;
    }
    default:  // timestamp_trunc reports the units it has no rule for as unknown ones
      ThrowPartNotRecognized(f, type);
  }
}

}  // namespace lumadb

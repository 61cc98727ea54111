// EXTRACT / date_part for time, timetz and interval (PostgreSQL 15 date.c time_part_common,
// timetz_part_common; timestamp.c interval_part_common).

#include "common/date_part.h"
#include "common/error.h"
#include "date_part_util.h"

namespace lumadb {

namespace {

constexpr int64_t kUsecsPerSec = 1000000;
constexpr int64_t kSecsPerDay = 86400;

// The seconds-and-microseconds fields, shared by times and intervals (sec_us: microseconds within the
// minute, signed for intervals).
Value SecondsPart(PartUnit unit, int64_t sec_us, bool numeric) {
  const int64_t sec = sec_us / kUsecsPerSec, usec = sec_us % kUsecsPerSec;
  if (unit == PartUnit::kMicrosecond) return IntegerPart(sec_us, numeric);
  if (unit == PartUnit::kMillisecond) {
    return numeric ? ScaledNumeric(sec_us, 3)
                   : Value::Float8(static_cast<double>(sec) * 1000.0 + static_cast<double>(usec) / 1000.0);
  }
  return numeric ? ScaledNumeric(sec_us, 6)
                 : Value::Float8(static_cast<double>(sec) + static_cast<double>(usec) / 1000000.0);
}

}  // namespace

Value TimeOfDayPart(const PartField& f, int64_t time, const int32_t* zone, bool numeric) {
  const TypeId type = zone ? TypeId::kTimeTz : TypeId::kTime;
  if (f.kind == PartField::Kind::kReserved && f.unit == PartUnit::kEpoch) {
    const int64_t utc = zone ? time + static_cast<int64_t>(*zone) * kUsecsPerSec : time;
    return numeric ? ScaledNumeric(utc, 6) : Value::Float8(static_cast<double>(utc) / 1000000.0);
  }
  if (f.kind != PartField::Kind::kUnits) ThrowPartNotRecognized(f, type);
  switch (f.unit) {
    case PartUnit::kMicrosecond:
    case PartUnit::kMillisecond:
    case PartUnit::kSecond:
      return SecondsPart(f.unit, time % (60 * kUsecsPerSec), numeric);
    case PartUnit::kMinute:
      return IntegerPart(time / (60 * kUsecsPerSec) % 60, numeric);
    case PartUnit::kHour:
      return IntegerPart(time / (3600 * kUsecsPerSec), numeric);
    case PartUnit::kTz:
      if (zone) return IntegerPart(-*zone, numeric);
      break;
    case PartUnit::kTzMinute:
      if (zone) return IntegerPart(-*zone / 60 % 60, numeric);
      break;
    case PartUnit::kTzHour:
      if (zone) return IntegerPart(-*zone / 3600, numeric);
      break;
    default:
      break;
  }
  ThrowPartNotSupported(f, type);
}

// interval2itm splits the fields with C's truncating division, so every part keeps the sign of its field.
Value IntervalPart(const PartField& f, const Interval& v, bool numeric) {
  if (f.kind == PartField::Kind::kReserved && f.unit == PartUnit::kEpoch) {
    // Years are 365.25 days and months 30 days; multiplying by 4 keeps the arithmetic integral.
    const __int128 secs_from_day_month =
        (static_cast<__int128>(4 * 365.25) * (v.month / 12) + static_cast<__int128>(4 * 30) * (v.month % 12) +
         static_cast<__int128>(4) * v.day) *
        (kSecsPerDay / 4);
    if (!numeric) {
      double r = static_cast<double>(v.time) / 1000000.0;
      r += 365.25 * kSecsPerDay * (v.month / 12);
      r += 30.0 * kSecsPerDay * (v.month % 12);
      r += static_cast<double>(kSecsPerDay) * v.day;
      return Value::Float8(r);
    }
    const __int128 total = secs_from_day_month * kUsecsPerSec + v.time;
    if (total >= INT64_MIN && total <= INT64_MAX) return ScaledNumeric(static_cast<int64_t>(total), 6);
    return Value::Num(
        ScaledNumeric(v.time, 6).GetNumeric().Add(Numeric::FromInt64(static_cast<int64_t>(secs_from_day_month))));
  }
  if (f.kind != PartField::Kind::kUnits) ThrowPartNotRecognized(f, TypeId::kInterval);
  const int64_t year = v.month / 12, month = v.month % 12;
  switch (f.unit) {
    case PartUnit::kMicrosecond:
    case PartUnit::kMillisecond:
    case PartUnit::kSecond:
      return SecondsPart(f.unit, v.time % (60 * kUsecsPerSec), numeric);
    case PartUnit::kMinute:
      return IntegerPart(v.time / (60 * kUsecsPerSec) % 60, numeric);
    case PartUnit::kHour:
      return IntegerPart(v.time / (3600 * kUsecsPerSec), numeric);
    case PartUnit::kDay:
      return IntegerPart(v.day, numeric);
    case PartUnit::kMonth:
      return IntegerPart(month, numeric);
    case PartUnit::kQuarter:
      return IntegerPart(month / 3 + 1, numeric);
    case PartUnit::kYear:
      return IntegerPart(year, numeric);
    case PartUnit::kDecade:
      return IntegerPart(year / 10, numeric);
    case PartUnit::kCentury:
      return IntegerPart(year / 100, numeric);
    case PartUnit::kMillennium:
      return IntegerPart(year / 1000, numeric);
    default:
      ThrowPartNotSupported(f, TypeId::kInterval);
  }
}

}  // namespace lumadb

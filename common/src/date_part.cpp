// EXTRACT / date_part for dates and timestamps, and the field-name lookup (PostgreSQL 15 timestamp.c
// timestamp_part_common, NonFiniteTimestampTzPart; date.c extract_date; datetime.c DecodeUnits,
// DecodeSpecial, date2isoweek, date2isoyear, j2day).

#include "common/date_part.h"

#include <cmath>
#include <string>

#include "common/datetime.h"
#include "common/error.h"
#include "common/time_zone.h"
#include "date_part_util.h"
#include "string_util.h"

namespace lumadb {

namespace {

constexpr int64_t kPostgresEpochJdate = 2451545;  // date2j(2000, 1, 1)
constexpr int64_t kUnixEpochJdate = 2440588;      // date2j(1970, 1, 1)

struct UnitName {
  const char* name;
  PartField::Kind kind;
  PartUnit unit;
};

constexpr PartField::Kind kU = PartField::Kind::kUnits;
constexpr PartField::Kind kR = PartField::Kind::kReserved;

// deltatktbl's units, then datetktbl's units and reserved words (DecodeSpecial), in lookup order.
constexpr UnitName kUnitNames[] = {
    {"c", kU, PartUnit::kCentury},
    {"cent", kU, PartUnit::kCentury},
    {"centuries", kU, PartUnit::kCentury},
    {"century", kU, PartUnit::kCentury},
    {"d", kU, PartUnit::kDay},
    {"day", kU, PartUnit::kDay},
    {"days", kU, PartUnit::kDay},
    {"dec", kU, PartUnit::kDecade},
    {"decade", kU, PartUnit::kDecade},
    {"decades", kU, PartUnit::kDecade},
    {"decs", kU, PartUnit::kDecade},
    {"h", kU, PartUnit::kHour},
    {"hour", kU, PartUnit::kHour},
    {"hours", kU, PartUnit::kHour},
    {"hr", kU, PartUnit::kHour},
    {"hrs", kU, PartUnit::kHour},
    {"m", kU, PartUnit::kMinute},
    {"microsecon", kU, PartUnit::kMicrosecond},
    {"mil", kU, PartUnit::kMillennium},
    {"millennia", kU, PartUnit::kMillennium},
    {"millennium", kU, PartUnit::kMillennium},
    {"millisecon", kU, PartUnit::kMillisecond},
    {"mils", kU, PartUnit::kMillennium},
    {"min", kU, PartUnit::kMinute},
    {"mins", kU, PartUnit::kMinute},
    {"minute", kU, PartUnit::kMinute},
    {"minutes", kU, PartUnit::kMinute},
    {"mon", kU, PartUnit::kMonth},
    {"mons", kU, PartUnit::kMonth},
    {"month", kU, PartUnit::kMonth},
    {"months", kU, PartUnit::kMonth},
    {"ms", kU, PartUnit::kMillisecond},
    {"msec", kU, PartUnit::kMillisecond},
    {"msecond", kU, PartUnit::kMillisecond},
    {"mseconds", kU, PartUnit::kMillisecond},
    {"msecs", kU, PartUnit::kMillisecond},
    {"qtr", kU, PartUnit::kQuarter},
    {"quarter", kU, PartUnit::kQuarter},
    {"s", kU, PartUnit::kSecond},
    {"sec", kU, PartUnit::kSecond},
    {"second", kU, PartUnit::kSecond},
    {"seconds", kU, PartUnit::kSecond},
    {"secs", kU, PartUnit::kSecond},
    {"timezone", kU, PartUnit::kTz},
    {"timezone_h", kU, PartUnit::kTzHour},
    {"timezone_m", kU, PartUnit::kTzMinute},
    {"us", kU, PartUnit::kMicrosecond},
    {"usec", kU, PartUnit::kMicrosecond},
    {"usecond", kU, PartUnit::kMicrosecond},
    {"useconds", kU, PartUnit::kMicrosecond},
    {"usecs", kU, PartUnit::kMicrosecond},
    {"w", kU, PartUnit::kWeek},
    {"week", kU, PartUnit::kWeek},
    {"weeks", kU, PartUnit::kWeek},
    {"y", kU, PartUnit::kYear},
    {"year", kU, PartUnit::kYear},
    {"years", kU, PartUnit::kYear},
    {"yr", kU, PartUnit::kYear},
    {"yrs", kU, PartUnit::kYear},
    {"dow", kU, PartUnit::kDow},
    {"doy", kU, PartUnit::kDoy},
    {"isodow", kU, PartUnit::kIsoDow},
    {"isoyear", kU, PartUnit::kIsoYear},
    {"j", kU, PartUnit::kJulian},
    {"jd", kU, PartUnit::kJulian},
    {"julian", kU, PartUnit::kJulian},
    {"mm", kU, PartUnit::kMinute},
    {"epoch", kR, PartUnit::kEpoch},
    {"infinity", kR, PartUnit::kOtherReserved},
    {"-infinity", kR, PartUnit::kOtherReserved},
    {"now", kR, PartUnit::kOtherReserved},
    {"today", kR, PartUnit::kOtherReserved},
    {"tomorrow", kR, PartUnit::kOtherReserved},
    {"yesterday", kR, PartUnit::kOtherReserved},
    {"allballs", kR, PartUnit::kOtherReserved},
};

int64_t JulianDay(int64_t year, int month, int day) {
  return DaysFromCivil(year, month, day) + kPostgresEpochJdate;
}

// j2day: 0 = Sunday.
int64_t WeekDay(int64_t julian) {
  const int64_t d = (julian + 1) % 7;
  return d < 0 ? d + 7 : d;
}

// date2isoweek / date2isoyear: the ISO 8601 week (weeks start on Monday; week 1 holds January 4th).
void IsoWeek(int64_t year, int month, int day, int64_t* week, int64_t* iso_year) {
  const int64_t dayn = JulianDay(year, month, day);
  int64_t day4 = JulianDay(year, 1, 4);
  int64_t day0 = WeekDay(day4 - 1);
  *iso_year = year;
  if (dayn < day4 - day0) {
    day4 = JulianDay(year - 1, 1, 4);
    day0 = WeekDay(day4 - 1);
    --*iso_year;
  }
  *week = (dayn - (day4 - day0)) / 7 + 1;
  if (*week >= 52) {
    const int64_t next4 = JulianDay(*iso_year + 1, 1, 4);
    const int64_t next0 = WeekDay(next4 - 1);
    if (dayn >= next4 - next0) {
      *week = (dayn - (next4 - next0)) / 7 + 1;
      ++*iso_year;
    }
  }
}

// The calendar fields of a date, shared by timestamps and dates (astronomical year: 0 is 1 BC).
int64_t CalendarPart(const PartField& f, int64_t year, int month, int day, TypeId type) {
  int64_t week = 0, iso_year = 0;
  switch (f.unit) {
    case PartUnit::kDay:
      return day;
    case PartUnit::kMonth:
      return month;
    case PartUnit::kQuarter:
      return (month - 1) / 3 + 1;
    case PartUnit::kWeek:
      IsoWeek(year, month, day, &week, &iso_year);
      return week;
    case PartUnit::kYear:
      return year > 0 ? year : year - 1;  // there is no year 0, just 1 BC and 1 AD
    case PartUnit::kDecade:
      return year >= 0 ? year / 10 : -((8 - (year - 1)) / 10);
    case PartUnit::kCentury:
      return year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100);
    case PartUnit::kMillennium:
      return year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000);
    case PartUnit::kIsoYear:
      IsoWeek(year, month, day, &week, &iso_year);
      return iso_year <= 0 ? iso_year - 1 : iso_year;
    case PartUnit::kDow:
    case PartUnit::kIsoDow: {
      const int64_t dow = WeekDay(JulianDay(year, month, day));
      return f.unit == PartUnit::kIsoDow && dow == 0 ? 7 : dow;
    }
    case PartUnit::kDoy:
      return JulianDay(year, month, day) - JulianDay(year, 1, 1) + 1;
    default:
      ThrowPartNotSupported(f, type);
  }
}

// An infinite date or timestamp: NULL for the fields that cycle, ±Infinity for the ones that grow.
Value NonFinitePart(const PartField& f, bool negative, bool numeric, TypeId type, bool timestamp) {
  if (f.kind == PartField::Kind::kUnrecognized) ThrowPartNotRecognized(f, type);
  switch (f.unit) {
    case PartUnit::kYear:
    case PartUnit::kDecade:
    case PartUnit::kCentury:
    case PartUnit::kMillennium:
    case PartUnit::kJulian:
    case PartUnit::kIsoYear:
    case PartUnit::kEpoch:
      if (numeric) return Value::Num(Numeric::Infinity(negative));
      return Value::Float8(negative ? -HUGE_VAL : HUGE_VAL);
    case PartUnit::kDay:
    case PartUnit::kMonth:
    case PartUnit::kQuarter:
    case PartUnit::kWeek:
    case PartUnit::kDow:
    case PartUnit::kIsoDow:
    case PartUnit::kDoy:
      return Value::Null(numeric ? TypeId::kNumeric : TypeId::kFloat8);
    case PartUnit::kMicrosecond:
    case PartUnit::kMillisecond:
    case PartUnit::kSecond:
    case PartUnit::kMinute:
    case PartUnit::kHour:
    case PartUnit::kTz:
    case PartUnit::kTzHour:
    case PartUnit::kTzMinute:
      if (timestamp) return Value::Null(numeric ? TypeId::kNumeric : TypeId::kFloat8);
      [[fallthrough]];
    default:
      ThrowPartNotSupported(f, type);
  }
}

// timestamp_part_common / timestamptz_part_common: a timestamptz's fields are those of its wall time in the
// session's zone, whose offset the timezone fields give; epoch stays the instant.
Value TimestampPart(const PartField& f, int64_t micros, TypeId type, bool numeric) {
  if (micros == kTimestampNoBegin || micros == kTimestampNoEnd) {
    return NonFinitePart(f, micros == kTimestampNoBegin, numeric, type, true);
  }
  const int32_t offset = type == TypeId::kTimestampTz ? SessionTimeZone().OffsetAt(micros) : 0;
  const int64_t local = micros + offset * int64_t{1000000};
  const int64_t days = local / kUsecsPerDay - (local % kUsecsPerDay < 0 ? 1 : 0);
  const int64_t time = local - days * kUsecsPerDay;
  const int64_t sec_us = time % 60000000;  // seconds and microseconds within the minute
  if (f.kind == PartField::Kind::kReserved) {
    if (f.unit != PartUnit::kEpoch) ThrowPartNotSupported(f, type);
    const int64_t since_unix = micros - (kUnixEpochJdate - kPostgresEpochJdate) * kUsecsPerDay;
    return numeric ? ScaledNumeric(since_unix, 6) : Value::Float8(static_cast<double>(since_unix) / 1000000.0);
  }
  if (f.kind == PartField::Kind::kUnrecognized) ThrowPartNotRecognized(f, type);
  int64_t year = 0;
  int32_t month = 0, day = 0;
  CivilFromDays(days, &year, &month, &day);
  switch (f.unit) {
    case PartUnit::kMicrosecond:
      return IntegerPart(sec_us, numeric);
    case PartUnit::kMillisecond:
      return numeric ? ScaledNumeric(sec_us, 3)
                     : Value::Float8(static_cast<double>(sec_us / 1000000) * 1000.0 + (sec_us % 1000000) / 1000.0);
    case PartUnit::kSecond:
      return numeric ? ScaledNumeric(sec_us, 6)
                     : Value::Float8(static_cast<double>(sec_us / 1000000) + (sec_us % 1000000) / 1000000.0);
    case PartUnit::kMinute:
      return IntegerPart(time / 60000000 % 60, numeric);
    case PartUnit::kHour:
      return IntegerPart(time / 3600000000LL, numeric);
    case PartUnit::kJulian: {
      const int64_t julian = JulianDay(year, month, day);
      if (!numeric) {
        const double secs = static_cast<double>(time / 1000000) + static_cast<double>(time % 1000000) / 1000000.0;
        return Value::Float8(static_cast<double>(julian) + secs / 86400.0);
      }
      return Value::Num(Numeric::FromInt64(julian).Add(Numeric::FromInt64(time).Div(Numeric::FromInt64(kUsecsPerDay))));
    }
    case PartUnit::kTz:
    case PartUnit::kTzHour:
    case PartUnit::kTzMinute:
      if (type != TypeId::kTimestampTz) ThrowPartNotSupported(f, type);
      if (f.unit == PartUnit::kTz) return IntegerPart(offset, numeric);
      return IntegerPart(f.unit == PartUnit::kTzHour ? offset / 3600 : offset / 60 % 60, numeric);
    default:
      return IntegerPart(CalendarPart(f, year, month, day, type), numeric);
  }
}

// extract_date: a date's calendar fields; no time-of-day fields.
Value DateExtract(const PartField& f, int64_t days) {
  if ((days == kDateNoBegin || days == kDateNoEnd) && f.kind != PartField::Kind::kUnrecognized) {
    return NonFinitePart(f, days == kDateNoBegin, true, TypeId::kDate, false);
  }
  if (f.kind == PartField::Kind::kReserved) {
    if (f.unit != PartUnit::kEpoch) ThrowPartNotSupported(f, TypeId::kDate);
    return IntegerPart((days + kPostgresEpochJdate - kUnixEpochJdate) * 86400, true);
  }
  if (f.kind == PartField::Kind::kUnrecognized) ThrowPartNotRecognized(f, TypeId::kDate);
  if (f.unit == PartUnit::kJulian) return IntegerPart(days + kPostgresEpochJdate, true);
  int64_t year = 0;
  int32_t month = 0, day = 0;
  CivilFromDays(days, &year, &month, &day);
  return IntegerPart(CalendarPart(f, year, month, day, TypeId::kDate), true);
}

Value Part(std::string_view field, const Value& v, bool numeric) {
  const PartField f = LookupPart(field);
  switch (v.type()) {
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return TimestampPart(f, v.GetInt(), v.type(), numeric);
    case TypeId::kDate:
      if (numeric) return DateExtract(f, v.GetInt());
      return TimestampPart(f, DateToTimestamp(v.GetInt()), TypeId::kTimestamp, false);
    case TypeId::kTime:
      return TimeOfDayPart(f, v.GetInt(), nullptr, numeric);
    case TypeId::kTimeTz:
      return TimeOfDayPart(f, v.GetTimeTz().time, &v.GetTimeTz().zone, numeric);
    case TypeId::kInterval:
      return IntervalPart(f, v.GetInterval(), numeric);
    default:
      throw DbError(sqlstate::kUndefinedFunction,
                    std::string("function date_part(text, ") + FormatType({v.type(), -1}) + ") does not exist");
  }
}

}  // namespace

PartField LookupPart(std::string_view field) {
  PartField f;
  f.name = ToLower(TruncateName(field));
  const std::string_view key = std::string_view(f.name).substr(0, 10);  // TOKMAXLEN
  for (const UnitName& u : kUnitNames) {
    if (key == u.name) {
      f.kind = u.kind;
      f.unit = u.unit;
      break;
    }
  }
  return f;
}

void ThrowPartNotSupported(const PartField& f, TypeId type) {
  throw DbError(sqlstate::kFeatureNotSupported,
                "unit \"" + f.name + "\" not supported for type " + FormatType({type, -1}));
}

void ThrowPartNotRecognized(const PartField& f, TypeId type) {
  throw DbError(sqlstate::kInvalidParameterValue,
                "unit \"" + f.name + "\" not recognized for type " + FormatType({type, -1}));
}

Value ScaledNumeric(int64_t value, int scale) {
  const bool negative = value < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string digits = std::to_string(magnitude);
  const auto width = static_cast<size_t>(scale);
  if (width > 0) {
    if (digits.size() <= width) digits.insert(0, width + 1 - digits.size(), '0');
    digits.insert(digits.size() - width, ".");
  }
  return Value::Num(Numeric::Parse((negative ? "-" : "") + digits));
}

Value IntegerPart(int64_t v, bool numeric) {
  return numeric ? Value::Num(Numeric::FromInt64(v)) : Value::Float8(static_cast<double>(v));
}

Value ExtractField(std::string_view field, const Value& v) {
  return Part(field, v, true);
}

Value DatePart(std::string_view field, const Value& v) {
  return Part(field, v, false);
}

}  // namespace lumadb

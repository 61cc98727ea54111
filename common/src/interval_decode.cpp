// DecodeInterval of PostgreSQL 15's datetime.c: the verbose interval syntax ('1 day 2 hours ago',
// '1-2', '3 4:05:06', '-1 days +02:00'), read right to left so a unit word precedes its number.

#include "interval_decode.h"

#include <cmath>
#include <string>
#include <string_view>

#include "common/interval.h"
#include "interval_util.h"

namespace lumadb {

namespace {

// The unit a number is read in (DTK_* of datetime.h); kNone is the "ago" entry's value, which no number
// accepts, kIgnore means "not yet known".
enum class Unit {
  kIgnore,
  kNone,
  kMicrosecond,
  kMillisecond,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kQuarter,
  kYear,
  kDecade,
  kCentury,
  kMillennium,
  kTz,
};

// Field bits for detecting a unit given twice (DTK_M).
enum : int {
  kMaskSecond = 1 << 0,
  kMaskMillisecond = 1 << 1,
  kMaskMicrosecond = 1 << 2,
  kMaskMinute = 1 << 3,
  kMaskHour = 1 << 4,
  kMaskDay = 1 << 5,
  kMaskWeek = 1 << 6,
  kMaskMonth = 1 << 7,
  kMaskYear = 1 << 8,
  kMaskDecade = 1 << 9,
  kMaskCentury = 1 << 10,
  kMaskMillennium = 1 << 11,
  kMaskAllSecs = kMaskSecond | kMaskMillisecond | kMaskMicrosecond,
  kMaskTime = kMaskHour | kMaskMinute | kMaskAllSecs,
};

struct UnitWord {
  const char* word;
  Unit unit;
};

// deltatktbl; "ago" is handled by the caller. Words are compared on their first 10 characters
// (TOKMAXLEN), so "microseconds" matches "microsecon".
constexpr UnitWord kUnits[] = {
    {"c", Unit::kCentury},
    {"cent", Unit::kCentury},
    {"centuries", Unit::kCentury},
    {"century", Unit::kCentury},
    {"d", Unit::kDay},
    {"day", Unit::kDay},
    {"days", Unit::kDay},
    {"dec", Unit::kDecade},
    {"decade", Unit::kDecade},
    {"decades", Unit::kDecade},
    {"decs", Unit::kDecade},
    {"h", Unit::kHour},
    {"hour", Unit::kHour},
    {"hours", Unit::kHour},
    {"hr", Unit::kHour},
    {"hrs", Unit::kHour},
    {"m", Unit::kMinute},
    {"microsecon", Unit::kMicrosecond},
    {"mil", Unit::kMillennium},
    {"millennia", Unit::kMillennium},
    {"millennium", Unit::kMillennium},
    {"millisecon", Unit::kMillisecond},
    {"mils", Unit::kMillennium},
    {"min", Unit::kMinute},
    {"mins", Unit::kMinute},
    {"minute", Unit::kMinute},
    {"minutes", Unit::kMinute},
    {"mon", Unit::kMonth},
    {"mons", Unit::kMonth},
    {"month", Unit::kMonth},
    {"months", Unit::kMonth},
    {"ms", Unit::kMillisecond},
    {"msec", Unit::kMillisecond},
    {"msecond", Unit::kMillisecond},
    {"mseconds", Unit::kMillisecond},
    {"msecs", Unit::kMillisecond},
    {"qtr", Unit::kQuarter},
    {"quarter", Unit::kQuarter},
    {"s", Unit::kSecond},
    {"sec", Unit::kSecond},
    {"second", Unit::kSecond},
    {"seconds", Unit::kSecond},
    {"secs", Unit::kSecond},
    {"timezone", Unit::kTz},
    {"timezone_h", Unit::kTz},
    {"timezone_m", Unit::kTz},
    {"us", Unit::kMicrosecond},
    {"usec", Unit::kMicrosecond},
    {"usecond", Unit::kMicrosecond},
    {"useconds", Unit::kMicrosecond},
    {"usecs", Unit::kMicrosecond},
    {"w", Unit::kWeek},
    {"week", Unit::kWeek},
    {"weeks", Unit::kWeek},
    {"y", Unit::kYear},
    {"year", Unit::kYear},
    {"years", Unit::kYear},
    {"yr", Unit::kYear},
    {"yrs", Unit::kYear},
};

// DecodeUnits; false for an unknown word.
bool LookupUnit(std::string_view word, Unit* unit) {
  word = word.substr(0, 10);
  for (const UnitWord& u : kUnits) {
    if (word == u.word) {
      *unit = u.unit;
      return true;
    }
  }
  return false;
}

// The unit of a bare number from the typmod's field range (the rightmost field it allows).
Unit DefaultUnit(int32_t range) {
  switch (range) {
    case kIntervalYear:
      return Unit::kYear;
    case kIntervalMonth:
    case kIntervalYear | kIntervalMonth:
      return Unit::kMonth;
    case kIntervalDay:
      return Unit::kDay;
    case kIntervalHour:
    case kIntervalDay | kIntervalHour:
      return Unit::kHour;
    case kIntervalMinute:
    case kIntervalHour | kIntervalMinute:
    case kIntervalDay | kIntervalHour | kIntervalMinute:
      return Unit::kMinute;
    default:
      return Unit::kSecond;
  }
}

// ParseFractionalSecond: ".123" -> 123000 microseconds (rounded half to even, as rint); "." is 0.
DtErr ParseFractionalSecond(const char* cp, double* fsec) {
  double frac = 0;
  if (ParseFraction(cp, &frac) != DtErr::kNone) return DtErr::kBadFormat;
  *fsec = std::rint(frac * 1000000);
  return DtErr::kNone;
}

// DecodeTimeCommon + DecodeTimeForInterval: 'h:m[:s[.f]]' or 'm:s.f' into itm->usec (replacing it, as
// PostgreSQL does).
DtErr DecodeTimeForInterval(const char* str, int32_t range, ItmIn* itm) {
  bool overflow = false;
  const char* cp = nullptr;
  int64_t hour = StrToInt(str, &cp, &overflow, INT64_MIN, INT64_MAX);
  if (overflow) return DtErr::kFieldOverflow;
  if (*cp != ':') return DtErr::kBadFormat;
  int64_t min = StrToInt(cp + 1, &cp, &overflow, INT32_MIN, INT32_MAX);
  int64_t sec = 0;
  double fsec = 0;
  if (overflow) return DtErr::kFieldOverflow;
  auto minute_to_second = [&] {
    if (hour > INT32_MAX || hour < INT32_MIN) return false;
    sec = min;
    min = hour;
    hour = 0;
    return true;
  };
  if (*cp == '\0') {
    if (range == (kIntervalMinute | kIntervalSecond) && !minute_to_second()) return DtErr::kFieldOverflow;
  } else if (*cp == '.') {  // mm:ss.sss is always MINUTE TO SECOND
    if (ParseFractionalSecond(cp, &fsec) != DtErr::kNone) return DtErr::kBadFormat;
    if (!minute_to_second()) return DtErr::kFieldOverflow;
  } else if (*cp == ':') {
    sec = StrToInt(cp + 1, &cp, &overflow, INT32_MIN, INT32_MAX);
    if (overflow) return DtErr::kFieldOverflow;
    if (*cp == '.') {
      if (ParseFractionalSecond(cp, &fsec) != DtErr::kNone) return DtErr::kBadFormat;
    } else if (*cp != '\0') {
      return DtErr::kBadFormat;
    }
  } else {
    return DtErr::kBadFormat;
  }
  if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || fsec < 0 || fsec > 1000000) {
    return DtErr::kFieldOverflow;
  }
  itm->usec = static_cast<int64_t>(fsec);
  if (!AdjustMicroseconds(hour, 0, kUsecsPerHour, itm) || !AdjustMicroseconds(min, 0, kUsecsPerMinute, itm) ||
      !AdjustMicroseconds(sec, 0, kUsecsPerSecond, itm)) {
    return DtErr::kFieldOverflow;
  }
  return DtErr::kNone;
}

// The number case of DecodeInterval: an integer with an optional fraction or '-months' part, read in
// *type's unit (or the typmod's default unit); sets the field bit in *tmask.
DtErr DecodeNumberField(const DateField& f, Unit* type, int32_t range, ItmIn* itm, int* tmask) {
  if (*type == Unit::kIgnore) *type = DefaultUnit(range);
  bool overflow = false;
  const char* cp = nullptr;
  int64_t val = StrToInt(f.text.c_str(), &cp, &overflow, INT64_MIN, INT64_MAX);
  if (overflow) return DtErr::kFieldOverflow;
  double fval = 0;
  if (*cp == '-') {  // SQL "years-months"
    int64_t months = StrToInt(cp + 1, &cp, &overflow, INT32_MIN, INT32_MAX);
    if (overflow || months < 0 || months >= 12) return DtErr::kFieldOverflow;
    if (*cp != '\0') return DtErr::kBadFormat;
    *type = Unit::kMonth;
    if (f.text[0] == '-') months = -months;
    if (__builtin_mul_overflow(val, 12, &val) || __builtin_add_overflow(val, months, &val)) {
      return DtErr::kFieldOverflow;
    }
  } else if (*cp == '.') {
    if (ParseFraction(cp, &fval) != DtErr::kNone) return DtErr::kBadFormat;
    if (f.text[0] == '-') fval = -fval;
  } else if (*cp != '\0') {
    return DtErr::kBadFormat;
  }
  bool ok = true;
  switch (*type) {
    case Unit::kMicrosecond:
      ok = AdjustMicroseconds(val, fval, 1, itm);
      *tmask = kMaskMicrosecond;
      break;
    case Unit::kMillisecond:
      ok = AdjustMicroseconds(val, fval, 1000, itm);
      *tmask = kMaskMillisecond;
      break;
    case Unit::kSecond:
      ok = AdjustMicroseconds(val, fval, kUsecsPerSecond, itm);
      *tmask = fval == 0 ? kMaskSecond : kMaskAllSecs;  // subseconds count as ms and us input too
      break;
    case Unit::kMinute:
      ok = AdjustMicroseconds(val, fval, kUsecsPerMinute, itm);
      *tmask = kMaskMinute;
      break;
    case Unit::kHour:
      ok = AdjustMicroseconds(val, fval, kUsecsPerHour, itm);
      *tmask = kMaskHour;
      *type = Unit::kDay;  // '3 4 hours' is 3 days 4 hours
      break;
    case Unit::kDay:
      ok = AdjustDays(val, 1, itm) && AdjustFractMicroseconds(fval, kUsecsPerDay, itm);
      *tmask = kMaskDay;
      break;
    case Unit::kWeek:
      ok = AdjustDays(val, 7, itm) && AdjustFractDays(fval, 7, itm);
      *tmask = kMaskWeek;
      break;
    case Unit::kMonth:
      ok = AdjustMonths(val, itm) && AdjustFractDays(fval, 30, itm);
      *tmask = kMaskMonth;
      break;
    case Unit::kYear:
    case Unit::kDecade:
    case Unit::kCentury:
    case Unit::kMillennium: {
      const int scale = *type == Unit::kYear ? 1 : *type == Unit::kDecade ? 10 : *type == Unit::kCentury ? 100 : 1000;
      ok = AdjustYears(val, scale, itm) && AdjustFractYears(fval, scale, itm);
      *tmask = *type == Unit::kYear      ? kMaskYear
               : *type == Unit::kDecade  ? kMaskDecade
               : *type == Unit::kCentury ? kMaskCentury
                                         : kMaskMillennium;
      break;
    }
    default:
      return DtErr::kBadFormat;
  }
  return ok ? DtErr::kNone : DtErr::kFieldOverflow;
}

}  // namespace

DtErr DecodeIntervalFields(const std::vector<DateField>& fields, int32_t range, ItmIn* itm) {
  bool is_before = false;
  int fmask = 0;
  Unit type = Unit::kIgnore;
  for (size_t n = fields.size(); n-- > 0;) {
    const DateField& f = fields[n];
    int tmask = 0;
    switch (f.type) {
      case FieldType::kTime: {
        const DtErr err = DecodeTimeForInterval(f.text.c_str(), range, itm);
        if (err != DtErr::kNone) return err;
        tmask = kMaskTime;
        type = Unit::kDay;
        break;
      }
      case FieldType::kTz:
        // A signed h:m[:s] is a time with a sign; anything else is a signed number or years-months.
        if (f.text.find(':', 1) != std::string::npos &&
            DecodeTimeForInterval(f.text.c_str() + 1, range, itm) == DtErr::kNone) {
          if (f.text[0] == '-') {
            if (itm->usec == INT64_MIN) return DtErr::kFieldOverflow;
            itm->usec = -itm->usec;
          }
          tmask = kMaskTime;
          type = Unit::kDay;
          break;
        }
        [[fallthrough]];
      case FieldType::kDate:
      case FieldType::kNumber: {
        const DtErr err = DecodeNumberField(f, &type, range, itm, &tmask);
        if (err != DtErr::kNone) return err;
        break;
      }
      case FieldType::kString:
      case FieldType::kSpecial:
        if (f.text == "ago") {
          is_before = true;
          type = Unit::kNone;
        } else if (!LookupUnit(f.text, &type)) {
          return DtErr::kBadFormat;
        }
        break;
    }
    if (tmask & fmask) return DtErr::kBadFormat;
    fmask |= tmask;
  }
  if (fmask == 0) return DtErr::kBadFormat;
  if (is_before) {  // AGO negates everything
    if (itm->usec == INT64_MIN || itm->mday == INT32_MIN || itm->mon == INT32_MIN || itm->year == INT32_MIN) {
      return DtErr::kFieldOverflow;
    }
    *itm = ItmIn{-itm->usec, -itm->mday, -itm->mon, -itm->year};
  }
  return DtErr::kNone;
}

}  // namespace lumadb

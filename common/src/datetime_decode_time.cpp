// Time and zone fields of PostgreSQL 15's date/time input (src/backend/utils/adt/datetime.c DecodeTime,
// DecodeTimezone, ParseFraction, ParseFractionalSecond; date.c time_overflows).

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "common/time_zone.h"
#include "datetime_decode.h"

namespace lumadb::dt {

namespace {

constexpr int kMaxTzDispHour = 15;  // MAX_TZDISP_HOUR
constexpr int64_t kUsecsPerSec = 1000000;

}  // namespace

int StrToInt(const char* str, const char** end, bool* overflow) {
  errno = 0;
  char* stop = nullptr;
  const long v = std::strtol(str, &stop, 10);
  *end = stop;
  *overflow = errno == ERANGE || v > INT_MAX || v < INT_MIN;
  return static_cast<int>(v);
}

double ParseFraction(const char* cp) {
  if (cp[1] == '\0') return 0;  // '.' alone, which some strtod reject
  errno = 0;
  char* stop = nullptr;
  const double frac = std::strtod(cp, &stop);
  if (*stop != '\0' || errno != 0) Fail(DecodeError::kBadFormat);
  return frac;
}

int64_t ParseFractionalSecond(const char* cp) {
  return std::llrint(ParseFraction(cp) * kUsecsPerSec);
}

// DecodeTime / DecodeTimeCommon: the hour is read as a 64-bit number (interval input shares this code in
// PostgreSQL 15, struct pg_itm) and checked against INT_MAX last; each time field starts with a zero
// fraction.
void DecodeTime(const std::string& str, int* tmask, Tm* tm) {
  *tmask = kTimeMask;
  errno = 0;
  char* stop = nullptr;
  int64_t hour = std::strtoll(str.c_str(), &stop, 10);
  if (errno == ERANGE) Fail(DecodeError::kFieldOverflow);
  const char* cp = stop;
  if (*cp != ':') Fail(DecodeError::kBadFormat);
  bool overflow = false;
  int64_t min = StrToInt(cp + 1, &cp, &overflow);
  if (overflow) Fail(DecodeError::kFieldOverflow);
  int64_t sec = 0;
  int64_t fsec = 0;
  if (*cp == '.') {  // mm:ss.sss is always MINUTE TO SECOND
    fsec = ParseFractionalSecond(cp);
    sec = min;
    min = hour;
    hour = 0;
  } else if (*cp == ':') {
    sec = StrToInt(cp + 1, &cp, &overflow);
    if (overflow) Fail(DecodeError::kFieldOverflow);
    if (*cp == '.') {
      fsec = ParseFractionalSecond(cp);
    } else if (*cp != '\0') {
      Fail(DecodeError::kBadFormat);
    }
  } else if (*cp != '\0') {
    Fail(DecodeError::kBadFormat);
  }
  if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || fsec < 0 || fsec > kUsecsPerSec) {
    Fail(DecodeError::kFieldOverflow);
  }
  if (hour > INT32_MAX) Fail(DecodeError::kFieldOverflow);
  tm->hour = static_cast<int>(hour);
  tm->min = static_cast<int>(min);
  tm->sec = static_cast<int>(sec);
  tm->fsec = fsec;
}

int DecodeTimezone(const std::string& str) {
  if (str.empty() || (str[0] != '+' && str[0] != '-')) Fail(DecodeError::kBadFormat);
  bool overflow = false;
  const char* cp = nullptr;
  int hr = StrToInt(str.c_str() + 1, &cp, &overflow);
  if (overflow) Fail(DecodeError::kTzDispOverflow);
  int min = 0;
  int sec = 0;
  if (*cp == ':') {
    min = StrToInt(cp + 1, &cp, &overflow);
    if (overflow) Fail(DecodeError::kTzDispOverflow);
    if (*cp == ':') {
      sec = StrToInt(cp + 1, &cp, &overflow);
      if (overflow) Fail(DecodeError::kTzDispOverflow);
    }
  } else if (*cp == '\0' && str.size() > 3) {  // run together: hhmm (hhmmss is not supported)
    min = hr % 100;
    hr = hr / 100;
  }
  if (hr < 0 || hr > kMaxTzDispHour || min < 0 || min >= 60 || sec < 0 || sec >= 60) {
    Fail(DecodeError::kTzDispOverflow);
  }
  int tz = (hr * 60 + min) * 60 + sec;
  if (str[0] == '-') tz = -tz;
  if (*cp != '\0') Fail(DecodeError::kBadFormat);
  return tz;
}

bool TimeOverflows(const Tm& tm) {
  if (tm.hour < 0 || tm.hour > 24 || tm.min < 0 || tm.min >= 60 || tm.sec < 0 || tm.sec > 60 || tm.fsec < 0 ||
      tm.fsec > kUsecsPerSec) {
    return true;
  }
  // 24:00:00 and leap second 60 are allowed alone, so the total must be checked too.
  return ((static_cast<int64_t>(tm.hour) * 60 + tm.min) * 60 + tm.sec) * kUsecsPerSec + tm.fsec > 86400 * kUsecsPerSec;
}

}  // namespace lumadb::dt

namespace lumadb {

NumericZone DecodeNumericTimeZone(const std::string& text, int32_t* seconds_east) {
  try {
    *seconds_east = dt::DecodeTimezone(text);
    return NumericZone::kOk;
  } catch (const dt::DecodeFailure& failure) {
    return failure.error == dt::DecodeError::kTzDispOverflow ? NumericZone::kOutOfRange : NumericZone::kBadFormat;
  }
}

}  // namespace lumadb

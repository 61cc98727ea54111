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

void DecodeTime(const std::string& str, int* tmask, Tm* tm) {
  *tmask = kTimeMask;
  bool overflow = false;
  const char* cp = nullptr;
  tm->hour = StrToInt(str.c_str(), &cp, &overflow);
  if (overflow) Fail(DecodeError::kFieldOverflow);
  if (*cp != ':') Fail(DecodeError::kBadFormat);
  tm->min = StrToInt(cp + 1, &cp, &overflow);
  if (overflow) Fail(DecodeError::kFieldOverflow);
  if (*cp == '\0') {
    tm->sec = 0;
    tm->fsec = 0;
  } else if (*cp == '.') {  // mm:ss.sss is always MINUTE TO SECOND
    tm->fsec = ParseFractionalSecond(cp);
    tm->sec = tm->min;
    tm->min = tm->hour;
    tm->hour = 0;
  } else if (*cp == ':') {
    tm->sec = StrToInt(cp + 1, &cp, &overflow);
    if (overflow) Fail(DecodeError::kFieldOverflow);
    if (*cp == '.') {
      tm->fsec = ParseFractionalSecond(cp);
    } else if (*cp != '\0') {
      Fail(DecodeError::kBadFormat);
    }
  } else {
    Fail(DecodeError::kBadFormat);
  }
  if (tm->hour < 0 || tm->min < 0 || tm->min > 59 || tm->sec < 0 || tm->sec > 60 || tm->fsec < 0 ||
      tm->fsec > kUsecsPerSec) {
    Fail(DecodeError::kFieldOverflow);
  }
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

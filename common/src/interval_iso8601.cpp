// DecodeISO8601Interval of PostgreSQL 15's datetime.c: ISO 8601 durations, in the designator format
// ('P1Y2M3DT4H5M6S', 'P1.5W', 'PT36H') and the alternative formats ('P0001-02-03T04:05:06',
// 'P00010203T040506').

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "interval_decode.h"
#include "interval_util.h"

namespace lumadb {

namespace {

// ParseISO8601Number: anything strtod takes (starting with a digit, '-' or '.'), |value| <= 1e15, split
// into an integer part truncated toward zero and a fraction.
DtErr ParseIso8601Number(const char* str, const char** end, int64_t* ipart, double* fpart) {
  if (!((*str >= '0' && *str <= '9') || *str == '-' || *str == '.')) return DtErr::kBadFormat;
  errno = 0;
  char* stop = nullptr;
  const double val = std::strtod(str, &stop);
  *end = stop;
  if (stop == str || errno != 0) return DtErr::kBadFormat;
  if (std::isnan(val) || val < -1.0e15 || val > 1.0e15) return DtErr::kFieldOverflow;
  *ipart = static_cast<int64_t>(val >= 0 ? std::floor(val) : -std::floor(-val));
  *fpart = val - static_cast<double>(*ipart);
  return DtErr::kNone;
}

// ISO8601IntegerWidth: the number of digits at the start of a field (after a '-').
size_t IntegerWidth(const char* field) {
  if (*field == '-') ++field;
  return std::strspn(field, "0123456789");
}

DtErr Overflow() {
  return DtErr::kFieldOverflow;
}

// 'Y-M-D' after its first number (years, already read): the months and days, then an optional 'T'.
// Returns kNone with *done when the input ends here, or with *str just past the 'T'.
DtErr DecodeDateAlternative(const char** str, char unit, ItmIn* itm, bool* done, bool* datepart) {
  *done = false;
  if (unit == '\0') {
    *done = true;
    return DtErr::kNone;
  }
  if (unit == 'T') {
    *datepart = false;
    return DtErr::kNone;
  }
  int64_t val = 0;
  double fval = 0;
  DtErr err = ParseIso8601Number(*str, str, &val, &fval);
  if (err != DtErr::kNone) return err;
  if (!AdjustMonths(val, itm) || !AdjustFractDays(fval, 30, itm)) return Overflow();
  if (**str == '\0') {
    *done = true;
    return DtErr::kNone;
  }
  if (**str == 'T') {
    ++*str;
    *datepart = false;
    return DtErr::kNone;
  }
  if (**str != '-') return DtErr::kBadFormat;
  ++*str;
  err = ParseIso8601Number(*str, str, &val, &fval);
  if (err != DtErr::kNone) return err;
  if (!AdjustDays(val, 1, itm) || !AdjustFractMicroseconds(fval, kUsecsPerDay, itm)) return Overflow();
  if (**str == '\0') {
    *done = true;
    return DtErr::kNone;
  }
  if (**str == 'T') {
    ++*str;
    *datepart = false;
    return DtErr::kNone;
  }
  return DtErr::kBadFormat;
}

// 'H:M:S' after its first number (hours, already added); the whole rest of the input.
DtErr DecodeTimeAlternative(const char* str, char unit, ItmIn* itm) {
  if (unit == '\0') return DtErr::kNone;
  int64_t val = 0;
  double fval = 0;
  DtErr err = ParseIso8601Number(str, &str, &val, &fval);
  if (err != DtErr::kNone) return err;
  if (!AdjustMicroseconds(val, fval, kUsecsPerMinute, itm)) return Overflow();
  if (*str == '\0') return DtErr::kNone;
  if (*str != ':') return DtErr::kBadFormat;
  err = ParseIso8601Number(str + 1, &str, &val, &fval);
  if (err != DtErr::kNone) return err;
  if (!AdjustMicroseconds(val, fval, kUsecsPerSecond, itm)) return Overflow();
  return *str == '\0' ? DtErr::kNone : DtErr::kBadFormat;
}

}  // namespace

DtErr DecodeIso8601Interval(std::string_view text, ItmIn* itm) {
  const std::string copy(text);  // strtod needs a terminated string
  const char* str = copy.c_str();
  if (copy.size() < 2 || str[0] != 'P') return DtErr::kBadFormat;
  ++str;
  bool datepart = true, havefield = false;
  while (*str != '\0') {
    if (*str == 'T') {  // the time part begins
      datepart = false;
      havefield = false;
      ++str;
      continue;
    }
    const char* fieldstart = str;
    int64_t val = 0;
    double fval = 0;
    const DtErr err = ParseIso8601Number(str, &str, &val, &fval);
    if (err != DtErr::kNone) return err;
    const char unit = *str;
    if (unit != '\0') ++str;  // the loop must stop at the end, which a unit of '\0' means
    bool ok = true;
    if (datepart) {
      switch (unit) {
        case 'Y':
          ok = AdjustYears(val, 1, itm) && AdjustFractYears(fval, 1, itm);
          break;
        case 'M':
          ok = AdjustMonths(val, itm) && AdjustFractDays(fval, 30, itm);
          break;
        case 'W':
          ok = AdjustDays(val, 7, itm) && AdjustFractDays(fval, 7, itm);
          break;
        case 'D':
          ok = AdjustDays(val, 1, itm) && AdjustFractMicroseconds(fval, kUsecsPerDay, itm);
          break;
        case 'T':
        case '\0':
          if (IntegerWidth(fieldstart) == 8 && !havefield) {  // basic format YYYYMMDD
            if (!AdjustYears(val / 10000, 1, itm) || !AdjustMonths((val / 100) % 100, itm) ||
                !AdjustDays(val % 100, 1, itm) || !AdjustFractMicroseconds(fval, kUsecsPerDay, itm)) {
              return Overflow();
            }
            if (unit == '\0') return DtErr::kNone;
            datepart = false;
            havefield = false;
            continue;
          }
          [[fallthrough]];
        case '-': {  // extended format YYYY-MM-DD
          if (havefield) return DtErr::kBadFormat;
          if (!AdjustYears(val, 1, itm) || !AdjustFractYears(fval, 1, itm)) return Overflow();
          bool done = false;
          const DtErr e = DecodeDateAlternative(&str, unit, itm, &done, &datepart);
          if (e != DtErr::kNone || done) return e;
          havefield = false;
          continue;
        }
        default:
          return DtErr::kBadFormat;
      }
    } else {
      switch (unit) {
        case 'H':
          ok = AdjustMicroseconds(val, fval, kUsecsPerHour, itm);
          break;
        case 'M':
          ok = AdjustMicroseconds(val, fval, kUsecsPerMinute, itm);
          break;
        case 'S':
          ok = AdjustMicroseconds(val, fval, kUsecsPerSecond, itm);
          break;
        case '\0':
          if (IntegerWidth(fieldstart) == 6 && !havefield) {  // basic format HHMMSS
            if (!AdjustMicroseconds(val / 10000, 0, kUsecsPerHour, itm) ||
                !AdjustMicroseconds((val / 100) % 100, 0, kUsecsPerMinute, itm) ||
                !AdjustMicroseconds(val % 100, 0, kUsecsPerSecond, itm) || !AdjustFractMicroseconds(fval, 1, itm)) {
              return Overflow();
            }
            return DtErr::kNone;
          }
          [[fallthrough]];
        case ':':  // extended format HH:MM:SS
          if (havefield) return DtErr::kBadFormat;
          if (!AdjustMicroseconds(val, fval, kUsecsPerHour, itm)) return Overflow();
          return DecodeTimeAlternative(str, unit, itm);
        default:
          return DtErr::kBadFormat;
      }
    }
    if (!ok) return Overflow();
    havefield = true;
  }
  return DtErr::kNone;
}

}  // namespace lumadb

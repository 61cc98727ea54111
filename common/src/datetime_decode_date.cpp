// Date fields of PostgreSQL 15's date/time input (src/backend/utils/adt/datetime.c DecodeDate,
// DecodeNumber, DecodeNumberField, ValidateDate), with DateStyle's field order.

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "common/datetime.h"
#include "datetime_decode.h"

namespace lumadb::dt {

namespace {

bool IsLeap(int year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

// atoi of at most the digits PostgreSQL's int holds; longer runs saturate instead of wrapping.
int Atoi(const std::string& s) {
  const long long v = std::strtoll(s.c_str(), nullptr, 10);
  return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : static_cast<int>(v);
}

// The parts of a date field: runs of digits or of letters, one character after each run dropped (so
// '08jan' loses its 'j', as PostgreSQL overwrites it with the field's NUL).
std::vector<std::string> SplitDate(const std::string& str) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < str.size() && parts.size() < 25) {
    while (i < str.size() && !std::isalnum(static_cast<unsigned char>(str[i]))) ++i;
    if (i >= str.size()) Fail(DecodeError::kBadFormat);  // end of string after a separator
    const size_t start = i;
    if (std::isdigit(static_cast<unsigned char>(str[i]))) {
      while (i < str.size() && std::isdigit(static_cast<unsigned char>(str[i]))) ++i;
    } else {
      while (i < str.size() && std::isalpha(static_cast<unsigned char>(str[i]))) ++i;
    }
    parts.push_back(str.substr(start, i - start));
    if (i < str.size()) ++i;
  }
  return parts;
}

// The first numeric field with nothing known, or the first after a text month: a year when it has
// three or more digits (or DateStyle is YMD), else the day or month DateStyle puts first.
void FirstNumber(int flen, int val, bool have_text_month, int* tmask, Tm* tm) {
  const DateOrder order = CurrentDateOrder();
  if (flen >= 3 || order == DateOrder::kYMD) {
    *tmask = Mask(kYear);
    tm->year = val;
  } else if (have_text_month || order == DateOrder::kDMY) {
    *tmask = Mask(kDay);
    tm->mday = val;
  } else {
    *tmask = Mask(kMonth);
    tm->mon = val;
  }
}

}  // namespace

void JulianToDate(int julian, Tm* tm) {
  int64_t year = 0;
  CivilFromDays(static_cast<int64_t>(julian) - 2451545, &year, &tm->mon, &tm->mday);
  tm->year = static_cast<int>(year);
}

void DecodeDate(const std::string& str, int fmask, int* tmask, bool* is2digits, Tm* tm) {
  *tmask = 0;
  std::vector<std::string> parts = SplitDate(str);
  std::vector<bool> done(parts.size(), false);
  bool have_text_month = false;
  // Text first: a month name is unambiguous.
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].empty() || !std::isalpha(static_cast<unsigned char>(parts[i][0]))) continue;
    const Token t = DecodeSpecial(parts[i]);
    if (t.type == kIgnore) continue;
    if (t.type != kMonth) Fail(DecodeError::kBadFormat);
    const int dmask = Mask(t.type);
    if (fmask & dmask) Fail(DecodeError::kBadFormat);
    tm->mon = t.value;
    have_text_month = true;
    fmask |= dmask;
    *tmask |= dmask;
    done[i] = true;
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    if (done[i]) continue;
    if (parts[i].empty()) Fail(DecodeError::kBadFormat);
    int dmask = 0;
    DecodeNumber(parts[i], have_text_month, fmask, &dmask, tm, is2digits);
    if (fmask & dmask) Fail(DecodeError::kBadFormat);
    fmask |= dmask;
    *tmask |= dmask;
  }
  if ((fmask & ~(Mask(kDoy) | Mask(kTzToken))) != kDateMask) Fail(DecodeError::kBadFormat);
}

void DecodeNumber(const std::string& str, bool have_text_month, int fmask, int* tmask, Tm* tm, bool* is2digits) {
  *tmask = 0;
  const int flen = static_cast<int>(str.size());
  bool overflow = false;
  const char* cp = nullptr;
  const int val = StrToInt(str.c_str(), &cp, &overflow);
  if (overflow) Fail(DecodeError::kFieldOverflow);
  if (cp == str.c_str()) Fail(DecodeError::kBadFormat);
  if (*cp == '.') {
    // More than two digits before the point: a date or run-together time (2001.360, 040506.789).
    if (cp - str.c_str() > 2) {
      DecodeNumberField(str, fmask | kDateMask, tmask, tm, is2digits);
      return;
    }
    tm->fsec = ParseFractionalSecond(cp);
  } else if (*cp != '\0') {
    Fail(DecodeError::kBadFormat);
  }
  if (flen == 3 && (fmask & kDateMask) == Mask(kYear) && val >= 1 && val <= 366) {  // day of year
    *tmask = Mask(kDoy) | Mask(kMonth) | Mask(kDay);
    tm->yday = val;
    return;
  }
  switch (fmask & kDateMask) {
    case 0:
      FirstNumber(flen, val, false, tmask, tm);
      break;
    case Mask(kYear):  // second field of YY-MM-DD
      *tmask = Mask(kMonth);
      tm->mon = val;
      break;
    case Mask(kMonth):
      // MON-DD-YYYY, DD-MON-YYYY and YYYY-MON-DD; MON-DD-YY or DD-MON-YY in DMY and MDY, YY-MON-DD in YMD.
      if (have_text_month) {
        FirstNumber(flen, val, true, tmask, tm);
      } else {
        *tmask = Mask(kDay);
        tm->mday = val;
      }
      break;
    case Mask(kYear) | Mask(kMonth):
      if (have_text_month && flen >= 3 && *is2digits) {  // DD-MON-YYYY even in YMD mode
        *tmask = Mask(kDay);
        tm->mday = tm->year;
        tm->year = val;
        *is2digits = false;
      } else {
        *tmask = Mask(kDay);
        tm->mday = val;
      }
      break;
    case Mask(kDay):  // second field of DD-MM-YY
      *tmask = Mask(kMonth);
      tm->mon = val;
      break;
    case Mask(kMonth) | Mask(kDay):  // third field of DD-MM-YY or MM-DD-YY
      *tmask = Mask(kYear);
      tm->year = val;
      break;
    case kDateMask:  // the date is complete: a time
      DecodeNumberField(str, fmask, tmask, tm, is2digits);
      return;
    default:
      Fail(DecodeError::kBadFormat);
  }
  if (*tmask == Mask(kYear)) *is2digits = flen <= 2;
}

int DecodeNumberField(std::string str, int fmask, int* tmask, Tm* tm, bool* is2digits) {
  if (const size_t dot = str.find('.'); dot != std::string::npos) {
    if (dot + 1 == str.size()) {
      tm->fsec = 0;
    } else {
      errno = 0;  // trailing junk is ignored here, unlike ParseFractionalSecond
      const double frac = std::strtod(str.c_str() + dot, nullptr);
      if (errno != 0) Fail(DecodeError::kBadFormat);
      tm->fsec = std::llrint(frac * 1000000);
    }
    str.resize(dot);
  } else if ((fmask & kDateMask) != kDateMask) {
    if (str.size() >= 6) {  // from the end: two digits of day, two of month, the rest year
      *tmask = kDateMask;
      const size_t len = str.size();
      tm->mday = Atoi(str.substr(len - 2));
      tm->mon = Atoi(str.substr(len - 4, 2));
      tm->year = Atoi(str.substr(0, len - 4));
      if (len - 4 == 2) *is2digits = true;
      return kDate;
    }
  }
  if ((fmask & kTimeMask) != kTimeMask) {
    if (str.size() == 6) {  // hhmmss
      *tmask = kTimeMask;
      tm->sec = Atoi(str.substr(4));
      tm->min = Atoi(str.substr(2, 2));
      tm->hour = Atoi(str.substr(0, 2));
      return kTime;
    }
    if (str.size() == 4) {  // hhmm
      *tmask = kTimeMask;
      tm->sec = 0;
      tm->min = Atoi(str.substr(2));
      tm->hour = Atoi(str.substr(0, 2));
      return kTime;
    }
  }
  Fail(DecodeError::kBadFormat);
}

void ValidateDate(int fmask, bool isjulian, bool is2digits, bool bc, Tm* tm) {
  if (fmask & Mask(kYear)) {
    if (isjulian) {
      // the year is already astronomical
    } else if (bc) {
      if (tm->year <= 0) Fail(DecodeError::kFieldOverflow);  // no year zero in AD/BC notation
      tm->year = -(tm->year - 1);
    } else if (is2digits) {  // 1 or 2 digits mean 1970..2069
      if (tm->year < 0) Fail(DecodeError::kFieldOverflow);
      if (tm->year < 70) {
        tm->year += 2000;
      } else if (tm->year < 100) {
        tm->year += 1900;
      }
    } else if (tm->year <= 0) {
      Fail(DecodeError::kFieldOverflow);
    }
  }
  if (fmask & Mask(kDoy)) JulianToDate(static_cast<int>(DaysFromCivil(tm->year, 1, 1) + 2451545 + tm->yday - 1), tm);
  if ((fmask & Mask(kMonth)) && (tm->mon < 1 || tm->mon > 12)) Fail(DecodeError::kMdFieldOverflow);
  if ((fmask & Mask(kDay)) && (tm->mday < 1 || tm->mday > 31)) Fail(DecodeError::kMdFieldOverflow);
  if ((fmask & kDateMask) == kDateMask) {
    // Not kMdFieldOverflow: 'Feb 29' is unlikely to be a field-order mistake.
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int limit = tm->mon == 2 && IsLeap(tm->year) ? 29 : kDays[tm->mon - 1];
    if (tm->mday > limit) Fail(DecodeError::kFieldOverflow);
  }
}

}  // namespace lumadb::dt

// to_timestamp(text, text) and to_date(text, text): do_to_timestamp, to_timestamp and to_date of
// PostgreSQL 15's formatting.c over the fields DCH_from_char read.
#include "common/datetime.h"
#include "common/error.h"
#include "common/formatting.h"
#include "common/time_zone.h"
#include "formatting_internal.h"

namespace lumadb::formatting {

namespace {

// struct pg_tm as do_to_timestamp fills it (ZERO_tm: day and month 1, year 0).
struct Tm {
  int year = 0, mon = 1, mday = 1, hour = 0, min = 0, sec = 0;
  int64_t fsec = 0;
  int fprec = 0;
  bool has_tz = false;
  int tz_east = 0;
};

bool IsLeap(int y) {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

[[noreturn]] void FieldOverflow(std::string_view text) {
  throw DbError(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: \"" + std::string(text) + "\"");
}

void SetYear(FromChar& f, Tm& tm) {
  if (f.year) {
    if (f.cc && f.yysz <= 2) {
      if (f.bc) f.cc = -f.cc;
      tm.year = f.year % 100;
      if (tm.year) {
        tm.year = f.cc >= 0 ? tm.year + (f.cc - 1) * 100 : (f.cc + 1) * 100 - tm.year + 1;
      } else {
        tm.year = f.cc * 100 + (f.cc >= 0 ? 0 : 1);  // a century year ending in "00"
      }
    } else {
      tm.year = f.bc ? -f.year : f.year;
      if (tm.year < 0) tm.year++;  // astronomical numbering of BC years
    }
  } else if (f.cc) {
    if (f.bc) f.cc = -f.cc;
    tm.year = f.cc >= 0 ? (f.cc - 1) * 100 + 1 : f.cc * 100 + 1;
  }
}

// The date part of do_to_timestamp; returns whether date fields were given (fmask != 0).
bool SetDate(FromChar& f, Tm& tm, bool* day_given, bool* month_given, bool* full_date) {
  bool any = f.year || f.cc;
  if (f.j) {
    JulianToDate(f.j, &tm.year, &tm.mon, &tm.mday);
    *full_date = any = true;
  }
  if (f.ww) {
    if (f.mode == DateMode::kIsoWeek) {
      int64_t jd = IsoWeekToJulian(tm.year, f.ww);
      if (f.d) jd += f.d > 1 ? f.d - 2 : 6;
      JulianToDate(jd, &tm.year, &tm.mon, &tm.mday);
      *full_date = any = true;
    } else {
      f.ddd = (f.ww - 1) * 7 + 1;
    }
  }
  if (f.w) f.dd = (f.w - 1) * 7 + 1;
  if (f.dd) {
    tm.mday = f.dd;
    *day_given = any = true;
  }
  if (f.mm) {
    tm.mon = f.mm;
    *month_given = any = true;
  }
  if (f.ddd && (tm.mon <= 1 || tm.mday <= 1)) {
    if (!tm.year && !f.bc) {
      throw DbError(sqlstate::kInvalidDatetimeFormat, "cannot calculate day of year without year information");
    }
    if (f.mode == DateMode::kIsoWeek) {
      JulianToDate(IsoWeekToJulian(tm.year, 1) - 1 + f.ddd, &tm.year, &tm.mon, &tm.mday);
      *full_date = true;
    } else {
      static const int kYearSum[2][13] = {{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
                                          {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366}};
      const int* y = kYearSum[IsLeap(tm.year)];
      int i = 1;
      while (i <= 12 && f.ddd > y[i]) ++i;
      if (tm.mon <= 1) tm.mon = i;
      if (tm.mday <= 1) tm.mday = f.ddd - y[i - 1];
      *day_given = *month_given = true;
    }
    any = true;
  }
  return any;
}

Tm DoToTimestamp(std::string_view text, std::string_view format) {
  Tm tm;
  if (format.empty()) return tm;
  std::string input(text);
  FromChar f = FromCharFields(ParseFormat(format, Flavor::kDateTime), input.c_str());
  if (f.ssss) {
    tm.hour = f.ssss / 3600;
    tm.min = f.ssss % 3600 / 60;
    tm.sec = f.ssss % 60;
  }
  if (f.ss) tm.sec = f.ss;
  if (f.mi) tm.min = f.mi;
  if (f.hh) tm.hour = f.hh;
  if (f.clock12) {
    if (tm.hour < 1 || tm.hour > 12) {
      throw DbError(sqlstate::kInvalidDatetimeFormat,
                    "hour \"" + std::to_string(tm.hour) + "\" is invalid for the 12-hour clock")
          .Hint("Use the 24-hour clock, or give an hour between 1 and 12.");
    }
    if (f.pm && tm.hour < 12)
      tm.hour += 12;
    else if (!f.pm && tm.hour == 12)
      tm.hour = 0;
  }
  SetYear(f, tm);
  bool year_given = f.year || f.cc, day_given = false, month_given = false, full_date = false;
  if (SetDate(f, tm, &day_given, &month_given, &full_date)) {
    // ValidateDate with isjulian: month and day ranges, then the day within its month.
    if (full_date) year_given = day_given = month_given = true;
    if (month_given && (tm.mon < 1 || tm.mon > 12)) FieldOverflow(text);
    if (day_given && (tm.mday < 1 || tm.mday > 31)) FieldOverflow(text);
    if (year_given && month_given && day_given && tm.mday > DaysInMonth(tm.year, tm.mon)) FieldOverflow(text);
  }
  tm.fsec = static_cast<int64_t>(f.ms) * 1000 + f.us;
  tm.fprec = f.ff;
  if (tm.hour < 0 || tm.hour >= 24 || tm.min < 0 || tm.min >= 60 || tm.sec < 0 || tm.sec >= 60 || tm.fsec < 0 ||
      tm.fsec >= 1000000) {
    FieldOverflow(text);
  }
  if (f.tzsign) {
    if (f.tzh < 0 || f.tzh > 15 || f.tzm < 0 || f.tzm >= 60) {
      throw DbError(sqlstate::kInvalidTimeZoneDisplacementValue,
                    "time zone displacement out of range: \"" + std::string(text) + "\"");
    }
    tm.has_tz = true;
    tm.tz_east = f.tzsign * (f.tzh * 3600 + f.tzm * 60);
  }
  return tm;
}

// IS_VALID_JULIAN: on or after 4714-11-24 BC, before 5874898-01-01.
bool IsValidJulian(int y, int m, int d) {
  return (y > -4713 || (y == -4713 && (m > 11 || (m == 11 && d >= 24)))) && y < 5874898;
}

}  // namespace

}  // namespace lumadb::formatting

namespace lumadb {

int64_t ToTimestamp(std::string_view text, std::string_view format) {
  formatting::Tm tm = formatting::DoToTimestamp(text, format);
  if (!formatting::IsValidJulian(tm.year, tm.mon, tm.mday)) {
    throw DbError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  }
  int64_t days = DaysFromCivil(tm.year, tm.mon, tm.mday);
  int64_t local = days * kUsecsPerDay + ((tm.hour * 60LL + tm.min) * 60 + tm.sec) * 1000000 + tm.fsec;
  int64_t result = tm.has_tz ? local - tm.tz_east * 1000000LL : SessionTimeZone().LocalToUtc(local);
  if (!IsValidTimestamp(result)) throw DbError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  if (tm.fprec) result = RoundTimestamp(result, tm.fprec);
  return result;
}

int64_t ToDate(std::string_view text, std::string_view format) {
  formatting::Tm tm = formatting::DoToTimestamp(text, format);
  auto out_of_range = [&] {
    return DbError(sqlstate::kDatetimeFieldOverflow, "date out of range: \"" + std::string(text) + "\"");
  };
  if (!formatting::IsValidJulian(tm.year, tm.mon, tm.mday)) throw out_of_range();
  int64_t days = DaysFromCivil(tm.year, tm.mon, tm.mday);
  if (!IsValidDate(days)) throw out_of_range();
  return days;
}

}  // namespace lumadb

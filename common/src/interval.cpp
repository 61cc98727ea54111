// interval output, typmods, ordering and field arithmetic (PostgreSQL 15 timestamp.c, datetime.c
// EncodeInterval).

#include "common/interval.h"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

#include "common/error.h"
#include "interval_util.h"

namespace lumadb {

namespace {

// AddPostgresIntPart: " 3 days", with a "+" on a positive field that follows a negative one.
void AddPostgresPart(std::string* out, int64_t value, const char* unit, bool* is_zero, bool* is_before) {
  if (value == 0) return;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%s%lld %s%s", *is_zero ? "" : " ", (*is_before && value > 0) ? "+" : "",
                static_cast<long long>(value), unit, value != 1 ? "s" : "");
  *out += buf;
  *is_before = value < 0;  // each non-zero field sets is_before for the next one only
  *is_zero = false;
}

int32_t CheckedInt32(int64_t v) {
  if (v < INT32_MIN || v > INT32_MAX) ThrowIntervalOutOfRange();
  return static_cast<int32_t>(v);
}

// Whole days of the time field moved into the day field (signs may then disagree).
void CarryDays(Interval* r) {
  const int64_t whole_days = r->time / kUsecsPerDay;
  r->time -= whole_days * kUsecsPerDay;
  r->day = CheckedInt32(static_cast<int64_t>(r->day) + whole_days);
}

// Whole 30-day months of the day field moved into the month field.
void CarryMonths(Interval* r) {
  const int32_t whole_months = r->day / 30;
  r->day -= whole_months * 30;
  r->month = CheckedInt32(static_cast<int64_t>(r->month) + whole_months);
}

// Day and time given one sign by borrowing a day.
void AlignDayAndTime(Interval* r) {
  if (r->day > 0 && r->time < 0) {
    r->time += kUsecsPerDay;
    r->day--;
  } else if (r->day < 0 && r->time > 0) {
    r->time -= kUsecsPerDay;
    r->day++;
  }
}

}  // namespace

void ThrowIntervalOutOfRange() {
  throw DbError(sqlstate::kDatetimeFieldOverflow, "interval out of range");
}

std::string AppendFraction(int64_t fsec) {
  if (fsec == 0) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(std::llabs(fsec)));
  std::string s(buf);
  while (s.back() == '0') s.pop_back();
  return s;
}

std::string IntervalTypmodSuffix(int32_t typmod) {
  if (typmod < 0) return "";
  const int32_t fields = (typmod >> 16) & 0x7fff;
  const int32_t precision = typmod & 0xffff;
  static constexpr struct {
    int32_t mask;
    const char* text;
  } kFields[] = {
      {kIntervalYear, " year"},
      {kIntervalMonth, " month"},
      {kIntervalDay, " day"},
      {kIntervalHour, " hour"},
      {kIntervalMinute, " minute"},
      {kIntervalSecond, " second"},
      {kIntervalYear | kIntervalMonth, " year to month"},
      {kIntervalDay | kIntervalHour, " day to hour"},
      {kIntervalDay | kIntervalHour | kIntervalMinute, " day to minute"},
      {kIntervalDay | kIntervalHour | kIntervalMinute | kIntervalSecond, " day to second"},
      {kIntervalHour | kIntervalMinute, " hour to minute"},
      {kIntervalHour | kIntervalMinute | kIntervalSecond, " hour to second"},
      {kIntervalMinute | kIntervalSecond, " minute to second"},
  };
  std::string out;
  for (const auto& f : kFields) {
    if (f.mask == fields) out = f.text;
  }
  if (precision != kIntervalFullPrecision) out += "(" + std::to_string(precision) + ")";
  return out;
}

// EncodeInterval with INTSTYLE_POSTGRES.
std::string FormatInterval(const Interval& v) {
  const int64_t year = v.month / 12, mon = v.month % 12, mday = v.day;
  int64_t time = v.time;
  const int64_t hour = time / kUsecsPerHour;
  time -= hour * kUsecsPerHour;
  const int64_t min = time / kUsecsPerMinute;
  time -= min * kUsecsPerMinute;
  const int64_t sec = time / kUsecsPerSecond;
  const int64_t fsec = time - sec * kUsecsPerSecond;
  std::string out;
  bool is_zero = true, is_before = false;
  AddPostgresPart(&out, year, "year", &is_zero, &is_before);
  AddPostgresPart(&out, mon, "mon", &is_zero, &is_before);
  AddPostgresPart(&out, mday, "day", &is_zero, &is_before);
  if (is_zero || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
    const bool minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%s%02lld:%02lld:%02lld", is_zero ? "" : " ", minus ? "-" : (is_before ? "+" : ""),
                  static_cast<long long>(std::llabs(hour)), static_cast<long long>(std::llabs(min)),
                  static_cast<long long>(std::llabs(sec)));
    out += buf;
    out += AppendFraction(fsec);
  }
  return out;
}

// AdjustIntervalForTypmod.
Interval ApplyIntervalTypmod(Interval v, int32_t typmod) {
  if (typmod < 0) return v;
  const int32_t range = (typmod >> 16) & 0x7fff;
  const int32_t precision = typmod & 0xffff;
  if (range == kIntervalYear) {
    v.month = v.month / 12 * 12;
    v.day = 0;
    v.time = 0;
  } else if (range == kIntervalMonth || range == (kIntervalYear | kIntervalMonth)) {
    v.day = 0;
    v.time = 0;
  } else if (range == kIntervalDay) {
    v.time = 0;
  } else if (range == kIntervalHour || range == (kIntervalDay | kIntervalHour)) {
    v.time = v.time / kUsecsPerHour * kUsecsPerHour;
  } else if (range == kIntervalMinute || range == (kIntervalDay | kIntervalHour | kIntervalMinute) ||
             range == (kIntervalHour | kIntervalMinute)) {
    v.time = v.time / kUsecsPerMinute * kUsecsPerMinute;
  }
  if (precision != kIntervalFullPrecision && precision >= 0 && precision < 6) {
    int64_t scale = 1;
    for (int32_t i = precision; i < 6; ++i) scale *= 10;
    const int64_t offset = scale / 2;
    v.time = v.time >= 0 ? (v.time + offset) / scale * scale : -((-v.time + offset) / scale * scale);
  }
  return v;
}

__int128 IntervalSpan(const Interval& v) {
  const int64_t days = static_cast<int64_t>(v.month) * 30 + v.day;
  return static_cast<__int128>(v.time) + static_cast<__int128>(days) * kUsecsPerDay;
}

int CompareIntervals(const Interval& a, const Interval& b) {
  const __int128 x = IntervalSpan(a), y = IntervalSpan(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

size_t HashInterval(const Interval& v) {
  const unsigned __int128 span = static_cast<unsigned __int128>(IntervalSpan(v));
  const auto lo = static_cast<uint64_t>(span), hi = static_cast<uint64_t>(span >> 64);
  return std::hash<uint64_t>()(lo) ^ (std::hash<uint64_t>()(hi) * 0x9e3779b97f4a7c15ULL);
}

Interval AddIntervals(const Interval& a, const Interval& b) {
  Interval r;
  if (__builtin_add_overflow(a.month, b.month, &r.month) || __builtin_add_overflow(a.day, b.day, &r.day) ||
      __builtin_add_overflow(a.time, b.time, &r.time)) {
    ThrowIntervalOutOfRange();
  }
  return r;
}

Interval SubtractIntervals(const Interval& a, const Interval& b) {
  Interval r;
  if (__builtin_sub_overflow(a.month, b.month, &r.month) || __builtin_sub_overflow(a.day, b.day, &r.day) ||
      __builtin_sub_overflow(a.time, b.time, &r.time)) {
    ThrowIntervalOutOfRange();
  }
  return r;
}

Interval NegateInterval(const Interval& v) {
  if (v.time == INT64_MIN || v.day == INT32_MIN || v.month == INT32_MIN) ThrowIntervalOutOfRange();
  return Interval{-v.time, -v.day, -v.month};
}

// interval_justify_hours: whole days out of the time field, then day and time given one sign.
Interval JustifyHours(const Interval& v) {
  Interval r = v;
  CarryDays(&r);
  AlignDayAndTime(&r);
  return r;
}

// interval_justify_days: whole 30-day months out of the day field, then month and day given one sign.
Interval JustifyDays(const Interval& v) {
  Interval r = v;
  CarryMonths(&r);
  if (r.month > 0 && r.day < 0) {
    r.day += 30;
    r.month--;
  } else if (r.month < 0 && r.day > 0) {
    r.day -= 30;
    r.month++;
  }
  return r;
}

// interval_justify_interval: both of the above, with the signs of all three fields made to agree.
Interval JustifyInterval(const Interval& v) {
  Interval r = v;
  if ((r.day > 0 && r.time > 0) || (r.day < 0 && r.time < 0)) CarryMonths(&r);  // may prevent overflow
  CarryDays(&r);
  CarryMonths(&r);
  if (r.month > 0 && (r.day < 0 || (r.day == 0 && r.time < 0))) {
    r.day += 30;
    r.month--;
  } else if (r.month < 0 && (r.day > 0 || (r.day == 0 && r.time > 0))) {
    r.day -= 30;
    r.month++;
  }
  AlignDayAndTime(&r);
  return r;
}

}  // namespace lumadb

// interval * / float8 and timestamp +- interval (PostgreSQL 15 timestamp.c interval_mul, interval_div,
// timestamp_pl_interval, timestamp_mi).

#include <cmath>

#include "common/error.h"
#include "common/interval.h"
#include "interval_util.h"

namespace lumadb {

namespace {

constexpr double kDaysPerMonth = 30;
constexpr double kSecsPerDay = 86400;

// TSROUND: rounds to microsecond precision, so that 0.1 * 10 months gives whole days.
double TsRound(double v) {
  return std::rint(v * 1000000.0) / 1000000.0;
}

int32_t TruncToInt32(double v) {
  if (std::isnan(v) || v > INT32_MAX || v < INT32_MIN) ThrowIntervalOutOfRange();
  return static_cast<int32_t>(v);
}

// The part common to interval_mul and interval_div once month and day have been scaled: the fractional
// month cascades into days, the fractional day into seconds (never upward).
Interval Cascade(double month_product, double day_product, double time_product) {
  Interval r;
  r.month = TruncToInt32(month_product);
  int64_t day = TruncToInt32(day_product);
  const double month_remainder_days = TsRound((month_product - r.month) * kDaysPerMonth);
  double sec_remainder = TsRound((day_product - static_cast<double>(day) + month_remainder_days -
                                  static_cast<double>(static_cast<int32_t>(month_remainder_days))) *
                                 kSecsPerDay);
  if (std::fabs(sec_remainder) >= kSecsPerDay) {
    const auto whole = static_cast<int32_t>(sec_remainder / kSecsPerDay);
    day += whole;
    sec_remainder -= whole * kSecsPerDay;
  }
  day += static_cast<int32_t>(month_remainder_days);
  if (day < INT32_MIN || day > INT32_MAX) ThrowIntervalOutOfRange();
  r.day = static_cast<int32_t>(day);
  const double time = std::rint(time_product + sec_remainder * kUsecsPerSecond);
  // FLOAT8_FITS_IN_INT64
  if (std::isnan(time) || time < -9223372036854775808.0 || time >= 9223372036854775808.0) ThrowIntervalOutOfRange();
  r.time = static_cast<int64_t>(time);
  return r;
}

// A finite timestamp from a day number and a time of day, or 22008 "timestamp out of range" (tm2timestamp).
int64_t MakeTimestamp(int64_t days, int64_t time_of_day) {
  if (days < DaysFromCivil(-4713, 11, 24) || days >= DaysFromCivil(294277, 1, 1)) ThrowTimestampRange();
  const int64_t micros = days * kUsecsPerDay + time_of_day;
  if (!IsValidTimestamp(micros) || micros == kTimestampNoBegin || micros == kTimestampNoEnd) ThrowTimestampRange();
  return micros;
}

}  // namespace

void ThrowTimestampRange() {
  throw DbError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
}

Interval MultiplyInterval(const Interval& v, double factor) {
  return Cascade(v.month * factor, v.day * factor, static_cast<double>(v.time) * factor);
}

Interval DivideInterval(const Interval& v, double factor) {
  if (factor == 0.0) throw DbError(sqlstate::kDivisionByZero, "division by zero");
  return Cascade(v.month / factor, v.day / factor, static_cast<double>(v.time) / factor);
}

int64_t TimestampPlusInterval(int64_t micros, const Interval& span) {
  if (micros == kTimestampNoBegin || micros == kTimestampNoEnd) return micros;
  if (span.month != 0) {
    const int64_t days = FloorDiv(micros, kUsecsPerDay);
    int64_t year = 0;
    int32_t month = 0, day = 0;
    CivilFromDays(days, &year, &month, &day);
    int64_t mon = static_cast<int64_t>(month) + span.month;
    if (mon > 12) {
      year += (mon - 1) / 12;
      mon = (mon - 1) % 12 + 1;
    } else if (mon < 1) {
      year += mon / 12 - 1;
      mon = mon % 12 + 12;
    }
    if (year < -4713 || year > 294276) ThrowTimestampRange();
    const int last = DaysInMonth(year, static_cast<int>(mon));
    if (day > last) day = last;  // Jan 31 + 1 month is the end of February
    micros = MakeTimestamp(DaysFromCivil(year, static_cast<int32_t>(mon), day), micros - days * kUsecsPerDay);
  }
  if (span.day != 0) {
    const int64_t days = FloorDiv(micros, kUsecsPerDay);
    micros = MakeTimestamp(days + span.day, micros - days * kUsecsPerDay);
  }
  if (__builtin_add_overflow(micros, span.time, &micros) || !IsValidTimestamp(micros) || micros == kTimestampNoBegin ||
      micros == kTimestampNoEnd) {
    ThrowTimestampRange();
  }
  return micros;
}

Interval TimestampDifference(int64_t a, int64_t b) {
  if (a == kTimestampNoBegin || a == kTimestampNoEnd || b == kTimestampNoBegin || b == kTimestampNoEnd) {
    throw DbError(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite timestamps");
  }
  return JustifyHours(Interval{a - b, 0, 0});
}

}  // namespace lumadb

#pragma once
// interval: PostgreSQL 15's time span of three independent fields (src/include/datatype/timestamp.h,
// src/backend/utils/adt/timestamp.c, datetime.c). Months and days are kept apart from the microseconds
// because their lengths vary: '1 mon' added to a date moves the calendar month, '1 day' the calendar
// day. For comparison, hashing and index keys a month counts as 30 days and a day as 24 hours
// (interval_cmp_value), so '1 mon' = '30 days' = '720 hours'.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lumadb {

/// An interval value: time (microseconds) + day + month, each field signed and independent.
struct Interval {
  int64_t time = 0;
  int32_t day = 0;
  int32_t month = 0;
  /// Field-wise identity (the representation), not SQL equality: see CompareIntervals.
  bool operator==(const Interval&) const = default;
};

/// Interval field bits of the typmod (INTERVAL_MASK in datetime.h): YEAR, MONTH, DAY, HOUR, MINUTE, SECOND.
inline constexpr int32_t kIntervalMonth = 1 << 1;
inline constexpr int32_t kIntervalYear = 1 << 2;
inline constexpr int32_t kIntervalDay = 1 << 3;
inline constexpr int32_t kIntervalHour = 1 << 10;
inline constexpr int32_t kIntervalMinute = 1 << 11;
inline constexpr int32_t kIntervalSecond = 1 << 12;
inline constexpr int32_t kIntervalFullRange = 0x7fff;
inline constexpr int32_t kIntervalFullPrecision = 0xffff;

/// INTERVAL_TYPMOD: the typmod of interval [fields] [(precision)]; fields is an OR of the masks above (or
/// kIntervalFullRange), precision 0..6 or kIntervalFullPrecision. interval(3) is IntervalTypmod(full, 3).
constexpr int32_t IntervalTypmod(int32_t fields, int32_t precision) {
  return ((fields & 0x7fff) << 16) | (precision & 0xffff);
}

/// intervaltypmodout: "", "(3)", " day to second", " day to second(3)", ...
std::string IntervalTypmodSuffix(int32_t typmod);

/// interval_in with IntervalStyle postgres: the verbose forms ('1 day 2 hours', '@ 1 day ago', '1-2',
/// '01:02:03', '1.5 weeks', '-1 days +02:00') and ISO 8601 ('P1Y2M3DT4H5M6S', 'P0001-02-03T04:05:06').
/// typmod restricts the fields and rounds the seconds (AdjustIntervalForTypmod). Throws 22007 "invalid
/// input syntax for type interval: \"x\"", 22015 "interval field value out of range: \"x\"", 22008
/// "interval out of range".
Interval ParseInterval(std::string_view text, int32_t typmod);

/// interval_out with IntervalStyle postgres: "1 year 2 mons 3 days 04:05:06.5", "-1 days +02:00:00",
/// "00:00:00".
std::string FormatInterval(const Interval& v);

/// AdjustIntervalForTypmod: drops the fields below the typmod's range and rounds to its precision.
/// typmod -1 leaves v unchanged.
Interval ApplyIntervalTypmod(Interval v, int32_t typmod);

/// interval_cmp: orders by interval_cmp_value (months as 30 days, days as 24 hours).
int CompareIntervals(const Interval& a, const Interval& b);
/// interval_cmp_value: the span in microseconds, exact in 128 bits.
__int128 IntervalSpan(const Interval& v);
/// A hash consistent with CompareIntervals (equal spans hash alike).
size_t HashInterval(const Interval& v);

/// interval_pl / interval_mi / interval_um; 22008 "interval out of range" on overflow.
Interval AddIntervals(const Interval& a, const Interval& b);
Interval SubtractIntervals(const Interval& a, const Interval& b);
Interval NegateInterval(const Interval& v);
/// interval_mul / interval_div by a float8, cascading fractional months to days and fractional days to
/// time as PostgreSQL does; 22008 "interval out of range", 22012 "division by zero".
Interval MultiplyInterval(const Interval& v, double factor);
Interval DivideInterval(const Interval& v, double factor);

/// justify_hours / justify_days / justify_interval; 22008 "interval out of range".
Interval JustifyHours(const Interval& v);
Interval JustifyDays(const Interval& v);
Interval JustifyInterval(const Interval& v);

/// timestamp_pl_interval (timestamptz's applies it to the session zone's wall time): adds months (clamping the day to
/// the month's end), then days, then microseconds. Infinite timestamps stay infinite. 22008 "timestamp out of range".
int64_t TimestampPlusInterval(int64_t micros, const Interval& span);
/// timestamp_mi: the difference as justify_hours of the microseconds. 22008 "cannot subtract infinite
/// timestamps".
Interval TimestampDifference(int64_t a, int64_t b);

}  // namespace lumadb

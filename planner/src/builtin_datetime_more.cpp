// make_date, make_time, isfinite and date_bin of PostgreSQL 15's date.c and timestamp.c, and unistr of
// varlena.c.
#include <cmath>
#include <cstdio>

#include "builtins.h"
#include "common/datetime.h"
#include "common/error.h"
#include "common/interval.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

std::string Ymd(int64_t y, int64_t m, int64_t d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m),
                static_cast<long long>(d));
  return buf;
}

// make_date: negative years are BC; ValidateDate's checks, then the Julian and date ranges.
Value MakeDate(const std::vector<Value>& a, const FunctionEnv&) {
  int64_t year = a[0].GetInt(), mon = a[1].GetInt(), day = a[2].GetInt();
  bool bc = year < 0;
  if (bc) year = -year;
  auto field_error = [&] {
    return DbError(sqlstate::kDatetimeFieldOverflow, "date field value out of range: " + Ymd(year, mon, day));
  };
  if (year <= 0) throw field_error();
  if (bc) year = -(year - 1);
  if (mon < 1 || mon > 12 || day < 1 || day > 31) throw field_error();
  if (day > DaysInMonth(year, static_cast<int>(mon))) throw field_error();
  auto out_of_range = [&] {
    return DbError(sqlstate::kDatetimeFieldOverflow, "date out of range: " + Ymd(year, mon, day));
  };
  if (year < -4713 || (year == -4713 && mon < 11) || (year == -4713 && mon == 11 && day < 24) || year >= 5874898) {
    throw out_of_range();
  }
  int64_t days = DaysFromCivil(year, static_cast<int32_t>(mon), static_cast<int32_t>(day));
  if (!IsValidDate(days)) throw out_of_range();
  return Value::Date(days);
}

// make_time: float_time_overflows allows 24:00:00 exactly.
Value MakeTime(const std::vector<Value>& a, const FunctionEnv&) {
  int64_t hour = a[0].GetInt(), min = a[1].GetInt();
  double sec = a[2].GetFloat();
  double usec = std::rint(sec * 1e6);
  bool bad = hour < 0 || hour > 24 || min < 0 || min >= 60 || std::isnan(sec) || usec < 0 || usec > 60e6 ||
             ((hour * 60 + min) * 60) * 1000000 + static_cast<int64_t>(usec) > kUsecsPerDay;
  if (bad) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "time field value out of range: %lld:%02lld:%02g", static_cast<long long>(hour),
                  static_cast<long long>(min), sec);
    throw DbError(sqlstate::kDatetimeFieldOverflow, buf);
  }
  return Value::Time(((hour * 60 + min) * 60) * 1000000 + static_cast<int64_t>(usec));
}

Value IsFiniteDate(const std::vector<Value>& a, const FunctionEnv&) {
  int64_t d = a[0].GetInt();
  return Value::Bool(d != kDateNoBegin && d != kDateNoEnd);
}
Value IsFiniteTimestamp(const std::vector<Value>& a, const FunctionEnv&) {
  int64_t t = a[0].GetInt();
  return Value::Bool(t != kTimestampNoBegin && t != kTimestampNoEnd);
}
Value IsFiniteInterval(const std::vector<Value>&, const FunctionEnv&) {
  return Value::Bool(true);
}

// date_bin(stride, source, origin): the start of the stride-wide bin (counted from origin) holding source.
Value DateBin(const std::vector<Value>& a, const FunctionEnv&) {
  const Interval& stride = a[0].GetInterval();
  int64_t ts = a[1].GetInt(), origin = a[2].GetInt();
  if (ts == kTimestampNoBegin || ts == kTimestampNoEnd) return a[1];
  if (origin == kTimestampNoBegin || origin == kTimestampNoEnd) {
    throw DbError(sqlstate::kDatetimeFieldOverflow, "origin out of range");
  }
  if (stride.month != 0) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  "timestamps cannot be binned into intervals containing months or years");
  }
  int64_t stride_usecs = 0, diff = 0, result = 0;
  if (__builtin_mul_overflow(static_cast<int64_t>(stride.day), kUsecsPerDay, &stride_usecs) ||
      __builtin_add_overflow(stride_usecs, stride.time, &stride_usecs)) {
    throw DbError(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  }
  if (stride_usecs <= 0) throw DbError(sqlstate::kDatetimeFieldOverflow, "stride must be greater than zero");
  if (__builtin_sub_overflow(ts, origin, &diff))
    throw DbError(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  int64_t delta = diff - diff % stride_usecs;
  if (origin > ts && stride_usecs > 1) delta -= stride_usecs;
  if (__builtin_add_overflow(origin, delta, &result))
    throw DbError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  return Value::Timestamp(result, a[1].type());
}

}  // namespace

/// unistr, from builtin_unistr.cpp.
Value Unistr(const std::vector<Value>& a, const FunctionEnv& env);

void AddMoreDateTimeBuiltins(std::vector<ScalarFunction>& out) {
  std::vector<ScalarFunction> fns = {
      {"make_date", {T::kInt4, T::kInt4, T::kInt4}, T::kDate, MakeDate},
      {"make_time", {T::kInt4, T::kInt4, T::kFloat8}, T::kTime, MakeTime},
      {"isfinite", {T::kDate}, T::kBool, IsFiniteDate},
      {"isfinite", {T::kTimestamp}, T::kBool, IsFiniteTimestamp},
      {"isfinite", {T::kTimestampTz}, T::kBool, IsFiniteTimestamp},
      {"isfinite", {T::kInterval}, T::kBool, IsFiniteInterval},
      {"date_bin", {T::kInterval, T::kTimestamp, T::kTimestamp}, T::kTimestamp, DateBin},
      {"date_bin", {T::kInterval, T::kTimestampTz, T::kTimestampTz}, T::kTimestampTz, DateBin},
      {"unistr", {T::kText}, T::kText, Unistr},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner

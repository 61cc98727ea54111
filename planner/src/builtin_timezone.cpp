// Date/time functions that depend on a time zone (PostgreSQL 15 docs §9.9.4, src/backend/utils/adt/
// timestamp.c): timezone(zone, ts) behind AT TIME ZONE, date_trunc, age and make_timestamptz.
#include <cmath>
#include <cstdio>

#include "builtins.h"
#include "common/date_trunc.h"
#include "common/datetime.h"
#include "common/error.h"
#include "common/interval.h"
#include "common/time_of_day.h"
#include "common/time_zone.h"
#include "common/timestamp_age.h"

namespace lumadb::planner {

namespace {

using T = TypeId;
constexpr int64_t kUsecsPerSec = 1000000;

int64_t FloorToDay(int64_t ts) {
  return (ts / kUsecsPerDay - (ts % kUsecsPerDay < 0 ? 1 : 0)) * kUsecsPerDay;
}

bool IsFinite(int64_t ts) {
  return ts != kTimestampNoBegin && ts != kTimestampNoEnd;
}

// A result that must stay a finite timestamp: 22008 "timestamp out of range" otherwise.
int64_t CheckedTimestamp(int64_t ts) {
  if (!IsValidTimestamp(ts) || !IsFinite(ts)) throw DbError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  return ts;
}

// timestamptz_izone / timestamp_izone: an interval zone is a fixed offset east of UTC.
const TimeZone& IntervalZone(const Interval& span) {
  if (span.month != 0 || span.day != 0) {
    throw DbError(sqlstate::kInvalidParameterValue,
                  "interval time zone \"" + FormatInterval(span) + "\" must not include months or days");
  }
  const TimeZone* zone = TimeZone::Fixed(static_cast<int32_t>(span.time / kUsecsPerSec));
  if (zone == nullptr) throw DbError(sqlstate::kInvalidParameterValue, "time zone displacement out of range");
  return *zone;
}

const TimeZone& ZoneArg(const Value& v) {
  return v.type() == T::kInterval ? IntervalZone(v.GetInterval()) : ZoneForAtTimeZone(v.GetString());
}

// timestamptz AT TIME ZONE z: the wall time there, a timestamp.
Value TimestampTzAtZone(const std::vector<Value>& a, const FunctionEnv&) {
  const int64_t ts = a[1].GetInt();
  const TimeZone& zone = ZoneArg(a[0]);
  return Value::Timestamp(IsFinite(ts) ? CheckedTimestamp(zone.UtcToLocal(ts)) : ts, T::kTimestamp);
}

// timestamp AT TIME ZONE z: the instant whose wall time there it is, a timestamptz.
Value TimestampAtZone(const std::vector<Value>& a, const FunctionEnv&) {
  const int64_t ts = a[1].GetInt();
  const TimeZone& zone = ZoneArg(a[0]);
  return Value::Timestamp(IsFinite(ts) ? CheckedTimestamp(zone.LocalToUtc(ts)) : ts, T::kTimestampTz);
}

// timetz_zone / timetz_izone: the same instant of the day in another zone, whose offset is taken at the
// transaction's start.
Value TimeTzAtZone(const std::vector<Value>& a, const FunctionEnv& env) {
  const TimeTz t = a[1].GetTimeTz();
  const int32_t west = -ZoneArg(a[0]).OffsetAt(env.transaction_start_us);
  int64_t time = (t.time + (static_cast<int64_t>(t.zone) - west) * kUsecsPerSec) % kUsecsPerDay;
  if (time < 0) time += kUsecsPerDay;
  return Value::OfTimeTz(TimeTz{time, west});
}

Value DateTruncTimestamp(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Timestamp(TruncateTimestamp(a[0].GetString(), a[1].GetInt(), nullptr), T::kTimestamp);
}
Value DateTruncTimestampTz(const std::vector<Value>& a, const FunctionEnv&) {
  const TimeZone& zone = a.size() > 2 ? ZoneForAtTimeZone(a[2].GetString()) : SessionTimeZone();
  return Value::Timestamp(TruncateTimestamp(a[0].GetString(), a[1].GetInt(), &zone), T::kTimestampTz);
}

// make_timestamp_internal: the wall time of the fields, 22008 for fields out of range.
int64_t MakeLocalTimestamp(const std::vector<Value>& a) {
  const int64_t year = a[0].GetInt(), month = a[1].GetInt(), day = a[2].GetInt();
  const int64_t hour = a[3].GetInt(), min = a[4].GetInt();
  const double sec = a[5].GetFloat();
  char buf[96];
  if (year == 0 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year < 0 ? year + 1 : year, month)) {
    std::snprintf(buf, sizeof buf, "date field value out of range: %lld-%02lld-%02lld", static_cast<long long>(year),
                  static_cast<long long>(month), static_cast<long long>(day));
    throw DbError(sqlstate::kDatetimeFieldOverflow, buf);
  }
  if (hour < 0 || min < 0 || min > 59 || !(sec >= 0) || sec > 60 || hour > 24 || (hour == 24 && (min > 0 || sec > 0))) {
    std::snprintf(buf, sizeof buf, "time field value out of range: %lld:%02lld:%02g", static_cast<long long>(hour),
                  static_cast<long long>(min), sec);
    throw DbError(sqlstate::kDatetimeFieldOverflow, buf);
  }
  const int64_t days =
      DaysFromCivil(year < 0 ? year + 1 : year, static_cast<int32_t>(month), static_cast<int32_t>(day));
  return days * kUsecsPerDay + (hour * 3600 + min * 60) * kUsecsPerSec + std::llrint(sec * kUsecsPerSec);
}

// parse_sane_timezone: numeric offsets as DecodeTimezone reads them (ISO sign), then abbreviations and zone
// names; a leading digit is refused.
const TimeZone& SaneZone(const std::string& name) {
  if (!name.empty() && name[0] >= '0' && name[0] <= '9') {
    throw DbError(sqlstate::kInvalidParameterValue, "invalid input syntax for type numeric time zone: \"" + name + "\"")
        .Hint("Numeric time zones must have \"-\" or \"+\" as first character.");
  }
  int32_t east = 0;
  switch (DecodeNumericTimeZone(name, &east)) {
    case NumericZone::kOk:
      return *TimeZone::Fixed(east);
    case NumericZone::kOutOfRange:
      throw DbError(sqlstate::kInvalidParameterValue, "numeric time zone \"" + name + "\" out of range");
    case NumericZone::kBadFormat:
      break;
  }
  return ZoneForAtTimeZone(name);
}

Value MakeTimestampTz(const std::vector<Value>& a, const FunctionEnv&) {
  const TimeZone& zone = a.size() > 6 ? SaneZone(a[6].GetString()) : SessionTimeZone();
  return Value::Timestamp(CheckedTimestamp(zone.LocalToUtc(MakeLocalTimestamp(a))), T::kTimestampTz);
}
Value MakeTimestamp(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Timestamp(CheckedTimestamp(MakeLocalTimestamp(a)), T::kTimestamp);
}

// age(ts) is age(current_date at midnight, ts), of the session's zone for timestamptz (pg_proc's SQL body).
Value Age(const std::vector<Value>& a, const FunctionEnv& env) {
  const bool tz = a.back().type() == T::kTimestampTz;
  const TimeZone* zone = tz ? &SessionTimeZone() : nullptr;
  int64_t from = 0;
  if (a.size() == 2) {
    from = a[0].GetInt();
  } else {
    const int64_t midnight = FloorToDay(SessionTimeZone().UtcToLocal(env.transaction_start_us));
    from = tz ? SessionTimeZone().LocalToUtc(midnight) : midnight;
  }
  return Value::OfInterval(TimestampAge(from, a.back().GetInt(), zone));
}

}  // namespace

void AddTimeZoneBuiltins(std::vector<ScalarFunction>& out) {
  const std::vector<T> make_args = {T::kInt4, T::kInt4, T::kInt4, T::kInt4, T::kInt4, T::kFloat8};
  std::vector<T> make_zone_args = make_args;
  make_zone_args.push_back(T::kText);
  std::vector<ScalarFunction> fns = {
      {"timezone", {T::kText, T::kTimestampTz}, T::kTimestamp, TimestampTzAtZone},
      {"timezone", {T::kText, T::kTimestamp}, T::kTimestampTz, TimestampAtZone},
      {"timezone", {T::kInterval, T::kTimestampTz}, T::kTimestamp, TimestampTzAtZone},
      {"timezone", {T::kInterval, T::kTimestamp}, T::kTimestampTz, TimestampAtZone},
      {"timezone", {T::kText, T::kTimeTz}, T::kTimeTz, TimeTzAtZone},
      {"timezone", {T::kInterval, T::kTimeTz}, T::kTimeTz, TimeTzAtZone},
      {"date_trunc", {T::kText, T::kTimestamp}, T::kTimestamp, DateTruncTimestamp},
      {"date_trunc", {T::kText, T::kTimestampTz}, T::kTimestampTz, DateTruncTimestampTz},
      {"date_trunc", {T::kText, T::kTimestampTz, T::kText}, T::kTimestampTz, DateTruncTimestampTz},
      {"age", {T::kTimestampTz, T::kTimestampTz}, T::kInterval, Age},
      {"age", {T::kTimestamp, T::kTimestamp}, T::kInterval, Age},
      {"age", {T::kTimestampTz}, T::kInterval, Age},
      {"age", {T::kTimestamp}, T::kInterval, Age},
      {"make_timestamp", make_args, T::kTimestamp, MakeTimestamp},
      {"make_timestamptz", make_args, T::kTimestampTz, MakeTimestampTz},
      {"make_timestamptz", make_zone_args, T::kTimestampTz, MakeTimestampTz},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner

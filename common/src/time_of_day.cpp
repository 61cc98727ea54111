// time and timetz (PostgreSQL 15 date.c time_in, timetz_in, time_out, timetz_out, timetz_cmp_internal,
// time_pl_interval, interval_time; datetime.c DecodeTimeOnly, EncodeTimezone).

#include "common/time_of_day.h"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

#include "common/datetime.h"
#include "common/error.h"
#include "common/time_zone.h"
#include "datetime_parse.h"
#include "interval_util.h"

namespace lumadb {

namespace {

constexpr int32_t kMaxZoneSeconds = 16 * 3600;  // TZDISP_LIMIT: |zone| < 16 hours

int64_t FloorMod(int64_t a, int64_t b) {
  const int64_t r = a % b;
  return r < 0 ? r + b : r;
}

// DecodeTimeOnly's zone: the one given, else the session's; a zone whose offset depends on the date
// (a name, or no zone at all) is taken on the date given (the decoder insists on one for a name) or
// today's date of the session.
int32_t ZoneOffsetEast(const DateTimeFields& f, int64_t time) {
  if (f.has_tz && f.zone == nullptr) return f.tz_offset_seconds;
  const int64_t days = f.has_date ? DaysFromCivil(f.year, f.month, f.day) : TodayInSessionZone();
  const TimeZone& zone = f.zone != nullptr ? *f.zone : SessionTimeZone();
  return zone.OffsetForLocal(days * kUsecsPerDay + time);
}

// DecodeTimeOnly's fields as microseconds since midnight, before typmod rounding.
int64_t DecodeTimeOfDay(std::string_view text, const char* type_name, DateTimeFields* f) {
  *f = ParseTimeFields(text, type_name);
  return ((static_cast<int64_t>(f->hour) * 60 + f->minute) * 60 + f->second) * kUsecsPerSecond + f->micros;
}

}  // namespace

int64_t ParseTime(std::string_view text, int32_t typmod) {
  DateTimeFields f;
  return RoundTime(DecodeTimeOfDay(text, "time", &f), typmod);
}

TimeTz ParseTimeTz(std::string_view text, int32_t typmod) {
  DateTimeFields f;
  TimeTz v;
  v.time = RoundTime(DecodeTimeOfDay(text, "time with time zone", &f), typmod);
  v.zone = -ZoneOffsetEast(f, v.time);
  if (v.zone <= -kMaxZoneSeconds || v.zone >= kMaxZoneSeconds) {
    throw DbError(sqlstate::kInvalidTimeZoneDisplacementValue,
                  "time zone displacement out of range: \"" + std::string(text) + "\"");
  }
  return v;
}

std::string FormatTime(int64_t micros) {
  const int64_t secs = micros / kUsecsPerSecond;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  return buf + AppendFraction(micros % kUsecsPerSecond);
}

// The zone is stored west-positive and shown east-positive.
std::string FormatTimeTz(const TimeTz& v) {
  return FormatTime(v.time) + FormatUtcOffset(-v.zone);
}

int64_t RoundTime(int64_t micros, int32_t precision) {
  if (precision < 0 || precision >= 6) return micros;
  int64_t scale = 1;
  for (int32_t i = precision; i < 6; ++i) scale *= 10;
  const int64_t offset = scale / 2;
  return micros >= 0 ? (micros + offset) / scale * scale : -((-micros + offset) / scale * scale);
}

int CompareTimeTz(const TimeTz& a, const TimeTz& b) {
  const int64_t ta = a.time + static_cast<int64_t>(a.zone) * kUsecsPerSecond;
  const int64_t tb = b.time + static_cast<int64_t>(b.zone) * kUsecsPerSecond;
  if (ta != tb) return ta < tb ? -1 : 1;
  if (a.zone != b.zone) return a.zone < b.zone ? -1 : 1;  // same instant: equal only with the same zone
  return 0;
}

size_t HashTimeTz(const TimeTz& v) {
  return std::hash<int64_t>()(v.time) ^ (std::hash<int32_t>()(v.zone) * 0x9e3779b97f4a7c15ULL);
}

int64_t TimePlusInterval(int64_t micros, const Interval& span, bool subtract) {
  const __int128 sum = subtract ? static_cast<__int128>(micros) - span.time : static_cast<__int128>(micros) + span.time;
  __int128 r = sum % kUsecsPerDay;
  if (r < 0) r += kUsecsPerDay;
  return static_cast<int64_t>(r);
}

int64_t IntervalToTime(const Interval& span) {
  return FloorMod(span.time, kUsecsPerDay);
}

int64_t TimestampTimeOfDay(int64_t micros) {
  return FloorMod(micros, kUsecsPerDay);
}

}  // namespace lumadb

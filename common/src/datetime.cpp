#include "common/datetime.h"

#include <chrono>

#include "common/error.h"
#include "common/thread_session.h"
#include "common/time_zone.h"
#include "datetime_parse.h"
#include "interval_util.h"

namespace lumadb {

namespace {

constexpr int64_t kPostgresEpochJdate = 2451545;  // date2j(2000, 1, 1)
constexpr int64_t kUsecsPerSec = 1000000;
// Last valid dates (exclusive ends of IS_VALID_DATE / IS_VALID_TIMESTAMP), in days since 2000-01-01.
const int64_t kDateEndDays = DaysFromCivil(5874898, 1, 1);
const int64_t kTimestampEndDays = DaysFromCivil(294277, 1, 1);
const int64_t kJulianMinDays = DaysFromCivil(-4713, 11, 24);

[[noreturn]] void ThrowRange(const char* what, std::string_view text) {
  throw DbError(sqlstate::kDatetimeFieldOverflow, std::string(what) + " out of range: \"" + std::string(text) + "\"");
}

thread_local int64_t input_now = 0;  // 0: read the clock

int64_t ClockMicros() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::microseconds>(now).count() + DaysFromCivil(1970, 1, 1) * kUsecsPerDay;
}

thread_local DateOrder date_order = DateOrder::kMDY;

// A wall time read with the input's zone: a named zone, a fixed offset, else the session's zone.
int64_t ToUtc(int64_t local, const DateTimeFields& f) {
  if (f.zone != nullptr) return f.zone->LocalToUtc(local);
  if (f.has_tz) return local - f.tz_offset_seconds * kUsecsPerSec;
  return SessionTimeZone().LocalToUtc(local);
}

}  // namespace

void SetInputNow(int64_t micros) {
  input_now = micros;
}

int64_t CurrentInputNow() {
  return input_now;
}

int64_t NowMicros() {
  return input_now != 0 ? input_now : ClockMicros();
}

int64_t TodayInSessionZone() {
  return FloorDiv(SessionTimeZone().UtcToLocal(NowMicros()), kUsecsPerDay);
}

void SetDateOrder(DateOrder order) {
  date_order = order;
}

DateOrder CurrentDateOrder() {
  return date_order;
}

// date2j() of src/backend/utils/adt/datetime.c, shifted to the 2000-01-01 epoch.
int64_t DaysFromCivil(int64_t y, int32_t m, int32_t d) {
  int64_t month = m;
  if (month > 2) {
    month += 1;
    y += 4800;
  } else {
    month += 13;
    y += 4799;
  }
  const int64_t century = y / 100;
  int64_t julian = y * 365 - 32167;
  julian += y / 4 - century + century / 4;
  julian += 7834 * month / 256 + d;
  return julian - kPostgresEpochJdate;
}

// j2date() of datetime.c.
void CivilFromDays(int64_t days, int64_t* year, int32_t* month, int32_t* day) {
  uint64_t julian = static_cast<uint64_t>(days + kPostgresEpochJdate) + 32044;
  uint64_t quad = julian / 146097;
  const uint64_t extra = (julian - quad * 146097) * 4 + 3;
  julian += 60 + quad * 3 + extra / 146097;
  quad = julian / 1461;
  julian -= quad * 1461;
  int64_t y = static_cast<int64_t>(julian * 4 / 1461);
  julian = ((y != 0) ? ((julian + 305) % 365) : ((julian + 306) % 366)) + 123;
  y += static_cast<int64_t>(quad * 4);
  *year = y - 4800;
  quad = julian * 2141 / 65536;
  *day = static_cast<int32_t>(julian - 7834 * quad / 256);
  *month = static_cast<int32_t>((quad + 10) % 12 + 1);
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int64_t DateToTimestamp(int64_t days) {
  if (days == kDateNoBegin) return kTimestampNoBegin;
  if (days == kDateNoEnd) return kTimestampNoEnd;
  if (days >= kTimestampEndDays) throw DbError(sqlstate::kDatetimeFieldOverflow, "date out of range for timestamp");
  return days * kUsecsPerDay;
}

bool IsValidDate(int64_t days) {
  return days == kDateNoBegin || days == kDateNoEnd || (days >= kJulianMinDays && days < kDateEndDays);
}

bool IsValidTimestamp(int64_t micros) {
  if (micros == kTimestampNoBegin || micros == kTimestampNoEnd) return true;
  return micros >= kJulianMinDays * kUsecsPerDay && micros < kTimestampEndDays * kUsecsPerDay;
}

int64_t ParseDate(std::string_view text) {
  DateTimeFields f = ParseDateTimeFields(text, "date");
  switch (f.special) {
    case DateTimeSpecial::kInfinity:
      return kDateNoEnd;
    case DateTimeSpecial::kNegInfinity:
      return kDateNoBegin;
    case DateTimeSpecial::kEpoch:
      return DaysFromCivil(1970, 1, 1);
    case DateTimeSpecial::kNone:
      break;
  }
  const int64_t days = DaysFromCivil(f.year, f.month, f.day);
  if (days < kJulianMinDays || days >= kDateEndDays) ThrowRange("date", text);
  return days;
}

int64_t ParseTimestamp(std::string_view text, bool with_tz, int32_t typmod) {
  const char* type_name = with_tz ? "timestamp with time zone" : "timestamp";  // as timestamp_in names it
  DateTimeFields f = ParseDateTimeFields(text, type_name);
  switch (f.special) {
    case DateTimeSpecial::kInfinity:
      return kTimestampNoEnd;
    case DateTimeSpecial::kNegInfinity:
      return kTimestampNoBegin;
    case DateTimeSpecial::kEpoch:
      return DaysFromCivil(1970, 1, 1) * kUsecsPerDay;
    case DateTimeSpecial::kNone:
      break;
  }
  // tm2timestamp's IS_VALID_JULIAN looks at year and month only, so a local date of 4714-11-23 BC may still
  // give a valid instant east of UTC; the instant itself is checked below.
  if (f.year < -4713 || (f.year == -4713 && f.month < 11)) ThrowRange("timestamp", text);
  const int64_t days = DaysFromCivil(f.year, f.month, f.day);
  if (days >= kTimestampEndDays) ThrowRange("timestamp", text);
  int64_t micros = days * kUsecsPerDay + (f.hour * 3600LL + f.minute * 60LL + f.second) * kUsecsPerSec + f.micros;
  if (with_tz) micros = ToUtc(micros, f);
  micros = RoundTimestamp(micros, typmod);
  if (!IsValidTimestamp(micros) || micros == kTimestampNoBegin || micros == kTimestampNoEnd) {
    ThrowRange("timestamp", text);
  }
  return micros;
}

int64_t RoundTimestamp(int64_t micros, int32_t precision) {
  if (precision < 0 || precision >= 6 || micros == kTimestampNoBegin || micros == kTimestampNoEnd) return micros;
  int64_t scale = 1;
  for (int32_t i = precision; i < 6; ++i) scale *= 10;
  const int64_t offset = scale / 2;
  if (micros >= 0) return (micros + offset) / scale * scale;
  return -(((-micros) + offset) / scale * scale);
}

}  // namespace lumadb

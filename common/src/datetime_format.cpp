// Date and timestamp output in the four DateStyles (PostgreSQL 15 datetime.c: EncodeDateOnly,
// EncodeDateTime, EncodeTimezone).
#include <cstdio>
#include <string>

#include "common/datetime.h"
#include "common/thread_session.h"
#include "common/time_zone.h"
#include "interval_util.h"

namespace lumadb {

namespace {

constexpr const char* kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kDayNames[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

thread_local DateStyle date_style = DateStyle::kIso;

struct CivilDate {
  long long year;  // as shown: 1 BC is 1, with bc set
  bool bc;
  int month;
  int day;
};

CivilDate ToCivil(int64_t days) {
  int64_t year = 0;
  int32_t month = 0, day = 0;
  CivilFromDays(days, &year, &month, &day);
  return {static_cast<long long>(year > 0 ? year : 1 - year), year <= 0, month, day};
}

// The date part of EncodeDateOnly / EncodeDateTime (no BC suffix).
std::string DatePart(const CivilDate& d, bool for_timestamp) {
  const bool dmy = CurrentDateOrder() == DateOrder::kDMY;
  char buf[64];
  switch (date_style) {
    case DateStyle::kIso:
      std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", d.year, d.month, d.day);
      break;
    case DateStyle::kSql:
      std::snprintf(buf, sizeof buf, "%02d/%02d/%04lld", dmy ? d.day : d.month, dmy ? d.month : d.day, d.year);
      break;
    case DateStyle::kGerman:
      std::snprintf(buf, sizeof buf, "%02d.%02d.%04lld", d.day, d.month, d.year);
      break;
    case DateStyle::kPostgres:
      if (for_timestamp) {
        if (dmy) {
          std::snprintf(buf, sizeof buf, "%02d %s", d.day, kMonthNames[d.month - 1]);
        } else {
          std::snprintf(buf, sizeof buf, "%s %02d", kMonthNames[d.month - 1], d.day);
        }
      } else {
        std::snprintf(buf, sizeof buf, "%02d-%02d-%04lld", dmy ? d.day : d.month, dmy ? d.month : d.day, d.year);
      }
      break;
  }
  return buf;
}

// HH:MM:SS[.ffffff] without trailing fraction zeros (AppendSeconds with MAX_TIMESTAMP_PRECISION).
std::string TimePart(int64_t time) {
  const long long secs = time / kUsecsPerSecond;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", secs / 3600, secs / 60 % 60, secs % 60);
  return buf + AppendFraction(time % kUsecsPerSecond);
}

}  // namespace

void SetDateStyle(DateStyle style) {
  date_style = style;
}

DateStyle CurrentDateStyle() {
  return date_style;
}

std::string FormatDate(int64_t days) {
  if (days == kDateNoEnd) return "infinity";
  if (days == kDateNoBegin) return "-infinity";
  const CivilDate d = ToCivil(days);
  return DatePart(d, false) + (d.bc ? " BC" : "");
}

std::string FormatTimestamp(int64_t micros, bool with_tz) {
  if (micros == kTimestampNoEnd) return "infinity";
  if (micros == kTimestampNoBegin) return "-infinity";
  const int64_t utc = micros;
  int32_t offset = 0;
  if (with_tz) {
    offset = SessionTimeZone().OffsetAt(micros);
    micros += offset * kUsecsPerSecond;
  }
  const int64_t days = FloorDiv(micros, kUsecsPerDay);
  const CivilDate d = ToCivil(days);
  std::string out = DatePart(d, true) + ' ' + TimePart(micros - days * kUsecsPerDay);
  if (date_style == DateStyle::kPostgres) {
    char year[32];
    std::snprintf(year, sizeof year, " %04lld", d.year);
    out = std::string(kDayNames[((days + 6) % 7 + 7) % 7]) + ' ' + out + year;  // 2000-01-01 was a Saturday
  }
  if (with_tz) out += date_style == DateStyle::kIso ? FormatUtcOffset(offset) : ' ' + SessionTimeZone().AbbrevAt(utc);
  return out + (d.bc ? " BC" : "");
}

std::string FormatUtcOffset(int32_t seconds_east) {
  const int32_t abs = seconds_east < 0 ? -seconds_east : seconds_east;
  const char sign = seconds_east < 0 ? '-' : '+';
  char buf[32];
  if (abs % 60 != 0) {
    std::snprintf(buf, sizeof buf, "%c%02d:%02d:%02d", sign, abs / 3600, abs / 60 % 60, abs % 60);
  } else if (abs % 3600 != 0) {
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, abs / 3600, abs / 60 % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%c%02d", sign, abs / 3600);
  }
  return buf;
}

}  // namespace lumadb

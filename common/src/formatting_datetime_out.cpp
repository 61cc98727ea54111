// to_char for timestamps and intervals: DCH_to_char of PostgreSQL 15's formatting.c.
#include <cstdio>
#include <cstdlib>

#include "common/datetime.h"
#include "common/error.h"
#include "common/formatting.h"
#include "common/time_zone.h"
#include "formatting_internal.h"

namespace lumadb::formatting {

namespace {

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kMonthsFull[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
const char* const kDaysShort[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const kRomanUpper[] = {"XII", "XI", "X", "IX", "VIII", "VII", "VI", "V", "IV", "III", "II", "I"};
const char* const kRomanLower[] = {"xii", "xi", "x", "ix", "viii", "vii", "vi", "v", "iv", "iii", "ii", "i"};

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// sprintf("%0*lld", width, v): zero-padded to width (which counts a minus sign).
std::string Padded(int64_t v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(v));
  return buf;
}
// sprintf("%*s", fm ? 0 : -9, name): a name padded on the right to 9 characters unless FM.
std::string NamePadded(const std::string& s, bool fm, int width = 9) {
  if (fm || static_cast<int>(s.size()) >= width) return s;
  return s + std::string(width - s.size(), ' ');
}

// ADJUST_YEAR: BC years count down from 1 for timestamps; intervals keep their sign.
int AdjustYear(int year, bool is_interval) {
  return is_interval ? year : (year <= 0 ? -(year - 1) : year);
}

[[noreturn]] void InvalidForInterval() {
  throw DbError(sqlstate::kInvalidDatetimeFormat, "invalid format specification for an interval value")
      .Hint("Intervals are not tied to specific calendar dates.");
}

// The text of one numeric or named field; "" when the field prints nothing.
std::string Field(const FormatNode& n, const DateTimeFields& tm, bool is_interval, bool* numeric) {
  const bool fm = n.suffix & kSuffixFM;
  const bool tmode = n.suffix & kSuffixTM;
  auto width = [&](int64_t v, int w) { return fm ? 0 : (v >= 0 ? w : w + 1); };
  auto check = [&] {
    if (is_interval) InvalidForInterval();
  };
  const bool pm = tm.hour % 24 >= 12;
  const bool bc = tm.year <= 0;
  *numeric = true;
  switch (n.key->id) {
    case DCH_HH:
    case DCH_HH12:
      return Padded(tm.hour % 12 == 0 ? 12 : tm.hour % 12, width(tm.hour, 2));
    case DCH_HH24:
      return Padded(tm.hour, width(tm.hour, 2));
    case DCH_MI:
      return Padded(tm.min, width(tm.min, 2));
    case DCH_SS:
      return Padded(tm.sec, width(tm.sec, 2));
    case DCH_FF1:
    case DCH_FF2:
    case DCH_FF3:
    case DCH_FF4:
    case DCH_FF5:
    case DCH_FF6:
    case DCH_MS:
    case DCH_US: {
      int digits = n.key->id == DCH_MS ? 3 : n.key->id == DCH_US ? 6 : n.key->id - DCH_FF1 + 1;
      int64_t div = 1;
      for (int i = digits; i < 6; ++i) div *= 10;
      return Padded(static_cast<int>(tm.fsec / div), digits);
    }
    case DCH_SSSS:
      return std::to_string(tm.hour * 3600 + tm.min * 60 + tm.sec);
    case DCH_MM:
      return Padded(tm.mon, width(tm.mon, 2));
    case DCH_DDD:
    case DCH_IDDD:
      return Padded(n.key->id == DCH_DDD ? tm.yday : IsoYearDay(tm.year, tm.mon, tm.mday), fm ? 0 : 3);
    case DCH_DD:
      return Padded(tm.mday, fm ? 0 : 2);
    case DCH_D:
      check();
      return std::to_string(tm.wday + 1);
    case DCH_ID:
      check();
      return std::to_string(tm.wday == 0 ? 7 : tm.wday);
    case DCH_WW:
      return Padded((tm.yday - 1) / 7 + 1, fm ? 0 : 2);
    case DCH_IW:
      return Padded(IsoWeek(tm.year, tm.mon, tm.mday), fm ? 0 : 2);
    case DCH_Q:
      return tm.mon ? std::to_string((tm.mon - 1) / 3 + 1) : "";
    case DCH_CC: {
      int i = is_interval ? tm.year / 100 : (tm.year > 0 ? (tm.year - 1) / 100 + 1 : tm.year / 100 - 1);
      return i <= 99 && i >= -99 ? Padded(i, width(i, 2)) : std::to_string(i);
    }
    case DCH_Y_YYY: {
      int y = AdjustYear(tm.year, is_interval);
      char buf[32];
      std::snprintf(buf, sizeof buf, "%d,%03d", y / 1000, y - (y / 1000) * 1000);
      return buf;
    }
    case DCH_YYYY:
    case DCH_IYYY:
    case DCH_YYY:
    case DCH_IYY:
    case DCH_YY:
    case DCH_IY:
    case DCH_Y:
    case DCH_I: {
      int id = n.key->id;
      bool iso = id == DCH_IYYY || id == DCH_IYY || id == DCH_IY || id == DCH_I;
      int y = AdjustYear(iso ? IsoYear(tm.year, tm.mon, tm.mday) : tm.year, is_interval);
      int digits = (id == DCH_YYYY || id == DCH_IYYY) ? 4
                   : (id == DCH_YYY || id == DCH_IYY) ? 3
                   : (id == DCH_YY || id == DCH_IY)   ? 2
                                                      : 1;
      int adjusted = AdjustYear(tm.year, is_interval);
      if (digits == 4) return Padded(y, fm ? 0 : (adjusted >= 0 ? 4 : 5));
      int mod = digits == 3 ? 1000 : digits == 2 ? 100 : 10;
      return Padded(y % mod, digits == 1 ? 1 : fm ? 0 : (adjusted >= 0 ? digits : digits + 1));
    }
    case DCH_W:
      return std::to_string((tm.mday - 1) / 7 + 1);
    case DCH_J:
      return std::to_string(DateToJulian(tm.year, tm.mon, tm.mday));
    default:
      break;
  }
  *numeric = false;
  switch (n.key->id) {
    case DCH_A_M:
    case DCH_P_M:
      return pm ? "P.M." : "A.M.";
    case DCH_AM:
    case DCH_PM:
      return pm ? "PM" : "AM";
    case DCH_a_m:
    case DCH_p_m:
      return pm ? "p.m." : "a.m.";
    case DCH_am:
    case DCH_pm:
      return pm ? "pm" : "am";
    case DCH_tz:
      check();
      return tm.tzn ? Lower(tm.tzn) : "";
    case DCH_TZ:
      check();
      return tm.tzn ? tm.tzn : "";
    case DCH_TZH: {
      check();
      char buf[16];
      std::snprintf(buf, sizeof buf, "%c%02d", tm.gmtoff >= 0 ? '+' : '-', std::abs(tm.gmtoff) / 3600);
      return buf;
    }
    case DCH_TZM:
      check();
      return Padded((std::abs(tm.gmtoff) % 3600) / 60, 2);
    case DCH_OF: {
      check();
      char buf[32];
      int off = std::abs(tm.gmtoff);
      std::snprintf(buf, sizeof buf, "%c%0*d", tm.gmtoff >= 0 ? '+' : '-', fm ? 0 : 2, off / 3600);
      std::string s = buf;
      if (off % 3600 != 0) s += ":" + Padded((off % 3600) / 60, 2);
      return s;
    }
    case DCH_A_D:
    case DCH_B_C:
      check();
      return bc ? "B.C." : "A.D.";
    case DCH_AD:
    case DCH_BC:
      check();
      return bc ? "BC" : "AD";
    case DCH_a_d:
    case DCH_b_c:
      check();
      return bc ? "b.c." : "a.d.";
    case DCH_ad:
    case DCH_bc:
      check();
      return bc ? "bc" : "ad";
    case DCH_MONTH:
    case DCH_Month:
    case DCH_month:
    case DCH_MON:
    case DCH_Mon:
    case DCH_mon: {
      check();
      if (!tm.mon) return "";
      int id = n.key->id;
      bool full = id == DCH_MONTH || id == DCH_Month || id == DCH_month;
      std::string name = full ? kMonthsFull[tm.mon - 1] : kMonths[tm.mon - 1];
      name = (id == DCH_MONTH || id == DCH_MON) ? Upper(name) : (id == DCH_month || id == DCH_mon) ? Lower(name) : name;
      return full && !tmode ? NamePadded(name, fm) : name;
    }
    case DCH_DAY:
    case DCH_Day:
    case DCH_day:
    case DCH_DY:
    case DCH_Dy:
    case DCH_dy: {
      check();
      int id = n.key->id;
      bool full = id == DCH_DAY || id == DCH_Day || id == DCH_day;
      std::string name = full ? kDays[tm.wday] : kDaysShort[tm.wday];
      name = (id == DCH_DAY || id == DCH_DY) ? Upper(name) : (id == DCH_day || id == DCH_dy) ? Lower(name) : name;
      return full && !tmode ? NamePadded(name, fm) : name;
    }
    case DCH_RM:
    case DCH_rm: {
      if (!tm.mon && !tm.year) return "";
      int mon = tm.mon == 0 ? (tm.year >= 0 ? 0 : 11) : tm.mon < 0 ? -(tm.mon + 1) : 12 - tm.mon;
      return NamePadded((n.key->id == DCH_RM ? kRomanUpper : kRomanLower)[mon], fm, 4);
    }
    default:
      return "";
  }
}

}  // namespace

std::string DateTimeToChar(const std::vector<FormatNode>& nodes, const DateTimeFields& tm, bool is_interval) {
  std::string out;
  for (const FormatNode& n : nodes) {
    if (n.type != FormatNode::Type::kAction) {
      out += n.character;
      continue;
    }
    bool numeric = false;
    std::string s = Field(n, tm, is_interval, &numeric);
    if (numeric && (n.suffix & (kSuffixTH | kSuffixth))) s += OrdinalSuffix(s, n.suffix & kSuffixTH);
    out += s;
  }
  return out;
}

}  // namespace lumadb::formatting

namespace lumadb {

std::optional<std::string> TimestampToChar(int64_t micros, bool with_tz, std::string_view format) {
  if (format.empty() || micros == kTimestampNoBegin || micros == kTimestampNoEnd) return std::nullopt;
  formatting::DateTimeFields tm;
  std::string abbrev;
  int64_t local = micros;
  if (with_tz) {
    const TimeZone& zone = SessionTimeZone();
    tm.gmtoff = zone.OffsetAt(micros);
    local = micros + static_cast<int64_t>(tm.gmtoff) * 1000000;
    abbrev = zone.AbbrevAt(micros);
    tm.tzn = abbrev.c_str();
  }
  int64_t days = local / kUsecsPerDay;
  int64_t time = local % kUsecsPerDay;
  if (time < 0) {
    time += kUsecsPerDay;
    --days;
  }
  int64_t jd = days + formatting::DateToJulian(2000, 1, 1);
  formatting::JulianToDate(jd, &tm.year, &tm.mon, &tm.mday);
  tm.hour = time / 3600000000LL;
  tm.min = static_cast<int>(time / 60000000LL % 60);
  tm.sec = static_cast<int>(time / 1000000 % 60);
  tm.fsec = time % 1000000;
  tm.wday = formatting::JulianWeekday(jd);
  tm.yday = static_cast<int>(jd - formatting::DateToJulian(tm.year, 1, 1) + 1);
  return formatting::DateTimeToChar(formatting::ParseFormat(format, formatting::Flavor::kDateTime), tm, false);
}

std::optional<std::string> IntervalToChar(const Interval& v, std::string_view format) {
  if (format.empty()) return std::nullopt;
  formatting::DateTimeFields tm;
  tm.year = v.month / 12;
  tm.mon = v.month % 12;
  tm.mday = v.day;
  int64_t time = v.time;
  tm.hour = time / 3600000000LL;
  time -= tm.hour * 3600000000LL;
  tm.min = static_cast<int>(time / 60000000LL);
  time -= tm.min * 60000000LL;
  tm.sec = static_cast<int>(time / 1000000);
  tm.fsec = time - tm.sec * 1000000LL;
  tm.yday = (tm.year * 12 + tm.mon) * 30 + tm.mday;
  return formatting::DateTimeToChar(formatting::ParseFormat(format, formatting::Flavor::kDateTime), tm, true);
}

}  // namespace lumadb

#include "datetime_parse.h"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "common/datetime.h"
#include "common/error.h"
#include "common/time_zone.h"
#include "string_util.h"
#include "zone_abbrevs.h"

namespace lumadb {

namespace {

struct NamedValue {
  const char* name;
  int value;
};

constexpr NamedValue kMonths[] = {{"jan", 1},   {"january", 1},   {"feb", 2},       {"february", 2}, {"mar", 3},
                                  {"march", 3}, {"apr", 4},       {"april", 4},     {"may", 5},      {"jun", 6},
                                  {"june", 6},  {"jul", 7},       {"july", 7},      {"aug", 8},      {"august", 8},
                                  {"sep", 9},   {"sept", 9},      {"september", 9}, {"oct", 10},     {"october", 10},
                                  {"nov", 11},  {"november", 11}, {"dec", 12},      {"december", 12}};
constexpr const char* kWeekdays[] = {"sun",      "sunday", "mon",       "monday", "tue",     "tues",
                                     "tuesday",  "wed",    "wednesday", "thu",    "thur",    "thurs",
                                     "thursday", "fri",    "friday",    "sat",    "saturday"};

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int64_t ToInt(std::string_view s) {
  int64_t v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) return parts;
    start = pos + 1;
  }
}

int MonthNumber(std::string_view s) {
  for (const NamedValue& m : kMonths) {
    if (s == m.name) return m.value;
  }
  return 0;
}

bool IsWeekday(std::string_view s) {
  for (const char* w : kWeekdays) {
    if (s == w) return true;
  }
  return false;
}

// Decodes one input string; keeps the pieces seen so far and reports errors with the whole input.
class Decoder {
 public:
  Decoder(std::string_view text, const char* type_name) : text_(text), type_name_(type_name) {}

  DateTimeFields Run() {
    std::string lower = ToLower(text_);
    for (char& c : lower) {
      if (c == ',') c = ' ';
    }
    for (std::string_view tok : Tokens(lower)) Token(tok);
    Finish();
    return f_;
  }

 private:
  [[noreturn]] void Syntax() const {
    throw DbError(sqlstate::kInvalidDatetimeFormat,
                  std::string("invalid input syntax for type ") + type_name_ + ": \"" + std::string(text_) + "\"");
  }
  [[noreturn]] void Overflow(bool datestyle_hint = false) const {
    DbError e(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: \"" + std::string(text_) + "\"");
    if (datestyle_hint) e.Hint("Perhaps you need a different \"datestyle\" setting.");
    throw e;
  }

  // Whitespace-separated tokens, with ISO 8601's 'T' between date and time split off.
  static std::vector<std::string_view> Tokens(std::string_view s) {
    std::vector<std::string_view> out;
    for (std::string_view tok : Split(s, ' ')) {
      if (tok.empty()) continue;
      size_t t = tok.find('t');
      if (!tok.empty() && tok[0] >= '0' && tok[0] <= '9' && t != std::string_view::npos) {
        out.push_back(tok.substr(0, t));
        out.push_back(tok.substr(t + 1));
      } else if (tok.size() > 1 && tok[0] == 't' && tok[1] >= '0' && tok[1] <= '9') {
        out.push_back(tok.substr(1));  // ISO 8601 'T10:00' without a date
      } else {
        out.push_back(tok);
      }
    }
    return out;
  }

  void Token(std::string_view tok) {
    if (tok.empty()) Syntax();
    if (SpecialWord(tok)) return;
    if (tok == "bc" || tok == "ad") {
      bc_ = tok == "bc";
      return;
    }
    if (std::optional<int32_t> offset = ZoneAbbrevOffset(tok)) return SetZone(*offset);
    if (tok == "am" || tok == "a.m." || tok == "pm" || tok == "p.m.") {
      if (meridian_ != 0) Syntax();
      meridian_ = tok[0] == 'a' ? 1 : 2;
      return;
    }
    if (tok == "allballs") {  // datetktbl's DTK_ZULU: midnight UTC
      if (have_time_) Syntax();
      have_time_ = true;
      return SetZone(0);
    }
    if (int m = MonthNumber(tok)) {
      if (month_name_ != 0 || f_.has_date) Syntax();
      month_name_ = m;
      return;
    }
    if (IsWeekday(tok)) return;
    if (tok[0] >= 'a' && tok[0] <= 'z' && NamedZone(tok)) return;
    if ((tok[0] == '+' || tok[0] == '-') && (f_.has_date || have_time_)) return Zone(tok);
    if (tok.find(':') != std::string_view::npos) return Time(tok);
    if (tok.find('-') != std::string_view::npos) return Date(Split(tok, '-'), true);
    if (tok.find('/') != std::string_view::npos) return Date(Split(tok, '/'), false);
    if (!IsDigits(tok)) Syntax();
    if (tok.size() == 8 && !f_.has_date && numbers_.empty() && month_name_ == 0) {
      return SetDate(ToInt(tok.substr(0, 4)), static_cast<int>(ToInt(tok.substr(4, 2))),
                     static_cast<int>(ToInt(tok.substr(6, 2))), false);
    }
    numbers_.push_back(tok);
  }

  bool SpecialWord(std::string_view tok) {
    static constexpr struct {
      const char* word;
      DateTimeSpecial special;
    } kWords[] = {{"epoch", DateTimeSpecial::kEpoch},
                  {"infinity", DateTimeSpecial::kInfinity},
                  {"+infinity", DateTimeSpecial::kInfinity},
                  {"-infinity", DateTimeSpecial::kNegInfinity},
                  {"now", DateTimeSpecial::kNow},
                  {"today", DateTimeSpecial::kToday},
                  {"tomorrow", DateTimeSpecial::kTomorrow},
                  {"yesterday", DateTimeSpecial::kYesterday}};
    for (const auto& w : kWords) {
      if (tok == w.word) {
        if (f_.special != DateTimeSpecial::kNone) Syntax();
        f_.special = w.special;
        return true;
      }
    }
    return false;
  }

  // Y-M-D (year of three or more digits first), else in the session's DateStyle order (M/D/Y, D/M/Y or
  // Y/M/D); a month name may stand in the middle ('2-jan-2024').
  void Date(const std::vector<std::string_view>& parts, bool dashes) {
    if (parts.size() != 3 || f_.has_date) Syntax();
    if (int m = MonthNumber(parts[1]); m != 0 && dashes && IsDigits(parts[0]) && IsDigits(parts[2])) {
      return SetDate(YearOf(parts[2]), m, static_cast<int>(ToInt(parts[0])), false);
    }
    for (std::string_view p : parts) {
      if (!IsDigits(p)) Syntax();
    }
    if (parts[0].size() >= 3) {
      return SetDate(ToInt(parts[0]), static_cast<int>(ToInt(parts[1])), static_cast<int>(ToInt(parts[2])), false);
    }
    auto field = [&](int i) { return static_cast<int>(ToInt(parts[i])); };
    switch (CurrentDateOrder()) {
      case DateOrder::kMDY:
        return SetDate(YearOf(parts[2]), field(0), field(1), true);
      case DateOrder::kDMY:
        return SetDate(YearOf(parts[2]), field(1), field(0), true);
      case DateOrder::kYMD:
        return SetDate(YearOf(parts[0]), field(1), field(2), true);
    }
  }

  // Two-digit years mean 1970..2069, as PostgreSQL's AdjustYears.
  static int64_t YearOf(std::string_view s) {
    int64_t y = ToInt(s);
    if (s.size() <= 2) y += y < 70 ? 2000 : 1900;
    return y;
  }

  void SetDate(int64_t year, int month, int day, bool mdy) {
    if (f_.has_date || month_name_ != 0) Syntax();
    if (month < 1 || month > 12) Overflow(mdy);
    f_.has_date = true;
    f_.year = year;
    f_.month = month;
    f_.day = day;
  }

  // HH:MM[:SS[.frac]] with an optional zone glued on ('10:00+02', '10:00z').
  void Time(std::string_view tok) {
    if (have_time_) Syntax();
    size_t zone = tok.find_first_of("+-z");
    if (zone != std::string_view::npos) {
      std::string_view z = tok.substr(zone);
      tok = tok.substr(0, zone);
      if (z == "z") {
        SetZone(0);
      } else {
        Zone(z);
      }
    }
    std::vector<std::string_view> parts = Split(tok, ':');
    if (parts.size() < 2 || parts.size() > 3) Syntax();
    std::string_view sec = parts.size() == 3 ? parts[2] : "0";
    std::string_view frac;
    if (size_t dot = sec.find('.'); dot != std::string_view::npos) {
      frac = sec.substr(dot + 1);
      sec = sec.substr(0, dot);
      if (!frac.empty() && !IsDigits(frac)) Syntax();
    }
    // An empty minute or second reads as 0 ('10:', '10:00:'), as strtoint leaves it in DecodeTime.
    auto digits_or_empty = [](std::string_view p) { return p.empty() || IsDigits(p); };
    if (!IsDigits(parts[0]) || !digits_or_empty(parts[1]) || !digits_or_empty(sec)) Syntax();
    f_.hour = static_cast<int32_t>(std::min<int64_t>(ToInt(parts[0]), 1000));
    f_.minute = static_cast<int32_t>(std::min<int64_t>(ToInt(parts[1]), 1000));
    f_.second = static_cast<int32_t>(std::min<int64_t>(ToInt(sec), 1000));
    f_.micros = frac.empty() ? 0 : std::llround(std::stod("0." + std::string(frac)) * 1e6);
    have_time_ = true;
  }

  // +hh, +hhmm, +hh:mm, +hh:mm:ss (east of UTC positive, the ISO 8601 sign convention).
  void Zone(std::string_view tok) {
    const int sign = tok[0] == '-' ? -1 : 1;
    std::string_view body = tok.substr(1);
    int64_t h = 0, m = 0, s = 0;
    std::vector<std::string_view> parts = Split(body, ':');
    for (std::string_view p : parts) {
      if (!IsDigits(p)) Syntax();
    }
    if (parts.size() == 1 && body.size() > 2) {
      if (body.size() != 4) Syntax();
      h = ToInt(body.substr(0, 2));
      m = ToInt(body.substr(2));
    } else {
      h = ToInt(parts[0]);
      if (parts.size() > 1) m = ToInt(parts[1]);
      if (parts.size() > 2) s = ToInt(parts[2]);
      if (parts.size() > 3) Syntax();
    }
    if (h > 15 || m > 59 || s > 59) {  // MAX_TZDISP_HOUR
      throw DbError(sqlstate::kInvalidTimeZoneDisplacementValue,
                    "time zone displacement out of range: \"" + std::string(text_) + "\"");
    }
    SetZone(sign * static_cast<int32_t>(h * 3600 + m * 60 + s));
  }

  // A zone name: an all-letter word ('utc', 'est5edt' has digits) or, once month and day are known, a
  // name with punctuation ('europe/paris', 'utc+3'), which must then exist (DecodeDateTime's DTK_DATE case;
  // 'Wed Jul 11 10:51:14 America/New_York 2001' has its year after the zone).
  bool NamedZone(std::string_view tok) {
    const bool letters_only = tok.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string_view::npos;
    const bool day_word = f_.special == DateTimeSpecial::kToday || f_.special == DateTimeSpecial::kTomorrow ||
                          f_.special == DateTimeSpecial::kYesterday;
    const bool month_and_day = f_.has_date || day_word || (month_name_ != 0 && !numbers_.empty());
    if (!letters_only && !month_and_day) return false;
    const TimeZone* zone = TimeZone::Find(tok);
    if (zone == nullptr) {
      if (letters_only) return false;
      throw DbError(sqlstate::kInvalidParameterValue, "time zone \"" + std::string(tok) + "\" not recognized");
    }
    if (f_.has_tz) Syntax();
    f_.has_tz = true;
    f_.zone = zone;
    return true;
  }

  void SetZone(int32_t seconds) {
    if (f_.has_tz) Syntax();
    f_.has_tz = true;
    f_.tz_offset_seconds = seconds;
  }

  // Resolves loose numbers against a month name ('Jan 2 2024', '2 Jan 2024') and validates fields.
  void Finish() {
    f_.has_time = have_time_;
    if (meridian_ != 0) {  // DecodeDateTime's AM/PM rule: hours 0..12, 12 AM is midnight
      if (f_.hour > 12) Overflow();
      if (meridian_ == 1 && f_.hour == 12) f_.hour = 0;
      if (meridian_ == 2 && f_.hour != 12) f_.hour += 12;
    }
    if (f_.special != DateTimeSpecial::kNone) {
      if (f_.has_date || have_time_ || !numbers_.empty() || month_name_ != 0) Syntax();
      return;
    }
    if (month_name_ != 0) {
      if (numbers_.size() != 2) Syntax();
      const bool year_first = numbers_[0].size() > 2;
      const std::string_view day = year_first ? numbers_[1] : numbers_[0];
      const std::string_view year = year_first ? numbers_[0] : numbers_[1];
      f_.has_date = true;
      f_.year = YearOf(year);
      f_.month = month_name_;
      f_.day = static_cast<int32_t>(ToInt(day));
    } else if (!numbers_.empty()) {
      Syntax();
    }
    if (!f_.has_date) return;
    if (f_.year <= 0) Overflow();
    if (bc_) f_.year = 1 - f_.year;
    if (f_.day < 1 || f_.day > DaysInMonth(f_.year, f_.month)) Overflow();
    const bool end_of_day = f_.hour == 24 && f_.minute == 0 && f_.second == 0 && f_.micros == 0;
    if ((f_.hour > 23 && !end_of_day) || f_.minute > 59 || f_.second > 60 || f_.micros > 1000000) Overflow();
  }

  std::string_view text_;
  const char* type_name_;
  DateTimeFields f_;
  bool bc_ = false;
  bool have_time_ = false;
  int month_name_ = 0;
  int meridian_ = 0;  // 1 AM, 2 PM
  std::vector<std::string_view> numbers_;
};

}  // namespace

DateTimeFields ParseDateTimeFields(std::string_view text, const char* type_name) {
  return Decoder(text, type_name).Run();
}

}  // namespace lumadb

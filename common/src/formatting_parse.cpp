// The picture parser and calendar helpers of the formatting engine (PostgreSQL 15 formatting.c and
// timestamp.c / datetime.c).
#include <cctype>
#include <cstring>

#include "common/datetime.h"
#include "common/error.h"
#include "formatting_internal.h"

namespace lumadb::formatting {

namespace {

using M = DateMode;

// DCH_keywords in formatting.c's order: the first keyword that prefixes the input wins.
const KeyWord kDchKeywords[] = {
    {"A.D.", 4, DCH_A_D, false, M::kNone},
    {"A.M.", 4, DCH_A_M, false, M::kNone},
    {"AD", 2, DCH_AD, false, M::kNone},
    {"AM", 2, DCH_AM, false, M::kNone},
    {"B.C.", 4, DCH_B_C, false, M::kNone},
    {"BC", 2, DCH_BC, false, M::kNone},
    {"CC", 2, DCH_CC, true, M::kNone},
    {"DAY", 3, DCH_DAY, false, M::kNone},
    {"DDD", 3, DCH_DDD, true, M::kGregorian},
    {"DD", 2, DCH_DD, true, M::kGregorian},
    {"DY", 2, DCH_DY, false, M::kNone},
    {"Day", 3, DCH_Day, false, M::kNone},
    {"Dy", 2, DCH_Dy, false, M::kNone},
    {"D", 1, DCH_D, true, M::kGregorian},
    {"FF1", 3, DCH_FF1, true, M::kNone},
    {"FF2", 3, DCH_FF2, true, M::kNone},
    {"FF3", 3, DCH_FF3, true, M::kNone},
    {"FF4", 3, DCH_FF4, true, M::kNone},
    {"FF5", 3, DCH_FF5, true, M::kNone},
    {"FF6", 3, DCH_FF6, true, M::kNone},
    {"FX", 2, DCH_FX, false, M::kNone},
    {"HH24", 4, DCH_HH24, true, M::kNone},
    {"HH12", 4, DCH_HH12, true, M::kNone},
    {"HH", 2, DCH_HH, true, M::kNone},
    {"IDDD", 4, DCH_IDDD, true, M::kIsoWeek},
    {"ID", 2, DCH_ID, true, M::kIsoWeek},
    {"IW", 2, DCH_IW, true, M::kIsoWeek},
    {"IYYY", 4, DCH_IYYY, true, M::kIsoWeek},
    {"IYY", 3, DCH_IYY, true, M::kIsoWeek},
    {"IY", 2, DCH_IY, true, M::kIsoWeek},
    {"I", 1, DCH_I, true, M::kIsoWeek},
    {"J", 1, DCH_J, true, M::kNone},
    {"MI", 2, DCH_MI, true, M::kNone},
    {"MM", 2, DCH_MM, true, M::kGregorian},
    {"MONTH", 5, DCH_MONTH, false, M::kGregorian},
    {"MON", 3, DCH_MON, false, M::kGregorian},
    {"MS", 2, DCH_MS, true, M::kNone},
    {"Month", 5, DCH_Month, false, M::kGregorian},
    {"Mon", 3, DCH_Mon, false, M::kGregorian},
    {"OF", 2, DCH_OF, false, M::kNone},
    {"P.M.", 4, DCH_P_M, false, M::kNone},
    {"PM", 2, DCH_PM, false, M::kNone},
    {"Q", 1, DCH_Q, true, M::kNone},
    {"RM", 2, DCH_RM, false, M::kGregorian},
    {"SSSSS", 5, DCH_SSSS, true, M::kNone},
    {"SSSS", 4, DCH_SSSS, true, M::kNone},
    {"SS", 2, DCH_SS, true, M::kNone},
    {"TZH", 3, DCH_TZH, false, M::kNone},
    {"TZM", 3, DCH_TZM, true, M::kNone},
    {"TZ", 2, DCH_TZ, false, M::kNone},
    {"US", 2, DCH_US, true, M::kNone},
    {"WW", 2, DCH_WW, true, M::kGregorian},
    {"W", 1, DCH_W, true, M::kGregorian},
    {"Y,YYY", 5, DCH_Y_YYY, true, M::kGregorian},
    {"YYYY", 4, DCH_YYYY, true, M::kGregorian},
    {"YYY", 3, DCH_YYY, true, M::kGregorian},
    {"YY", 2, DCH_YY, true, M::kGregorian},
    {"Y", 1, DCH_Y, true, M::kGregorian},
    {"a.d.", 4, DCH_a_d, false, M::kNone},
    {"a.m.", 4, DCH_a_m, false, M::kNone},
    {"ad", 2, DCH_ad, false, M::kNone},
    {"am", 2, DCH_am, false, M::kNone},
    {"b.c.", 4, DCH_b_c, false, M::kNone},
    {"bc", 2, DCH_bc, false, M::kNone},
    {"cc", 2, DCH_CC, true, M::kNone},
    {"day", 3, DCH_day, false, M::kNone},
    {"ddd", 3, DCH_DDD, true, M::kGregorian},
    {"dd", 2, DCH_DD, true, M::kGregorian},
    {"dy", 2, DCH_dy, false, M::kNone},
    {"d", 1, DCH_D, true, M::kGregorian},
    {"ff1", 3, DCH_FF1, true, M::kNone},
    {"ff2", 3, DCH_FF2, true, M::kNone},
    {"ff3", 3, DCH_FF3, true, M::kNone},
    {"ff4", 3, DCH_FF4, true, M::kNone},
    {"ff5", 3, DCH_FF5, true, M::kNone},
    {"ff6", 3, DCH_FF6, true, M::kNone},
    {"fx", 2, DCH_FX, false, M::kNone},
    {"hh24", 4, DCH_HH24, true, M::kNone},
    {"hh12", 4, DCH_HH12, true, M::kNone},
    {"hh", 2, DCH_HH, true, M::kNone},
    {"iddd", 4, DCH_IDDD, true, M::kIsoWeek},
    {"id", 2, DCH_ID, true, M::kIsoWeek},
    {"iw", 2, DCH_IW, true, M::kIsoWeek},
    {"iyyy", 4, DCH_IYYY, true, M::kIsoWeek},
    {"iyy", 3, DCH_IYY, true, M::kIsoWeek},
    {"iy", 2, DCH_IY, true, M::kIsoWeek},
    {"i", 1, DCH_I, true, M::kIsoWeek},
    {"j", 1, DCH_J, true, M::kNone},
    {"mi", 2, DCH_MI, true, M::kNone},
    {"mm", 2, DCH_MM, true, M::kGregorian},
    {"month", 5, DCH_month, false, M::kGregorian},
    {"mon", 3, DCH_mon, false, M::kGregorian},
    {"ms", 2, DCH_MS, true, M::kNone},
    {"of", 2, DCH_OF, false, M::kNone},
    {"p.m.", 4, DCH_p_m, false, M::kNone},
    {"pm", 2, DCH_pm, false, M::kNone},
    {"q", 1, DCH_Q, true, M::kNone},
    {"rm", 2, DCH_rm, false, M::kGregorian},
    {"sssss", 5, DCH_SSSS, true, M::kNone},
    {"ssss", 4, DCH_SSSS, true, M::kNone},
    {"ss", 2, DCH_SS, true, M::kNone},
    {"tzh", 3, DCH_TZH, false, M::kNone},
    {"tzm", 3, DCH_TZM, true, M::kNone},
    {"tz", 2, DCH_tz, false, M::kNone},
    {"us", 2, DCH_US, true, M::kNone},
    {"ww", 2, DCH_WW, true, M::kGregorian},
    {"w", 1, DCH_W, true, M::kGregorian},
    {"y,yyy", 5, DCH_Y_YYY, true, M::kGregorian},
    {"yyyy", 4, DCH_YYYY, true, M::kGregorian},
    {"yyy", 3, DCH_YYY, true, M::kGregorian},
    {"yy", 2, DCH_YY, true, M::kGregorian},
    {"y", 1, DCH_Y, true, M::kGregorian},
};

const KeyWord kNumKeywords[] = {
    {",", 1, NUM_COMMA, false, M::kNone}, {".", 1, NUM_DEC, false, M::kNone},  {"0", 1, NUM_0, false, M::kNone},
    {"9", 1, NUM_9, false, M::kNone},     {"B", 1, NUM_B, false, M::kNone},    {"C", 1, NUM_C, false, M::kNone},
    {"D", 1, NUM_D, false, M::kNone},     {"EEEE", 4, NUM_E, false, M::kNone}, {"FM", 2, NUM_FM, false, M::kNone},
    {"G", 1, NUM_G, false, M::kNone},     {"L", 1, NUM_L, false, M::kNone},    {"MI", 2, NUM_MI, false, M::kNone},
    {"PL", 2, NUM_PL, false, M::kNone},   {"PR", 2, NUM_PR, false, M::kNone},  {"RN", 2, NUM_RN, false, M::kNone},
    {"SG", 2, NUM_SG, false, M::kNone},   {"SP", 2, NUM_SP, false, M::kNone},  {"S", 1, NUM_S, false, M::kNone},
    {"TH", 2, NUM_TH, false, M::kNone},   {"V", 1, NUM_V, false, M::kNone},    {"b", 1, NUM_B, false, M::kNone},
    {"c", 1, NUM_C, false, M::kNone},     {"d", 1, NUM_D, false, M::kNone},    {"eeee", 4, NUM_E, false, M::kNone},
    {"fm", 2, NUM_FM, false, M::kNone},   {"g", 1, NUM_G, false, M::kNone},    {"l", 1, NUM_L, false, M::kNone},
    {"mi", 2, NUM_MI, false, M::kNone},   {"pl", 2, NUM_PL, false, M::kNone},  {"pr", 2, NUM_PR, false, M::kNone},
    {"rn", 2, NUM_rn, false, M::kNone},   {"sg", 2, NUM_SG, false, M::kNone},  {"sp", 2, NUM_SP, false, M::kNone},
    {"s", 1, NUM_S, false, M::kNone},     {"th", 2, NUM_th, false, M::kNone},  {"v", 1, NUM_V, false, M::kNone},
};

struct Suffix {
  const char* name;
  int id;
  bool prefix;
};
const Suffix kDchSuffixes[] = {{"FM", kSuffixFM, true}, {"fm", kSuffixFM, true},  {"TM", kSuffixTM, true},
                               {"tm", kSuffixTM, true}, {"TH", kSuffixTH, false}, {"th", kSuffixth, false},
                               {"SP", kSuffixSP, false}};

template <size_t N>
const KeyWord* FindKeyword(std::string_view s, const KeyWord (&table)[N]) {
  for (const KeyWord& k : table) {
    if (s.substr(0, k.len) == k.name) return &k;
  }
  return nullptr;
}

// suff_search: the suffix of the given kind the input starts with; 0 if none. Advances s past it.
int TakeSuffix(std::string_view& s, bool prefix) {
  for (const Suffix& x : kDchSuffixes) {
    if (x.prefix == prefix && s.starts_with(x.name)) {
      s.remove_prefix(2);
      return x.id;
    }
  }
  return 0;
}

size_t CharLen(std::string_view s) {
  return std::min(Utf8Length(s[0]), s.size());
}

// is_separator_char: printable ASCII that is neither letter nor digit.
bool IsSeparator(char c) {
  return c > 0x20 && c < 0x7F && !std::isalnum(static_cast<unsigned char>(c));
}

}  // namespace

std::vector<FormatNode> ParseFormat(std::string_view s, Flavor flavor) {
  const bool dch = flavor == Flavor::kDateTime;
  std::vector<FormatNode> nodes;
  while (!s.empty()) {
    int suffix = dch ? TakeSuffix(s, true) : 0;
    const KeyWord* key = s.empty() ? nullptr : dch ? FindKeyword(s, kDchKeywords) : FindKeyword(s, kNumKeywords);
    if (key) {
      s.remove_prefix(key->len);
      if (dch && !s.empty()) suffix |= TakeSuffix(s, false);
      nodes.push_back({FormatNode::Type::kAction, key, suffix, {}});
    } else if (!s.empty() && s[0] == '"') {
      s.remove_prefix(1);
      while (!s.empty()) {
        if (s[0] == '"') {
          s.remove_prefix(1);
          break;
        }
        if (s[0] == '\\' && s.size() > 1) s.remove_prefix(1);
        size_t n = CharLen(s);
        nodes.push_back({FormatNode::Type::kChar, nullptr, 0, std::string(s.substr(0, n))});
        s.remove_prefix(n);
      }
    } else if (!s.empty()) {
      if (s[0] == '\\' && s.size() > 1 && s[1] == '"') s.remove_prefix(1);
      size_t n = CharLen(s);
      auto type = dch && IsSeparator(s[0])                         ? FormatNode::Type::kSeparator
                  : std::isspace(static_cast<unsigned char>(s[0])) ? FormatNode::Type::kSpace
                                                                   : FormatNode::Type::kChar;
      nodes.push_back({type, nullptr, 0, std::string(s.substr(0, n))});
      s.remove_prefix(n);
    }
  }
  return nodes;
}

const char* OrdinalSuffix(const std::string& num, bool upper) {
  if (num.empty() || !std::isdigit(static_cast<unsigned char>(num.back()))) {
    throw DbError(sqlstate::kInvalidParameterValue, "\"" + num + "\" is not a number");
  }
  char last = num.back();
  if (num.size() > 1 && num[num.size() - 2] == '1') last = 0;  // the teens take "th"
  switch (last) {
    case '1':
      return upper ? "ST" : "st";
    case '2':
      return upper ? "ND" : "nd";
    case '3':
      return upper ? "RD" : "rd";
    default:
      return upper ? "TH" : "th";
  }
}

// Julian day numbers are PostgreSQL's date2j: days since 2000-01-01 plus POSTGRES_EPOCH_JDATE.
constexpr int64_t kPostgresEpochJdate = 2451545;

int64_t DateToJulian(int64_t y, int m, int d) {
  return DaysFromCivil(y, m, d) + kPostgresEpochJdate;
}

void JulianToDate(int64_t jd, int* year, int* month, int* day) {
  int64_t y = 0;
  CivilFromDays(jd - kPostgresEpochJdate, &y, month, day);
  *year = static_cast<int>(y);
}

int JulianWeekday(int64_t jd) {
  int64_t d = (jd + 1) % 7;
  return static_cast<int>(d < 0 ? d + 7 : d);
}

int64_t IsoWeekToJulian(int year, int week) {
  int64_t day4 = DateToJulian(year, 1, 4);
  int64_t day0 = JulianWeekday(day4 - 1);
  return (week - 1) * 7 + (day4 - day0);
}

namespace {
// date2isoweek and date2isoyear share their walk: the ISO week and the ISO year of a date.
std::pair<int, int> IsoWeekAndYear(int year, int mon, int mday) {
  int64_t dayn = DateToJulian(year, mon, mday);
  int64_t day4 = DateToJulian(year, 1, 4);
  int64_t day0 = JulianWeekday(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = DateToJulian(year - 1, 1, 4);
    day0 = JulianWeekday(day4 - 1);
    --year;
  }
  int64_t week = (dayn - (day4 - day0)) / 7 + 1;
  if (week >= 52) {
    day4 = DateToJulian(year + 1, 1, 4);
    day0 = JulianWeekday(day4 - 1);
    if (dayn >= day4 - day0) {
      week = (dayn - (day4 - day0)) / 7 + 1;
      ++year;
    }
  }
  return {static_cast<int>(week), year};
}
}  // namespace

int IsoWeek(int year, int mon, int mday) {
  return IsoWeekAndYear(year, mon, mday).first;
}
int IsoYear(int year, int mon, int mday) {
  return IsoWeekAndYear(year, mon, mday).second;
}
int IsoYearDay(int year, int mon, int mday) {
  return static_cast<int>(DateToJulian(year, mon, mday) - IsoWeekToJulian(IsoYear(year, mon, mday), 1) + 1);
}

}  // namespace lumadb::formatting

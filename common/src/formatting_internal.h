#pragma once
// The format-picture parser shared by the datetime (DCH) and number (NUM) halves of the formatting engine:
// PostgreSQL 15's src/backend/utils/adt/formatting.c (parse_format, index_seq_search, suff_search).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lumadb::formatting {

/// Which keyword table a picture is parsed with.
enum class Flavor { kDateTime, kNumber };

/// FROM_CHAR_DATE_*: which calendar a datetime field belongs to (to_timestamp rejects mixing them).
enum class DateMode { kNone, kGregorian, kIsoWeek };

/// A keyword of the picture language; `id` is a DCH_* / NUM_* value of the keyword tables.
struct KeyWord {
  const char* name;
  int len;
  int id;
  bool is_digit;  // the field reads digits (is_next_separator)
  DateMode date_mode;
};

/// DCH suffix bits (S_FM, S_TH, S_th, S_SP, S_TM).
inline constexpr int kSuffixFM = 0x01;
inline constexpr int kSuffixTH = 0x02;
inline constexpr int kSuffixth = 0x04;
inline constexpr int kSuffixSP = 0x08;
inline constexpr int kSuffixTM = 0x10;

/// One parsed picture element (FormatNode): a keyword action or literal text.
struct FormatNode {
  enum class Type { kAction, kChar, kSeparator, kSpace };
  Type type = Type::kChar;
  const KeyWord* key = nullptr;
  int suffix = 0;
  std::string character;  // the literal character(s) of a non-action node
};

/// parse_format: splits a picture into nodes. Double-quoted text is literal, backslash escapes a quote.
std::vector<FormatNode> ParseFormat(std::string_view format, Flavor flavor);

/// The DCH_* keyword ids (formatting.c's DCH_poz); lowercase keywords share their uppercase id except where
/// the output's case follows the keyword's (a.d., am, day, dy, month, mon, p.m., pm, rm, tz).
enum DchId {
  DCH_A_D,
  DCH_A_M,
  DCH_AD,
  DCH_AM,
  DCH_B_C,
  DCH_BC,
  DCH_CC,
  DCH_DAY,
  DCH_DDD,
  DCH_DD,
  DCH_DY,
  DCH_Day,
  DCH_Dy,
  DCH_D,
  DCH_FF1,
  DCH_FF2,
  DCH_FF3,
  DCH_FF4,
  DCH_FF5,
  DCH_FF6,
  DCH_FX,
  DCH_HH24,
  DCH_HH12,
  DCH_HH,
  DCH_IDDD,
  DCH_ID,
  DCH_IW,
  DCH_IYYY,
  DCH_IYY,
  DCH_IY,
  DCH_I,
  DCH_J,
  DCH_MI,
  DCH_MM,
  DCH_MONTH,
  DCH_MON,
  DCH_MS,
  DCH_Month,
  DCH_Mon,
  DCH_OF,
  DCH_P_M,
  DCH_PM,
  DCH_Q,
  DCH_RM,
  DCH_SSSS,
  DCH_SS,
  DCH_TZH,
  DCH_TZM,
  DCH_TZ,
  DCH_US,
  DCH_WW,
  DCH_W,
  DCH_Y_YYY,
  DCH_YYYY,
  DCH_YYY,
  DCH_YY,
  DCH_Y,
  DCH_a_d,
  DCH_a_m,
  DCH_ad,
  DCH_am,
  DCH_b_c,
  DCH_bc,
  DCH_day,
  DCH_dy,
  DCH_month,
  DCH_mon,
  DCH_p_m,
  DCH_pm,
  DCH_rm,
  DCH_tz
};

/// The NUM_* keyword ids (formatting.c's NUM_poz); lowercase keywords share their uppercase id except rn, th.
enum NumId {
  NUM_COMMA,
  NUM_DEC,
  NUM_0,
  NUM_9,
  NUM_B,
  NUM_C,
  NUM_D,
  NUM_E,
  NUM_FM,
  NUM_G,
  NUM_L,
  NUM_MI,
  NUM_PL,
  NUM_PR,
  NUM_RN,
  NUM_SG,
  NUM_SP,
  NUM_S,
  NUM_TH,
  NUM_V,
  NUM_rn,
  NUM_th
};

/// pg_mblen for UTF-8: the byte length of the character starting with byte c.
inline size_t Utf8Length(char c) {
  auto b = static_cast<unsigned char>(c);
  return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/// get_th: the English ordinal suffix of a digit string ("ST", "nd", ...); 22023 when it ends in no digit.
const char* OrdinalSuffix(const std::string& num, bool upper);

/// date2j / j2date over Julian day numbers, as datetime.c (the proleptic Gregorian calendar).
int64_t DateToJulian(int64_t year, int month, int day);
void JulianToDate(int64_t jd, int* year, int* month, int* day);
/// j2day: 0 = Sunday.
int JulianWeekday(int64_t jd);
/// ISO 8601 week-numbering helpers of timestamp.c.
int IsoWeek(int year, int mon, int mday);
int IsoYear(int year, int mon, int mday);
int IsoYearDay(int year, int mon, int mday);
int64_t IsoWeekToJulian(int year, int week);

}  // namespace lumadb::formatting

namespace lumadb::formatting {

/// The broken-down value to_char formats (struct pg_tm plus fsec and the zone abbreviation: TmToChar).
struct DateTimeFields {
  int year = 0;  // astronomical for timestamps (0 = 1 BC); plain years for intervals
  int mon = 0;
  int mday = 0;
  int64_t hour = 0;
  int min = 0;
  int sec = 0;
  int yday = 0;
  int wday = 0;
  int gmtoff = 0;             // seconds east of UTC
  int64_t fsec = 0;           // microseconds
  const char* tzn = nullptr;  // zone abbreviation, null for timestamp without time zone
};

/// DCH_to_char: formats fields by the parsed picture; is_interval rejects calendar-only fields.
std::string DateTimeToChar(const std::vector<FormatNode>& nodes, const DateTimeFields& tm, bool is_interval);

/// TmFromChar: the fields a to_timestamp picture read; 0 means "not given".
struct FromChar {
  DateMode mode = DateMode::kNone;
  int hh = 0, pm = 0, mi = 0, ss = 0, ssss = 0, d = 0, dd = 0, ddd = 0, mm = 0, ms = 0, year = 0, bc = 0;
  int ww = 0, w = 0, cc = 0, j = 0, us = 0, yysz = 0, tzsign = 0, tzh = 0, tzm = 0, ff = 0;
  bool clock12 = false;
};

/// DCH_from_char (non-standard mode): reads `text` under the parsed picture. Throws 22007 for values that do
/// not fit their fields, 22008 for out-of-range integers, 0A000 for TZ/OF.
FromChar FromCharFields(const std::vector<FormatNode>& nodes, const char* text);

/// NUMDesc: what a number picture asks for (digit counts, flags), built by NumDescribe.
struct NumDesc {
  int pre = 0;            // digits before the decimal point
  int post = 0;           // digits after it
  int lsign = 0;          // kLsign*: where S goes
  int flag = 0;           // kNum* bits
  int pre_lsign_num = 0;  // digits before S
  int multi = 0;          // the V shift
  int zero_start = 0;     // first '0' position
  int zero_end = 0;       // last '0' position
};
inline constexpr int kLsignNone = 0, kLsignPre = -1, kLsignPost = 1;
inline constexpr int kNumDecimal = 1 << 1, kNumLDecimal = 1 << 2, kNumZero = 1 << 3, kNumBlank = 1 << 4,
                     kNumFillMode = 1 << 5, kNumLSign = 1 << 6, kNumBracket = 1 << 7, kNumMinus = 1 << 8,
                     kNumPlus = 1 << 9, kNumRoman = 1 << 10, kNumMulti = 1 << 11, kNumPlusPost = 1 << 12,
                     kNumMinusPost = 1 << 13, kNumEeee = 1 << 14;

/// NUMDesc_prepare over a whole picture; throws 42601 for contradictory patterns.
NumDesc NumDescribe(const std::vector<FormatNode>& nodes);

/// NUM_processor in the to_char direction: lays out `number` (digits with an optional '.', no sign; or
/// the roman numeral / EEEE text) by the picture. sign is '+' or '-'.
std::string NumToChar(const std::vector<FormatNode>& nodes, NumDesc num, const std::string& number, int out_pre_spaces,
                      char sign);

/// NUM_processor in the to_number direction: the numeric text read from `input` ("-123.45"); sets
/// num->post to the digits read after the point.
std::string NumFromChar(const std::vector<FormatNode>& nodes, NumDesc* num, std::string_view input);

}  // namespace lumadb::formatting

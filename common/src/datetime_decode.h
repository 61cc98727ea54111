#pragma once
// The building blocks of PostgreSQL 15's date/time input (src/backend/utils/adt/datetime.c and
// src/include/utils/datetime.h): field classes, token types and masks, the keyword table and the
// per-field decoders. Private to common/; datetime_decoder.h strings them together.
//
// Errors inside the decoder are DTERR_* codes thrown as DecodeFailure; the entry points turn them into
// DbError with the whole input text (DateTimeParseError), so helpers need not know the input.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lumadb {
class TimeZone;
}  // namespace lumadb

namespace lumadb::dt {

/// ParseDateTime's field classes (DTK_NUMBER .. DTK_SPECIAL); also DecodeNumberField's result.
enum FieldType : int { kNumber = 0, kString = 1, kDate = 2, kTime = 3, kTz = 4, kSpecial = 6 };

/// Token types of the keyword table (RESERV .. UNKNOWN_FIELD); each owns one bit of the field masks.
enum TokenType : int {
  kReserv = 0,
  kMonth = 1,
  kYear = 2,
  kDay = 3,
  kJulian = 4,
  kTzToken = 5,
  kDtz = 6,
  kDynTz = 7,
  kIgnore = 8,
  kAmPm = 9,
  kHour = 10,
  kMinute = 11,
  kSecond = 12,
  kMillisecond = 13,
  kMicrosecond = 14,
  kDoy = 15,
  kDow = 16,
  kUnits = 17,
  kAdBc = 18,
  kIsoTime = 23,
  kDtzMod = 28,
  kUnknownField = 31,
};

/// Token values of RESERV and UNITS words (DTK_EARLY .. DTK_ISODOW).
enum TokenValue : int {
  kDtkTime = 3,
  kDtkEarly = 9,
  kDtkLate = 10,
  kDtkEpoch = 11,
  kDtkNow = 12,
  kDtkYesterday = 13,
  kDtkToday = 14,
  kDtkTomorrow = 15,
  kDtkZulu = 16,
  kDtkSecond = 18,
  kDtkMinute = 19,
  kDtkHour = 20,
  kDtkDay = 21,
  kDtkMonth = 23,
  kDtkYear = 25,
  kDtkJulian = 31,
  kDtkDow = 32,
  kDtkDoy = 33,
  kDtkIsoYear = 36,
  kDtkIsoDow = 37,
};

inline constexpr int kAm = 0;  // AMPM values
inline constexpr int kPm = 1;
inline constexpr int kHr24 = 2;
inline constexpr int kAd = 0;  // ADBC values
inline constexpr int kBc = 1;

/// DTK_M: a token type's mask bit.
constexpr int Mask(int type) {
  return 1 << type;
}
inline constexpr int kDateMask = Mask(kYear) | Mask(kMonth) | Mask(kDay);
inline constexpr int kAllSecsMask = Mask(kSecond) | Mask(kMillisecond) | Mask(kMicrosecond);
inline constexpr int kTimeMask = Mask(kHour) | Mask(kMinute) | kAllSecsMask;

/// DTERR_* codes.
enum class DecodeError { kBadFormat, kFieldOverflow, kMdFieldOverflow, kTzDispOverflow };

/// What the decoder throws; the entry point reports it against the whole input.
struct DecodeFailure {
  DecodeError error;
};

/// Throws DecodeFailure{error}.
[[noreturn]] void Fail(DecodeError error);

/// One field of ParseDateTime: lower-cased text (signs and punctuation kept as PostgreSQL keeps them).
struct Field {
  std::string text;
  int type;
};

/// ParseDateTime: splits input into at most 25 (MAXDATEFIELDS) classified fields, at most 153 bytes
/// of field text in all (MAXDATELEN + MAXDATEFIELDS). Fails kBadFormat.
std::vector<Field> ParseDateTime(std::string_view input);

/// One keyword: its token type and value (a month number, an AM/PM or AD/BC flag, a TokenValue, or a
/// zone offset in seconds east for kTzToken).
struct Token {
  int type;
  int value;
  const TimeZone* zone = nullptr;  // the zone of a dynamic abbreviation (kDynTz)
};

/// True when a lower-case word is in datetktbl (ParseDateTime's datebsearch check).
bool IsDateKeyword(std::string_view lower);
/// DecodeTimezoneAbbrev, then DecodeSpecial: a zone abbreviation of the Default set first (kTzToken
/// with its offset, or kDynTz with its zone), else the datetktbl entry, else {kUnknownField, 0}.
Token LookupWord(std::string_view lower);
/// DecodeSpecial: the datetktbl entry of a word, {kUnknownField, 0} when there is none.
Token DecodeSpecial(std::string_view lower);

/// struct pg_tm plus fsec_t: fields as decoded; year is astronomical only after ValidateDate.
struct Tm {
  int year = 0;
  int mon = 0;
  int mday = 0;
  int hour = 0;
  int min = 0;
  int sec = 0;
  int yday = 0;
  int64_t fsec = 0;  // microseconds
};

/// strtoint: strtol of a NUL-terminated string (leading blanks and a sign allowed); *overflow when the
/// value does not fit an int.
int StrToInt(const char* str, const char** end, bool* overflow);
/// DecodeDate: a date field with '-', '/', '.' or blanks between parts ('1999-jan-08', '1999.008').
void DecodeDate(const std::string& str, int fmask, int* tmask, bool* is2digits, Tm* tm);
/// DecodeNumber: one numeric field placed by what is already known and DateStyle's field order.
void DecodeNumber(const std::string& str, bool have_text_month, int fmask, int* tmask, Tm* tm, bool* is2digits);
/// DecodeNumberField: a run-together 'yyyymmdd', 'yymmdd', 'hhmmss', 'hhmm' (with an optional
/// fraction); returns kDate or kTime.
int DecodeNumberField(std::string str, int fmask, int* tmask, Tm* tm, bool* is2digits);
/// ValidateDate: BC and two-digit years, day of year, month and day ranges (kMdFieldOverflow for the
/// ones a wrong DateStyle may cause).
void ValidateDate(int fmask, bool isjulian, bool is2digits, bool bc, Tm* tm);
/// DecodeTime: 'hh:mm', 'hh:mm:ss[.frac]', 'mm:ss.frac'; sets *tmask to the time mask.
void DecodeTime(const std::string& str, int* tmask, Tm* tm);
/// DecodeTimezone: '+hh', '-hhmm', '+hh:mm[:ss]'; returns seconds east of UTC (PostgreSQL stores the
/// negation). Fails kTzDispOverflow past 15 hours.
int DecodeTimezone(const std::string& str);
/// ParseFractionalSecond: '.ddd' as microseconds, rounded.
int64_t ParseFractionalSecond(const char* cp);
/// ParseFraction: '.ddd' ('.' alone is 0) as a fraction.
double ParseFraction(const char* cp);
/// time_overflows: a time of day past 24:00:00 or with a field out of range.
bool TimeOverflows(const Tm& tm);
/// j2date of a Julian day number.
void JulianToDate(int julian, Tm* tm);

}  // namespace lumadb::dt

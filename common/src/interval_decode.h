#pragma once
// The pieces of PostgreSQL 15's interval input (datetime.c ParseDateTime, DecodeInterval,
// DecodeISO8601Interval and their Adjust* helpers), shared by interval_parse.cpp, interval_decode.cpp
// and interval_iso8601.cpp. Private to common/.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lumadb {

/// ParseDateTime's field types (DTK_NUMBER, DTK_STRING, DTK_DATE, DTK_TIME, DTK_TZ, DTK_SPECIAL).
enum class FieldType { kNumber, kString, kDate, kTime, kTz, kSpecial };

/// One field of the input; words are lower-cased.
struct DateField {
  FieldType type;
  std::string text;
};

/// Decoding failures, as datetime.c's DTERR_BAD_FORMAT and DTERR_FIELD_OVERFLOW.
enum class DtErr { kNone, kBadFormat, kFieldOverflow };

/// pg_itm_in: the fields accumulated while decoding.
struct ItmIn {
  int64_t usec = 0;
  int32_t mday = 0;
  int32_t mon = 0;
  int32_t year = 0;
};

/// ParseDateTime: splits the input into typed fields.
DtErr TokenizeDateTime(std::string_view in, std::vector<DateField>* fields);

/// strtoi64/strtoint on a NUL-terminated string: optional sign and digits; *end is s when there are no
/// digits (as strtol); sets *overflow (and clamps) when the value does not fit [lo, hi].
int64_t StrToInt(const char* s, const char** end, bool* overflow, int64_t lo, int64_t hi);

/// ParseFraction: ".5" -> 0.5, a lone "." -> 0; anything strtod does not consume whole is a bad format.
DtErr ParseFraction(const char* cp, double* frac);

/// The Adjust* helpers of datetime.c: add val * scale units (plus a fraction cascaded to smaller units)
/// to the fields; false on overflow.
bool AdjustFractMicroseconds(double frac, int64_t scale, ItmIn* itm);
bool AdjustFractDays(double frac, int scale, ItmIn* itm);
bool AdjustFractYears(double frac, int scale, ItmIn* itm);
bool AdjustMicroseconds(int64_t val, double fval, int64_t scale, ItmIn* itm);
bool AdjustDays(int64_t val, int scale, ItmIn* itm);
bool AdjustMonths(int64_t val, ItmIn* itm);
bool AdjustYears(int64_t val, int scale, ItmIn* itm);

/// DecodeInterval over the fields (read right to left so units precede their numbers); range is the
/// typmod's field mask, which gives a bare number its unit.
DtErr DecodeIntervalFields(const std::vector<DateField>& fields, int32_t range, ItmIn* itm);

/// DecodeISO8601Interval on the raw input: 'P1Y2M3DT4H5M6S', 'P0001-02-03T04:05:06', 'P00010203T040506'.
DtErr DecodeIso8601Interval(std::string_view text, ItmIn* itm);

}  // namespace lumadb

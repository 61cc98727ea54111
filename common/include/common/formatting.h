#pragma once
// The data type formatting functions (PostgreSQL 15 docs §9.8): to_char, to_number, to_date and
// to_timestamp, a port of src/backend/utils/adt/formatting.c. Pictures, padding, FM/TH/TM modifiers and
// the error texts follow formatting.c; the locale is C (L is a space, G ',', D '.').

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/interval.h"
#include "common/numeric.h"

namespace lumadb {

/// to_char(timestamp[tz], text): the timestamp (microseconds since 2000-01-01; with_tz: UTC, shown in the
/// session's TimeZone with its abbreviation and offset) formatted by the DCH picture. nullopt (SQL NULL)
/// for an empty picture or an infinite timestamp. Throws 22008 out of range, 22023 for TH on a non-number.
std::optional<std::string> TimestampToChar(int64_t micros, bool with_tz, std::string_view format);

/// to_char(interval, text); nullopt for an empty picture. Throws 22007 "invalid format specification for
/// an interval value" for calendar-only fields (Month, Day, AD, TZ, ...).
std::optional<std::string> IntervalToChar(const Interval& interval, std::string_view format);

/// to_timestamp(text, text): the timestamptz (UTC microseconds) the text gives under the picture, the
/// session's TimeZone unless TZH/TZM gave an offset. Throws 22007 (bad field values, conflicts, mixing
/// ISO and Gregorian fields), 22008 "date/time field value out of range", 0A000 for TZ/OF.
int64_t ToTimestamp(std::string_view text, std::string_view format);

/// to_date(text, text): days since 2000-01-01. Throws as ToTimestamp and 22008 "date out of range".
int64_t ToDate(std::string_view text, std::string_view format);

/// to_char(numeric, text). The empty picture gives "". Throws 42601 for an invalid picture.
std::string NumericToChar(const Numeric& value, std::string_view format);
/// to_char(int4|int8, text); is_int8 selects int8_to_char's EEEE and roman conversions.
std::string IntegerToChar(int64_t value, bool is_int8, std::string_view format);
/// to_char(float4|float8, text); is_float4 selects FLT_DIG (6) instead of DBL_DIG (15) significant digits.
std::string FloatToChar(double value, bool is_float4, std::string_view format);

/// to_number(text, text); nullopt (NULL) for an empty picture. Throws 22P02 when no number is read, 22003
/// when it overflows the picture, 0A000 for EEEE and RN.
std::optional<Numeric> ToNumber(std::string_view text, std::string_view format);

}  // namespace lumadb

#pragma once
// EXTRACT and date_part: one field of a date, time, timetz, timestamp, timestamptz or interval, as
// PostgreSQL 15 computes it (timestamp.c timestamp_part_common, timestamptz_part_common,
// interval_part_common; date.c extract_date, time_part_common, timetz_part_common); a timestamptz's
// fields are those of the session's TimeZone.

#include <string_view>

#include "common/value.h"

namespace lumadb {

/// EXTRACT(field FROM v): a numeric (seconds and epochs carry 6 fraction digits, milliseconds 3, julian of
/// a timestamp the scale of numeric division); NULL for a non-monotonic field of an infinite date or
/// timestamp. field is case-insensitive: microseconds, milliseconds, second, minute, hour, day, week,
/// month, quarter, year, decade, century, millennium, julian, isoyear, dow, isodow, doy, epoch, timezone,
/// timezone_hour, timezone_minute and their abbreviations. Throws 0A000 "unit \"x\" not supported for type
/// <type>", 22023 "unit \"x\" not recognized for type <type>"; ±Infinity for an infinite year or epoch.
Value ExtractField(std::string_view field, const Value& v);

/// date_part(field, v): the same field as a float8 (a date is read as its midnight timestamp, as
/// PostgreSQL's SQL-language date_part(text, date) does); ±Infinity for an infinite year or epoch.
Value DatePart(std::string_view field, const Value& v);

}  // namespace lumadb

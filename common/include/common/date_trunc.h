#pragma once
// date_trunc over timestamps (PostgreSQL 15 timestamp.c: timestamp_trunc, timestamptz_trunc,
// timestamptz_trunc_zone).

#include <cstdint>
#include <string_view>

namespace lumadb {

class TimeZone;

/// date_trunc(field, ts): the timestamp cut down to the start of its microsecond, millisecond, second,
/// minute, hour, day, week (ISO, from Monday), month, quarter, year, decade, century or millennium (field
/// names and abbreviations as EXTRACT takes them). With a zone (timestamptz) the cut is made on the wall
/// time of that zone; for units of a day or more the result is re-resolved in the zone
/// (DetermineTimeZoneOffset), below that it keeps the original offset. Infinite values come back as they
/// are. Throws 22023 "unit \"x\" not recognized for type <type>" (also for units such as dow that EXTRACT
/// knows), 22008 "timestamp out of range".
int64_t TruncateTimestamp(std::string_view field, int64_t micros, const TimeZone* zone);

}  // namespace lumadb

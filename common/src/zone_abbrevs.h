#pragma once
// Time zone abbreviations accepted in date/time input (private to common/).

#include <cstdint>
#include <optional>
#include <string_view>

namespace lumadb {

class TimeZone;

/// The UTC offset in seconds east of Greenwich of a lower-case zone abbreviation ("pst" -> -28800), for
/// the fixed-offset abbreviations of PostgreSQL 15's Default set (share/timezonesets/Default) that are in
/// common use; nullopt for anything else.
std::optional<int32_t> ZoneAbbrevOffset(std::string_view lower);

/// The zone of one of the Default set's dynamic abbreviations ("msk" -> Europe/Moscow, DYNTZ in
/// PostgreSQL), whose offset depends on the date (TimeZone::AbbrevOffset); nullptr for anything else, or
/// when the zone database lacks the zone.
const TimeZone* ZoneAbbrevDynamic(std::string_view lower);

}  // namespace lumadb

#pragma once
// POSIX TZ specifications without daylight-saving rules ('UTC+3', '<+05:30>-05:30'), the zones PostgreSQL's
// tzparse (src/timezone/localtime.c) builds when a TimeZone name is no file of the tz database. Private to
// common/.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lumadb {

/// A fixed zone read from a POSIX spec.
struct PosixZone {
  std::string abbrev;   // the STD name, upper-cased ("UTC", "+05:30")
  int32_t offset_east;  // seconds east of UTC: the spec's offset with its sign inverted ('UTC+3' -> -10800)
};

/// tzparse for "STDoffset": STD is letters (possibly none) or '<...>', offset [+-]hh[:mm[:ss]] with hours up
/// to 167. nullopt for anything else, including specs with a DST part, which LumaDB does not support.
std::optional<PosixZone> ParsePosixZone(std::string_view spec);

/// ASCII upper-casing.
std::string ToUpper(std::string_view s);

}  // namespace lumadb

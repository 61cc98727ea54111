#pragma once
// Time zones for timestamptz (PostgreSQL's pg_tz, src/timezone/localtime.c and pgtz.c): IANA zones read
// from the system's tz database (/usr/share/zoneinfo, through cctz, which stays inside time_zone.cpp) and
// fixed-offset POSIX zones, plus the session's zone (the TimeZone setting) per thread.
//
// Instants are PostgreSQL timestamps: microseconds since 2000-01-01 00:00:00 UTC. Offsets are seconds
// east of Greenwich (ISO 8601's sign, the opposite of POSIX's).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace lumadb {

/// One loaded zone. Zones are created once and kept for the life of the process, so a `const TimeZone*`
/// stays valid everywhere; lookups are thread-safe.
class TimeZone {
 public:
  /// pg_tzset: a zone by name. IANA names match case-insensitively and keep the database's spelling
  /// ('europe/berlin' -> "Europe/Berlin"); POSIX specs without daylight rules ('UTC+3', '<+05>-5', west
  /// positive) are fixed zones named in upper case. nullptr when neither.
  static const TimeZone* Find(std::string_view name);
  /// pg_tzset_offset: the fixed zone `seconds_east` east of UTC, named as PostgreSQL shows it
  /// ("<+05:30>-05:30", "<-07>+07"), with abbreviation "+05:30" / "-07".
  static const TimeZone* Fixed(int32_t seconds_east);
  /// The zone "UTC".
  static const TimeZone& Utc();

  ~TimeZone();
  TimeZone(const TimeZone&) = delete;
  TimeZone& operator=(const TimeZone&) = delete;

  /// The canonical name SHOW TimeZone prints.
  const std::string& name() const { return name_; }
  /// The UTC offset in force at a UTC instant (seconds east; LMT offsets keep their seconds).
  int32_t OffsetAt(int64_t utc_micros) const;
  /// The abbreviation in force at a UTC instant ("CEST", "LMT", "-03" for zones without one).
  std::string AbbrevAt(int64_t utc_micros) const;
  /// DetermineTimeZoneOffset: the offset that makes the local wall time `local_micros` an instant. A time
  /// skipped by a spring-forward transition takes the offset before it, a repeated time the one after it.
  int32_t OffsetForLocal(int64_t local_micros) const;
  /// The instant of a local wall time (local_micros minus OffsetForLocal).
  int64_t LocalToUtc(int64_t local_micros) const;
  /// The local wall time of an instant (utc_micros plus OffsetAt).
  int64_t UtcToLocal(int64_t utc_micros) const;
  /// pg_get_timezone_offset: true with the offset (seconds east) when the zone never changes it (POSIX
  /// specs without rules, 'Etc/GMT+5'), so a time of day can be placed without a date.
  bool FixedOffset(int32_t* seconds_east) const;
  /// pg_interpret_timezone_abbrev: the offset (seconds east) an abbreviation ("MSK", any case) had in
  /// this zone in its latest use at or before `utc_micros`, else its first use after; false when the
  /// zone never used it.
  bool AbbrevOffset(std::string_view abbrev, int64_t utc_micros, int32_t* seconds_east) const;

 private:
  struct Impl;
  TimeZone(std::string name, std::unique_ptr<Impl> impl);

  std::string name_;
  std::unique_ptr<Impl> impl_;
};

/// Sets the zone timestamptz I/O, casts and functions use on the calling thread (each session runs on its
/// own thread, as PostgreSQL keeps session_timezone per backend); the default is UTC.
void SetSessionTimeZone(const TimeZone& zone);
/// The calling thread's session zone.
const TimeZone& SessionTimeZone();

/// What DecodeNumericTimeZone made of its input.
enum class NumericZone { kOk, kBadFormat, kOutOfRange };
/// DecodeTimezone (datetime.c): a numeric zone '+hh', '-hhmm', '+hh:mm', '+hh:mm:ss' (ISO sign, hours up to
/// 15) as *seconds_east; kBadFormat when it is not one, kOutOfRange past the limits.
NumericZone DecodeNumericTimeZone(const std::string& text, int32_t* seconds_east);

/// The zone that AT TIME ZONE / timezone(zone, ts) name (timestamptz_zone, timestamp_zone): an input
/// abbreviation ("pst", "CEST") as a fixed offset, else a zone Find knows. Throws 22023 "time zone \"foo\"
/// not recognized".
const TimeZone& ZoneForAtTimeZone(std::string_view name);

}  // namespace lumadb

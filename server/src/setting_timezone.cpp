// The TimeZone setting's check (PostgreSQL's check_timezone, src/backend/commands/variable.c).
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "common/interval.h"
#include "common/time_zone.h"
#include "server/setting_values.h"
#include "text_util.h"

namespace lumadb::server {

namespace {

DbError InvalidTimeZone(const std::string& value) {
  return DbError(sqlstate::kInvalidParameterValue, "invalid value for parameter \"TimeZone\": \"" + value + "\"");
}

// pg_tzset_offset's result, or the "out of range" error check_timezone gives when it fails.
std::string FixedZoneName(int64_t seconds_east, const std::string& value) {
  const TimeZone* zone =
      std::llabs(seconds_east) < 168 * 3600 ? TimeZone::Fixed(static_cast<int32_t>(seconds_east)) : nullptr;
  if (zone == nullptr) throw InvalidTimeZone(value).Detail("UTC timezone offset is out of range.");
  return zone->name();
}

// "INTERVAL '05:30:00'", as SET TIME ZONE INTERVAL '...' arrives: east-positive hours, no days or months.
std::string IntervalZone(std::string_view rest, const std::string& value) {
  rest = Trim(rest);
  if (rest.size() < 2 || rest.front() != '\'' || rest.back() != '\'') throw InvalidTimeZone(value);
  const Interval span = ParseInterval(rest.substr(1, rest.size() - 2), -1);
  if (span.month != 0) throw InvalidTimeZone(value).Detail("Cannot specify months in time zone interval.");
  if (span.day != 0) throw InvalidTimeZone(value).Detail("Cannot specify days in time zone interval.");
  return FixedZoneName(span.time / 1000000, value);
}

}  // namespace

std::string CheckTimeZone(const std::string& value, const std::string& /*current*/) {
  const std::string v(Trim(value));
  if (v.size() >= 8 && EqualsIgnoreCase(v.substr(0, 8), "interval")) return IntervalZone(v.substr(8), value);
  // A bare number is hours east of Greenwich (SQL's sign), truncated to seconds as check_timezone does.
  char* end = nullptr;
  const double hours = std::strtod(v.c_str(), &end);
  if (end != v.c_str() && *end == '\0' && std::isfinite(hours)) {
    return FixedZoneName(-static_cast<int64_t>(-hours * 3600), value);
  }
  if (const TimeZone* zone = TimeZone::Find(v)) return zone->name();
  throw InvalidTimeZone(value);
}

std::string DetectSystemTimeZone() {
  auto known = [](std::string name) -> std::string {
    const TimeZone* zone = name.empty() ? nullptr : TimeZone::Find(name);
    return zone != nullptr ? zone->name() : "";
  };
  if (const char* tz = std::getenv("TZ"); tz != nullptr) {
    if (std::string name = known(tz[0] == ':' ? tz + 1 : tz); !name.empty()) return name;
  }
  std::error_code ec;
  const std::string target = std::filesystem::read_symlink("/etc/localtime", ec).string();
  if (const size_t at = target.find("zoneinfo/"); !ec && at != std::string::npos) {
    if (std::string name = known(target.substr(at + 9)); !name.empty()) return name;
  }
  std::ifstream file("/etc/timezone");
  std::string line;
  if (std::getline(file, line)) {
    if (std::string name = known(std::string(Trim(line))); !name.empty()) return name;
  }
  return "GMT";
}

}  // namespace lumadb::server

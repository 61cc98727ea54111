// TimeZone over cctz (the only TU that sees it), following PostgreSQL's pgtz.c (pg_tzset, pg_tzset_offset,
// the case-insensitive zone file lookup) and datetime.c (DetermineTimeZoneOffset).
#include "common/time_zone.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>

#include "common/datetime.h"
#include "common/error.h"
#include "interval_util.h"
#include "posix_zone.h"
#include "string_util.h"
#include "zone_abbrevs.h"
#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

namespace lumadb {

namespace {

constexpr int64_t kUsecsPerSec = 1000000;
constexpr int64_t kUnixEpochSecs = 946684800;  // 2000-01-01 in Unix seconds
const char* const kZoneDir = "/usr/share/zoneinfo";

cctz::time_point<cctz::seconds> ToTimePoint(int64_t pg_micros) {
  return cctz::time_point<cctz::seconds>(cctz::seconds(FloorDiv(pg_micros, kUsecsPerSec) + kUnixEpochSecs));
}

// The database's spelling of a zone file name matched case-insensitively component by component, as
// pgtz.c's scan_directory_ci; nullopt when there is no such regular file.
std::optional<std::string> CanonicalZoneFile(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos) return std::nullopt;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir(kZoneDir);
  std::string canonical;
  size_t start = 0;
  while (true) {
    const size_t slash = name.find('/', start);
    const std::string part(
        name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (part.empty()) return std::nullopt;
    std::optional<std::string> found;
    if (fs::exists(dir / part, ec)) {
      found = part;
    } else {
      for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
        if (ToLower(e.path().filename().string()) == ToLower(part)) found = e.path().filename().string();
      }
    }
    if (!found) return std::nullopt;
    dir /= *found;
    canonical += (canonical.empty() ? "" : "/") + *found;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (!fs::is_regular_file(dir, ec)) return std::nullopt;
  return canonical;
}

}  // namespace

struct TimeZone::Impl {
  cctz::time_zone zone;
  std::string fixed_abbrev;  // set for fixed zones, whose abbreviation cctz does not know
};

namespace {

struct ZoneCache {
  std::mutex mu;
  std::map<std::string, std::unique_ptr<const TimeZone>, std::less<>> by_name;
};

ZoneCache& Cache() {
  static ZoneCache* cache = new ZoneCache();  // never destroyed: zones outlive every session thread
  return *cache;
}

}  // namespace

TimeZone::TimeZone(std::string name, std::unique_ptr<Impl> impl) : name_(std::move(name)), impl_(std::move(impl)) {}

TimeZone::~TimeZone() = default;

const TimeZone* TimeZone::Find(std::string_view name) {
  ZoneCache& cache = Cache();
  std::lock_guard lock(cache.mu);
  if (auto it = cache.by_name.find(name); it != cache.by_name.end()) return it->second.get();
  std::string key(name);
  auto impl = std::make_unique<Impl>();
  std::string canonical;
  if (std::optional<std::string> file = CanonicalZoneFile(name); file && cctz::load_time_zone(*file, &impl->zone)) {
    canonical = *file;
  } else if (std::optional<PosixZone> posix = ParsePosixZone(name)) {
    impl->zone = cctz::fixed_time_zone(cctz::seconds(posix->offset_east));
    impl->fixed_abbrev = posix->abbrev;
    canonical = ToUpper(name);
  } else {
    return nullptr;
  }
  auto zone = std::unique_ptr<const TimeZone>(new TimeZone(canonical, std::move(impl)));
  const TimeZone* out = zone.get();
  cache.by_name.emplace(std::move(key), std::move(zone));
  return out;
}

const TimeZone* TimeZone::Fixed(int32_t seconds_east) {
  return Find("<" + FormatUtcOffset(seconds_east) + ">" + FormatUtcOffset(-seconds_east));
}

const TimeZone& TimeZone::Utc() {
  // cctz knows UTC without the database, so the default zone works even where tzdata is missing.
  static const TimeZone* utc = [] {
    auto impl = std::make_unique<Impl>();
    impl->zone = cctz::utc_time_zone();
    return new TimeZone("UTC", std::move(impl));
  }();
  return *utc;
}

int32_t TimeZone::OffsetAt(int64_t utc_micros) const {
  return impl_->zone.lookup(ToTimePoint(utc_micros)).offset;
}

bool TimeZone::FixedOffset(int32_t* seconds_east) const {
  cctz::time_zone::civil_transition transition;
  const auto earliest = std::chrono::time_point<std::chrono::system_clock, cctz::seconds>(cctz::seconds(-(1LL << 40)));
  if (impl_->fixed_abbrev.empty() && impl_->zone.next_transition(earliest, &transition)) return false;
  *seconds_east = impl_->zone.lookup(earliest).offset;
  return true;
}

namespace {

// The instant of a cctz transition: its 'to' civil time is unique after a gap, repeated after an overlap.
cctz::time_point<cctz::seconds> TransitionInstant(const cctz::time_zone& zone,
                                                  const cctz::time_zone::civil_transition& t) {
  const cctz::time_zone::civil_lookup cl = zone.lookup(t.to);
  return cl.kind == cctz::time_zone::civil_lookup::UNIQUE ? cl.pre : cl.trans;
}

}  // namespace

bool TimeZone::AbbrevOffset(std::string_view abbrev, int64_t utc_micros, int32_t* seconds_east) const {
  const std::string upper = ToUpper(abbrev);
  const cctz::time_zone& zone = impl_->zone;
  const auto cutoff = ToTimePoint(utc_micros);
  cctz::time_zone::civil_transition t;
  // Backward from the cutoff over the zone types in force after each transition, then forward.
  for (auto tp = cutoff + cctz::seconds(1); zone.prev_transition(tp, &t);) {
    tp = TransitionInstant(zone, t);
    const cctz::time_zone::absolute_lookup al = zone.lookup(tp);
    if (al.abbr == upper) return *seconds_east = al.offset, true;
  }
  // zic stores transitions up to 2037 and a rule for the rest; PostgreSQL searches only the stored ones.
  const auto last_stored = cctz::convert(cctz::civil_second(2038, 1, 1), cctz::utc_time_zone());
  for (auto tp = cutoff; tp < last_stored && zone.next_transition(tp, &t);) {
    tp = TransitionInstant(zone, t);
    const cctz::time_zone::absolute_lookup al = zone.lookup(tp);
    if (al.abbr == upper) return *seconds_east = al.offset, true;
  }
  return false;
}

std::string TimeZone::AbbrevAt(int64_t utc_micros) const {
  if (!impl_->fixed_abbrev.empty()) return impl_->fixed_abbrev;
  return impl_->zone.lookup(ToTimePoint(utc_micros)).abbr;
}

int32_t TimeZone::OffsetForLocal(int64_t local_micros) const {
  const int64_t local_secs = FloorDiv(local_micros, kUsecsPerSec) + kUnixEpochSecs;
  const cctz::civil_second civil =
      cctz::convert(cctz::time_point<cctz::seconds>(cctz::seconds(local_secs)), cctz::utc_time_zone());
  const cctz::time_zone::civil_lookup found = impl_->zone.lookup(civil);
  const auto instant = found.kind == cctz::time_zone::civil_lookup::REPEATED ? found.post : found.pre;
  return static_cast<int32_t>(local_secs - instant.time_since_epoch().count());
}

int64_t TimeZone::LocalToUtc(int64_t local_micros) const {
  return local_micros - OffsetForLocal(local_micros) * kUsecsPerSec;
}

int64_t TimeZone::UtcToLocal(int64_t utc_micros) const {
  return utc_micros + OffsetAt(utc_micros) * kUsecsPerSec;
}

namespace {

thread_local const TimeZone* session_zone = nullptr;

}  // namespace

void SetSessionTimeZone(const TimeZone& zone) {
  session_zone = &zone;
}

const TimeZone& SessionTimeZone() {
  return session_zone != nullptr ? *session_zone : TimeZone::Utc();
}

const TimeZone& ZoneForAtTimeZone(std::string_view name) {
  if (std::optional<int32_t> offset = ZoneAbbrevOffset(ToLower(name))) return *TimeZone::Fixed(*offset);
  if (const TimeZone* zone = ZoneAbbrevDynamic(ToLower(name))) return *zone;
  if (const TimeZone* zone = TimeZone::Find(name)) return *zone;
  throw DbError(sqlstate::kInvalidParameterValue, "time zone \"" + std::string(name) + "\" not recognized");
}

}  // namespace lumadb

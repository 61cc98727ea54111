#include "zone_abbrevs.h"

#include "common/time_zone.h"

namespace lumadb {

namespace {

struct ZoneAbbrev {
  const char* name;
  int32_t offset;  // seconds east of UTC
};

constexpr int32_t kHour = 3600;

// pg_timezone_abbrevs of a PostgreSQL 15 server with timezone_abbreviations = 'Default'. Daylight-saving
// abbreviations are fixed offsets too (PDT is always UTC-7), as there.
constexpr ZoneAbbrev kAbbrevs[] = {
    {"acdt", 10 * kHour + 1800},
    {"acst", 9 * kHour + 1800},
    {"adt", -3 * kHour},
    {"aedt", 11 * kHour},
    {"aest", 10 * kHour},
    {"akdt", -8 * kHour},
    {"akst", -9 * kHour},
    {"ast", -4 * kHour},
    {"awst", 8 * kHour},
    {"bst", 1 * kHour},
    {"cdt", -5 * kHour},
    {"cest", 2 * kHour},
    {"cet", 1 * kHour},
    {"cetdst", 2 * kHour},
    {"cst", -6 * kHour},
    {"eat", 3 * kHour},
    {"edt", -4 * kHour},
    {"eest", 3 * kHour},
    {"eet", 2 * kHour},
    {"eetdst", 3 * kHour},
    {"est", -5 * kHour},
    {"gmt", 0},
    {"hkt", 8 * kHour},
    {"hst", -10 * kHour},
    {"ist", 2 * kHour},
    {"jst", 9 * kHour},
    {"kst", 9 * kHour},
    {"mdt", -6 * kHour},
    {"mest", 2 * kHour},
    {"mesz", 2 * kHour},
    {"met", 1 * kHour},
    {"metdst", 2 * kHour},
    {"mez", 1 * kHour},
    {"mst", -7 * kHour},
    {"ndt", -2 * kHour - 1800},
    {"nst", -3 * kHour - 1800},
    {"nzdt", 13 * kHour},
    {"nzst", 12 * kHour},
    {"pdt", -7 * kHour},
    {"pkt", 5 * kHour},
    {"pst", -8 * kHour},
    {"sast", 2 * kHour},
    {"uct", 0},
    {"ut", 0},
    {"utc", 0},
    {"wat", 1 * kHour},
    {"west", 1 * kHour},
    {"wet", 0},
    {"wetdst", 1 * kHour},
    {"z", 0},
    {"zulu", 0},
};

// The Default set's dynamic abbreviations: their meaning is looked up in a zone on the date given.
struct DynamicAbbrev {
  const char* name;
  const char* zone;
};
constexpr DynamicAbbrev kDynamicAbbrevs[] = {
    {"amst", "Asia/Yerevan"},
    {"anast", "Asia/Anadyr"},
    {"anat", "Asia/Anadyr"},
    {"arst", "America/Argentina/Buenos_Aires"},
    {"art", "America/Argentina/Buenos_Aires"},
    {"azst", "Asia/Baku"},
    {"azt", "Asia/Baku"},
    {"ckt", "Pacific/Rarotonga"},
    {"clt", "America/Santiago"},
    {"davt", "Antarctica/Davis"},
    {"easst", "Pacific/Easter"},
    {"east", "Pacific/Easter"},
    {"fkst", "Atlantic/Stanley"},
    {"fkt", "Atlantic/Stanley"},
    {"gest", "Asia/Tbilisi"},
    {"get", "Asia/Tbilisi"},
    {"gyt", "America/Guyana"},
    {"iot", "Indian/Chagos"},
    {"irkst", "Asia/Irkutsk"},
    {"irkt", "Asia/Irkutsk"},
    {"kgt", "Asia/Bishkek"},
    {"kost", "Pacific/Kosrae"},
    {"krast", "Asia/Krasnoyarsk"},
    {"krat", "Asia/Krasnoyarsk"},
    {"lhdt", "Australia/Lord_Howe"},
    {"lint", "Pacific/Kiritimati"},
    {"lkt", "Asia/Colombo"},
    {"magst", "Asia/Magadan"},
    {"magt", "Asia/Magadan"},
    {"mawt", "Antarctica/Mawson"},
    {"msk", "Europe/Moscow"},
    {"novst", "Asia/Novosibirsk"},
    {"novt", "Asia/Novosibirsk"},
    {"nut", "Pacific/Niue"},
    {"omsst", "Asia/Omsk"},
    {"omst", "Asia/Omsk"},
    {"petst", "Asia/Kamchatka"},
    {"pett", "Asia/Kamchatka"},
    {"pyt", "America/Asuncion"},
    {"sgt", "Asia/Singapore"},
    {"tkt", "Pacific/Fakaofo"},
    {"tmt", "Asia/Ashgabat"},
    {"ulat", "Asia/Ulaanbaatar"},
    {"vet", "America/Caracas"},
    {"vlast", "Asia/Vladivostok"},
    {"vlat", "Asia/Vladivostok"},
    {"volt", "Europe/Volgograd"},
    {"yakst", "Asia/Yakutsk"},
    {"yakt", "Asia/Yakutsk"},
    {"yekt", "Asia/Yekaterinburg"},
};

}  // namespace

std::optional<int32_t> ZoneAbbrevOffset(std::string_view lower) {
  for (const ZoneAbbrev& z : kAbbrevs) {
    if (lower == z.name) return z.offset;
  }
  return std::nullopt;
}

const TimeZone* ZoneAbbrevDynamic(std::string_view lower) {
  for (const DynamicAbbrev& d : kDynamicAbbrevs) {
    if (lower == d.name) return TimeZone::Find(d.zone);
  }
  return nullptr;
}

}  // namespace lumadb

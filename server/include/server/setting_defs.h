#pragma once
// The table of configuration parameters LumaDB knows (PostgreSQL's guc_tables.c ConfigureNames*): each
// parameter's canonical name, type, who may change it, boot value, unit, range, allowed values and the
// description SHOW ALL prints. Names and defaults are PostgreSQL 15's.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/sqlstate.h"

namespace lumadb::server {

enum class SettingType { kBool, kInt, kString, kEnum };

/// When a parameter may change (GucContext): kInternal never; kPostmaster only at server start
/// (config file, -c); kSighup at start and by a reload of lumadb.conf (SIGHUP, pg_reload_conf()), never by
/// SET; kBackend also in the startup packet; kSuperuser any time, but SET only by a superuser; kUser any
/// time (SET).
enum class SettingContext { kInternal, kPostmaster, kSighup, kBackend, kSuperuser, kUser };

/// The base unit of an integer parameter (GUC_UNIT_*): values are stored in it.
enum class SettingUnit { kNone, kKb, kMb, kBlocks, kMs, kS };

/// Validates and canonicalises a string parameter's value (a GUC check hook). `current` is the value
/// in force (DateStyle keeps the parts not mentioned). Throws 22023 in PostgreSQL's wording.
using StringCheck = std::string (*)(const std::string& value, const std::string& current);

/// One parameter's definition.
struct SettingDef {
  std::string_view name;  // canonical spelling, as SHOW ALL and ParameterStatus print it ("DateStyle")
  SettingType type;
  SettingContext context;
  std::string_view boot_value;  // canonical form (ints in base units)
  std::string_view description;
  SettingUnit unit = SettingUnit::kNone;
  int64_t min = 0;  // kInt only
  int64_t max = 0;
  std::vector<std::string_view> enum_values = {};  // kEnum only, canonical lower case
  StringCheck check = nullptr;                     // kString only
  bool report = false;                             // GUC_REPORT: ParameterStatus at startup and on change
  bool list_input = false;                         // GUC_LIST_INPUT: SET a, b joins the items with ", "
  bool list_quote = false;                         // GUC_LIST_QUOTE: items are quoted as identifiers
  bool show_all = true;                            // false for GUC_NO_SHOW_ALL
  bool octal = false;                              // kInt shown as 0777 (show_unix_socket_permissions)
};

/// Every parameter, in a fixed order.
const std::vector<SettingDef>& AllSettingDefs();

/// The index of a parameter in AllSettingDefs(), matched case-insensitively (guc_name_compare); -1 if unknown.
int FindSetting(std::string_view name);

}  // namespace lumadb::server

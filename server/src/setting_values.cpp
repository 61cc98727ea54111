#include "server/setting_values.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <span>

#include "common/error.h"
#include "common/reg_names.h"
#include "text_util.h"

namespace lumadb::server {

namespace {

struct UnitScale {
  std::string_view name;
  double factor;  // how many base units one of this unit is
};

// Memory units in kB (guc.c memory_unit_conversion_table), largest first.
constexpr UnitScale kMemoryUnits[] = {
    {"TB", 1024.0 * 1024 * 1024}, {"GB", 1024.0 * 1024}, {"MB", 1024.0}, {"kB", 1.0}, {"B", 1.0 / 1024}};
// Time units in ms (time_unit_conversion_table), largest first.
constexpr UnitScale kTimeUnits[] = {{"d", 86400000.0}, {"h", 3600000.0}, {"min", 60000.0},
                                    {"s", 1000.0},     {"ms", 1.0},      {"us", 0.001}};

DbError InvalidValue(const std::string& name, const std::string& value) {
  return DbError(sqlstate::kInvalidParameterValue, "invalid value for parameter \"" + name + "\": \"" + value + "\"");
}

std::string_view BaseUnitName(SettingUnit unit) {
  switch (unit) {
    case SettingUnit::kKb:
      return "kB";
    case SettingUnit::kMb:
      return "MB";
    case SettingUnit::kBlocks:
      return "8kB";
    case SettingUnit::kMs:
      return "ms";
    case SettingUnit::kS:
      return "s";
    case SettingUnit::kNone:
      break;
  }
  return "";
}

bool IsMemoryUnit(SettingUnit unit) {
  return unit == SettingUnit::kKb || unit == SettingUnit::kMb || unit == SettingUnit::kBlocks;
}

// The units a value of this parameter may be written in (none for a unitless one).
std::span<const UnitScale> UnitTable(SettingUnit unit) {
  if (IsMemoryUnit(unit)) return kMemoryUnits;
  if (unit == SettingUnit::kMs || unit == SettingUnit::kS) return kTimeUnits;
  return {};
}

// How many kB (memory) or ms (time) one base unit is, so both tables above serve every base unit.
double BaseUnitScale(SettingUnit unit) {
  switch (unit) {
    case SettingUnit::kMb:
      return 1024.0;
    case SettingUnit::kBlocks:
      return 8.0;
    case SettingUnit::kS:
      return 1000.0;
    default:
      return 1.0;
  }
}

std::string ParseBool(const std::string& name, const std::string& text) {
  std::string v = ToLower(Trim(text));
  auto prefix_of = [&v](std::string_view word, size_t min_len) {
    return v.size() >= min_len && v.size() <= word.size() && word.substr(0, v.size()) == v;
  };
  if (prefix_of("true", 1) || prefix_of("yes", 1) || prefix_of("on", 2) || v == "1") return "on";
  if (prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || v == "0") return "off";
  throw DbError(sqlstate::kInvalidParameterValue, "parameter \"" + name + "\" requires a Boolean value");
}

// parse_int: a number (fractions are rounded), optionally followed by a unit.
std::string ParseInt(const SettingDef& def, const std::string& name, const std::string& text) {
  std::string t(Trim(text));
  const char* begin = t.c_str();
  char* end = nullptr;
  // strtol with base 0 first, as parse_int, so 0777 is octal and 0x1F hex; a fraction or exponent then
  // means a floating-point value.
  double value = static_cast<double>(std::strtoll(begin, &end, 0));
  if (end == begin || *end == '.' || *end == 'e' || *end == 'E') value = std::strtod(begin, &end);
  if (end == begin || std::isnan(value)) throw InvalidValue(name, text);
  std::string_view unit = Trim(std::string_view(end));
  if (!unit.empty()) {
    bool memory = IsMemoryUnit(def.unit);
    bool time = def.unit == SettingUnit::kMs || def.unit == SettingUnit::kS;
    bool found = false;
    for (const UnitScale& u : UnitTable(def.unit)) {
      if (u.name == unit) value *= u.factor / BaseUnitScale(def.unit), found = true;
    }
    if (!found) {
      DbError e = InvalidValue(name, text);
      if (memory) e.Hint("Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".");
      if (time) {
        e.Hint("Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
      }
      throw e;
    }
  }
  value = std::rint(value);
  if (value < static_cast<double>(def.min) || value > static_cast<double>(def.max)) {
    std::string unit_name(BaseUnitName(def.unit));
    std::string shown = std::to_string(static_cast<int64_t>(value)) + (unit_name.empty() ? "" : " " + unit_name);
    if (value > 1e18 || value < -1e18) throw InvalidValue(name, text);
    throw DbError(sqlstate::kInvalidParameterValue, shown + " is outside the valid range for parameter \"" + name +
                                                        "\" (" + std::to_string(def.min) + " .. " +
                                                        std::to_string(def.max) + ")");
  }
  return std::to_string(static_cast<int64_t>(value));
}

std::string ParseEnum(const SettingDef& def, const std::string& name, const std::string& text) {
  std::string v = ToLower(Trim(text));
  for (std::string_view allowed : def.enum_values) {
    if (allowed == v) return std::string(allowed);
  }
  std::string hint = "Available values: ";
  for (size_t i = 0; i < def.enum_values.size(); ++i) {
    hint += std::string(i ? ", " : "") + std::string(def.enum_values[i]);
  }
  throw InvalidValue(name, text).Hint(hint + ".");
}

}  // namespace

std::vector<std::string> SplitIdentifierList(const std::string& value) {
  std::vector<std::string> items;
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (std::isspace(static_cast<unsigned char>(value[i])) || value[i] == ',')) ++i;
    if (i >= value.size()) break;
    std::string item;
    if (value[i] == '"') {
      for (++i; i < value.size(); ++i) {
        if (value[i] == '"' && i + 1 < value.size() && value[i + 1] == '"') {
          item += '"';
          ++i;
        } else if (value[i] == '"') {
          ++i;
          break;
        } else {
          item += value[i];
        }
      }
    } else {
      while (i < value.size() && value[i] != ',' && !std::isspace(static_cast<unsigned char>(value[i]))) {
        item += static_cast<char>(std::tolower(static_cast<unsigned char>(value[i++])));
      }
    }
    items.push_back(item);
  }
  return items;
}

std::string ParseSettingValue(const SettingDef& def, const std::string& given_name,
                              const std::vector<std::string>& items, const std::string& current) {
  if (items.size() != 1 && !def.list_input) {
    throw DbError(sqlstate::kInvalidParameterValue, "SET " + given_name + " takes only one argument");
  }
  switch (def.type) {
    case SettingType::kBool:
      return ParseBool(given_name, items[0]);
    case SettingType::kInt:
      return ParseInt(def, given_name, items[0]);
    case SettingType::kEnum:
      return ParseEnum(def, given_name, items[0]);
    case SettingType::kString:
      break;
  }
  std::string joined;
  for (size_t i = 0; i < items.size(); ++i) {
    joined += (i ? ", " : "") + (def.list_quote ? QuoteIdentifier(items[i]) : items[i]);
  }
  return def.check ? def.check(joined, current) : joined;
}

std::string FormatSettingValue(const SettingDef& def, const std::string& canonical) {
  if (def.octal) {
    char shown[16];
    std::snprintf(shown, sizeof(shown), "%04llo",
                  static_cast<unsigned long long>(std::strtoll(canonical.c_str(), nullptr, 10)));
    return shown;
  }
  if (def.type != SettingType::kInt || def.unit == SettingUnit::kNone) return canonical;
  int64_t value = std::strtoll(canonical.c_str(), nullptr, 10);
  if (value <= 0) return canonical;
  // In kB or ms, the largest unit that divides the value exactly is at least the base unit.
  int64_t scaled = value * static_cast<int64_t>(BaseUnitScale(def.unit));
  for (const UnitScale& u : UnitTable(def.unit)) {
    auto f = static_cast<int64_t>(u.factor);
    if (f >= 1 && scaled % f == 0) return std::to_string(scaled / f) + std::string(u.name);
  }
  return canonical;
}

std::string CheckSslMinProtocolVersion(const std::string& value, const std::string&) {
  for (std::string_view version : {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"}) {
    if (ToLower(Trim(value)) == ToLower(version)) return std::string(version);
  }
  throw InvalidValue("ssl_min_protocol_version", value).Hint("Available values: TLSv1, TLSv1.1, TLSv1.2, TLSv1.3.");
}

std::string CheckSynchronousCommit(const std::string& value, const std::string&) {
  // synchronous_commit_options: the five shown values plus hidden Boolean spellings (guc_tables.c).
  static constexpr std::pair<std::string_view, std::string_view> kValues[] = {{"local", "local"},
                                                                              {"remote_write", "remote_write"},
                                                                              {"remote_apply", "remote_apply"},
                                                                              {"on", "on"},
                                                                              {"off", "off"},
                                                                              {"true", "on"},
                                                                              {"false", "off"},
                                                                              {"yes", "on"},
                                                                              {"no", "off"},
                                                                              {"1", "on"},
                                                                              {"0", "off"}};
  std::string v = ToLower(Trim(value));
  for (const auto& [word, canonical] : kValues) {
    if (v == word) return std::string(canonical);
  }
  throw InvalidValue("synchronous_commit", value).Hint("Available values: local, remote_write, remote_apply, on, off.");
}

std::string CheckDateStyle(const std::string& value, const std::string& current) {
  std::string style = current.substr(0, current.find(','));
  std::string order = current.size() > style.size() + 2 ? current.substr(style.size() + 2) : "MDY";
  bool order_given = false;
  for (const std::string& word : SplitIdentifierList(value)) {
    std::string w = ToLower(word);
    if (w == "iso") {
      style = "ISO";
    } else if (w == "sql") {
      style = "SQL";
    } else if (w == "postgres") {
      style = "Postgres";
    } else if (w == "german") {
      style = "German";
      if (!order_given) order = "DMY";
    } else if (w == "ymd") {
      order = "YMD", order_given = true;
    } else if (w == "dmy" || w == "euro" || w == "european") {
      order = "DMY", order_given = true;
    } else if (w == "mdy" || w == "us" || w == "noneuro" || w == "noneuropean") {
      order = "MDY", order_given = true;
    } else if (w != "default") {
      throw InvalidValue("DateStyle", value).Detail("Unrecognized key word: \"" + word + "\".");
    }
  }
  return style + ", " + order;
}

std::string CheckClientEncoding(const std::string& value, const std::string& /*current*/) {
  std::string v;
  for (char c : ToLower(Trim(value))) {
    if (c != '-' && c != '_') v += c;
  }
  if (v == "utf8" || v == "unicode") return "UTF8";
  static const char* const kOthers[] = {"sqlascii", "latin1", "latin2", "latin9", "win1252", "win1251", "euc_jp",
                                        "eucjp",    "sjis",   "big5",   "gbk",    "koi8r",   "iso88591"};
  for (const char* other : kOthers) {
    if (v == other) {
      std::string upper;
      for (char c : std::string(Trim(value))) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      throw DbError(sqlstate::kFeatureNotSupported, "conversion between " + upper + " and UTF8 is not supported");
    }
  }
  throw InvalidValue("client_encoding", value);
}

std::string CheckApplicationName(const std::string& value, const std::string& /*current*/) {
  std::string out;
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    out += (u < 32 || u > 126) ? '?' : c;
  }
  if (out.size() > 63) out.resize(63);
  return out;
}

namespace {

// parse_real and the range check of a real GUC whose range is 0 .. DBL_MAX.
std::string CheckRealCost(const char* name, const std::string& value) {
  std::string t(Trim(value));
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (t.empty() || *end != '\0' || std::isnan(v) || std::isinf(v)) throw InvalidValue(name, value);
  char buf[64];
  if (v < 0) {
    std::snprintf(buf, sizeof buf, "%g", v);
    throw DbError(sqlstate::kInvalidParameterValue,
                  std::string(buf) + " is outside the valid range for parameter \"" + name + "\" (0 .. 1.79769e+308)");
  }
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::string CheckParallelSetupCost(const std::string& value, const std::string&) {
  return CheckRealCost("parallel_setup_cost", value);
}

std::string CheckParallelTupleCost(const std::string& value, const std::string&) {
  return CheckRealCost("parallel_tuple_cost", value);
}

}  // namespace lumadb::server

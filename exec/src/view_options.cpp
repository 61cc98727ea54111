// View options: reloptions.c's parsing and validation for views (see view_options.h).
#include "view_options.h"

#include <algorithm>
#include <cctype>

#include "common/error.h"
#include "parser/parser.h"
#include "planner/view_rewrite.h"

namespace lumadb::exec {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

/// parse_bool's spellings (and unique prefixes of them, as PostgreSQL accepts).
bool IsBool(const std::string& value) {
  static const char* const kWords[] = {"true", "false", "yes", "no", "on", "off", "1", "0"};
  const std::string v = Lower(value);
  if (v.empty()) return false;
  for (const char* w : kWords) {
    if (v != "o" && std::string_view(w).starts_with(v)) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> ViewRelOptions(const std::vector<std::pair<std::string, std::string>>& options) {
  std::vector<std::string> items;
  std::vector<std::string> seen;
  for (const auto& [name, value] : options) {
    if (name == "check_option") {
      const std::string v = Lower(value);
      if (v != "local" && v != "cascaded") {
        throw DbError(sqlstate::kInvalidParameterValue, "invalid value for enum option \"check_option\": " + value)
            .Detail("Valid values are \"local\" and \"cascaded\".");
      }
    } else if (name == "security_barrier" || name == "security_invoker") {
      if (!IsBool(value)) {
        throw DbError(sqlstate::kInvalidParameterValue, "invalid value for boolean option \"" + name + "\": " + value);
      }
    } else {
      throw DbError(sqlstate::kInvalidParameterValue, "unrecognized parameter \"" + name + "\"");
    }
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      throw DbError(sqlstate::kInvalidParameterValue, "parameter \"" + name + "\" specified more than once");
    }
    seen.push_back(name);
    items.push_back(name + "=" + value);
  }
  return items;
}

std::vector<std::pair<std::string, std::string>> ParseViewOptions(const std::vector<std::string>& items) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& item : items) {
    const size_t eq = item.find('=');
    out.emplace_back(item.substr(0, eq), eq == std::string::npos ? "true" : item.substr(eq + 1));
  }
  return out;
}

void CheckViewOptionsFit(const std::string& view_query, const std::vector<std::string>& view_options) {
  if (std::none_of(view_options.begin(), view_options.end(),
                   [](const std::string& item) { return item.starts_with("check_option="); })) {
    return;
  }
  auto parsed = parser::Parse(view_query);
  if (const char* reason = planner::ViewNotUpdatableReason(parsed.at(0)->As<ast::SelectStmt>())) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  "WITH CHECK OPTION is supported only on automatically updatable views")
        .Hint(reason);
  }
}

}  // namespace lumadb::exec

// Resolution of calls to user-defined functions (parse_func.c func_get_detail, func_match_argtypes and
// func_select_candidate, simplified to exact matches then preferred types) and the shape of a function's
// parameters and body.
#include <algorithm>
#include <cctype>

#include "planner/sql_functions.h"
#include "planner/type_rules.h"

namespace lumadb::planner {
namespace {

bool IsPreferred(TypeId t) {
  return t == TypeId::kFloat8 || t == TypeId::kText || t == TypeId::kTimestampTz;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.back())) || s.back() == ';')) s.remove_suffix(1);
  return std::string(s);
}

bool IsInput(char mode) {
  return mode == 'i' || mode == 'b' || mode == 'v';
}

}  // namespace

FunctionList FunctionCandidates(const FunctionList& all, const std::vector<std::string>& names,
                                const std::vector<std::string>& search_path) {
  FunctionList out;
  const std::string& name = names.back();
  for (const auto& f : all) {
    if (f->name != name) continue;
    const bool visible = names.size() >= 2
                             ? f->schema == names[names.size() - 2]
                             : std::find(search_path.begin(), search_path.end(), f->schema) != search_path.end();
    if (visible) out.push_back(f);
  }
  return out;
}

UserFunctionMatch ResolveUserFunction(const FunctionList& candidates, const std::vector<TypeId>& arg_types) {
  UserFunctionMatch best;
  std::pair<int, int> best_score{-1, -1};
  for (const auto& f : candidates) {
    const size_t nargs = f->arg_types.size();
    if (arg_types.size() > nargs || arg_types.size() + f->arg_defaults.size() < nargs) continue;
    std::pair<int, int> score{0, 0};
    bool ok = true;
    for (size_t i = 0; i < arg_types.size() && ok; ++i) {
      const TypeId want = f->arg_types[i];
      if (arg_types[i] == want) {
        ++score.first;
      } else if (arg_types[i] == TypeId::kUnknown) {
        score.second += IsPreferred(want) ? 1 : 0;
      } else {
        ok = CanCoerceImplicitly(arg_types[i], want);
        score.second += ok && IsPreferred(want) ? 1 : 0;
      }
    }
    if (!ok) continue;
    if (score > best_score) {
      best = {f, false};
      best_score = score;
    } else if (score == best_score) {
      best.ambiguous = true;
    }
  }
  return best;
}

std::string FunctionBodyText(const catalog::FunctionInfo& f) {
  if (f.sql_body.empty()) return f.src;
  std::string_view body = f.sql_body;
  const std::string lower = Lower(body);
  if (lower.starts_with("return")) return "SELECT " + Trim(body.substr(6));
  // BEGIN ATOMIC stmt; ... END
  size_t start = lower.find("atomic");
  size_t end = lower.rfind("end");
  if (start == std::string::npos || end == std::string::npos || end < start) return std::string(body);
  return Trim(body.substr(start + 6, end - start - 6));
}

std::vector<std::pair<std::string, TypeId>> InputParameters(const catalog::FunctionInfo& f) {
  std::vector<std::pair<std::string, TypeId>> out;
  if (f.arg_modes.empty()) {
    for (size_t i = 0; i < f.arg_types.size(); ++i) {
      out.emplace_back(i < f.arg_names.size() ? f.arg_names[i] : "", f.arg_types[i]);
    }
    return out;
  }
  for (size_t i = 0; i < f.arg_modes.size(); ++i) {
    if (!IsInput(f.arg_modes[i])) continue;
    out.emplace_back(i < f.arg_names.size() ? f.arg_names[i] : "", f.all_arg_types[i]);
  }
  return out;
}

std::vector<std::pair<std::string, TypeId>> OutputParameters(const catalog::FunctionInfo& f) {
  std::vector<std::pair<std::string, TypeId>> out;
  for (size_t i = 0; i < f.arg_modes.size(); ++i) {
    const char m = f.arg_modes[i];
    if (m != 'o' && m != 'b' && m != 't') continue;
    std::string name = i < f.arg_names.size() ? f.arg_names[i] : "";
    if (name.empty()) name = "column" + std::to_string(out.size() + 1);
    out.emplace_back(name, f.all_arg_types[i]);
  }
  return out;
}

std::string FunctionSignatureText(const std::string& name, const std::vector<TypeId>& arg_types) {
  std::string out = name + "(";
  for (size_t i = 0; i < arg_types.size(); ++i) out += (i ? ", " : "") + FormatType(TypeDesc{arg_types[i], -1});
  return out + ")";
}

}  // namespace lumadb::planner

// The pg_proc describing functions (ruleutils.c pg_get_function_arguments / _identity_arguments / _result,
// pg_get_functiondef; namespace.c FunctionIsVisible): built-in OIDs answered from the registry, user
// functions through FunctionEnv::describe_function (exec, over the catalog).
#include "builtins.h"
#include "common/value_io.h"
#include "planner/sql_functions.h"

namespace lumadb::planner {
namespace {

using T = TypeId;

std::string TypeText(T t) {
  if (t == static_cast<T>(2249)) return "record";
  if (t == static_cast<T>(2276)) return "\"any\"";
  if (t == static_cast<T>(2283)) return "anyelement";
  return FormatType(TypeDesc{t, -1});
}

std::string Arguments(const catalog::FunctionInfo& f, bool identity) {
  std::string out;
  const bool modes = !f.arg_modes.empty();
  const size_t n = modes ? f.arg_modes.size() : f.arg_types.size();
  const size_t inputs = f.arg_types.size();
  size_t input_index = 0;
  for (size_t i = 0; i < n; ++i) {
    const char mode = modes ? f.arg_modes[i] : 'i';
    if (mode == 't') continue;
    const T type = modes ? f.all_arg_types[i] : f.arg_types[i];
    std::string item = mode == 'o' ? "OUT " : mode == 'b' ? "INOUT " : mode == 'v' ? "VARIADIC " : "";
    if (i < f.arg_names.size() && !f.arg_names[i].empty()) item += QuoteIdent(f.arg_names[i]) + " ";
    item += TypeText(type);
    if (mode != 'o') {
      const size_t first_default = inputs - f.arg_defaults.size();
      if (!identity && input_index >= first_default) item += " DEFAULT " + f.arg_defaults[input_index - first_default];
      ++input_index;
    }
    out += (out.empty() ? "" : ", ") + item;
  }
  return out;
}

std::string Result(const catalog::FunctionInfo& f, const std::string& relation_name) {
  if (f.kind == 'p') return "";
  std::string columns;
  for (size_t i = 0; i < f.arg_modes.size(); ++i) {
    if (f.arg_modes[i] != 't') continue;
    columns += (columns.empty() ? "" : ", ") + QuoteIdent(f.arg_names[i]) + " " + TypeText(f.all_arg_types[i]);
  }
  if (!columns.empty()) return "TABLE(" + columns + ")";
  const std::string type = f.return_relation != 0 ? relation_name : TypeText(f.return_type);
  return f.returns_set ? "SETOF " + type : type;
}

std::string DollarQuote(const std::string& body) {
  std::string tag = "$function$";
  while (body.find(tag) != std::string::npos) tag.insert(1, "x");
  return tag + body + tag;
}

std::string Definition(const catalog::FunctionInfo& f, const std::string& relation_name) {
  std::string out = std::string("CREATE OR REPLACE ") + (f.kind == 'p' ? "PROCEDURE " : "FUNCTION ") +
                    QuoteIdent(f.schema) + "." + QuoteIdent(f.name) + "(" + Arguments(f, false) + ")\n";
  if (f.kind != 'p') out += " RETURNS " + Result(f, relation_name) + "\n";
  out += std::string(" LANGUAGE ") + (f.language == 14 ? "sql" : "internal") + "\n";
  std::string options;
  if (f.volatility == 'i') options += " IMMUTABLE";
  if (f.volatility == 's') options += " STABLE";
  if (f.parallel == 's') options += " PARALLEL SAFE";
  if (f.parallel == 'r') options += " PARALLEL RESTRICTED";
  if (f.strict) options += " STRICT";
  if (f.security_definer) options += " SECURITY DEFINER";
  if (f.leakproof) options += " LEAKPROOF";
  if (f.cost != (f.language == 14 ? 100 : 1)) options += " COST " + FormatValue(Value::Float4(f.cost));
  if (f.rows > 0 && f.rows != 1000) options += " ROWS " + FormatValue(Value::Float4(f.rows));
  if (!options.empty()) out += options + "\n";
  for (const std::string& setting : f.config) {
    const size_t eq = setting.find('=');
    out += " SET " + setting.substr(0, eq) + " TO " + QuoteLiteral(setting.substr(eq + 1)) + "\n";
  }
  out += f.sql_body.empty() ? "AS " + DollarQuote(f.src) + "\n" : f.sql_body + "\n";
  return out;
}

}  // namespace

std::string DescribeFunction(std::string_view what, const catalog::FunctionInfo& f, const std::string& relation_name) {
  if (what == "arguments") return Arguments(f, false);
  if (what == "identity") return Arguments(f, true);
  if (what == "result") return Result(f, relation_name);
  return Definition(f, relation_name);
}

namespace {

Value Describe(std::string_view what, const std::vector<Value>& a, const FunctionEnv& env) {
  const Oid oid = static_cast<Oid>(a[0].GetInt());
  if (auto builtin = BuiltinFunctionInfo(oid)) {
    if (what == "visible") return Value::Bool(true);
    return Value::String(DescribeFunction(what, *builtin, ""));
  }
  std::optional<std::string> text = env.describe_function ? env.describe_function(what, oid) : std::nullopt;
  if (!text) return what == "visible" ? Value::Null(T::kBool) : Value::Null(T::kText);
  return what == "visible" ? Value::Bool(*text == "t") : Value::String(*text);
}

Value GetArguments(const std::vector<Value>& a, const FunctionEnv& env) {
  return Describe("arguments", a, env);
}
Value GetIdentityArguments(const std::vector<Value>& a, const FunctionEnv& env) {
  return Describe("identity", a, env);
}
Value GetResult(const std::vector<Value>& a, const FunctionEnv& env) {
  return Describe("result", a, env);
}
Value GetFunctionDef(const std::vector<Value>& a, const FunctionEnv& env) {
  return Describe("definition", a, env);
}
Value FunctionIsVisible(const std::vector<Value>& a, const FunctionEnv& env) {
  return Describe("visible", a, env);
}

}  // namespace

void AddFunctionInfoBuiltins(std::vector<ScalarFunction>& out) {
  // Stable, not immutable: the answer follows the catalog, so calls are never folded at bind time.
  std::vector<ScalarFunction> fns = {
      {"pg_get_function_arguments", {T::kOid}, T::kText, GetArguments, true, false, true},
      {"pg_get_function_identity_arguments", {T::kOid}, T::kText, GetIdentityArguments, true, false, true},
      {"pg_get_function_result", {T::kOid}, T::kText, GetResult, true, false, true},
      {"pg_get_functiondef", {T::kOid}, T::kText, GetFunctionDef, true, false, true},
      {"pg_function_is_visible", {T::kOid}, T::kBool, FunctionIsVisible, true, false, true},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner

#include "function_rows.h"

#include <sstream>

#include "catalog_rows.h"
#include "common/array.h"
#include "common/error.h"
#include "system_catalogs.h"

namespace lumadb::catalog {
namespace {

Value Letter(char c) {
  return Value::String(std::string(1, c), TypeId::kBpchar);
}

Oid OidOf(const Value& v) {
  return static_cast<Oid>(v.GetInt());
}

Value OidArray(const std::vector<TypeId>& types) {
  std::vector<Value> items;
  for (TypeId t : types) items.push_back(Value::Oid(static_cast<Oid>(t)));
  return MakeArray(TypeId::kOid, std::move(items));
}

std::vector<TypeId> TypesOf(const Value& v) {
  std::vector<TypeId> out;
  if (v.is_null()) return out;
  for (const Value& item : v.GetArray().items) out.push_back(static_cast<TypeId>(item.GetInt()));
  return out;
}

std::vector<std::string> StringsOf(const Value& v) {
  return AclOfValue(v).value_or(std::vector<std::string>{});
}

// Splits proargdefaults' text at top-level ", " boundaries: the defaults were joined by the writer, and each
// is an expression whose own commas sit inside parentheses, brackets or quotes.
std::vector<std::string> SplitDefaults(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      --depth;
    } else if (c == ',' && depth == 0) {
      out.push_back(current);
      current.clear();
      if (i + 1 < text.size() && text[i + 1] == ' ') ++i;
      continue;
    }
    current += c;
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

}  // namespace

Row ProcRow(const FunctionInfo& f) {
  Row r(col::kProColumnCount);
  r[col::kProOid] = Value::Oid(f.oid);
  r[col::kProName] = Value::String(f.name, TypeId::kName);
  r[col::kProNamespace] = Value::Oid(f.namespace_oid);
  r[col::kProOwner] = Value::Oid(f.owner);
  r[col::kProLang] = Value::Oid(f.language);
  r[col::kProCost] = Value::Float4(f.cost);
  r[col::kProRows] = Value::Float4(f.rows);
  r[col::kProVariadic] = Value::Oid(f.variadic);
  r[col::kProSupport] = Value::Oid(0);
  r[col::kProKind] = Letter(f.kind);
  r[col::kProSecDef] = Value::Bool(f.security_definer);
  r[col::kProLeakproof] = Value::Bool(f.leakproof);
  r[col::kProIsStrict] = Value::Bool(f.strict);
  r[col::kProRetSet] = Value::Bool(f.returns_set);
  r[col::kProVolatile] = Letter(f.volatility);
  r[col::kProParallel] = Letter(f.parallel);
  r[col::kProNargs] = Value::Int2(static_cast<int16_t>(f.arg_types.size()));
  r[col::kProNargDefaults] = Value::Int2(static_cast<int16_t>(f.arg_defaults.size()));
  r[col::kProRetType] = Value::Oid(f.return_relation != 0 ? 0 : static_cast<Oid>(f.return_type));
  std::string argtypes;
  for (TypeId t : f.arg_types) argtypes += (argtypes.empty() ? "" : " ") + std::to_string(static_cast<Oid>(t));
  r[col::kProArgTypes] = Value::String(argtypes);
  r[col::kProAllArgTypes] = f.arg_modes.empty() ? Value::Null(array_type::kOid) : OidArray(f.all_arg_types);
  std::vector<std::string> modes;
  for (char m : f.arg_modes) modes.emplace_back(1, m);
  r[col::kProArgModes] = AclValue(f.arg_modes.empty() ? std::nullopt : std::optional(modes));
  r[col::kProArgNames] = AclValue(f.arg_names.empty() ? std::nullopt : std::optional(f.arg_names));
  std::string defaults;
  for (const std::string& d : f.arg_defaults) defaults += (defaults.empty() ? "" : ", ") + d;
  r[col::kProArgDefaults] = f.arg_defaults.empty() ? Value::Null(TypeId::kText) : Value::String(defaults);
  r[col::kProTrfTypes] = Value::Null(array_type::kOid);
  r[col::kProSrc] = Value::String(f.src);
  // probin carries the relation of a RETURNS SETOF table (no row types yet); PostgreSQL leaves it NULL for SQL.
  r[col::kProBin] =
      f.return_relation != 0 ? Value::String(std::to_string(f.return_relation)) : Value::Null(TypeId::kText);
  r[col::kProSqlBody] = f.sql_body.empty() ? Value::Null(TypeId::kText) : Value::String(f.sql_body);
  r[col::kProConfig] = AclValue(f.config.empty() ? std::nullopt : std::optional(f.config));
  r[col::kProAcl] = AclValue(f.acl);
  return r;
}

FunctionInfo FunctionFromRow(const Row& r) {
  if (r.size() != static_cast<size_t>(col::kProColumnCount)) {
    throw DbError(SqlState{"XX001"}, "malformed pg_proc tuple");
  }
  FunctionInfo f;
  f.oid = OidOf(r[col::kProOid]);
  f.name = r[col::kProName].GetString();
  f.namespace_oid = OidOf(r[col::kProNamespace]);
  f.owner = OidOf(r[col::kProOwner]);
  f.language = OidOf(r[col::kProLang]);
  f.cost = static_cast<float>(r[col::kProCost].GetFloat());
  f.rows = static_cast<float>(r[col::kProRows].GetFloat());
  f.variadic = OidOf(r[col::kProVariadic]);
  f.kind = CharOf(r[col::kProKind]);
  f.security_definer = r[col::kProSecDef].GetBool();
  f.leakproof = r[col::kProLeakproof].GetBool();
  f.strict = r[col::kProIsStrict].GetBool();
  f.returns_set = r[col::kProRetSet].GetBool();
  f.volatility = CharOf(r[col::kProVolatile]);
  f.parallel = CharOf(r[col::kProParallel]);
  f.return_type = static_cast<TypeId>(OidOf(r[col::kProRetType]));
  std::istringstream argtypes(r[col::kProArgTypes].GetString());
  for (Oid t = 0; argtypes >> t;) f.arg_types.push_back(static_cast<TypeId>(t));
  f.all_arg_types = TypesOf(r[col::kProAllArgTypes]);
  for (const std::string& m : StringsOf(r[col::kProArgModes])) f.arg_modes += m.empty() ? 'i' : m[0];
  f.arg_names = StringsOf(r[col::kProArgNames]);
  if (!r[col::kProArgDefaults].is_null()) f.arg_defaults = SplitDefaults(r[col::kProArgDefaults].GetString());
  f.src = r[col::kProSrc].GetString();
  if (!r[col::kProBin].is_null()) f.return_relation = static_cast<Oid>(std::stoul(r[col::kProBin].GetString()));
  if (!r[col::kProSqlBody].is_null()) f.sql_body = r[col::kProSqlBody].GetString();
  f.config = StringsOf(r[col::kProConfig]);
  f.acl = AclOfValue(r[col::kProAcl]);
  return f;
}

}  // namespace lumadb::catalog

// Session and system information functions (PostgreSQL 15 docs §9.26) and the builtin table itself.
#include <cstdlib>

#include "builtins.h"
#include "common/array.h"
#include "common/error.h"
#include "common/time_zone.h"
#include "common/value_io.h"

namespace lumadb::planner {

namespace {

using T = TypeId;
constexpr int64_t kMicrosPerDay = 86400LL * 1000000;

Value Now(const std::vector<Value>&, const FunctionEnv& env) {
  return Value::Timestamp(env.transaction_start_us, T::kTimestampTz);
}
Value StatementTimestamp(const std::vector<Value>&, const FunctionEnv& env) {
  return Value::Timestamp(env.statement_start_us, T::kTimestampTz);
}
// The day of now() in the session's TimeZone.
Value CurrentDate(const std::vector<Value>&, const FunctionEnv& env) {
  int64_t us = SessionTimeZone().UtcToLocal(env.transaction_start_us);
  int64_t days = us / kMicrosPerDay - (us % kMicrosPerDay < 0 ? 1 : 0);
  return Value::Date(days);
}
Value Version(const std::vector<Value>&, const FunctionEnv&) {
  return Value::String(kVersionString);
}
Value CurrentDatabase(const std::vector<Value>&, const FunctionEnv& env) {
  return Value::String(env.database, T::kName);
}
std::vector<std::string> Schemas(const FunctionEnv& env, bool implicit) {
  return env.schemas ? env.schemas(implicit) : std::vector<std::string>{};
}
Value CurrentSchema(const std::vector<Value>&, const FunctionEnv& env) {
  std::vector<std::string> schemas = Schemas(env, false);
  if (schemas.empty()) return Value::Null(T::kName);
  return Value::String(schemas.front(), T::kName);
}
// current_schemas(include_implicit) as name[].
Value CurrentSchemas(const std::vector<Value>& a, const FunctionEnv& env) {
  std::vector<Value> items;
  for (std::string& schema : Schemas(env, a[0].GetBool())) items.push_back(Value::String(std::move(schema), T::kName));
  return MakeArray(T::kName, std::move(items));
}

Value CurrentUser(const std::vector<Value>&, const FunctionEnv& env) {
  return Value::String(env.user, T::kName);
}
Value SessionUser(const std::vector<Value>&, const FunctionEnv& env) {
  return Value::String(env.session_user.empty() ? env.user : env.session_user, T::kName);
}

Value AskPrivilege(std::string_view function, const std::vector<Value>& a, const FunctionEnv& env) {
  if (!env.privileges) {
    throw DbError(sqlstate::kFeatureNotSupported, std::string(function) + " needs a session");
  }
  std::optional<bool> answer = env.privileges->Check(function, a);
  return answer ? Value::Bool(*answer) : Value::Null(T::kBool);
}
Value HasTablePrivilege(const std::vector<Value>& a, const FunctionEnv& env) {
  return AskPrivilege("has_table_privilege", a, env);
}
Value HasSequencePrivilege(const std::vector<Value>& a, const FunctionEnv& env) {
  return AskPrivilege("has_sequence_privilege", a, env);
}
Value HasColumnPrivilege(const std::vector<Value>& a, const FunctionEnv& env) {
  return AskPrivilege("has_column_privilege", a, env);
}
Value HasSchemaPrivilege(const std::vector<Value>& a, const FunctionEnv& env) {
  return AskPrivilege("has_schema_privilege", a, env);
}
Value HasDatabasePrivilege(const std::vector<Value>& a, const FunctionEnv& env) {
  return AskPrivilege("has_database_privilege", a, env);
}
Value PgHasRole(const std::vector<Value>& a, const FunctionEnv& env) {
  return AskPrivilege("pg_has_role", a, env);
}

// The overloads of one inquiry function (pg_proc.dat): [role,] object, privilege, with the role and the
// object each given by name (text) or OID; has_column_privilege's column by name or attnum.
void AddPrivilegeOverloads(std::vector<ScalarFunction>& out, const char* name, ScalarImpl impl, bool column) {
  for (TypeId object : {T::kText, T::kOid}) {
    for (TypeId col : {T::kText, T::kInt2}) {
      std::vector<TypeId> args{object};
      if (column) args.push_back(col);
      args.push_back(T::kText);
      out.push_back({name, args, T::kBool, impl, true, false, true});
      for (TypeId role : {T::kText, T::kOid}) {
        std::vector<TypeId> with_role{role};
        with_role.insert(with_role.end(), args.begin(), args.end());
        out.push_back({name, with_role, T::kBool, impl, true, false, true});
      }
      if (!column) break;
    }
  }
}

Value CurrentSetting(const std::vector<Value>& a, const FunctionEnv& env) {
  return Value::String(env.get_setting(a[0].GetString()));
}

// pg_reload_conf(): as in PostgreSQL, true once the reload is requested; bad files are only logged.
Value PgReloadConf(const std::vector<Value>&, const FunctionEnv& env) {
  if (!env.reload_config) throw DbError(sqlstate::kFeatureNotSupported, "pg_reload_conf() needs a running server");
  return Value::Bool(env.reload_config());
}

// concat(VARIADIC "any"): the output text of every non-NULL argument.
Value Concat(const std::vector<Value>& a, const FunctionEnv&) {
  std::string out;
  for (const auto& v : a) {
    if (!v.is_null()) out += FormatValue(v);
  }
  return Value::String(out);
}

// pg_get_expr(adbin, relid [, pretty]): the catalog keeps expressions (pg_attrdef.adbin, pg_constraint.conbin)
// as their deparsed SQL text rather than node trees, so the text is already what PostgreSQL would print.
Value PgGetExpr(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::String(a[0].GetString());
}

}  // namespace

void AddSessionBuiltins(std::vector<ScalarFunction>& out) {
  std::vector<ScalarFunction> fns = {
      {"now", {}, T::kTimestampTz, Now},
      {"transaction_timestamp", {}, T::kTimestampTz, Now},
      {"statement_timestamp", {}, T::kTimestampTz, StatementTimestamp},
      {"current_date", {}, T::kDate, CurrentDate},
      {"version", {}, T::kText, Version},
      {"current_database", {}, T::kName, CurrentDatabase},
      {"current_schema", {}, T::kName, CurrentSchema},
      {"current_schemas", {T::kBool}, array_type::kName, CurrentSchemas},
      {"current_user", {}, T::kName, CurrentUser},
      {"session_user", {}, T::kName, SessionUser},
      {"user", {}, T::kName, CurrentUser},
      {"current_setting", {T::kText}, T::kText, CurrentSetting},
      {"pg_reload_conf", {}, T::kBool, PgReloadConf, true, false, true},
      {"concat", {T::kInvalid}, T::kText, Concat, false, true},
      {"pg_get_expr", {T::kText, T::kOid}, T::kText, PgGetExpr},
      {"pg_get_expr", {T::kText, T::kOid, T::kBool}, T::kText, PgGetExpr},
  };
  out.insert(out.end(), fns.begin(), fns.end());
  AddPrivilegeOverloads(out, "has_table_privilege", HasTablePrivilege, false);
  AddPrivilegeOverloads(out, "has_sequence_privilege", HasSequencePrivilege, false);
  AddPrivilegeOverloads(out, "has_column_privilege", HasColumnPrivilege, true);
  AddPrivilegeOverloads(out, "has_schema_privilege", HasSchemaPrivilege, false);
  AddPrivilegeOverloads(out, "has_database_privilege", HasDatabasePrivilege, false);
  AddPrivilegeOverloads(out, "pg_has_role", PgHasRole, false);
}

const std::vector<ScalarFunction>& BuiltinFunctions() {
  static const std::vector<ScalarFunction> kAll = [] {
    std::vector<ScalarFunction> all;
    AddStringBuiltins(all);
    AddRegexBuiltins(all);
    AddMathBuiltins(all);
    AddSessionBuiltins(all);
    AddAdminBuiltins(all);
    AddSequenceBuiltins(all);
    AddDateTimeBuiltins(all);
    AddTimeZoneBuiltins(all);
    AddArrayBuiltins(all);
    AddJsonBuiltins(all);
    AddFormattingBuiltins(all);
    AddFloatBuiltins(all);
    AddNumericBuiltins(all);
    AddMoreStringBuiltins(all);
    AddFormatBuiltins(all);
    AddMoreDateTimeBuiltins(all);
    AddOverlapsBuiltins(all);
    AddSimilarBuiltins(all);
    AddFunctionInfoBuiltins(all);
    AddCatalogBuiltins(all);
    return all;
  }();
  return kAll;
}

}  // namespace lumadb::planner

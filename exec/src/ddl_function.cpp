#include "ddl_function.h"

#include "ddl.h"
#include "ddl_function_lookup.h"
#include "permissions.h"
#include "planner/binder.h"
#include "planner/sql_functions.h"

namespace lumadb::exec {
namespace {

constexpr TypeId kRecordType = static_cast<TypeId>(2249);

char ParallelLetter(const std::string& p) {
  if (p == "safe") return 's';
  if (p == "restricted") return 'r';
  if (p == "unsafe" || p.empty()) return 'u';
  throw DbError(sqlstate::kInvalidParameterValue, "parameter \"parallel\" must be SAFE, RESTRICTED, or UNSAFE");
}

// The parameters as pg_proc keeps them (interpret_function_parameter_list).
void FillParameters(const ast::CreateFunctionStmt& stmt, std::string_view query_text, catalog::FunctionInfo& f) {
  bool any_named = false, any_mode = false, seen_default = false;
  for (const auto& p : stmt.params) {
    const TypeId type = planner::ResolveTypeName(p.type, query_text).id;
    f.all_arg_types.push_back(type);
    f.arg_modes += p.mode;
    f.arg_names.push_back(p.name);
    any_named = any_named || !p.name.empty();
    any_mode = any_mode || p.mode != 'i';
    if (p.mode == 'o' || p.mode == 't') continue;
    f.arg_types.push_back(type);
    if (p.mode == 'v') f.variadic = static_cast<Oid>(ElementTypeOf(type));
    if (!p.default_text.empty()) {
      seen_default = true;
      f.arg_defaults.push_back(p.default_text);
    } else if (seen_default) {
      throw DbError(SqlState{"42P13"}, "input parameters after one with a default value must also have defaults");
    }
  }
  if (!any_named) f.arg_names.clear();
  if (!any_mode) {
    f.all_arg_types.clear();
    f.arg_modes.clear();
  }
}

// The declared result (compute_return_type): RETURNS type, a table's row, TABLE (...) or OUT parameters.
void FillResult(const ast::CreateFunctionStmt& stmt, std::string_view query_text, SessionContext& ctx,
                catalog::FunctionInfo& f) {
  const auto outs = planner::OutputParameters(f);
  TypeId from_outs = outs.empty() ? TypeId::kVoid : outs.size() == 1 ? outs[0].second : kRecordType;
  if (!stmt.returns) {
    if (outs.empty() && !stmt.is_procedure) {
      throw DbError(SqlState{"42P13"}, "function result type must be specified");
    }
    f.return_type = from_outs;
    return;
  }
  const ast::TypeName& t = *stmt.returns;
  if (t.names.back() == "record" && !t.array) {
    f.return_type = kRecordType;
    return;
  }
  try {
    f.return_type = planner::ResolveTypeName(t, query_text).id;
  } catch (const DbError&) {
    auto table =
        ctx.catalog.LookupTable(ctx.txn, t.names.size() > 1 ? t.names[0] : "", t.names.back(), ctx.search_path);
    if (!table || t.array) throw;
    f.return_relation = table->oid;
    f.return_type = kRecordType;
  }
  if (!outs.empty() && f.return_type != from_outs) {
    throw DbError(SqlState{"42P13"},
                  "function result type must be " + FormatType(TypeDesc{from_outs, -1}) + " because of OUT parameters");
  }
}

// format_procedure's form in the HINT: the types separated by commas alone.
std::string DropSignature(const catalog::FunctionInfo& f) {
  std::string out = f.name + "(";
  for (size_t i = 0; i < f.arg_types.size(); ++i) out += (i ? "," : "") + FormatType(TypeDesc{f.arg_types[i], -1});
  return out + ")";
}

catalog::FunctionInfo Definition(const ast::CreateFunctionStmt& stmt, std::string_view query_text,
                                 SessionContext& ctx) {
  if (stmt.language.empty()) throw DbError(SqlState{"42P13"}, "no language specified");
  if (stmt.language != "sql") {
    const bool known = stmt.language == "plpgsql" || stmt.language == "c" || stmt.language == "internal";
    throw DbError(known ? sqlstate::kFeatureNotSupported : sqlstate::kUndefinedObject,
                  known ? "language \"" + stmt.language + "\" is not supported"
                        : "language \"" + stmt.language + "\" does not exist");
  }
  catalog::FunctionInfo f;
  f.name = stmt.name.name;
  f.schema = stmt.name.schema.empty() ? CreationSchema(ctx) : stmt.name.schema;
  auto ns = ctx.catalog.LookupNamespace(ctx.txn, f.schema);
  if (!ns) throw DbError(sqlstate::kInvalidSchemaName, "schema \"" + f.schema + "\" does not exist");
  CheckSchemaPrivilege(ctx, *ns, catalog::kAclCreate);
  f.namespace_oid = *ns;
  f.owner = ctx.user_oid;
  f.kind = stmt.is_procedure ? 'p' : 'f';
  FillParameters(stmt, query_text, f);
  FillResult(stmt, query_text, ctx, f);
  f.returns_set = stmt.returns_set;
  f.volatility = stmt.volatility ? stmt.volatility : 'v';
  f.strict = stmt.strict.value_or(false);
  f.security_definer = stmt.security_definer.value_or(false);
  f.leakproof = stmt.leakproof.value_or(false);
  f.parallel = ParallelLetter(stmt.parallel);
  f.cost = static_cast<float>(stmt.cost.value_or(100));
  f.rows = static_cast<float>(stmt.rows.value_or(f.returns_set ? 1000 : 0));
  f.config = stmt.set_options;
  if (stmt.body && !stmt.sql_body.empty()) {
    throw DbError(sqlstate::kSyntaxError, "duplicate function body specified");
  }
  if (!stmt.body && stmt.sql_body.empty()) throw DbError(SqlState{"42P13"}, "no function body specified");
  f.src = stmt.body.value_or("");
  f.sql_body = stmt.sql_body;
  return f;
}

}  // namespace

std::string ExecuteCreateFunction(const ast::CreateFunctionStmt& stmt, std::string_view query_text,
                                  SessionContext& ctx) {
  catalog::FunctionInfo f = Definition(stmt, query_text, ctx);
  const std::string tag = stmt.is_procedure ? "CREATE PROCEDURE" : "CREATE FUNCTION";
  auto existing = FindExactFunction(ctx, f.namespace_oid, f.name, f.arg_types);
  if (existing && !stmt.or_replace) {
    throw DbError(SqlState{"42723"}, "function \"" + f.name + "\" already exists with same argument types");
  }
  if (existing) {
    if (existing->return_type != f.return_type || existing->returns_set != f.returns_set ||
        existing->return_relation != f.return_relation) {
      throw DbError(SqlState{"42P13"}, "cannot change return type of existing function")
          .Hint("Use DROP FUNCTION " + DropSignature(f) + " first.");
    }
    f.oid = existing->oid;
    f.owner = existing->owner;
    f.acl = existing->acl;
    ctx.catalog.ReplaceFunction(ctx.txn, f);
  } else {
    f.oid = ctx.catalog.CreateFunction(ctx.txn, f);
  }
  // check_function_bodies: the body binds against the catalog as it now is, the function included (so a
  // recursive body resolves); an error aborts the statement and with it the new row.
  planner::Binder binder(ctx.catalog, ctx.txn, ctx.search_path, query_text);
  try {
    binder.BindFunctionBody(f, false);
  } catch (DbError& e) {
    if (e.position() > 0) e.Position(BodyPosition(stmt, query_text, e.position()));
    throw;
  }
  return tag;
}

}  // namespace lumadb::exec

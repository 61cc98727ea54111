// DROP FUNCTION and ALTER FUNCTION (functioncmds.c RemoveFunction via RemoveObjects, AlterFunction,
// alter.c ExecRenameStmt / ExecAlterOwnerStmt / ExecAlterObjectSchemaStmt for functions).
#include "ddl_function.h"
#include "ddl_function_lookup.h"
#include "planner/sql_functions.h"

namespace lumadb::exec {
namespace {

// 42501 unless the current user owns f (pg_proc_ownercheck; superusers own everything).
void CheckOwner(SessionContext& ctx, const catalog::FunctionInfo& f) {
  auto role = ctx.cluster.LookupRole(ctx.txn, ctx.user);
  if (role && (role->superuser || role->oid == f.owner)) return;
  throw DbError(sqlstate::kInsufficientPrivilege, "must be owner of function " + f.name);
}

void ApplyOptions(const ast::CreateFunctionStmt& o, catalog::FunctionInfo& f) {
  if (o.volatility) f.volatility = o.volatility;
  if (o.strict) f.strict = *o.strict;
  if (o.security_definer) f.security_definer = *o.security_definer;
  if (o.leakproof) f.leakproof = *o.leakproof;
  if (!o.parallel.empty()) f.parallel = o.parallel[0];
  if (o.cost) f.cost = static_cast<float>(*o.cost);
  if (o.rows) f.rows = static_cast<float>(*o.rows);
  for (const auto& s : o.set_options) f.config.push_back(s);
}

}  // namespace

std::string ExecuteDropFunction(const ast::DropFunctionStmt& stmt, std::string_view query_text, SessionContext& ctx,
                                ResultSink& sink) {
  const std::string tag = stmt.kind == "procedure" ? "DROP PROCEDURE"
                          : stmt.kind == "routine" ? "DROP ROUTINE"
                                                   : "DROP FUNCTION";
  for (const auto& sig : stmt.functions) {
    auto f = LookupFunction(ctx, sig, query_text, stmt.if_exists);
    if (!f) {
      sink.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion,
                  stmt.kind + " " + SignatureNotice(sig, query_text) + " does not exist, skipping");
      continue;
    }
    CheckOwner(ctx, *f);
    ctx.catalog.DropFunction(ctx.txn, f->oid);
  }
  return tag;
}

std::string ExecuteAlterFunction(const ast::AlterFunctionStmt& stmt, std::string_view query_text, SessionContext& ctx) {
  auto found = LookupFunction(ctx, stmt.function, query_text, false);
  CheckOwner(ctx, *found);
  catalog::FunctionInfo f = *found;
  if (!stmt.new_name.empty() || !stmt.new_schema.empty()) {
    if (!stmt.new_name.empty()) f.name = stmt.new_name;
    if (!stmt.new_schema.empty()) {
      auto ns = ctx.catalog.LookupNamespace(ctx.txn, stmt.new_schema);
      if (!ns) throw DbError(sqlstate::kInvalidSchemaName, "schema \"" + stmt.new_schema + "\" does not exist");
      f.namespace_oid = *ns;
      f.schema = stmt.new_schema;
    }
    if (FindExactFunction(ctx, f.namespace_oid, f.name, f.arg_types)) {
      throw DbError(SqlState{"42723"}, "function " + planner::FunctionSignatureText(f.name, f.arg_types) +
                                           " already exists in schema \"" + f.schema + "\"");
    }
  } else if (!stmt.new_owner.empty()) {
    auto role = ctx.cluster.LookupRole(ctx.txn, stmt.new_owner);
    if (!role) throw DbError(sqlstate::kUndefinedObject, "role \"" + stmt.new_owner + "\" does not exist");
    f.owner = role->oid;
  } else {
    ApplyOptions(stmt.options, f);
  }
  ctx.catalog.ReplaceFunction(ctx.txn, f);
  return "ALTER FUNCTION";
}

}  // namespace lumadb::exec

#pragma once
// User-defined SQL functions as the binder sees them (PostgreSQL's parse_func.c func_get_detail /
// func_select_candidate for resolution, functions.c for the body's text and result shape). The binding
// itself is Binder::BindFunctionBody & co (bind_sql_function.cpp).

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "common/types.h"

namespace lumadb::planner {

using FunctionList = std::vector<std::shared_ptr<const catalog::FunctionInfo>>;

/// The functions of `all` a call of `names` (name, or schema.name) may mean: in the named schema, else in
/// the schemas of search_path (pg_temp ones excluded, as PostgreSQL never searches them for functions).
FunctionList FunctionCandidates(const FunctionList& all, const std::vector<std::string>& names,
                                const std::vector<std::string>& search_path);

/// The outcome of matching a call against candidates: the function, or none, or several equally good.
struct UserFunctionMatch {
  std::shared_ptr<const catalog::FunctionInfo> function;
  bool ambiguous = false;
};

/// Chooses among candidates for arguments of `arg_types` (kUnknown for untyped literals): a candidate takes
/// every given argument (missing trailing ones need defaults) by exact type, untyped literal or implicit
/// cast; the most exact matches win, then the most preferred-type matches (float8, text, timestamptz) for
/// the untyped ones; a tie is `ambiguous` (42725 for the caller).
UserFunctionMatch ResolveUserFunction(const FunctionList& candidates, const std::vector<TypeId>& arg_types);

/// The SQL text the body executes: prosrc, or prosqlbody's statements (RETURN e as SELECT e; BEGIN ATOMIC
/// ... END as its statements).
std::string FunctionBodyText(const catalog::FunctionInfo& f);

/// The function's input parameters' (name, type), in order (IN, INOUT and VARIADIC ones).
std::vector<std::pair<std::string, TypeId>> InputParameters(const catalog::FunctionInfo& f);

/// The result columns of a function with OUT / INOUT / TABLE parameters, in order; empty for one that
/// returns a single value (or a table's row: return_relation).
std::vector<std::pair<std::string, TypeId>> OutputParameters(const catalog::FunctionInfo& f);

/// True while CREATE FUNCTION validates a body (Binder::BindFunctionBody without for_call): calls of user
/// functions in it are then typed but their bodies are not bound, so a recursive function validates.
bool ValidatingFunctionBody();

/// "f(integer, text)": the function as error messages and regprocedure show it.
std::string FunctionSignatureText(const std::string& name, const std::vector<TypeId>& arg_types);

/// ruleutils.c's text of f for `what`: "arguments" (pg_get_function_arguments), "identity"
/// (pg_get_function_identity_arguments), "result" (pg_get_function_result) or else pg_get_functiondef's
/// CREATE OR REPLACE statement. relation_name: the table a RETURNS SETOF table function returns.
std::string DescribeFunction(std::string_view what, const catalog::FunctionInfo& f, const std::string& relation_name);

/// The built-in function with pg_proc OID `oid` (the registry's n-th entry is 10000 + n), or nullopt.
std::optional<catalog::FunctionInfo> BuiltinFunctionInfo(Oid oid);

}  // namespace lumadb::planner

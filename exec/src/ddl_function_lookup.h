#pragma once
// Finding the function a DDL statement names (PostgreSQL's LookupFuncWithArgs) and mapping error positions
// inside a function body back to the CREATE statement (function_parse_error_transpose).

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "exec/statement_executor.h"
#include "parser/ast_functions.h"

namespace lumadb::exec {

/// The function of namespace `ns` named `name` with exactly these input argument types, or null.
std::shared_ptr<const catalog::FunctionInfo> FindExactFunction(SessionContext& ctx, Oid ns, const std::string& name,
                                                               const std::vector<TypeId>& arg_types);

/// The function `sig` names (LookupFuncWithArgs): with an argument list the exact match, without one the only
/// function of that name. Null when absent and `missing_ok`; else 42883 "function f(integer) does not exist"
/// / "could not find a function named \"f\"", and 42725 "function name \"f\" is not unique" (always).
std::shared_ptr<const catalog::FunctionInfo> LookupFunction(SessionContext& ctx, const ast::FunctionSignature& sig,
                                                            std::string_view query_text, bool missing_ok);

/// The shown text of a signature in NOTICEs: f(integer) / f().
std::string SignatureNotice(const ast::FunctionSignature& sig, std::string_view query_text);

/// FunctionEnv::describe_function over the catalog: pg_get_function_arguments & co of user function `oid`,
/// "t"/"f" for what = "visible" (its schema is on the search path); nullopt when there is no such function.
std::optional<std::string> DescribeUserFunction(SessionContext& ctx, std::string_view what, Oid oid);

/// Position `pos` (1-based character, inside the body text the binder saw) as a position in query_text.
int32_t BodyPosition(const ast::CreateFunctionStmt& stmt, std::string_view query_text, int32_t pos);

}  // namespace lumadb::exec

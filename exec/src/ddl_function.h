#pragma once
// CREATE [OR REPLACE] FUNCTION, DROP FUNCTION and ALTER FUNCTION (PostgreSQL's functioncmds.c
// CreateFunction / RemoveFunction / AlterFunction and pg_proc.c ProcedureCreate) for LANGUAGE sql.

#include <string>
#include <string_view>

#include "exec/statement_executor.h"
#include "parser/ast_functions.h"

namespace lumadb::exec {

/// CREATE [OR REPLACE] FUNCTION: 42723 "function \"f\" already exists with same argument types", 42P13 for a
/// bad definition or a body whose result does not fit (check_sql_fn_retval), 0A000 for other languages,
/// the body's own errors (42P01, 42703, 42883 ...). Returns "CREATE FUNCTION" / "CREATE PROCEDURE".
std::string ExecuteCreateFunction(const ast::CreateFunctionStmt& stmt, std::string_view query_text,
                                  SessionContext& ctx);

/// DROP FUNCTION [IF EXISTS] f[(types)], ...: 42883 "function f(integer) does not exist" / "could not find a
/// function named \"f\"", 42725 "function name \"f\" is not unique"; NOTICEs with IF EXISTS.
std::string ExecuteDropFunction(const ast::DropFunctionStmt& stmt, std::string_view query_text, SessionContext& ctx,
                                ResultSink& sink);

/// ALTER FUNCTION f[(types)] RENAME TO / OWNER TO / SET SCHEMA / options.
std::string ExecuteAlterFunction(const ast::AlterFunctionStmt& stmt, std::string_view query_text, SessionContext& ctx);

}  // namespace lumadb::exec

#pragma once
// DDL statements run directly against the catalog (PostgreSQL's utility commands: tablecmds.c,
// schemacmds.c, dbcommands.c). Each returns the command tag.

#include <string>
#include <string_view>

#include "exec/statement_executor.h"

namespace lumadb::exec {

/// CREATE TABLE [IF NOT EXISTS]: 42P07, 42701, 42704, 42804 (default of the wrong type), 42P16, 22023.
std::string ExecuteCreateTable(const ast::CreateTableStmt& stmt, std::string_view query_text, SessionContext& ctx,
                               ResultSink& sink);
/// DROP TABLE|SCHEMA|DATABASE [IF EXISTS] ...: 42P01 / 3F000 / 3D000, or a NOTICE with IF EXISTS.
std::string ExecuteDrop(const ast::DropStmt& stmt, SessionContext& ctx, ResultSink& sink);
/// TRUNCATE a, b: 42P01 for a missing table.
std::string ExecuteTruncate(const ast::TruncateStmt& stmt, SessionContext& ctx);
/// CREATE SCHEMA [IF NOT EXISTS]: 42P06, or a NOTICE with IF NOT EXISTS.
std::string ExecuteCreateSchema(const ast::CreateSchemaStmt& stmt, SessionContext& ctx, ResultSink& sink);
/// CREATE DATABASE: 42P04.
std::string ExecuteCreateDatabase(const ast::CreateDatabaseStmt& stmt, SessionContext& ctx);

/// The schema an unqualified CREATE goes into: the first search_path entry that exists ("$user" is the
/// session user), or empty when none does.
std::string CreationSchema(SessionContext& ctx);

}  // namespace lumadb::exec

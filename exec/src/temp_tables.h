#pragma once
// Temporary tables (PostgreSQL's namespace.c temp namespaces, tablecmds.c ON COMMIT): each session
// creates them in its own schema pg_temp_<id>, searched before the search path; they are dropped when the
// session ends, and any left by a crash when the server starts.

#include <memory>
#include <string>
#include <vector>

#include "exec/statement_executor.h"
#include "parser/ast_views.h"

namespace lumadb::exec {

/// The schema a TEMP relation goes into: the session's pg_temp_<id>, created on first use. `given` is the
/// schema the statement named (empty, or pg_temp); any other is 42P16 "cannot create temporary relation
/// in non-temporary schema".
std::string TempSchemaForCreate(SessionContext& ctx, const std::string& given);

/// Records a new temporary table's ON COMMIT action for the session.
void RegisterTempTable(SessionContext& ctx, const catalog::TableInfo& table, ast::OnCommitAction on_commit);

}  // namespace lumadb::exec

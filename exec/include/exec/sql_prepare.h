#pragma once
// What EXECUTE and DECLARE CURSOR need from exec besides PreparedStatement and Portal (commands/prepare.c
// EvaluateParams, portalcmds.c PerformCursorOpen).

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "exec/cursor.h"
#include "exec/portal.h"

namespace lumadb::exec {

/// EXECUTE's argument list evaluated into the parameter values of `statement` (prepare.c
/// EvaluateParams): each expression is bound without columns, coerced to its parameter's type with
/// assignment rules, and evaluated. query_text is the EXECUTE's text (error positions). Throws 42601
/// "wrong number of parameters for prepared statement \"name\"" (DETAIL "Expected 2 parameters but got
/// 1."), 42804 "parameter $1 of type T cannot be coerced to the expected type U" (HINT "You will need
/// to rewrite or cast the expression."), and what binding and evaluating throw (22P02, 42703, ...).
std::vector<Value> EvaluateParams(const PreparedStatement& statement, std::string_view name,
                                  const std::vector<ast::ExprPtr>& args, std::string_view query_text,
                                  SessionContext& ctx);

/// EXPLAIN [ANALYZE] EXECUTE name(args) (explain.c ExplainExecuteQuery): the prepared statement's plan, run
/// with `params` under ANALYZE, as rows of one column "QUERY PLAN". Throws 25006 for ANALYZE of a write in
/// a read-only transaction, 0A000 for a statement without a plan.
std::string ExplainPrepared(const ast::ExplainStmt& stmt, const PreparedStatement& prepared,
                            const std::vector<Value>& params, SessionContext& ctx, ResultSink& sink);

/// The type of EXPLAIN's "QUERY PLAN" column (explain.c ExplainResultDesc): json for FORMAT JSON, else text.
TypeDesc ExplainResultType(const ast::ExplainStmt& stmt);

/// A cursor's rows read from a portal, one Run at a time. ctx is copied: it must refer to the
/// transaction the cursor lives in for as long as rows are read (a WITH HOLD cursor is materialized
/// before its transaction commits).
std::unique_ptr<RowSource> MakePortalRowSource(std::unique_ptr<Portal> portal, const SessionContext& ctx);

}  // namespace lumadb::exec

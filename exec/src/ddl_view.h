#pragma once
// Views, CREATE TABLE AS / SELECT INTO and materialized views (PostgreSQL's view.c, createas.c, matview.c).

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "exec/statement_executor.h"
#include "parser/ast_views.h"
#include "planner/plan.h"

namespace lumadb::exec {

/// CREATE [OR REPLACE] [RECURSIVE] VIEW (view.c DefineView): binds the query now (its errors; privileges
/// on what it reads are checked for the owner when the view is used), stores its text, options
/// (view_options.h) and the relations it reads. 42P07, 42809 `"t" is not a view`, 42P16 for a replacement
/// that drops, renames or retypes columns, 42701, 42601, 22023 for a bad option, 0A000 for CHECK OPTION on
/// a view that is not automatically updatable.
std::string ExecuteCreateView(const ast::CreateViewStmt& stmt, std::string_view query_text, SessionContext& ctx);

/// ALTER VIEW's SET (options), RESET (options) and ALTER [COLUMN] c SET/DROP DEFAULT (AlterViewStmt; PostgreSQL's
/// AlterTableStmt on a view): 42P01 (a NOTICE with IF EXISTS), 42809 `"t" is not a view`, 42501 for a non-owner, 42703,
/// the option errors of ViewRelOptions, 0A000 from CheckViewOptionsFit. Tag "ALTER VIEW".
std::string ExecuteAlterView(const ast::AlterViewStmt& stmt, SessionContext& ctx, ResultSink& sink);

/// CREATE TABLE ... AS, SELECT ... INTO and CREATE MATERIALIZED VIEW (createas.c): a table of the query's
/// columns, filled with its rows unless WITH NO DATA. Tag `SELECT n` (PostgreSQL's), or "CREATE TABLE AS" /
/// "CREATE MATERIALIZED VIEW" without data or when IF NOT EXISTS skips it (NOTICE).
std::string ExecuteCreateTableAs(const ast::CreateTableAsStmt& stmt, std::string_view query_text, SessionContext& ctx,
                                 ResultSink& sink);

/// REFRESH MATERIALIZED VIEW (matview.c ExecRefreshMatView): empties it and runs its query again. 42P01,
/// 42809 `"t" is not a materialized view`.
std::string ExecuteRefreshMatView(const ast::RefreshMatViewStmt& stmt, SessionContext& ctx);

/// Binds a query of a DDL statement and checks the caller's privileges on it (unless !check_permissions);
/// adds every relation it reads to *uses (when given).
planner::PlanPtr BindQueryForDdl(const ast::SelectStmt& query, std::string_view query_text, SessionContext& ctx,
                                 std::vector<Oid>* uses, bool check_permissions = true);

/// The output columns of a view or CREATE TABLE AS query, named by `names` where given (42601 `too_many`
/// when there are more names than columns), unknown-typed literals as text (as PostgreSQL 15 resolves
/// them), 42701 for a name given twice.
std::vector<catalog::ColumnInfo> QueryColumns(const planner::PlanNode& plan, const std::vector<std::string>& names,
                                              const char* too_many);

/// DROP TABLE / VIEW / MATERIALIZED VIEW of a relation of another kind: 42809 `"v" is not a table` HINT
/// `Use DROP VIEW to remove a view.` (dropcmds.c DropErrorMsgWrongType).
void CheckDropKind(const catalog::TableInfo& table, ast::ObjectType wanted);

/// The views (and materialized views) that read `dropped` or such views, transitively, in drop order;
/// their names ("view v") are appended to *notices. Without cascade, 2BP01 "cannot drop table t because
/// other objects depend on it" DETAIL "view v depends on table t" when there is one.
std::vector<std::shared_ptr<const catalog::TableInfo>> DependentViews(
    const std::vector<std::shared_ptr<const catalog::TableInfo>>& dropped, bool cascade, SessionContext& ctx,
    std::vector<std::string>* notices);

}  // namespace lumadb::exec

#pragma once
// AST of WITH clauses, SELECT ... INTO, CREATE VIEW, CREATE TABLE AS and materialized views
// (PostgreSQL's WithClause, CommonTableExpr, IntoClause, ViewStmt, CreateTableAsStmt, RefreshMatViewStmt).

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parser/ast.h"

namespace lumadb::ast {

/// SEARCH {DEPTH | BREADTH} FIRST BY col, ... SET seq_col after a recursive WITH query (gram.y
/// opt_search_clause, PostgreSQL's CTESearchClause).
struct CteSearchClause {
  std::vector<std::string> columns;
  bool breadth_first = false;
  std::string sequence_column;
  int32_t location = -1;
};

/// CYCLE col, ... SET mark_col [TO value DEFAULT default] USING path_col (gram.y opt_cycle_clause,
/// CTECycleClause); without TO/DEFAULT the mark is true/false.
struct CteCycleClause {
  std::vector<std::string> columns;
  std::string mark_column;
  ExprPtr mark_value, mark_default;  // null: true / false
  std::string path_column;
  int32_t location = -1;
};

/// One `name [(cols)] AS [[NOT] MATERIALIZED] (query)` of a WITH clause. The query is a SelectStmt, or an
/// InsertStmt/UpdateStmt/DeleteStmt (a data-modifying CTE).
struct CommonTableExpr {
  std::string name;
  std::vector<std::string> columns;  // empty: the query's own column names
  StatementPtr query;
  std::optional<bool> materialized;  // unset: the planner decides
  int32_t location = -1;
  std::shared_ptr<const CteSearchClause> search;  // null: none
  std::shared_ptr<const CteCycleClause> cycle;    // null: none
};

/// WITH [RECURSIVE] cte, ... in front of a SELECT, INSERT, UPDATE or DELETE.
struct WithClause {
  bool recursive = false;
  std::vector<CommonTableExpr> ctes;
  int32_t location = -1;
};

/// The target of SELECT ... INTO, CREATE TABLE ... AS and CREATE MATERIALIZED VIEW (PostgreSQL's IntoClause).
struct IntoClause {
  QualifiedName table;
  std::vector<std::string> columns;  // column names given after the table name (empty: the query's)
  char persistence = 'p';            // 'p' permanent, 't' TEMP, 'u' UNLOGGED (kept permanent)
  OnCommitAction on_commit = OnCommitAction::kNoop;
  bool skip_data = false;                                    // WITH NO DATA
  std::vector<std::pair<std::string, std::string>> options;  // WITH (name = value)
};

/// CREATE [OR REPLACE] [TEMP] [RECURSIVE] VIEW name [(cols)] AS query [WITH [LOCAL|CASCADED] CHECK OPTION].
struct CreateViewStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kCreateView;
  CreateViewStmt() : Statement(kKind) {}
  QualifiedName view;
  std::vector<std::string> columns;
  std::unique_ptr<SelectStmt> query;
  std::string query_text;  // the query's source text, stored in the catalog and re-parsed on use
  bool replace = false;
  bool recursive = false;  // CREATE RECURSIVE VIEW: query_text is already the WITH RECURSIVE wrapper
  char persistence = 'p';
  std::string check_option;                                  // "", "local" or "cascaded"
  std::vector<std::pair<std::string, std::string>> options;  // WITH (...)
};

/// ALTER VIEW [IF EXISTS] name {SET (options) | RESET (options) | ALTER [COLUMN] c {SET DEFAULT e | DROP
/// DEFAULT}}: the view's settings other than its query (gram.y's AlterTableStmt with OBJECT_VIEW for these
/// subcommands; OWNER TO is AlterOwnerStmt).
struct AlterViewStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kAlterView;
  AlterViewStmt() : Statement(kKind) {}
  QualifiedName view;
  bool if_exists = false;
  enum class Action { kSetOptions, kResetOptions, kSetDefault, kDropDefault } action = Action::kSetOptions;
  std::vector<std::pair<std::string, std::string>> options;  // kSetOptions: (name, value); kResetOptions: names
  std::string column;                                        // kSetDefault / kDropDefault
  std::string default_text;                                  // kSetDefault: the expression's source text
};

/// CREATE [TEMP] TABLE [IF NOT EXISTS] name [(cols)] AS query [WITH [NO] DATA], SELECT ... INTO name, and
/// CREATE MATERIALIZED VIEW (is_matview).
struct CreateTableAsStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kCreateTableAs;
  CreateTableAsStmt() : Statement(kKind) {}
  IntoClause into;
  std::unique_ptr<SelectStmt> query;
  std::string query_text;  // the query's source text (materialized views store it)
  bool if_not_exists = false;
  bool is_select_into = false;
  bool is_matview = false;
};

/// REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA].
struct RefreshMatViewStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kRefreshMatView;
  RefreshMatViewStmt() : Statement(kKind) {}
  QualifiedName view;
  bool skip_data = false;
};

}  // namespace lumadb::ast

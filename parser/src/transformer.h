#pragma once
// The transformer: walks the PEGTL parse tree (only the grammar's Node rules are kept in it) and builds
// the typed AST of parser/ast.h. The grammar decides what is valid; the transformer only shapes, with the
// few checks PostgreSQL makes in gram.y actions (e.g. "subquery in FROM must have an alias").

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "parser/ast.h"
#include "parser/ast_functions.h"
#include "parser/ast_roles.h"
#include "parser/ast_views.h"

namespace lumadb::parser {

using PNode = tao::pegtl::parse_tree::node;

/// Builds AST nodes from parse-tree nodes of one query string. Locations are byte offsets into that
/// string, taken from the parse-tree nodes.
class Transformer {
 public:
  /// One option of a utility_option_list: lower-cased name (ANALYSE spelled ANALYZE), value text (strings
  /// unquoted, words folded, numbers as written; empty and has_value false when none was given).
  struct UtilityOption {
    std::string name;
    std::string value;
    bool has_value = false;
    int32_t location = -1;
  };

  explicit Transformer(std::string_view sql) : sql_(sql) {}

  /// Transforms a grammar::statement node. Throws 42601 for the errors gram.y raises in its actions.
  ast::StatementPtr Statement(const PNode& n);

  // ---- expressions (transform_expr.cpp) ----
  ast::ExprPtr Expr(const PNode& n);
  std::vector<ast::ExprPtr> ExprList(const PNode& n);
  ast::TypeName Type(const PNode& n);

  // ---- queries (transform_select.cpp) ----
  std::unique_ptr<ast::SelectStmt> Select(const PNode& n);
  ast::TableRefPtr TableRef(const PNode& n);
  /// FROM f(...) WITH ORDINALITY as a LATERAL subquery numbering the function's rows.
  ast::TableRefPtr WithOrdinality(ast::TableRefPtr ref);

  // ---- shared helpers ----
  /// Identifier text of a col_id/col_label/type_func_name node: unquoted folded to lower case, quoted
  /// unescaped, both truncated to 63 bytes (NAMEDATALEN - 1).
  std::string Ident(const PNode& n) const;
  ast::QualifiedName QualName(const PNode& n) const;
  std::vector<std::string> NameList(const PNode& n) const;
  /// The node's words lower-cased and single-spaced ("Double   PRECISION " -> "double precision").
  static std::string Words(const PNode& n);
  /// Value of a string literal node (plain_string, escape_string or dollar_string).
  static std::string StringValue(const PNode& n);
  static int32_t Loc(const PNode& n) { return static_cast<int32_t>(n.m_begin.byte); }
  /// The source text of a node without the blanks the grammar skipped after its last token (stored for
  /// DEFAULT and CHECK expressions).
  std::string SourceText(const PNode& n) const;
  /// The 1-based character position of byte offset `loc`, for DbError::Position.
  int32_t Pos(int32_t loc) const;

 private:
  ast::ExprPtr BinaryLevel(const PNode& n);
  /// The operator of OPERATOR(schema.op): the bare symbol for pg_catalog, else "schema.op" (which binds to
  /// no operator, as no other schema defines operators).
  std::string QualifiedOperator(const PNode& n) const;
  /// COLLATE name: accepts default, C, POSIX and ucs_basic; 42704 for any other collation.
  void CheckCollation(const PNode& name) const;
  ast::ExprPtr Predicate(const PNode& n);
  /// A function's [AS] [alias] (a int, ...) into ref's alias, column_aliases and column_types (transform_row.cpp).
  void ColumnDefinitions(const PNode& n, ast::TableRef& ref);
  /// ROW(...) or (a, b, ...) (transform_row.cpp).
  ast::ExprPtr RowConstructor(const PNode& n);
  ast::ExprPtr Overlaps(const PNode& n);
  ast::ExprPtr FieldSelection(const PNode& n);
  /// ARRAY[...] from its array_brackets node; inner brackets become sub-arrays.
  ast::ExprPtr ArrayConstructor(const PNode& brackets, bool is_sub, int32_t location);
  /// arg[i] / arg[i:j] from a subscript_suffix node.
  ast::ExprPtr Subscript(ast::ExprPtr arg, const PNode& suffix);
  ast::ExprPtr Comparison(const PNode& n);
  ast::ExprPtr IsTests(const PNode& n);
  ast::ExprPtr Unary(const PNode& n);
  ast::ExprPtr Literal(const PNode& n);
  ast::ExprPtr Case(const PNode& n);
  ast::ExprPtr Call(const PNode& n);
  ast::ExprPtr SpecialCall(const PNode& n);
  /// GROUP BY [DISTINCT | ALL] items into s (transform_grouping.cpp).
  void GroupClause(const PNode& n, ast::SelectStmt& s);
  ast::ExprPtr GroupItem(const PNode& n);
  ast::ExprPtr ColumnOrStar(const PNode& n);
  // ---- window calls and the clauses of aggregate calls (transform_window.cpp) ----
  /// Applies one agg_order / within_group / filter_clause / over_clause node of a call to f.
  void CallClause(const PNode& c, ast::FuncCall& f);
  ast::WindowDef WindowSpec(const PNode& spec);
  /// The order_item children of an ORDER BY node.
  std::vector<ast::OrderItem> OrderItems(const PNode& n);
  std::unique_ptr<ast::SelectStmt> SetOperations(const PNode& n);
  std::unique_ptr<ast::SelectStmt> SelectOperand(const PNode& n);
  std::unique_ptr<ast::SelectStmt> SimpleSelect(const PNode& n);
  std::unique_ptr<ast::SelectStmt> Values(const PNode& n);
  void SelectTail(const PNode& n, ast::SelectStmt& s);
  ast::SelectItem TargetItem(const PNode& n);
  std::vector<ast::SelectItem> Returning(const PNode& n);
  /// A set_clause or multi_set_clause node (UPDATE's SET list and ON CONFLICT DO UPDATE's), appended to
  /// *out one column at a time. 42601 for a multiple-column item of mismatched width.
  void SetItems(const PNode& n, std::vector<ast::SetClause>* out);
  /// An on_conflict_clause node (transform_on_conflict.cpp).
  std::shared_ptr<ast::OnConflictClause> OnConflict(const PNode& n);

  /// The statement node under grammar::statement (or under EXPLAIN).
  ast::StatementPtr Dispatch(const PNode& s);
  ast::StatementPtr Insert(const PNode& n);
  ast::StatementPtr Update(const PNode& n);
  ast::StatementPtr Delete(const PNode& n);
  ast::StatementPtr CreateTable(const PNode& n);
  ast::StatementPtr CreateSchema(const PNode& n);
  ast::StatementPtr CreateDatabase(const PNode& n);
  ast::StatementPtr Drop(const PNode& n);
  ast::StatementPtr Truncate(const PNode& n);
  ast::StatementPtr Transaction(const PNode& n);
  ast::StatementPtr Set(const PNode& n);
  ast::StatementPtr ResetOrShow(const PNode& n);
  ast::StatementPtr CreateIndex(const PNode& n);
  ast::StatementPtr Reindex(const PNode& n);
  ast::StatementPtr CreateSequence(const PNode& n);
  ast::StatementPtr Alter(const PNode& n);
  ast::AlterTableCmd AlterCmd(const PNode& n, const std::string& table);
  ast::StatementPtr Vacuum(const PNode& n);
  ast::StatementPtr Explain(const PNode& n);
  /// COPY (transform_copy.cpp); the options are normalised, not validated (exec/copy_options does that).
  ast::StatementPtr Copy(const PNode& n);
  // PREPARE, EXECUTE, DEALLOCATE, DECLARE, FETCH/MOVE, CLOSE (transform_cursor.cpp); 42P11 for
  // conflicting cursor options, 42601 for a FETCH count beyond int32.
  ast::StatementPtr Prepare(const PNode& n);
  ast::StatementPtr Execute(const PNode& n);
  ast::StatementPtr Deallocate(const PNode& n);
  ast::StatementPtr DeclareCursor(const PNode& n);
  ast::StatementPtr Fetch(const PNode& n);
  ast::StatementPtr ClosePortal(const PNode& n);

  // ---- WITH, views, CREATE TABLE AS, SELECT INTO (transform_view.cpp) ----
  /// Sets `into` to the with_clause node's WithClause; 42601 "multiple WITH clauses not allowed" when it
  /// already has one (gram.y insertSelectOptions).
  void AttachWith(const PNode& n, std::shared_ptr<ast::WithClause>& into);
  /// WITH ... INSERT/UPDATE/DELETE.
  ast::StatementPtr WithDml(const PNode& n);
  /// SEARCH ... FIRST BY ... SET and CYCLE ... SET ... USING of a WITH query (transform_view.cpp).
  std::shared_ptr<const ast::CteSearchClause> SearchClause(const PNode& n);
  std::shared_ptr<const ast::CteCycleClause> CycleClause(const PNode& n);
  /// An into_clause node (SELECT ... INTO [TEMP] [TABLE] name).
  std::shared_ptr<ast::IntoClause> Into(const PNode& n);
  /// A top-level SELECT: SELECT ... INTO becomes CREATE TABLE AS (analyze.c transformStmt).
  ast::StatementPtr TopSelect(const PNode& n);
  ast::StatementPtr CreateView(const PNode& n);
  /// ALTER VIEW's option and column-default forms (AlterViewStmt).
  ast::StatementPtr AlterView(const PNode& n);
  /// CREATE TABLE ... AS and CREATE MATERIALIZED VIEW.
  ast::StatementPtr CreateTableAs(const PNode& n);
  ast::StatementPtr RefreshMatView(const PNode& n);
  /// 't' for a temp_word child of n, 'u' for unlogged_word, else 'p'; ON COMMIT into on_commit.
  static char Persistence(const PNode& n, ast::OnCommitAction* on_commit);

  // ---- functions (transform_function.cpp) ----
  ast::StatementPtr CreateFunction(const PNode& n);
  ast::StatementPtr DropFunction(const PNode& n);
  ast::StatementPtr AlterFunction(const PNode& n);
  ast::FunctionParam FunctionParameter(const PNode& n);
  ast::FunctionSignature Signature(const PNode& n);
  void FunctionOption(const PNode& c, ast::CreateFunctionStmt& f);

  // ---- roles and privileges (transform_roles.cpp) ----
  ast::StatementPtr CreateRole(const PNode& n);
  ast::StatementPtr AlterRole(const PNode& n);
  ast::StatementPtr AlterRoleSet(const PNode& n);
  ast::StatementPtr DropRole(const PNode& n);
  ast::StatementPtr Grant(const PNode& n);
  ast::StatementPtr GrantRole(const PNode& n, bool is_grant);
  ast::StatementPtr AlterOwner(const PNode& n);
  ast::RoleSpec RoleSpecOf(const PNode& n) const;
  /// The role_option children of n from index `first` on; 42601 "unrecognized role option".
  std::vector<ast::RoleOption> RoleOptions(const PNode& n, size_t first) const;

  // ---- constraints and options (transform_constraints.cpp) ----
  /// A column_def node; `table` names the table in PostgreSQL's transformColumnDefinition errors (42601).
  ast::ColumnDef Column(const PNode& n, const std::string& table);
  ast::TableConstraint Constraint(const PNode& n);
  ast::ForeignKeyRef References(const PNode& n);
  /// A seq_option_list node; 42601 "conflicting or redundant options" for a repeated option.
  ast::SequenceOptions SeqOptions(const PNode& n);
  std::vector<UtilityOption> UtilityOptions(const PNode& n) const;
  std::string OptionValue(const PNode& n) const;
  std::string ZoneInterval(const PNode& n) const;
  ast::ExprPtr AtTimeZone(const PNode& n);

  std::string_view sql_;
};

}  // namespace lumadb::parser

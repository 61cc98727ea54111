#pragma once
// Binder: turns a parsed statement into an immutable plan, resolving names against the catalog and types
// by PostgreSQL's rules (parser/analyze.c, parse_expr.c, parse_coerce.c, parse_agg.c, then the planner's
// fixed shape: scan/join -> WHERE -> aggregate -> HAVING -> sort -> project -> DISTINCT -> LIMIT).
// Every error it throws carries the 'P' position of the offending node, as PostgreSQL's
// parser_errposition does.

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/cast.h"
#include "common/error.h"
#include "parser/ast.h"
#include "planner/grouping_sets.h"
#include "planner/permissions.h"
#include "planner/plan.h"

namespace lumadb::txn {
class Transaction;
}
namespace lumadb::ast {
struct CommonTableExpr;  // parser/ast_views.h
}

namespace lumadb::planner {

class CatalogRegNames;  // planner/reg_names.h
struct WindowInfo;      // planner/window_plan.h
struct WindowAggPlan;   // planner/window_plan.h

/// One column visible to expressions: where it sits in the input row and how it can be named.
struct ScopeColumn {
  std::string relation;  // the range table entry's alias or table name ("" for unnamed)
  std::string name;
  TypeDesc type;
  Oid table_oid = 0;
  int16_t attnum = 0;
  bool hidden = false;   // merged away by JOIN USING: reachable only qualified, never by *
  bool no_star = false;  // reachable by name but left out of * and whole-row references (SEARCH/CYCLE columns)
};

/// The columns an expression may reference; position in `columns` is the input-row index.
struct Scope {
  std::vector<ScopeColumn> columns;
  std::vector<std::string> relations;  // names of the range table entries, for "missing FROM-clause entry"
  /// The positions in `*` order when that is not the columns' order (a JOIN USING lists its merged
  /// columns first, parse_clause.c transformFromClauseItem); empty: the columns' order.
  std::vector<int> star_order;
  /// Names that qualify a chosen list of columns (in `name.*` order): JOIN ... USING (...) AS name its
  /// merged columns, (a JOIN b) AS name the join's visible columns (bind_join_names.cpp).
  std::vector<std::pair<std::string, std::vector<int>>> join_names;
  /// Relations a join alias hides: naming them is errorMissingRTE's "invalid reference" (42P01).
  std::vector<std::string> hidden_relations;
};

/// The parameters $1..$n of a statement being prepared, shared by the binders of its subqueries
/// (parse_param.c's VarParamState): the types decided so far (kUnknown: not yet) and the parameter nodes
/// still of unknown type, which coercion resolves.
struct ParamState {
  std::vector<TypeDesc> types;
  std::map<const BoundExpr*, BoundExprPtr> unresolved;  // kept alive until coerced (op: n of its $n)
};

/// One bound select-list item and the output column it produces.
struct SelectTarget {
  BoundExprPtr expr;
  OutputColumn column;
};

class Binder;
struct UserFunctionMatch;  // planner/sql_functions.h

/// A SQL function's body bound for one call site (bind_sql_function.cpp): the last statement's plan, its
/// output coerced to the declared result columns, and the parameter slots it reads (each value a kColumn
/// of the parameter's position among the input parameters).
struct BoundFunctionBody {
  PlanPtr plan;
  std::vector<ExecParamBinding> params;
  std::vector<OutputColumn> columns;
};

/// An enclosing level a column name may resolve to (bind_subquery.cpp): an outer query's scope while one
/// of its subqueries is bound, or the earlier FROM items of a lateral item. A reference to it becomes a
/// kExecParam whose value the level sets from its row (parse_relation.c's levelsup, PARAM_EXEC).
struct OuterLevel {
  const Scope* scope = nullptr;
  Binder* binder = nullptr;                         // binds the aggregates that belong to that level
  std::vector<ExecParamBinding>* params = nullptr;  // what the subquery expression or lateral join sets
  bool lateral = false;  // earlier FROM items: their join sets the slots, deeper levels read them directly
  bool visible = true;   // false: earlier FROM items of a non-LATERAL subquery (42P01 with a hint)
};

/// The set-returning calls of a select list, in ProjectSet column order.
using SetFunctions = std::vector<std::shared_ptr<const FunctionScanPlan>>;

class Binder {
 public:
  /// query_text is the whole query string the AST locations point into (for error positions).
  /// Where no session installed a regclass/regtype resolver (common/reg_names.h) for the thread, the
  /// binder installs one over `catalog` for its lifetime, so 'name'::regclass literals bind anywhere.
  Binder(catalog::Catalog& catalog, txn::Transaction& txn, std::vector<std::string> search_path,
         std::string_view query_text);
  ~Binder();
  Binder(const Binder&) = delete;
  Binder& operator=(const Binder&) = delete;

  /// The privileges the statements bound so far need (subqueries included), for exec to check before
  /// each execution.
  const PermissionList& permissions() const { return *permissions_; }
  /// Records that the statement needs `mode` on `table` (and, with attnum > 0, that it writes that column).
  RelationPermission& RequirePermission(const std::shared_ptr<const catalog::TableInfo>& table, catalog::AclMode mode,
                                        int16_t attnum = 0);
  /// Records that the statement reads column `c` (when it belongs to a relation of the list).
  void NoteColumnRead(const ScopeColumn& c);

  /// SELECT / VALUES / set operations. Throws 42P01, 42703, 42702, 42804, 42883, 42803, 42P10, 42601.
  PlanPtr BindSelect(const ast::SelectStmt& stmt);
  /// INSERT ... VALUES / SELECT / DEFAULT VALUES. Throws 42P01, 42703, 42701, 42601, 42804.
  PlanPtr BindInsert(const ast::InsertStmt& stmt);
  /// UPDATE ... SET ... [FROM ...] WHERE. Throws 42P01, 42703, 42804, 42712.
  PlanPtr BindUpdate(const ast::UpdateStmt& stmt);
  /// DELETE ... WHERE. Throws 42P01, 42703.
  PlanPtr BindDelete(const ast::DeleteStmt& stmt);

  /// Allows $n in what is bound next (without it $n is 42P02 "there is no parameter $1", as in a simple
  /// Query). types[i] is $(i+1)'s type; kUnknown (and any $n beyond the list) takes the type of the context
  /// it is coerced to: `col = $1`, INSERT/UPDATE targets, `x + $1`, `$1::int4`, function arguments
  /// (parse_param.c variable_coerce_param_hook). 42P08 "inconsistent types deduced for parameter $1" when
  /// two contexts disagree.
  void EnableParameters(std::vector<TypeDesc> types);
  /// The types of $1..$n after binding (n: the highest referenced or given). Throws 42P18 "could not
  /// determine data type of parameter $n" for one nothing decided (`$1 IS NULL`, an unreferenced $1),
  /// as exec_parse_message and check_variable_parameters do.
  std::vector<TypeDesc> ParameterTypes() const;

  /// Binds an expression over `scope` (aggregates allowed only when the caller extracts them).
  BoundExprPtr BindExpr(const ast::Expr& expr, const Scope& scope);

  /// Converts e to `target` under the given rules: untyped literals are parsed as target (22P02 with the
  /// literal's position), others need a pg_cast entry of the context. Returns null when not allowed.
  BoundExprPtr TryCoerce(const BoundExprPtr& e, TypeDesc target, CastContext context);

  /// The bound, assignment-cast DEFAULT of a column (NULL when it has none), from the catalog's text; for
  /// an identity column nextval() of its sequence. Volatile calls in it stay calls: evaluated per row.
  BoundExprPtr BindColumnDefault(const catalog::ColumnInfo& column);

  /// Binds user function f's body (bind_sql_function.cpp, functions.c / check_sql_fn_retval): each statement
  /// with the parameters as an enclosing level; 42P13 "return type mismatch in function declared to return
  /// X" (DETAIL as PostgreSQL's) when the last one cannot give the declared result by assignment casts;
  /// 54001 when bodies nest too deeply (recursion). With for_call, INSERT/UPDATE/DELETE are 0A000.
  BoundFunctionBody BindFunctionBody(const catalog::FunctionInfo& f, bool for_call);
  /// The result columns of f: OUT/INOUT/TABLE parameters, a table's columns, or one column named after f.
  std::vector<OutputColumn> FunctionResultColumns(const catalog::FunctionInfo& f);

  /// The 1-based character position of a byte offset into the query text (0 for an unknown location).
  int32_t Position(int32_t location) const;

  /// A DbError positioned at `location`.
  DbError Error(SqlState code, std::string message, int32_t location) const;

 private:
  // User-defined SQL functions (bind_sql_function.cpp, bind_sql_function_call.cpp)
  void CoerceFunctionResult(const catalog::FunctionInfo& f, BoundFunctionBody& body);
  /// The call's arguments completed by f's defaults and cast to its parameter types (42804 otherwise).
  std::vector<BoundExprPtr> FunctionArguments(const catalog::FunctionInfo& f, std::vector<BoundExprPtr> args);
  /// A scalar call of f: a scalar subquery over its body (NULL without running it for STRICT NULLs).
  BoundExprPtr BindSqlFunctionCall(const catalog::FunctionInfo& f, std::vector<BoundExprPtr> args, int32_t location);
  /// The user function a call of `names` with `args` means (none: no candidate fits); 42725 when ambiguous.
  UserFunctionMatch MatchUserFunction(const std::vector<std::string>& names, const std::vector<BoundExprPtr>& args,
                                      int32_t location);
  /// 'name'::regproc / 'name(types)'::regprocedure (psql's \sf): the function's OID as an oid constant (no
  /// regproc type yet); 42883 / 42725 as regprocin / regprocedurein. Null for any other cast.
  BoundExprPtr BindRegprocLiteral(const ast::CastExpr& c);
  /// $n inside a SQL function body: a reference to parameter n; null outside one.
  BoundExprPtr BindParamInFunction(const ast::ParamRef& p);
  /// A user function in FROM; null when no user function matches.
  PlanPtr BindUserFunctionTable(const ast::TableRef& ref, const ast::FuncCall& f, const std::vector<BoundExprPtr>& args,
                                Scope* scope);

  /// pg_catalog.pg_proc: the built-in functions' rows, then the stored user rows of `table` (pg_proc_view.cpp).
  PlanPtr BindProcView(const ast::TableRef& ref, std::shared_ptr<const catalog::TableInfo> table, Scope* scope);

  // FROM clause (bind_from.cpp)
  PlanPtr BindFrom(const std::vector<ast::TableRefPtr>& from, Scope* scope);
  PlanPtr BindTableRef(const ast::TableRef& ref, Scope* scope);
  PlanPtr BindBaseTable(const ast::TableRef& ref, Scope* scope);
  PlanPtr BindJoin(const ast::TableRef& ref, Scope* scope);
  /// JOIN ... USING / NATURAL (bind_join_using.cpp): the equality conditions over the join's row, and *scope
  /// with the merged columns first in `*` order. For a FULL join, whose merged columns are COALESCE(l, r),
  /// *merged gets their expressions and the scope has them in front: the caller projects them ahead of the
  /// join's row. 42701, 42702, 42703, 42804, 42712 (USING ... AS an alias already in use).
  std::vector<BoundExprPtr> BindJoinUsing(const ast::TableRef& ref, JoinKind kind, const Scope& left,
                                          const Scope& right, Scope* scope, std::vector<BoundExprPtr>* merged);
  /// A FROM item after `earlier` (bind_subquery.cpp): a LATERAL subquery or a function may read their
  /// columns, which become slots in *lateral; a plain subquery referring to them is 42P01.
  PlanPtr BindLateralItem(const ast::TableRef& ref, const Scope& earlier, std::vector<ExecParamBinding>* lateral,
                          Scope* scope);
  /// generate_series(...) in FROM (bind_function_scan.cpp): 42883, 42725, 0A000 for other functions,
  /// 42P10 for too many column aliases.
  PlanPtr BindFunctionTable(const ast::TableRef& ref, Scope* scope);
  /// pg_stat_activity (unqualified or pg_catalog.): a scan of the server's sessions, as PostgreSQL's view
  /// over pg_stat_get_activity(NULL); null for any other name.
  PlanPtr BindActivityView(const ast::TableRef& ref, Scope* scope);
  /// The FunctionScanPlan of set-returning call f with bound `args`, named after ref's aliases (an empty
  /// ref: after the function); same errors as BindFunctionTable.
  PlanPtr BindSetFunction(const ast::TableRef& ref, const ast::FuncCall& f, std::vector<BoundExprPtr> args,
                          Scope* scope);
  /// unnest(anyarray) in FROM: one column of the element type.
  PlanPtr BindUnnest(const ast::TableRef& ref, int32_t location, std::vector<BoundExprPtr> args, Scope* scope);
  /// A set-returning call in the select list (bind_project_set.cpp): records it in srf_sink_ and returns a
  /// reference to its ProjectSet column; 0A000 where PostgreSQL forbids it (check_srf_call_placement).
  BoundExprPtr BindSelectListSetFunction(const ast::FuncCall& f, const Scope& scope);
  /// The FunctionScanPlan of a set-returning function with one output column of `type`, named as
  /// buildRelationAliases does.
  PlanPtr FunctionScan(const ast::TableRef& ref, const std::string& name, std::vector<BoundExprPtr> args, TypeDesc type,
                       Scope* scope);
  // Views and WITH (bind_view.cpp, bind_cte.cpp)
  /// A view in FROM: its stored query bound like a subquery (the caller needs SELECT on the view, the
  /// view's owner the rights on what it reads), its columns named as the catalog lists them.
  PlanPtr BindView(const ast::TableRef& ref, const std::shared_ptr<const catalog::TableInfo>& view, Scope* scope);
  /// INSERT/UPDATE/DELETE whose target is view `view` (bind_view_modify.cpp): bound on its base relation
  /// when the view is automatically updatable; 55000 "cannot insert into view" with PostgreSQL's DETAIL
  /// otherwise, 0A000 for a computed column.
  PlanPtr BindViewModify(const ast::Statement& stmt, const std::shared_ptr<const catalog::TableInfo>& view);
  /// An unqualified FROM name that is a visible WITH query, bound like a subquery (or, inside its own
  /// recursive term, its work table); null when no WITH query has that name. 42P10, 42P19, 42804, 0A000.
  PlanPtr BindCteRef(const ast::TableRef& ref, Scope* scope);
  /// The plan of WITH query `index` of `frame`'s clause (bind_cte.cpp).
  PlanPtr BindCteQuery(const std::shared_ptr<const struct CteFrame>& frame, size_t index);
  /// non-recursive UNION [ALL] recursive for a self-referencing WITH RECURSIVE query.
  PlanPtr BindRecursiveCte(const std::shared_ptr<const struct CteFrame>& frame, size_t index);
  /// parse_cte.c checkWellFormedRecursion for a self-referencing query: 42P19 for a reference in the
  /// non-recursive term, a subquery, an outer join, INTERSECT/EXCEPT or twice, 0A000 for ORDER BY, LIMIT,
  /// OFFSET, FOR UPDATE; 42P19 for an aggregate in the recursive term (bind_cte_recursive.cpp).
  void CheckWellFormedRecursion(const ast::CommonTableExpr& cte);
  /// The SEARCH/CYCLE clauses of WITH query `cte` (its non-recursive term bound to `plan`) checked as
  /// PostgreSQL does (42601, 42701, 42804, 0A000) (bind_cte_search.cpp).
  void CheckSearchCycle(const ast::CommonTableExpr& cte, bool recursive, const PlanNode& plan);
  /// SEARCH/CYCLE executed as rewriteSearchCycle.c (bind_cte_search_rewrite.cpp): the non-recursive term
  /// with the sequence / mark / path columns added, and the recursive term bound by `term` with them
  /// computed from the work table's (`width`: the query's own column count).
  PlanPtr SearchCycleNonRecursive(const ast::CommonTableExpr& cte, PlanPtr left);
  PlanPtr SearchCycleRecursive(const ast::CommonTableExpr& cte, Binder& term, size_t width);
  /// CYCLE's mark value and default (true / false when not given), of one type.
  std::pair<BoundExprPtr, BoundExprPtr> CycleMarkValues(const ast::CommonTableExpr& cte);
  /// Gives `to` (a binder of a WITH query of frame's clause) what this statement's binders share, and the
  /// outer levels of the query level owning the clause.
  void LendCteContext(const struct CteFrame& frame, Binder* to) const;
  /// The CTE Scan of WITH query `index` of `frame`'s clause, binding its shared plan on first use.
  PlanPtr MaterializedCteScan(const std::shared_ptr<const struct CteFrame>& frame, size_t index,
                              const ast::TableRef* ref);
  std::shared_ptr<const catalog::TableInfo> LookupTableOrThrow(const ast::QualifiedName& name);
  std::shared_ptr<SeqScanPlan> ScanPlan(std::shared_ptr<const catalog::TableInfo> table, bool emit_rid);

  // UPDATE / DELETE (bind_modify.cpp)
  /// The rows UPDATE or DELETE visit: a row-id-emitting scan of `table`, filtered by `where` when given.
  /// Fills `scope` with the table's columns under `alias` (the table name when empty).
  PlanPtr BindModifiedRows(const std::shared_ptr<const catalog::TableInfo>& table, const std::string& alias,
                           const ast::Expr* where, Scope* scope);
  /// UPDATE ... FROM / DELETE ... USING (bind_modify_join.cpp): the target's row-locking scan joined to
  /// the other items, WHERE as the join condition. Rows: table columns ++ rid ++ the items' columns, which
  /// `scope` describes (the rid as a hidden nameless column). 42712 when an item has the target's name.
  PlanPtr BindModifyJoin(const std::shared_ptr<const catalog::TableInfo>& table, const std::string& alias,
                         const std::vector<ast::TableRefPtr>& from, const ast::Expr* where, Scope* scope);
  /// UPDATE's and ON CONFLICT DO UPDATE's SET list over `scope`: per table column its new value, or null
  /// to keep it. Throws 42703, 42601 (multiple assignments), 428C9, 42804.
  std::vector<BoundExprPtr> BindSetList(const std::vector<ast::SetClause>& set,
                                        const std::shared_ptr<const catalog::TableInfo>& table, const Scope& scope);
  /// ON CONFLICT (bind_on_conflict.cpp, parse_clause.c transformOnConflictClause and plancat.c
  /// infer_arbiter_indexes): the arbiter indexes and the DO UPDATE action over target ++ EXCLUDED. Throws
  /// 42601 (DO UPDATE without a target), 42P10 (no matching unique index), 42704/42809 (ON CONSTRAINT),
  /// 42703, 42P01, 42P09.
  std::shared_ptr<const OnConflictPlan> BindOnConflict(const ast::OnConflictClause& clause,
                                                       const std::shared_ptr<const catalog::TableInfo>& table,
                                                       const std::string& alias);

  // CHECK, RETURNING, identity (bind_modify_extras.cpp)
  /// nextval() of an identity column's sequence, assignment-cast to the column type (a volatile call:
  /// evaluated once per row). Throws XX000 when the sequence is missing.
  BoundExprPtr IdentityNextval(const catalog::ColumnInfo& column);
  /// The table's CHECK constraints, re-parsed from their catalog text and bound over the table's row.
  std::vector<BoundCheck> BindChecks(const catalog::TableInfo& table);
  /// Binds a RETURNING list over `scope` (the table's row) into modify->returning and node->output;
  /// 42803 for aggregates, as PostgreSQL.
  void BindReturning(const std::vector<ast::SelectItem>& items, const Scope& scope, ModifyCommon* modify,
                     PlanNode* node);

  // FOR UPDATE / FOR SHARE (bind_locking.cpp)
  /// A base table of a FROM clause bound by this binder: the locking clause and the WHERE push-down
  /// adjust its scan before the plan is returned.
  struct FromScan {
    std::string name;  // alias, or the table name
    std::shared_ptr<SeqScanPlan> scan;
    bool nullable = false;  // on the NULL-extended side of an outer join
  };
  /// PostgreSQL's CheckSelectLocking: 0A000 "FOR UPDATE is not allowed with DISTINCT clause" etc.
  void CheckLockingAllowed(const ast::SelectStmt& stmt, bool has_aggregates) const;
  /// Sets the row lock of the scans named by stmt's locking clauses (all of this FROM clause's tables,
  /// from_scans_[first_scan] on, when no OF list). Throws 42601, 42P01, 0A000 as PostgreSQL does.
  void ApplyLocking(const ast::SelectStmt& stmt, const Scope& scope, size_t first_scan);

  // SELECT (bind_select.cpp)
  PlanPtr BindValues(const ast::SelectStmt& stmt);
  PlanPtr BindSetOp(const ast::SelectStmt& stmt);
  PlanPtr BindSimpleSelect(const ast::SelectStmt& stmt);
  std::vector<SelectTarget> BindTargets(const ast::SelectStmt& stmt, const Scope& scope);
  /// A select list (or RETURNING list): `*` expands to the visible columns (42601 without has_from).
  std::vector<SelectTarget> BindTargetList(const std::vector<ast::SelectItem>& items, const Scope& scope,
                                           bool has_from);
  std::vector<SortKey> BindOrderKeys(const ast::SelectStmt& stmt, const Scope& scope,
                                     const std::vector<SelectTarget>& targets);
  PlanPtr ApplyOutputOrderAndLimit(const ast::SelectStmt& stmt, PlanPtr plan);
  PlanPtr ApplyLimit(const ast::SelectStmt& stmt, PlanPtr plan);
  BoundExprPtr BindLimitValue(const ast::Expr& expr, const char* clause);

  // Expressions (bind_expr.cpp, bind_operators.cpp, bind_functions.cpp)
  BoundExprPtr BindColumnRef(const ast::ColumnRef& ref, const Scope& scope);
  BoundExprPtr BindConst(const ast::ConstExpr& c);
  BoundExprPtr BindParam(const ast::ParamRef& p);
  /// Gives an unknown-typed parameter node the type `target` (without typmod, which a cast then applies).
  BoundExprPtr ResolveParam(const BoundExprPtr& e, TypeDesc target);
  BoundExprPtr BindUnary(const ast::UnaryExpr& u, const Scope& scope);
  BoundExprPtr BindBinary(const ast::BinaryExpr& b, const Scope& scope);
  BoundExprPtr BindBetween(const ast::BetweenExpr& b, const Scope& scope);
  BoundExprPtr BindInList(const ast::InListExpr& in, const Scope& scope);
  BoundExprPtr BindCase(const ast::CaseExpr& c, const Scope& scope);
  BoundExprPtr BindCast(const ast::CastExpr& c, const Scope& scope);
  BoundExprPtr BindFunc(const ast::FuncCall& f, const Scope& scope);
  BoundExprPtr BindAggregate(const ast::FuncCall& f, const Scope& scope);
  /// GROUP BY (bind_grouping.cpp): the distinct group keys, and into sets the grouping sets over them
  /// (empty for a plain GROUP BY). 42P10 for a bad position, 54011 for a CUBE of over 12 elements.
  std::vector<BoundExprPtr> BindGroupBy(const ast::SelectStmt& stmt, const Scope& scope,
                                        const std::vector<SelectTarget>& targets, std::vector<std::vector<int>>* sets);
  /// Adds to keys (and to every grouping set) the columns of exprs whose table reference has all its
  /// primary-key columns among the keys common to every set (bind_functional_deps.cpp).
  void AddFunctionallyDependentKeys(const Scope& scope, const std::vector<BoundExprPtr>& exprs,
                                    std::vector<BoundExprPtr>* keys, std::vector<std::vector<int>>* sets);
  BoundExprPtr BindGroupKey(const ast::Expr& g, const Scope& scope, const std::vector<SelectTarget>& targets);
  GroupingNode BindGroupItem(const ast::Expr& item, const Scope& scope, const std::vector<SelectTarget>& targets,
                             std::vector<BoundExprPtr>* keys);
  /// GROUPING(args): an int4 aggregate-level call; 54023 for 32 or more arguments, 42803 where
  /// aggregates are not allowed.
  BoundExprPtr BindGrouping(const ast::FuncCall& f, const Scope& scope);
  // ---- aggregate clauses and window functions (bind_aggregate.cpp, bind_window*.cpp) ----
  std::vector<BoundExprPtr> BindAggregateArgs(const ast::FuncCall& f, const Scope& scope, bool within_group);
  BoundExprPtr BindWindowCall(const ast::FuncCall& f, const Scope& scope);
  /// Appends the partition keys, order keys and frame offsets of `over` (resolved against windows_) to args.
  void BindWindowDefinition(const ast::WindowDef& over, const Scope& scope, WindowInfo* info,
                            std::vector<BoundExprPtr>* args);
  /// Sorts and WindowAggs for the window calls of targets and keys, which then refer to their columns.
  /// 0A000 when there are set-returning calls too (has_srfs).
  PlanPtr PlanWindows(PlanPtr plan, std::vector<SelectTarget>* targets, std::vector<SortKey>* keys, bool has_srfs);
  /// 42P20 "window functions are not allowed in <clause>" if e has a window call.
  void CheckNoWindowCall(const BoundExpr& e, const char* clause) const;
  /// Points windows_ at a SELECT's WINDOW clause for one scope (42P20 for a name defined twice).
  class WindowClauseContext {
   public:
    WindowClauseContext(Binder* b, const ast::SelectStmt& stmt);
    ~WindowClauseContext() { b_->windows_ = saved_; }
    WindowClauseContext(const WindowClauseContext&) = delete;
    WindowClauseContext& operator=(const WindowClauseContext&) = delete;

   private:
    Binder* b_;
    const std::vector<ast::WindowDef>* saved_;
  };
  void BindRangeFrame(WindowAggPlan* w);
  /// DISTINCT ON: binds the ON expressions as ORDER BY items are bound and appends them to keys.
  void AppendDistinctOnKeys(const ast::SelectStmt& stmt, const Scope& scope, const std::vector<SelectTarget>& targets,
                            std::vector<SortKey>* keys);
  /// DISTINCT ON over plan: the first row of each group of equal ON values (the last keys) in ORDER BY's
  /// order (the first keys); 42P10 unless ORDER BY starts with the ON expressions.
  PlanPtr PlanDistinctOn(const ast::SelectStmt& stmt, PlanPtr plan, const std::vector<SortKey>& keys);
  const std::vector<ast::WindowDef>* windows_ = nullptr;  // the WINDOW clause of the SELECT being bound
  bool window_agg_args_ = false;  // binding a window aggregate's arguments: plain aggregates are allowed
  BoundExprPtr BindVariadicSpecial(const ast::FuncCall& f, const std::string& name, const Scope& scope);
  // Subqueries and outer references (bind_subquery.cpp)
  BoundExprPtr BindSubquery(const ast::SubqueryExpr& s, const Scope& scope);
  /// A binder for a subquery of this one: shares the statement's parameters, permissions and slots, and
  /// sees `level` (if given) and then this binder's own enclosing levels.
  std::unique_ptr<Binder> NestedBinder(const OuterLevel* level);
  /// Resolves a column reference not found in the local scope in the enclosing levels, nearest first
  /// (42702 within one level; 42P01 for a non-LATERAL reference to an earlier FROM item); null if none has it.
  BoundExprPtr BindOuterColumn(const ast::ColumnRef& ref);
  /// `value` (over enclosing level `level`'s row) as seen here: a slot set by each subquery in between.
  BoundExprPtr OuterReference(size_t level, BoundExprPtr value, const std::string& name, int32_t location);
  /// The enclosing level an aggregate with bound `args` belongs to (parse_agg.c's agglevelsup: the nearest
  /// level its arguments reference), or -1 for this one.
  int AggregateLevel(const std::vector<BoundExprPtr>& args) const;
  /// The `level` an id was made for, following slots re-exported through intermediate levels.
  int ParamLevel(int id) const;
  BoundExprPtr Arith(const std::string& op, BoundExprPtr l, BoundExprPtr r, int32_t location);
  BoundExprPtr Compare(const std::string& op, BoundExprPtr l, BoundExprPtr r, int32_t location);
  BoundExprPtr Concat(BoundExprPtr l, BoundExprPtr r, int32_t location);
  /// a IS [NOT] DISTINCT FROM b (bind_distinct_from.cpp): 42883 when a = b has no operator.
  BoundExprPtr BindDistinctFrom(const ast::BinaryExpr& b, const Scope& scope);
  BoundExprPtr Like(const ast::BinaryExpr& b, BoundExprPtr l, BoundExprPtr r, const Scope& scope);
  /// ~ ~* !~ !~* (textregexeq & co.): a call of the operator's function over text operands; 42883 otherwise.
  BoundExprPtr RegexMatch(const std::string& op, BoundExprPtr l, BoundExprPtr r, int32_t location);
  /// The json/jsonb operators (-> ->> #> #>> @> <@ ? ?| ?& || - #-) as calls of their functions
  /// (bind_json.cpp); null when no operand is json or jsonb.
  BoundExprPtr JsonOperator(const std::string& op, BoundExprPtr l, BoundExprPtr r, int32_t location);
  /// 42883 "could not identify an equality/ordering operator for type json" for a json GROUP BY item,
  /// DISTINCT target or ORDER BY key (bind_json.cpp): json has neither = nor <.
  void CheckNoJsonKeys(const ast::SelectStmt& stmt, const std::vector<BoundExprPtr>& groups,
                       const std::vector<SelectTarget>& targets, const std::vector<SortKey>& keys) const;
  BoundExprPtr Logical(BoundKind kind, std::vector<BoundExprPtr> args, int32_t location);
  BoundExprPtr CoerceToBool(const BoundExprPtr& e, const char* construct);
  BoundExprPtr CoerceOrThrow(const BoundExprPtr& e, TypeDesc target, int32_t location);
  std::vector<BoundExprPtr> UnifyTypes(std::vector<BoundExprPtr> exprs, const char* construct);
  DbError OperatorError(const std::string& op, const BoundExprPtr& l, const BoundExprPtr& r, int32_t location) const;
  /// 42883 "function f(types) does not exist" with PostgreSQL's hint.
  DbError NoFunction(const std::string& name, const std::vector<BoundExprPtr>& args, int32_t location) const;

  // Arrays (bind_arrays.cpp): constructors, subscripts, ANY/ALL, array operators and functions
  BoundExprPtr BindArray(const ast::ArrayExpr& a, const Scope& scope);
  BoundExprPtr BindSubscript(const ast::SubscriptExpr& s, const Scope& scope);
  BoundExprPtr BindArrayOp(const ast::ArrayOpExpr& op, const Scope& scope);
  /// ||, @>, <@, && with an array operand (null when neither side is an array, for ||).
  BoundExprPtr ArrayOperator(const std::string& op, BoundExprPtr l, BoundExprPtr r, int32_t location);
  /// The polymorphic array functions (array_length, array_append, ...); null for any other name.
  BoundExprPtr BindArrayFunction(const std::string& name, std::vector<BoundExprPtr> args, int32_t location);
  /// The common element type of anycompatiblearray arguments `arrays` and anycompatible `elements`
  /// (parse_coerce.c enforce_generic_type_consistency); 42804 when every one is unknown, nullopt when
  /// they do not match.
  std::optional<TypeId> CommonElementType(const std::vector<BoundExprPtr>& arrays,
                                          const std::vector<BoundExprPtr>& elements, int32_t location);

  // Rows (bind_row.cpp): row constructors, whole-row references, row comparisons
  BoundExprPtr BindRow(const ast::RowExpr& r, const Scope& scope);
  /// The whole-row reference of range table entry `relation` (a kRow of its columns), or null if none.
  BoundExprPtr WholeRowReference(const std::string& relation, const Scope& scope, int32_t location);
  /// ROW(a, b) op ROW(c, d) field by field (parse_expr.c make_row_comparison_op), and ROW(a, b) op
  /// (SELECT x, y) (RowSubquery); null unless the left side is a row constructor and the right one a row
  /// constructor or a scalar subquery.
  BoundExprPtr RowComparison(const ast::BinaryExpr& b, const Scope& scope);
  /// Field lists compared by `op` (= <> < <= > >=) as make_row_comparison_op does: = is every pair equal
  /// (AND), <> any pair unequal (OR), an ordering is decided by the first unequal pair (RowCompareExpr).
  /// 42601 "unequal number of entries in row expressions", 0A000 for zero fields.
  BoundExprPtr CompareRows(const std::string& op, const std::vector<BoundExprPtr>& left,
                           const std::vector<BoundExprPtr>& right, int32_t location);
  /// A row constructor compared with a subquery's rows (parse_expr.c transformSubLink's multi-column
  /// ANY/ALL and ROWCOMPARE sublinks): `(a, b) op ANY/ALL (SELECT x, y ...)`, `(a, b) [NOT] IN (...)`
  /// (`sublink` kIn/kAny/kAll) and `(a, b) op (SELECT x, y)` (kScalar: at most one row, none gives NULL).
  /// The row's values reach the subquery as parameters and each subquery row carries CompareRows' result,
  /// which ANY/ALL then combine with their NULL rules. 42601 "subquery has too many/few columns" at
  /// `location` (the operator's or IN's), from bind_subquery.cpp.
  BoundExprPtr RowSubquery(const ast::RowExpr& row, const std::string& op, const ast::SubqueryExpr& sublink,
                           const Scope& scope, int32_t location);

  catalog::Catalog& catalog_;
  txn::Transaction& txn_;
  std::vector<std::string> search_path_;
  std::string_view query_text_;
  bool allow_aggregates_ = false;
  const char* aggregate_clause_ = nullptr;  // "WHERE", "JOIN conditions"...: where aggregates are rejected
  const char* srf_clause_ = nullptr;  // "WHERE", "HAVING", kSrfInAggregate: where set-returning calls are rejected
  SetFunctions* srf_sink_ = nullptr;  // null: set-returning calls are not allowed here
  size_t srf_base_ = 0;               // the ProjectSet column of (*srf_sink_)[0]

 public:
  /// Sets where set-returning calls go (sink, with its first ProjectSet column at base) or, with a null
  /// sink, the clause named in the error, for one scope; restores the previous context when destroyed.
  /// Makes a statement's WITH clause (null: none) visible to the FROM clauses and subqueries bound while
  /// it lives, as PostgreSQL's p_ctenamespace; `isolate` hides every outer one (a view's query).
  class WithScope {
   public:
    explicit WithScope(const ast::WithClause* with, bool isolate = false);
    /// The WITH clause of `owner`, bound by `binder` (whose outer levels the WITH queries may read).
    /// 0A000 for a data-modifying WITH query below the top level.
    WithScope(Binder* binder, const ast::Statement& owner, const ast::WithClause* with);
    ~WithScope();
    WithScope(const WithScope&) = delete;
    WithScope& operator=(const WithScope&) = delete;
    /// `plan` (the owner's plan) starting the WITH queries that were materialized, data-modifying ones
    /// bound now if nothing referenced them (bind_cte.cpp).
    PlanPtr Attach(PlanPtr plan);

   private:
    std::shared_ptr<const struct CteFrame> saved_;
    std::shared_ptr<const struct CteFrame> own_;  // the frame this scope pushed, null when none
    Binder* binder_ = nullptr;
  };

  class SrfContext {
   public:
    SrfContext(Binder* b, SetFunctions* sink, const char* clause, size_t base = 0);
    ~SrfContext();
    SrfContext(const SrfContext&) = delete;
    SrfContext& operator=(const SrfContext&) = delete;

   private:
    Binder* b_;
    SetFunctions* sink_;
    const char* clause_;
    size_t base_;
  };

 private:
  bool keep_unknown_targets_ = false;  // leave untyped select-list literals unknown (INSERT ... SELECT)
  std::vector<FromScan> from_scans_;   // base tables of the FROM clauses bound so far
  std::shared_ptr<ParamState> params_;
  std::shared_ptr<PermissionList> permissions_ =
      std::make_shared<PermissionList>();  // shared with subquery binders              // null: $n is not allowed
  std::unique_ptr<CatalogRegNames> own_reg_names_;               // the resolver this binder installed, if it did
  std::vector<OuterLevel> outer_;                                // enclosing levels, nearest first
  std::shared_ptr<int> exec_params_ = std::make_shared<int>(0);  // the statement's next kExecParam slot
  const Binder* cte_term_ = nullptr;  // a WITH query's binder: the binder of the level owning the clause
  /// WITH CHECK OPTION quals a view's rewrite hands to the rewrite of the statement it produced, keyed by
  /// that statement (bind_view_modify.cpp), so no other statement bound meanwhile sees them.
  std::map<const ast::Statement*, std::shared_ptr<struct ViewChecks>> view_checks_;
  const Scope* sql_function_scope_ = nullptr;  // a SQL function body's parameters ($n), while binding it
};

/// True if f names a built-in window function (row_number, rank, lag, ...; bind_window.cpp).
bool IsWindowFunctionName(const ast::FuncCall& f);

/// True if f names a set-returning function LumaDB runs (unnest, generate_series, the json ones).
bool IsSetFunctionName(const ast::FuncCall& f);

/// srf_clause_ inside an aggregate's arguments (parse_agg.c check_agg_arguments_walker's error).
inline constexpr const char* kSrfInAggregate = "aggregate arguments";

/// The 1-based character position of byte offset `location` in text (0 when location < 0): PostgreSQL
/// reports character, not byte, positions.
int32_t CharPosition(std::string_view text, int32_t location);

/// The leftmost of two byte locations (either may be -1, unknown), as nodeFuncs.c's leftmostLoc.
inline int32_t Leftmost(int32_t a, int32_t b) {
  return a < 0 ? b : (b < 0 ? a : std::min(a, b));
}

/// FindScopeColumn's result for a qualified name whose relation is not in the scope.
inline constexpr int kNoSuchRelation = -2;

/// The index in `scope` of the column `ref` names, -1 when there is none, kNoSuchRelation when its
/// qualifier names no relation of the scope. Throws 42702 when the name matches twice.
int FindScopeColumn(const Binder& binder, const Scope& scope, const ast::ColumnRef& ref);

/// The scope of one table's row (columns in table order) under `alias` (the table name when empty).
Scope TableScope(const catalog::TableInfo& table, const std::string& alias);

/// Fills join->left_keys/right_keys from the top-level "left = right" terms of join->condition, where
/// left_width is the number of columns of the left input (so the join can hash on them).
void ExtractHashKeys(JoinPlan* join, int left_width);

/// Resolves a written type name to a TypeDesc (int4, varchar(10) -> typmod 14, numeric(10,2), ...).
/// Throws 42704 'type "x" does not exist' at the name's position (position computed from query_text).
TypeDesc ResolveTypeName(const ast::TypeName& name, std::string_view query_text);

/// Rejects a type no column may have (CheckAttributeType): 42P16 `column "c" has pseudo-type void`.
void CheckColumnType(TypeDesc type, const std::string& column);

/// PostgreSQL's FigureColname (parser/parse_target.c): the output column name of an unaliased select
/// item ("?column?" when nothing better exists).
std::string FigureColumnName(const ast::Expr& expr, std::string_view query_text);

}  // namespace lumadb::planner

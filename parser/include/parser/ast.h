#pragma once
// The abstract syntax tree produced by the parser (grammar -> transformer, DuckDB's split) and consumed by
// the binder in planner/. It mirrors PostgreSQL's raw parse nodes (parsenodes.h) in spirit: names are not
// resolved, literals keep their text, and every node records `location`, the 0-based byte offset of its
// first character in the whole query string (-1 if unknown), so errors can carry a 'P' position.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <typeinfo>
#include <utility>
#include <vector>

namespace lumadb::ast {

// ---------------------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------------------

enum class ExprKind {
  kConstant,     // ConstExpr
  kColumnRef,    // ColumnRef
  kStar,         // StarExpr: * or t.* in a target list
  kParam,        // ParamRef: $n
  kUnary,        // UnaryExpr: -x, +x, NOT x
  kBinary,       // BinaryExpr: arithmetic, comparison, AND, OR, ||, LIKE
  kIsNull,       // IsNullExpr: x IS [NOT] NULL
  kBoolTest,     // BoolTestExpr: x IS [NOT] TRUE/FALSE/UNKNOWN
  kBetween,      // BetweenExpr
  kInList,       // InListExpr: x [NOT] IN (a, b)
  kCase,         // CaseExpr
  kFunc,         // FuncCall: f(x), count(*), count(DISTINCT x), coalesce(...), nullif, greatest, least
  kCast,         // CastExpr: CAST(x AS t), x::t, and typed literals  date '2020-01-01'
  kSubquery,     // SubqueryExpr: (SELECT ...), EXISTS (...), x [NOT] IN (SELECT ...)
  kDefault,      // DefaultExpr: the DEFAULT keyword in INSERT VALUES / UPDATE SET
  kArray,        // ArrayExpr: ARRAY[a, b], ARRAY[[1, 2], [3, 4]]
  kSubscript,    // SubscriptExpr: x[i], x[i:j]
  kArrayOp,      // ArrayOpExpr: x op ANY (array), x op ALL (array)
  kGroupingSet,  // GroupingSetExpr: (), (a, b), ROLLUP (...), CUBE (...), GROUPING SETS (...) in GROUP BY
  kRow,          // RowExpr: ROW(a, b), (a, b)
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;
struct SelectStmt;
struct WithClause;  // parser/ast_views.h
struct IntoClause;  // parser/ast_views.h

/// Base of all expression nodes. Use As<T>() for a checked downcast (T::kKind must match).
struct Expr {
  explicit Expr(ExprKind k, int32_t loc) : kind(k), location(loc) {}
  virtual ~Expr() = default;
  template <class T>
  T& As() {
    if (kind != T::kKind) throw std::bad_cast();
    return static_cast<T&>(*this);
  }
  template <class T>
  const T& As() const {
    if (kind != T::kKind) throw std::bad_cast();
    return static_cast<const T&>(*this);
  }
  ExprKind kind;
  int32_t location;
};

/// A literal. Numbers keep their source text: the binder types an integer literal int4 if it fits, else
/// int8, else numeric; a literal with '.' or 'e' is numeric (PostgreSQL scan.l / make_const).
struct ConstExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kConstant;
  enum class Type { kNull, kBool, kInteger, kDecimal, kString };
  ConstExpr(Type t, std::string v, int32_t loc) : Expr(kKind, loc), type(t), text(std::move(v)) {}
  Type type;
  std::string text;  // the digits for numbers; the unescaped value for strings; "t"/"f" for booleans
};

/// A possibly qualified column name: a, t.a, s.t.a.
struct ColumnRef : Expr {
  static constexpr ExprKind kKind = ExprKind::kColumnRef;
  ColumnRef(std::vector<std::string> n, int32_t loc) : Expr(kKind, loc), names(std::move(n)) {}
  std::vector<std::string> names;  // already case-folded (unquoted identifiers lower-cased)
};

/// * or qualifier.* in a select list (also count(*) is FuncCall::star, not this).
struct StarExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kStar;
  StarExpr(std::vector<std::string> q, int32_t loc) : Expr(kKind, loc), qualifier(std::move(q)) {}
  std::vector<std::string> qualifier;  // empty for a bare *
};

/// $n, 1-based.
struct ParamRef : Expr {
  static constexpr ExprKind kKind = ExprKind::kParam;
  ParamRef(int n, int32_t loc) : Expr(kKind, loc), number(n) {}
  int number;
};

/// Prefix operator: "-", "+", "NOT".
struct UnaryExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kUnary;
  UnaryExpr(std::string o, ExprPtr a, int32_t loc) : Expr(kKind, loc), op(std::move(o)), arg(std::move(a)) {}
  std::string op;
  ExprPtr arg;
};

/// Infix operator. op is one of: + - * / % ^ || = <> < > <= >= AND OR LIKE "NOT LIKE" ILIKE "NOT ILIKE".
/// (!= is normalised to <>.) location is the operator's position, as PostgreSQL reports it.
struct BinaryExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kBinary;
  BinaryExpr(std::string o, ExprPtr l, ExprPtr r, int32_t loc)
      : Expr(kKind, loc), op(std::move(o)), left(std::move(l)), right(std::move(r)) {}
  std::string op;
  ExprPtr left;
  ExprPtr right;
  ExprPtr escape;  // LIKE ... ESCAPE e, else null
};

struct IsNullExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kIsNull;
  IsNullExpr(ExprPtr a, bool neg, int32_t loc) : Expr(kKind, loc), arg(std::move(a)), negated(neg) {}
  ExprPtr arg;
  bool negated;  // IS NOT NULL
};

struct BoolTestExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kBoolTest;
  enum class Test { kTrue, kFalse, kUnknown };
  BoolTestExpr(ExprPtr a, Test t, bool neg, int32_t loc) : Expr(kKind, loc), arg(std::move(a)), test(t), negated(neg) {}
  ExprPtr arg;
  Test test;
  bool negated;
};

struct BetweenExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kBetween;
  BetweenExpr(int32_t loc) : Expr(kKind, loc) {}
  ExprPtr arg, low, high;
  bool negated = false;
  bool symmetric = false;
};

struct InListExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kInList;
  InListExpr(int32_t loc) : Expr(kKind, loc) {}
  ExprPtr arg;
  std::vector<ExprPtr> list;
  bool negated = false;
};

/// CASE [arg] WHEN w THEN t ... [ELSE e] END.
struct CaseExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kCase;
  CaseExpr(int32_t loc) : Expr(kKind, loc) {}
  ExprPtr arg;  // null for a searched CASE
  std::vector<std::pair<ExprPtr, ExprPtr>> whens;
  ExprPtr else_result;  // null when absent
};

/// An ORDER BY item (of a query, a window, or inside an aggregate call).
struct OrderItem {
  ExprPtr expr;
  bool descending = false;
  std::optional<bool> nulls_first;  // unset: PostgreSQL's default (NULLS LAST for ASC, FIRST for DESC)
};

/// Window frames (gram.y opt_frame_clause): the mode, each bound, and the EXCLUDE option.
enum class FrameMode { kRange, kRows, kGroups };
enum class FrameBoundKind { kUnboundedPreceding, kOffsetPreceding, kCurrentRow, kOffsetFollowing, kUnboundedFollowing };
enum class FrameExclude { kNoOthers, kCurrentRow, kGroup, kTies };
struct FrameBound {
  FrameBoundKind kind = FrameBoundKind::kUnboundedPreceding;
  ExprPtr offset;  // kOffsetPreceding / kOffsetFollowing only
  int32_t location = -1;
};

/// A window: OVER (...) or WINDOW name AS (...) (gram.y window_specification, PostgreSQL's WindowDef).
/// Without a frame clause the frame is RANGE UNBOUNDED PRECEDING .. CURRENT ROW.
struct WindowDef {
  std::string name;       // WINDOW name AS (...); empty in OVER
  std::string refname;    // OVER w, or the existing window OVER (w ORDER BY ...) builds on; empty: none
  bool bare_ref = false;  // OVER w without parentheses (may copy a window that has a frame)
  std::vector<ExprPtr> partition_by;
  std::vector<OrderItem> order_by;
  bool has_frame = false;
  FrameMode mode = FrameMode::kRange;
  FrameBound start;
  FrameBound end{FrameBoundKind::kCurrentRow, nullptr, -1};
  FrameExclude exclude = FrameExclude::kNoOthers;
  int32_t location = -1;
  int32_t frame_location = -1;
};

/// A function call. Special syntax is normalised to plain calls: COALESCE/NULLIF/GREATEST/LEAST by name,
/// substring(x FROM a FOR b) -> substring(x, a, b), position(a IN b) -> position(a, b), trim(...) ->
/// btrim/ltrim/rtrim, CURRENT_TIMESTAMP/now() -> now, CURRENT_DATE -> current_date,
/// EXTRACT(f FROM x) -> extract('f', x), CURRENT_USER/SESSION_USER -> current_user/session_user.
struct FuncCall : Expr {
  static constexpr ExprKind kKind = ExprKind::kFunc;
  FuncCall(std::vector<std::string> n, int32_t loc) : Expr(kKind, loc), name(std::move(n)) {}
  std::vector<std::string> name;  // possibly schema-qualified (pg_catalog.version), case-folded
  std::vector<ExprPtr> args;
  bool star = false;                // count(*)
  bool distinct = false;            // agg(DISTINCT x)
  std::vector<OrderItem> order_by;  // agg(x ORDER BY y), or WITHIN GROUP (ORDER BY y) when within_group
  bool within_group = false;
  ExprPtr filter;                   // FILTER (WHERE ...)
  std::unique_ptr<WindowDef> over;  // OVER ...: a window function call
};

/// A type as written: name folded to PostgreSQL's internal name where SQL gives it special syntax
/// (integer/int -> int4, smallint -> int2, bigint -> int8, real -> float4, double precision/float ->
/// float8, boolean -> bool, character varying/varchar -> varchar, character/char -> bpchar,
/// decimal -> numeric, timestamp [without time zone] -> timestamp, timestamp with time zone -> timestamptz).
struct TypeName {
  std::vector<std::string> names;  // e.g. {"int4"}, {"pg_catalog", "text"}
  std::vector<int32_t> modifiers;  // varchar(10) -> {10}; numeric(10,2) -> {10, 2}
  bool array = false;              // t[]
  int32_t location = -1;
};

/// CAST(arg AS type), arg::type, or a typed literal (type 'string').
struct CastExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kCast;
  CastExpr(ExprPtr a, TypeName t, int32_t loc) : Expr(kKind, loc), arg(std::move(a)), type(std::move(t)) {}
  ExprPtr arg;
  TypeName type;
};

struct SubqueryExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kSubquery;
  enum class Type { kScalar, kExists, kIn, kAny, kAll, kArray };  // kArray: ARRAY(SELECT ...)
  SubqueryExpr(Type t, int32_t loc);
  ~SubqueryExpr() override;
  Type type;
  std::unique_ptr<SelectStmt> query;
  ExprPtr arg;     // the left operand of IN/ANY/ALL
  std::string op;  // comparison operator of ANY/ALL ("=" for IN)
  bool negated = false;
};

/// ARRAY[...]; an inner [...] is a sub-array (is_sub), making a multi-dimensional array.
struct ArrayExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kArray;
  ArrayExpr(bool sub, int32_t loc) : Expr(kKind, loc), is_sub(sub) {}
  std::vector<ExprPtr> elements;
  bool is_sub;
};

/// arg[lower] or the slice arg[lower:upper] (either bound may be omitted in a slice).
struct SubscriptExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kSubscript;
  SubscriptExpr(ExprPtr a, int32_t loc) : Expr(kKind, loc), arg(std::move(a)) {}
  ExprPtr arg;
  ExprPtr lower;  // the index when !is_slice
  ExprPtr upper;
  bool is_slice = false;
};

/// arg op ANY (array) / arg op ALL (array). location is the operator's.
struct ArrayOpExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kArrayOp;
  ArrayOpExpr(std::string o, bool all_, ExprPtr a, ExprPtr arr, int32_t loc)
      : Expr(kKind, loc), op(std::move(o)), all(all_), arg(std::move(a)), array(std::move(arr)) {}
  std::string op;
  bool all;
  ExprPtr arg;
  ExprPtr array;
};

/// A grouping-set item of GROUP BY (gram.y group_by_item, parsenodes.h GroupingSet): kEmpty is (), kSimple
/// a parenthesized column list (a, b) inside ROLLUP/CUBE/GROUPING SETS; items are expressions or nested sets.
struct GroupingSetExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kGroupingSet;
  enum class Kind { kEmpty, kSimple, kRollup, kCube, kSets };
  GroupingSetExpr(Kind k, int32_t loc) : Expr(kKind, loc), set_kind(k) {}
  Kind set_kind;
  std::vector<ExprPtr> items;
};

/// A row constructor (gram.y row / implicit_row): ROW(a, b), ROW(), ROW(a), or (a, b) with two or more items.
struct RowExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kRow;
  RowExpr(bool explicit_row_, int32_t loc) : Expr(kKind, loc), explicit_row(explicit_row_) {}
  std::vector<ExprPtr> args;
  bool explicit_row;  // written with the ROW keyword
};

struct DefaultExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kDefault;
  explicit DefaultExpr(int32_t loc) : Expr(kKind, loc) {}
};

// ---------------------------------------------------------------------------------------------------------
// FROM clause
// ---------------------------------------------------------------------------------------------------------

/// A possibly qualified relation name, as PostgreSQL's RangeVar.
struct QualifiedName {
  std::string schema;  // empty when unqualified
  std::string name;
  int32_t location = -1;
};

enum class TableRefKind { kBase, kJoin, kSubquery, kFunction };
enum class JoinType { kInner, kLeft, kRight, kFull, kCross };

struct TableRef;
using TableRefPtr = std::unique_ptr<TableRef>;

struct TableRef {
  TableRefKind kind = TableRefKind::kBase;
  int32_t location = -1;
  // kBase
  QualifiedName table;
  // alias for kBase and kSubquery (and column aliases: FROM t AS x(a, b))
  std::string alias;
  std::vector<std::string> column_aliases;
  // kJoin
  JoinType join_type = JoinType::kInner;
  TableRefPtr left, right;
  std::unique_ptr<Expr> on;                // JOIN ... ON
  std::vector<std::string> using_columns;  // JOIN ... USING (a, b)
  bool natural = false;
  // kSubquery
  std::unique_ptr<SelectStmt> subquery;
  // kFunction: FROM generate_series(1, 10) [AS] g[(x)] (alias/column_aliases as above)
  std::unique_ptr<FuncCall> function;
  bool lateral = false;  // LATERAL before a kSubquery or kFunction
  // kJoin: JOIN ... USING (a, b) AS name (gram.y join_using_alias): a name for the merged columns only
  std::string join_using_alias;
  int32_t join_using_alias_location = -1;
  // kFunction returning record: the column definition list AS x(a int, b text), parallel to column_aliases
  std::vector<TypeName> column_types;
};

// ---------------------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------------------

enum class StmtKind {
  kSelect,
  kInsert,
  kUpdate,
  kDelete,
  kCreateTable,
  kCreateSchema,
  kCreateDatabase,
  kDrop,
  kTruncate,
  kTransaction,
  kVariableSet,
  kVariableShow,
  kCheckpoint,
  kCreateIndex,
  kReindex,
  kCreateSequence,
  kAlterSequence,
  kAlterTable,
  kVacuum,
  kExplain,
  kCopy,
  kPrepare,
  kExecute,
  kDeallocate,
  kDeclareCursor,
  kFetch,
  kClosePortal,
  kCreateRole,  // the role and privilege statements are in parser/ast_roles.h
  kAlterRole,
  kDropRole,
  kGrant,
  kGrantRole,
  kAlterOwner,
  kAlterRoleSet,
  kCreateView,  // the view statements are in parser/ast_views.h
  kCreateTableAs,
  kRefreshMatView,
  kCreateFunction,  // the function statements are in parser/ast_functions.h
  kDropFunction,
  kAlterFunction,
  kAlterView,
};

/// Base of all statements. location/length delimit the statement's text inside the query string
/// (used for log_statement and for psql-style error reporting).
struct Statement {
  explicit Statement(StmtKind k) : kind(k) {}
  virtual ~Statement() = default;
  template <class T>
  T& As() {
    if (kind != T::kKind) throw std::bad_cast();
    return static_cast<T&>(*this);
  }
  template <class T>
  const T& As() const {
    if (kind != T::kKind) throw std::bad_cast();
    return static_cast<const T&>(*this);
  }
  StmtKind kind;
  int32_t location = 0;
  int32_t length = 0;
};
using StatementPtr = std::unique_ptr<Statement>;

struct SelectItem {
  ExprPtr expr;
  std::string alias;  // empty when no AS name was given
  int32_t location = -1;
};

enum class SetOpType { kNone, kUnion, kIntersect, kExcept };

/// SELECT, VALUES, and set operations. For a set operation, set_op != kNone and larg/rarg hold the
/// operands; order_by/limit/offset then apply to the result.
/// Row-lock strength of a locking clause (parsenodes.h LockClauseStrength). On 2PL the two UPDATE
/// strengths take row X locks and the two SHARE strengths row S locks.
enum class LockStrength { kKeyShare, kShare, kNoKeyUpdate, kUpdate };
/// What a locking clause does with a row it cannot lock at once (parsenodes.h LockWaitPolicy).
enum class LockWaitPolicy { kBlock, kSkipLocked, kNoWait };

/// FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE [OF name, ...] [NOWAIT | SKIP LOCKED]
/// (gram.y for_locking_item).
struct LockingClause {
  LockStrength strength = LockStrength::kUpdate;
  std::vector<QualifiedName> tables;  // OF list; empty: every table of the FROM clause
  LockWaitPolicy wait = LockWaitPolicy::kBlock;
  int32_t location = -1;
};

struct SelectStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kSelect;
  SelectStmt() : Statement(kKind) {}
  bool distinct = false;
  std::vector<ExprPtr> distinct_on;  // SELECT DISTINCT ON (...) (distinct is then true too)
  std::vector<SelectItem> targets;
  std::vector<TableRefPtr> from;  // comma-separated items (implicit cross joins)
  ExprPtr where;
  std::vector<ExprPtr> group_by;  // expressions and GroupingSetExpr items
  bool group_distinct = false;    // GROUP BY DISTINCT: duplicate grouping sets are removed
  ExprPtr having;
  std::vector<WindowDef> windows;            // WINDOW name AS (...), ...
  std::vector<std::vector<ExprPtr>> values;  // VALUES (..), (..) when non-empty (targets then empty)
  SetOpType set_op = SetOpType::kNone;
  bool set_all = false;
  std::unique_ptr<SelectStmt> larg, rarg;
  std::vector<OrderItem> order_by;
  ExprPtr limit;                       // null: none (LIMIT ALL too)
  ExprPtr offset;                      // null: none
  std::vector<LockingClause> locking;  // FOR UPDATE/SHARE clauses, in order
  std::shared_ptr<WithClause> with;    // WITH ... (null: none)
  std::shared_ptr<IntoClause> into;    // SELECT ... INTO (the transformer turns a top-level one into CTAS)
};

/// INSERT ... OVERRIDING SYSTEM VALUE / OVERRIDING USER VALUE (identity columns).
enum class OverridingKind { kNone, kSystem, kUser };

struct OnConflictClause;

struct InsertStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kInsert;
  InsertStmt() : Statement(kKind) {}
  QualifiedName table;
  std::string alias;
  std::vector<std::string> columns;  // empty: all columns in order
  std::vector<int32_t> column_locations;
  /// Parallel to columns, or empty: the subscripts of target column i as a SubscriptExpr chain over a
  /// ColumnRef of it (`INSERT INTO t (a[1:2], b[3])`, gram.y insert_column_item's opt_indirection), or null
  /// for a plain column.
  std::vector<ExprPtr> column_targets;
  std::unique_ptr<SelectStmt> source;                 // VALUES or SELECT; null for DEFAULT VALUES
  OverridingKind overriding = OverridingKind::kNone;  // OVERRIDING {SYSTEM|USER} VALUE
  std::vector<SelectItem> returning;                  // RETURNING list (empty: none); may contain a StarExpr
  std::shared_ptr<WithClause> with;                   // WITH ... (null: none)
  std::shared_ptr<OnConflictClause> on_conflict;      // ON CONFLICT ... (null: none)
};

struct SetClause {
  std::string column;
  int32_t location = -1;
  ExprPtr value;  // may be DefaultExpr
  /// `SET col[i] = ...`: the subscripts applied to the column, as a SubscriptExpr chain over a ColumnRef of
  /// it (gram.y set_target's opt_indirection); null for a plain `SET col = ...`.
  ExprPtr target;
};

/// One element of ON CONFLICT's inference specification (gram.y index_elem): a column or an expression.
struct InferenceElem {
  std::string column;  // empty for an expression
  ExprPtr expr;        // the expression (null for a column)
  int32_t location = -1;
};

/// INSERT's ON CONFLICT clause (gram.y OnConflictClause with its InferClause).
struct OnConflictClause {
  std::vector<InferenceElem> infer;  // ( ... ): empty when not given
  ExprPtr infer_where;               // the inference specification's WHERE (null: none)
  std::string constraint;            // ON CONSTRAINT name (empty: none)
  bool do_update = false;            // DO UPDATE (else DO NOTHING)
  std::vector<SetClause> set;
  ExprPtr where;          // DO UPDATE ... WHERE (null: none)
  int32_t location = -1;  // of ON CONFLICT
};

struct UpdateStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kUpdate;
  UpdateStmt() : Statement(kKind) {}
  QualifiedName table;
  std::string alias;
  std::vector<SetClause> set;
  std::vector<TableRefPtr> from;
  ExprPtr where;
  std::vector<SelectItem> returning;
  std::shared_ptr<WithClause> with;  // WITH ... (null: none)
};

struct DeleteStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kDelete;
  DeleteStmt() : Statement(kKind) {}
  QualifiedName table;
  std::string alias;
  std::vector<TableRefPtr> using_tables;  // USING items (implicit cross joins with the target)
  ExprPtr where;
  std::vector<SelectItem> returning;
  std::shared_ptr<WithClause> with;  // WITH ... (null: none)
};

/// ON DELETE / ON UPDATE action of a REFERENCES clause.
enum class FkActionKind { kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };

/// REFERENCES t [(cols)] [MATCH SIMPLE|FULL] [ON DELETE action] [ON UPDATE action] (column or table level).
struct ForeignKeyRef {
  QualifiedName table;
  std::vector<std::string> columns;  // empty: the referenced table's primary key
  FkActionKind on_delete = FkActionKind::kNoAction;
  FkActionKind on_update = FkActionKind::kNoAction;
};

/// Options of CREATE/ALTER SEQUENCE and of GENERATED ... AS IDENTITY (seq opts): each set one is present.
struct SequenceOptions {
  std::optional<TypeName> as_type;  // AS smallint|integer|bigint
  std::optional<int64_t> increment, start, restart, cache;
  std::optional<std::optional<int64_t>> min_value, max_value;  // inner nullopt: NO MINVALUE / NO MAXVALUE
  std::optional<bool> cycle;
  bool restart_default = false;       // RESTART without a value (back to START)
  std::vector<std::string> owned_by;  // OWNED BY [schema.]table.column as written; {"none"} for OWNED BY NONE
};

struct ColumnDef {
  std::string name;
  TypeName type;  // serial/bigserial/smallserial stay as written ({"serial"}, {"bigserial"}, ...)
  bool not_null = false;
  bool primary_key = false;
  bool unique = false;
  std::string pk_name, unique_name;  // CONSTRAINT name before PRIMARY KEY / UNIQUE, or empty
  ExprPtr default_expr;              // DEFAULT expr, or null
  std::string default_text;          // the source text of default_expr, stored in the catalog
  struct Check {
    std::string name;  // CONSTRAINT name, or empty
    ExprPtr expr;
    std::string text;  // source text of expr (inside the parentheses)
  };
  std::vector<Check> checks;
  struct References {
    std::string name;
    ForeignKeyRef ref;
  };
  std::optional<References> references;
  char identity = 0;  // 'a' GENERATED ALWAYS AS IDENTITY, 'd' BY DEFAULT
  SequenceOptions identity_options;
  int32_t location = -1;
};

/// A table-level constraint: PRIMARY KEY (a, b), UNIQUE (a), CHECK (expr), FOREIGN KEY (a) REFERENCES ...
struct TableConstraint {
  enum class Type { kPrimaryKey, kUnique, kCheck, kForeignKey };
  Type type = Type::kPrimaryKey;
  std::string name;                  // CONSTRAINT name, or empty
  std::vector<std::string> columns;  // key columns; FOREIGN KEY's referencing columns
  ExprPtr check;                     // kCheck
  std::string check_text;            // kCheck: source text of the expression
  ForeignKeyRef references;          // kForeignKey
  bool not_valid = false;            // NOT VALID (accepted)
  int32_t location = -1;
};

/// ON COMMIT of a temporary table (gram.y OnCommitAction).
enum class OnCommitAction { kNoop, kPreserveRows, kDeleteRows, kDrop };

struct CreateTableStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kCreateTable;
  CreateTableStmt() : Statement(kKind) {}
  QualifiedName table;
  char persistence = 'p';  // pg_class.relpersistence: 'p' permanent, 't' TEMP, 'u' UNLOGGED (kept permanent)
  OnCommitAction on_commit = OnCommitAction::kNoop;
  bool if_not_exists = false;
  std::vector<ColumnDef> columns;
  std::vector<TableConstraint> constraints;
  std::vector<std::pair<std::string, std::string>> options;  // WITH (fillfactor=70) -> {"fillfactor","70"}
};

struct CreateSchemaStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kCreateSchema;
  CreateSchemaStmt() : Statement(kKind) {}
  std::string name;
  bool if_not_exists = false;
};

struct CreateDatabaseStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kCreateDatabase;
  CreateDatabaseStmt() : Statement(kKind) {}
  std::string name;
  std::vector<std::pair<std::string, std::string>> options;  // WITH OWNER = x, TEMPLATE ..., accepted
};

enum class ObjectType { kTable, kSchema, kDatabase, kIndex, kSequence, kView, kMatView };

/// DROP TABLE|SCHEMA|DATABASE|INDEX|SEQUENCE [IF EXISTS] a, b [CASCADE|RESTRICT].
struct DropStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kDrop;
  DropStmt() : Statement(kKind) {}
  ObjectType object_type = ObjectType::kTable;
  std::vector<QualifiedName> names;
  bool if_exists = false;
  bool cascade = false;
};

struct TruncateStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kTruncate;
  TruncateStmt() : Statement(kKind) {}
  std::vector<QualifiedName> tables;
  bool restart_identity = false;  // RESTART IDENTITY
  bool cascade = false;
};

/// One key column of CREATE INDEX: a column name (expressions are not supported: 0A000).
struct IndexElem {
  std::string column;
  bool descending = false;
  std::optional<bool> nulls_first;  // unset: NULLS LAST for ASC, FIRST for DESC
  int32_t location = -1;
};

/// CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] t [USING btree] (elems)
/// [INCLUDE (..)] [WITH (..)] [WHERE ..]: INCLUDE/WHERE/methods other than btree give 0A000 in the binder.
struct CreateIndexStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kCreateIndex;
  CreateIndexStmt() : Statement(kKind) {}
  std::string name;  // empty: generated
  QualifiedName table;
  bool unique = false;
  bool if_not_exists = false;
  std::string method = "btree";
  std::vector<IndexElem> columns;
  bool has_where = false;       // partial index (rejected)
  bool has_include = false;     // INCLUDE (rejected)
  bool has_expression = false;  // an expression key (rejected)
};

/// REINDEX {INDEX|TABLE} [CONCURRENTLY] name.
struct ReindexStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kReindex;
  ReindexStmt() : Statement(kKind) {}
  bool is_table = false;
  QualifiedName name;
};

/// CREATE [TEMP] SEQUENCE [IF NOT EXISTS] name [options].
struct CreateSequenceStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kCreateSequence;
  CreateSequenceStmt() : Statement(kKind) {}
  QualifiedName name;
  bool if_not_exists = false;
  SequenceOptions options;
};

/// ALTER SEQUENCE [IF EXISTS] name options.
struct AlterSequenceStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kAlterSequence;
  AlterSequenceStmt() : Statement(kKind) {}
  QualifiedName name;
  bool if_exists = false;
  SequenceOptions options;
};

/// One action of ALTER TABLE (gram.y alter_table_cmd), the subset LumaDB supports.
struct AlterTableCmd {
  enum class Type {
    kAddColumn,       // ADD [COLUMN] [IF NOT EXISTS] column_def
    kDropColumn,      // DROP [COLUMN] [IF EXISTS] name [CASCADE|RESTRICT]
    kAddConstraint,   // ADD table_constraint
    kDropConstraint,  // DROP CONSTRAINT [IF EXISTS] name [CASCADE|RESTRICT]
    kSetNotNull,      // ALTER [COLUMN] c SET NOT NULL
    kDropNotNull,     // ALTER [COLUMN] c DROP NOT NULL
    kSetDefault,      // ALTER [COLUMN] c SET DEFAULT expr
    kDropDefault,     // ALTER [COLUMN] c DROP DEFAULT
    kAlterType,       // ALTER [COLUMN] c [SET DATA] TYPE t [USING expr]
    kAddIdentity,     // ALTER [COLUMN] c ADD GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY [(opts)]
    kDropIdentity,    // ALTER [COLUMN] c DROP IDENTITY [IF EXISTS]
  };
  Type type = Type::kAddColumn;
  std::string column;          // the column acted on (all but kAddColumn/kAddConstraint/kDropConstraint)
  std::string constraint;      // kDropConstraint
  bool if_exists = false;      // DROP ... IF EXISTS
  bool if_not_exists = false;  // ADD COLUMN IF NOT EXISTS
  bool cascade = false;
  std::optional<ColumnDef> column_def;              // kAddColumn
  std::optional<TableConstraint> table_constraint;  // kAddConstraint
  ExprPtr expr;                                     // kSetDefault: the default; kAlterType: USING expr (or null)
  std::string expr_text;                            // source text of expr
  std::optional<TypeName> type_name;                // kAlterType
  char identity = 0;                                // kAddIdentity: 'a' ALWAYS, 'd' BY DEFAULT
  SequenceOptions identity_options;                 // kAddIdentity: the (sequence options) after AS IDENTITY
  int32_t location = -1;
};

/// ALTER TABLE [IF EXISTS] [ONLY] t cmd[, ...] | RENAME TO n | RENAME [COLUMN] a TO b |
/// RENAME CONSTRAINT a TO b; also ALTER INDEX [IF EXISTS] i RENAME TO n (is_index) and
/// ALTER SEQUENCE [IF EXISTS] s RENAME TO n (is_sequence).
struct AlterTableStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kAlterTable;
  AlterTableStmt() : Statement(kKind) {}
  QualifiedName table;
  bool if_exists = false;
  bool is_index = false;            // ALTER INDEX ... RENAME TO
  bool is_sequence = false;         // ALTER SEQUENCE ... RENAME TO
  std::vector<AlterTableCmd> cmds;  // empty for a rename
  enum class Rename { kNone, kTable, kColumn, kConstraint } rename = Rename::kNone;
  std::string rename_from;  // kColumn / kConstraint: the old name
  std::string rename_to;
};

/// VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [(options)] [t [(cols)], ...] and ANALYZE [VERBOSE] [t, ...]
/// (is_vacuum false).
struct VacuumStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kVacuum;
  VacuumStmt() : Statement(kKind) {}
  bool is_vacuum = true;
  bool analyze = false;
  bool full = false;
  bool verbose = false;
  std::vector<QualifiedName> tables;  // empty: every table of the database
  /// Per entry of `tables`, its column list `t (a, b)` (ANALYZE only those columns); empty: every column.
  std::vector<std::vector<std::string>> columns;
};

/// EXPLAIN [ANALYZE] [VERBOSE] stmt, or EXPLAIN (option [value], ...) stmt. Options lower-cased:
/// analyze, verbose, costs, buffers, timing, summary, format (value "text" or "json").
struct ExplainStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kExplain;
  ExplainStmt() : Statement(kKind) {}
  std::vector<std::pair<std::string, std::string>> options;  // {"analyze", "true"}, {"format", "json"}
  StatementPtr query;  // SELECT, INSERT, UPDATE, DELETE (others: 0A000 / syntax error as PostgreSQL)
};

/// One COPY option, in the generic form (gram.y copy_generic_opt_elem); the old syntax is normalised to it:
/// BINARY/CSV -> {"format", "binary"/"csv"}, HEADER -> {"header"}, FORCE QUOTE -> "force_quote",
/// FORCE NOT NULL -> "force_not_null", FORCE NULL -> "force_null", DELIMITER AS x -> {"delimiter", x}.
struct CopyOption {
  std::string name;               // lower-cased
  std::string value;              // strings unquoted, words folded, numbers as written
  bool has_value = false;         // false: no argument (a boolean option meaning true)
  bool star = false;              // FORCE_QUOTE *
  std::vector<std::string> list;  // FORCE_QUOTE (a, b): the column names
  bool is_list = false;
  int32_t location = -1;
};

/// COPY t [(cols)] FROM {STDIN | 'file'} [WITH] options | COPY {t [(cols)] | (query)} TO {STDOUT | 'file'}
/// [WITH] options (gram.y CopyStmt). PROGRAM and WHERE are rejected by the grammar.
struct CopyStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kCopy;
  CopyStmt() : Statement(kKind) {}
  QualifiedName table;                // empty name when query is set
  std::vector<std::string> columns;   // empty: every column
  std::unique_ptr<SelectStmt> query;  // COPY (query) TO
  int32_t query_location = -1;        // byte offset of the query's text
  int32_t query_length = 0;
  bool is_from = false;
  std::string filename;  // empty: STDIN / STDOUT
  std::vector<CopyOption> options;
};

/// Transaction control. `options` holds the transaction modes as lower-case strings:
/// "isolation level read committed", "read only", "read write", "deferrable", "not deferrable".
struct TransactionStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kTransaction;
  enum class Type {
    kBegin,                      // BEGIN [WORK|TRANSACTION] [modes], START TRANSACTION [modes]
    kCommit,                     // COMMIT, END
    kRollback,                   // ROLLBACK, ABORT
    kSavepoint,                  // SAVEPOINT name
    kRelease,                    // RELEASE [SAVEPOINT] name
    kRollbackTo,                 // ROLLBACK [WORK|TRANSACTION] TO [SAVEPOINT] name
    kSetTransaction,             // SET TRANSACTION modes
    kSetSessionCharacteristics,  // SET SESSION CHARACTERISTICS AS TRANSACTION modes
  };
  TransactionStmt() : Statement(kKind) {}
  Type type = Type::kBegin;
  std::vector<std::string> options;
  std::string savepoint;
  bool chain = false;         // AND CHAIN
  bool start_syntax = false;  // kBegin written as START TRANSACTION (its command tag differs)
};

/// SET [SESSION|LOCAL] name {TO|=} value[, ...] | DEFAULT; SET TIME ZONE v; SET NAMES v;
/// RESET name; RESET ALL. Names are lower-cased; TIME ZONE -> "timezone", NAMES -> "client_encoding".
struct VariableSetStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kVariableSet;
  enum class Type { kSetValue, kSetDefault, kReset, kResetAll };
  VariableSetStmt() : Statement(kKind) {}
  Type type = Type::kSetValue;
  std::string name;
  std::vector<std::string> values;  // each item's text: identifiers folded, strings unquoted, numbers as-is
  bool local = false;
};

/// SHOW name | SHOW ALL (name "all") | SHOW TIME ZONE ("timezone") |
/// SHOW TRANSACTION ISOLATION LEVEL ("transaction_isolation").
struct VariableShowStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kVariableShow;
  VariableShowStmt() : Statement(kKind) {}
  std::string name;
};

/// CHECKPOINT (gram.y CheckPointStmt): forces a checkpoint of the storage engine.
struct CheckpointStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kCheckpoint;
  CheckpointStmt() : Statement(kKind) {}
};

/// PREPARE name [(type, ...)] AS statement (gram.y PrepareStmt); query is SELECT, INSERT, UPDATE or DELETE.
/// Shared so the prepared statement can keep it after the query string's other statements are gone.
struct PrepareStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kPrepare;
  PrepareStmt() : Statement(kKind) {}
  std::string name;
  std::vector<TypeName> types;
  std::shared_ptr<const Statement> query;
};

/// EXECUTE name [(expr, ...)] (gram.y ExecuteStmt).
struct ExecuteStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kExecute;
  ExecuteStmt() : Statement(kKind) {}
  std::string name;
  std::vector<ExprPtr> params;
};

/// DEALLOCATE [PREPARE] {name | ALL} (gram.y DeallocateStmt).
struct DeallocateStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kDeallocate;
  DeallocateStmt() : Statement(kKind) {}
  std::string name;  // empty for ALL
  bool all = false;
};

/// DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH | WITHOUT} HOLD] FOR query
/// (gram.y DeclareCursorStmt). Neither scroll nor no_scroll: the plan decides, as PostgreSQL's PortalStart.
struct DeclareCursorStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kDeclareCursor;
  DeclareCursorStmt() : Statement(kKind) {}
  std::string name;
  bool binary = false;
  bool scroll = false;
  bool no_scroll = false;
  bool hold = false;
  std::shared_ptr<const Statement> query;  // a SelectStmt
};

/// Where FETCH and MOVE go (parsenodes.h FetchDirection); NEXT, PRIOR, FIRST, LAST, n and ALL are
/// normalised to these as gram.y does (PRIOR: kBackward 1, LAST: kAbsolute -1, ...).
enum class FetchDirection { kForward, kBackward, kAbsolute, kRelative };
/// The count of FETCH ALL / FORWARD ALL / BACKWARD ALL (PostgreSQL's FETCH_ALL).
inline constexpr int64_t kFetchAll = INT64_MAX;

/// FETCH [direction] [FROM | IN] name and MOVE (gram.y FetchStmt).
struct FetchStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kFetch;
  FetchStmt() : Statement(kKind) {}
  std::string name;
  FetchDirection direction = FetchDirection::kForward;
  int64_t count = 1;
  bool is_move = false;
};

/// CLOSE {name | ALL} (gram.y ClosePortalStmt).
struct ClosePortalStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kClosePortal;
  ClosePortalStmt() : Statement(kKind) {}
  std::string name;  // empty for ALL
  bool all = false;
};

}  // namespace lumadb::ast

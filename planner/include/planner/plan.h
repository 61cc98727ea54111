#pragma once
// Plan trees: immutable, shareable descriptions of how to run a statement (DuckDB's PhysicalOperator
// without state; executors in exec/ hold the state). Every node lists its output columns; a bound
// expression inside a node refers to positions of that node's input row (for joins: left ++ right).

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "planner/bound_expr.h"
#include "planner/explain.h"

namespace lumadb::planner {

/// One output column of a plan node, as RowDescription needs it.
struct OutputColumn {
  std::string name;
  TypeDesc type;
  Oid table_oid = 0;  // set only for plain table columns
  int16_t attnum = 0;
};

enum class PlanKind {
  kValues,
  kSeqScan,
  kFilter,
  kProject,
  kJoin,
  kAggregate,
  kSort,
  kLimit,
  kDistinct,
  kSetOp,
  kInsert,
  kUpdate,
  kDelete,
  kIndexScan,
  kFunctionScan,
  kIndexNestedLoop,
  kProjectSet,
  kWindowAgg,       // planner/window_plan.h
  kRecursiveUnion,  // planner/cte_plan.h
  kWorkTableScan,
  kCteScan,  // planner/cte_plan.h
  kGather,   // GatherPlan, below
};

struct PlanNode;
using PlanPtr = std::shared_ptr<const PlanNode>;
struct CteDef;  // planner/cte_plan.h

/// Base of all plan nodes; As<T>() is a checked downcast through the kind tag (DuckDB's Cast<T>()).
struct PlanNode {
  explicit PlanNode(PlanKind k) : kind(k) {}
  virtual ~PlanNode() = default;
  template <class T>
  const T& As() const {
    if (kind != T::kKind) throw std::logic_error("bad plan node cast");
    return static_cast<const T&>(*this);
  }
  PlanKind kind;
  std::vector<OutputColumn> output;
  /// The materialized WITH queries of the query level this node is the top of (EXPLAIN's "CTE x"
  /// InitPlans): exec starts them afresh each time the node is initialised.
  std::vector<std::shared_ptr<const CteDef>> init_ctes;
};

/// Literal rows (VALUES, and SELECT without FROM as one row of zero columns).
struct ValuesPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kValues;
  ValuesPlan() : PlanNode(kKind) {}
  std::vector<std::vector<BoundExprPtr>> rows;
};

/// How a scan locks the rows it returns under 2PL (exec/README.md "Locking").
enum class RowLockMode {
  kRead,       // a plain read: row S for as long as the isolation level says (READ COMMITTED: the read only)
  kShare,      // FOR SHARE / FOR KEY SHARE: row S held to commit
  kExclusive,  // FOR [NO KEY] UPDATE and the rows UPDATE/DELETE visit: row X held to commit
};
/// What a locking scan does with a row it cannot lock at once (PostgreSQL's LockWaitPolicy).
enum class RowLockWait { kBlock, kSkipLocked, kNoWait };

/// Full scan of a heap; with emit_rid the row gets one extra trailing int8 column holding the TID
/// (page << 16 | slot), which UPDATE and DELETE use to find the tuple again. Each row is locked as
/// row_lock says, re-read, and only then checked against qual (PostgreSQL's EvalPlanQual recheck: the
/// WHERE clause sees the latest committed version of the row).
struct SeqScanPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kSeqScan;
  SeqScanPlan() : PlanNode(kKind) {}
  std::shared_ptr<const catalog::TableInfo> table;
  bool emit_rid = false;
  RowLockMode row_lock = RowLockMode::kRead;
  RowLockWait wait = RowLockWait::kBlock;
  BoundExprPtr qual;  // null: every row; over the table's columns (without the rid)
  /// Empty: every column is decoded. Else one flag per table column: only those set are decoded, the others
  /// come out NULL because nothing above reads them (projection pruning, planner/src/prune_columns.h).
  std::vector<bool> decode;
  /// Empty, or the columns qual reads when fewer than `decode`: a quiet read decodes these, checks the
  /// qual, and decodes the rest only for rows that pass (prune_columns.cpp).
  std::vector<bool> qual_decode;
  std::string alias;  // the FROM clause's alias, if any (EXPLAIN's "Seq Scan on t x")
  /// > 0: a Parallel Seq Scan under the Partial Aggregate of a GatherPlan with that many workers planned;
  /// each participant reads the pages it claims (estimates divide the rows among the participants).
  int parallel_workers = 0;
};

/// One bound of an index scan over the first columns of the key: values[i] is compared with key
/// column i (each value an expression without column references, or over the outer row of an index nested
/// loop, already of the key column's type, or of any integer type for an integer key column and any string
/// type for a text/varchar key column: those encode alike, see common/index_key.h). Bounds are in index
/// order: for a DESC key column "col > 5" is an upper bound. The bound covers the columns listed; `inclusive` says
/// whether keys equal to it on those columns are in range.
struct IndexBound {
  std::vector<BoundExprPtr> values;  // per leading key column; null: the column IS NULL (its NULL encoding)
  bool inclusive = true;
};

/// Scan of a table through one of its B+tree indexes, in index order (PostgreSQL's Index Scan):
/// equality on a key prefix and/or a range on the next key column. The entries between lower and upper
/// are visited; each heap tuple is locked as row_lock says, re-read, and returned only if `qual` (the
/// whole WHERE over the table's columns, index conditions included: the recheck) holds. A NULL bound
/// value matches nothing (x = NULL is never true). Output and emit_rid as SeqScanPlan.
struct IndexScanPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kIndexScan;
  IndexScanPlan() : PlanNode(kKind) {}
  std::shared_ptr<const catalog::TableInfo> table;
  catalog::IndexInfo index;
  std::optional<IndexBound> lower;  // unset: from the first entry
  std::optional<IndexBound> upper;  // unset: to the last entry
  bool backward = false;            // descending index order, from upper down to lower (ORDER BY ... DESC)
  std::string alias;                // as SeqScanPlan's
  bool emit_rid = false;
  RowLockMode row_lock = RowLockMode::kRead;
  RowLockWait wait = RowLockWait::kBlock;
  BoundExprPtr qual;
  /// For EXPLAIN only: the conditions the bounds implement ("Index Cond", key column on the left; for an
  /// index nested loop over outer ++ inner columns) and the rest of qual ("Filter", null when none).
  std::vector<BoundExprPtr> index_conds;
  BoundExprPtr filter;
  /// As SeqScanPlan::decode (prune_columns.cpp); the index's key columns are always among those decoded,
  /// since the executor rechecks each entry's key against its tuple.
  std::vector<bool> decode;
};

/// A set-returning function in FROM: generate_series(start, stop [, step]) over int4, int8 or numeric
/// (issue 4 needs the integer forms). args have no column references.
struct FunctionScanPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kFunctionScan;
  FunctionScanPlan() : PlanNode(kKind) {}
  std::string function;  // "generate_series"
  std::vector<BoundExprPtr> args;
  std::string alias;  // the FROM item's name (EXPLAIN: "Function Scan on generate_series g")
};

/// Set-returning functions of the select list (PostgreSQL's ProjectSet, nodeProjectSet.c): per input row
/// each function runs with its arguments evaluated over that row; the functions advance in lockstep and the
/// row is repeated until all are exhausted, shorter ones giving NULL. An input row for which every function
/// returns nothing yields no row. Output: the input's columns ++ one column per function.
struct ProjectSetPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kProjectSet;
  ProjectSetPlan() : PlanNode(kKind) {}
  PlanPtr child;
  std::vector<std::shared_ptr<const FunctionScanPlan>> functions;  // args over the child's row
};

struct FilterPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kFilter;
  FilterPlan() : PlanNode(kKind) {}
  PlanPtr child;
  BoundExprPtr predicate;  // rows where it is true pass (NULL and false drop)
};

struct ProjectPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kProject;
  ProjectPlan() : PlanNode(kKind) {}
  PlanPtr child;
  std::vector<BoundExprPtr> exprs;
};

/// kSemi/kAnti (from EXISTS, NOT EXISTS and IN in WHERE, decorrelate.h) output only the left row: once
/// when some right row matches, or when none does.
enum class JoinKind { kInner, kLeft, kRight, kFull, kSemi, kAnti };

/// A kExecParam slot an enclosing level sets before running a subplan or a lateral join's right side
/// (PostgreSQL's parParam with the SubPlan's or NestLoop's arg): `value`, evaluated over that level's row.
struct ExecParamBinding {
  int id = 0;
  BoundExprPtr value;
};

/// A join; condition (over left ++ right) may be null for a cross join. Output: left ++ right, with NULLs
/// for the missing side of outer joins. When the condition contains equalities between an expression of
/// the left input and one of the right, they are listed in left_keys/right_keys (each over its own input's
/// row) and the executor hashes the right input on them; the whole condition is still checked per pair.
/// With lateral_params (LATERAL, functions in FROM over earlier items) the right input reads them, so it is
/// run again for each left row after they are set from it (nodeNestloop.c's nestParams).
/// How a JoinPlan runs (join_order.h chooses). kAuto: a hash join when there are keys, else a nested loop;
/// kNestLoop tests every pair even with keys; kMerge needs both inputs sorted ascending, NULLs last, on
/// left_keys/right_keys (each pair of one type) and merges them (nodeMergejoin.c).
enum class JoinMethod { kAuto, kHash, kNestLoop, kMerge };

struct JoinPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kJoin;
  JoinPlan() : PlanNode(kKind) {}
  PlanPtr left, right;
  JoinKind join = JoinKind::kInner;
  JoinMethod method = JoinMethod::kAuto;
  BoundExprPtr condition;
  std::vector<BoundExprPtr> left_keys;
  std::vector<BoundExprPtr> right_keys;
  std::vector<ExecParamBinding> lateral_params;  // values over the left row
};

/// Index nested loop join: for each row of `outer`, an index scan of `inner` whose bound values refer
/// to the outer row (column i = position i of the outer row). Output: outer ++ inner (LEFT: inner NULLs
/// when no inner row matches); condition is checked per pair as in JoinPlan.
struct IndexNestedLoopPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kIndexNestedLoop;
  IndexNestedLoopPlan() : PlanNode(kKind) {}
  PlanPtr outer;
  std::shared_ptr<const IndexScanPlan> inner;  // its bounds are over the outer row, its qual over the inner
  JoinKind join = JoinKind::kInner;
  BoundExprPtr condition;  // over outer ++ inner, or null
};

struct SortKey {
  BoundExprPtr expr;
  bool descending = false;
  bool nulls_first = false;
};

/// One aggregate computed by an AggregatePlan (or a WindowAggPlan).
struct AggregateSpec {
  const AggregateFunction* func = nullptr;
  BoundExprPtr arg;  // null for count(*); an ordered-set aggregate's WITHIN GROUP value
  bool distinct = false;
  TypeDesc result;
  std::vector<BoundExprPtr> extra;    // further arguments: string_agg's delimiter, percentile's fraction
  BoundExprPtr filter;                // FILTER (WHERE ...): rows where it is not true are skipped; null: none
  std::vector<SortKey> order;         // ORDER BY inside the call or WITHIN GROUP: the inputs' order
  std::vector<int> grouping_columns;  // GROUPING(...): the group keys (AggregatePlan::groups) it tests
};

/// Hash aggregation. Output: group keys ++ aggregate results. Without group keys it yields exactly one
/// row even over empty input (count(*) = 0), as PostgreSQL's plain Agg.
struct AggregatePlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kAggregate;
  AggregatePlan() : PlanNode(kKind) {}
  PlanPtr child;
  std::vector<BoundExprPtr> groups;
  std::vector<AggregateSpec> aggregates;
  /// GROUPING SETS / ROLLUP / CUBE: each set lists indexes into groups (the other keys are NULL in its
  /// rows); empty for a plain GROUP BY. Sorted into rollup chains (planner/grouping_sets.h).
  std::vector<std::vector<int>> grouping_sets;
  /// A Partial Aggregate (nodeAgg.c AGGSPLIT_INITIAL_SERIAL): the child of a GatherPlan, whose participants
  /// each aggregate their share of the rows; the Finalize Aggregate above the Gather combines their states.
  bool partial = false;
};

struct SortPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kSort;
  SortPlan() : PlanNode(kKind) {}
  PlanPtr child;
  std::vector<SortKey> keys;
};

/// LIMIT/OFFSET; both int8 expressions without column references, evaluated once at Init.
struct LimitPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kLimit;
  LimitPlan() : PlanNode(kKind) {}
  PlanPtr child;
  BoundExprPtr limit;   // null: no limit
  BoundExprPtr offset;  // null: no offset
};

/// Removes duplicate rows (NULLs equal each other, as DISTINCT treats them).
struct DistinctPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kDistinct;
  DistinctPlan() : PlanNode(kKind) {}
  PlanPtr child;
};

enum class SetOpKind { kUnion, kIntersect, kExcept };

/// UNION/INTERSECT/EXCEPT [ALL]; both inputs already have the output column types.
struct SetOpPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kSetOp;
  SetOpPlan() : PlanNode(kKind) {}
  PlanPtr left, right;
  SetOpKind op = SetOpKind::kUnion;
  bool all = false;
};

/// A CHECK constraint bound over the table's row (columns in table order).
struct BoundCheck {
  std::string name;   // the CHECK constraint's, or for a view's check option the view's
  BoundExprPtr expr;  // a row violates it when expr is false (NULL passes, except for a view's check option)
  /// A view's WITH CHECK OPTION (bind_view_modify.cpp): only true passes, and a failure is 44000
  /// (ExecWithCheckOptions) instead of a CHECK constraint's 23514.
  bool view_check_option = false;
};

/// What INSERT/UPDATE/DELETE need besides the rows: the constraints to enforce and the RETURNING list.
/// The executor maintains every index of `table` (TableInfo::indexes), checks NOT NULL (columns'
/// not_null, 23502), `checks` (23514), unique indexes (23505), the table's foreign keys (23503) and
/// the foreign keys referencing it (actions per ForeignKey::on_delete/on_update; CASCADE, SET NULL and
/// SET DEFAULT change the referencing rows, whose own constraints are checked in turn).
/// `returning` (over the new row for INSERT/UPDATE, the old row for DELETE, in table column order)
/// makes the node output rows; `output` then describes them. Empty returning: no rows, only the count.
struct ModifyCommon {
  std::shared_ptr<const catalog::TableInfo> table;
  std::vector<BoundCheck> checks;
  std::vector<BoundExprPtr> returning;
  std::string alias;  // the target's alias (EXPLAIN "Insert on t x"); empty: none
};

/// INSERT ... ON CONFLICT (PostgreSQL's OnConflictExpr, nodeModifyTable.c ExecOnConflictUpdate). A proposed
/// row conflicts when an arbiter index holds a live row with its key; DO NOTHING then skips it, DO UPDATE
/// changes that row: `set[i]` (null: keep) and `where` are bound over the existing row ++ the proposed
/// (EXCLUDED) row, both in table column order.
struct OnConflictPlan {
  bool do_update = false;
  std::vector<Oid> arbiters;  // unique index OIDs; empty (DO NOTHING without a target): every unique index
  std::vector<BoundExprPtr> set;
  BoundExprPtr where;
};

/// INSERT: child produces complete rows in table column order, already cast to the column types (defaults,
/// nextval() of serial/identity columns included: evaluated per row by the child).
struct InsertPlan : PlanNode, ModifyCommon {
  static constexpr PlanKind kKind = PlanKind::kInsert;
  InsertPlan() : PlanNode(kKind) {}
  PlanPtr child;
  std::shared_ptr<const OnConflictPlan> on_conflict;  // null: no ON CONFLICT clause
};

/// UPDATE: child yields scan rows (table columns ++ rid, ++ the FROM items' columns for UPDATE ... FROM);
/// values[i] computes column i's new value from that row, or is null to keep the old value. RETURNING is
/// evaluated over the same row with the table columns replaced by the new values. A target row joined to
/// several FROM rows is updated once, from the first (PostgreSQL leaves which one unspecified).
struct UpdatePlan : PlanNode, ModifyCommon {
  static constexpr PlanKind kKind = PlanKind::kUpdate;
  UpdatePlan() : PlanNode(kKind) {}
  PlanPtr child;
  std::vector<BoundExprPtr> values;
};

/// DELETE: child yields scan rows (table columns ++ rid, ++ the USING items' columns), RETURNING is evaluated
/// over them; a row joined to several USING rows is deleted once.
struct DeletePlan : PlanNode, ModifyCommon {
  static constexpr PlanKind kKind = PlanKind::kDelete;
  DeletePlan() : PlanNode(kKind) {}
  PlanPtr child;
};

/// Gather (PostgreSQL's nodeGather.c) of a parallel aggregation: `child` is a Partial Aggregate (partial set)
/// over a SeqScanPlan with parallel_workers = workers, and the GatherPlan is the child of the Finalize
/// Aggregate, an AggregatePlan with the same groups and aggregates. exec runs the three as one executor
/// (parallel_aggregate_executor.cpp): the session thread and up to `workers` threads each aggregate the pages
/// they claim, and the leader combines their states (planner/README.md "Parallel aggregation").
struct GatherPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kGather;
  GatherPlan() : PlanNode(kKind) {}
  PlanPtr child;
  int workers = 0;  // Workers Planned
};

}  // namespace lumadb::planner

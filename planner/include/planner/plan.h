#pragma once
// Plan trees: immutable, shareable descriptions of how to run a statement (DuckDB's PhysicalOperator
// without state; executors in exec/ hold the state). Every node lists its output columns; a bound
// expression inside a node refers to positions of that node's input row (for joins: left ++ right).

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "planner/bound_expr.h"

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
};

struct PlanNode;
using PlanPtr = std::shared_ptr<const PlanNode>;

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

enum class JoinKind { kInner, kLeft, kRight, kFull };

/// A join; condition (over left ++ right) may be null for a cross join. Output: left ++ right, with NULLs
/// for the missing side of outer joins. When the condition contains equalities between an expression of
/// the left input and one of the right, they are listed in left_keys/right_keys (each over its own input's
/// row) and the executor hashes the right input on them; the whole condition is still checked per pair.
struct JoinPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kJoin;
  JoinPlan() : PlanNode(kKind) {}
  PlanPtr left, right;
  JoinKind join = JoinKind::kInner;
  BoundExprPtr condition;
  std::vector<BoundExprPtr> left_keys;
  std::vector<BoundExprPtr> right_keys;
};

/// One aggregate computed by an AggregatePlan.
struct AggregateSpec {
  const AggregateFunction* func = nullptr;
  BoundExprPtr arg;  // null for count(*)
  bool distinct = false;
  TypeDesc result;
};

/// Hash aggregation. Output: group keys ++ aggregate results. Without group keys it yields exactly one
/// row even over empty input (count(*) = 0), as PostgreSQL's plain Agg.
struct AggregatePlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kAggregate;
  AggregatePlan() : PlanNode(kKind) {}
  PlanPtr child;
  std::vector<BoundExprPtr> groups;
  std::vector<AggregateSpec> aggregates;
};

struct SortKey {
  BoundExprPtr expr;
  bool descending = false;
  bool nulls_first = false;
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

/// INSERT: child produces complete rows in table column order, already cast to the column types.
struct InsertPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kInsert;
  InsertPlan() : PlanNode(kKind) {}
  std::shared_ptr<const catalog::TableInfo> table;
  PlanPtr child;
};

/// UPDATE: child yields scan rows (table columns ++ rid); values[i] computes column i's new value from
/// that row, or is null to keep the old value.
struct UpdatePlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kUpdate;
  UpdatePlan() : PlanNode(kKind) {}
  std::shared_ptr<const catalog::TableInfo> table;
  PlanPtr child;
  std::vector<BoundExprPtr> values;
};

/// DELETE: child yields scan rows (table columns ++ rid).
struct DeletePlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kDelete;
  DeletePlan() : PlanNode(kKind) {}
  std::shared_ptr<const catalog::TableInfo> table;
  PlanPtr child;
};

}  // namespace lumadb::planner

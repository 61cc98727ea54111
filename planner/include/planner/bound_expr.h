#pragma once
// Bound expressions: the binder's output for every scalar expression. Names are resolved to input-row
// positions, every node carries its resolved type, and implicit coercions are explicit kCast nodes, as in
// PostgreSQL's analyzed Expr trees (nodes/primnodes.h). Immutable once built, so plans can share them.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/value.h"

namespace lumadb::planner {

struct PlanNode;
struct ScalarFunction;
struct AggregateFunction;
struct WindowInfo;

enum class BoundKind {
  kConst,      // value
  kColumn,     // column: index into the input row; name: "t.a" for messages
  kCast,       // args[0] converted to type (cast_context says which rules apply)
  kArith,      // args[0] op args[1], op is a lumadb::ArithOp
  kNegate,     // -args[0]
  kConcat,     // args[0] || args[1], both already text
  kCompare,    // args[0] op args[1], op is a CompareOp; both args of one type
  kAnd,        // args[0] AND args[1] AND ... (three-valued)
  kOr,         // args[0] OR args[1] OR ... (three-valued)
  kNot,        // NOT args[0]
  kIsNull,     // args[0] IS [NOT] NULL (negated)
  kBoolTest,   // args[0] IS [NOT] TRUE/FALSE/UNKNOWN: op is a BoolTestKind
  kLike,       // args[0] [NOT] LIKE/ILIKE args[1] [ESCAPE args[2]]; case_insensitive for ILIKE
  kCase,       // searched CASE: args = when0, then0, when1, then1, ..., [else] (has_else)
  kInList,     // args[0] [NOT] IN (args[1..]); the arg and list share one type
  kFunc,       // function(args...), func points into the registry
  kCoalesce,   // first non-NULL of args
  kNullIf,     // NULLIF(args[0], args[1])
  kGreatest,   // GREATEST(args...) (op = 1) or LEAST (op = -1)
  kAggregate,  // an aggregate call before the planner moves it into an Aggregate node
  kSubquery,   // (SELECT ...), EXISTS, IN/ANY/ALL (SELECT ...): subplan; args[0] is the IN/ANY/ALL operand, the
               // other args the values of param_ids (PostgreSQL's SubPlan args/parParam)
  kParam,      // $n of a prepared statement: op is n; its value comes from the portal at run time
  kWindow,     // f(...) OVER (...) until the binder moves it into a WindowAgg node; window lays out args
  kExecParam,  // a value of an enclosing query level (PARAM_EXEC): op is its slot; name: "a.x" for EXPLAIN
  kDistinct,   // args[0] IS DISTINCT FROM args[1] (both of one type); IS NOT DISTINCT FROM is NOT over it
  kRow,        // ROW(args...) or a whole-row reference: a record of the args named field_names
};

/// Comparison operators.
enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };

/// IS [NOT] TRUE / FALSE / UNKNOWN.
enum class BoolTestKind { kTrue, kFalse, kUnknown };

/// Kinds of subquery expression. kAny/kAll compare with the CompareOp in BoundExpr::column; IN is kAny with
/// kEq and NOT IN its negation.
enum class SubqueryKind { kScalar, kExists, kAny, kAll, kArray };

struct BoundExpr;
using BoundExprPtr = std::shared_ptr<const BoundExpr>;

/// One node of a bound expression tree. A single tagged struct keeps tree rewrites (aggregate
/// extraction, GROUP BY matching) short; the fields used by each kind are listed in BoundKind.
struct BoundExpr {
  BoundKind kind = BoundKind::kConst;
  TypeDesc type;
  int32_t location = -1;  // byte offset of the source node, for error positions
  std::vector<BoundExprPtr> args;
  Value value;       // kConst
  int column = -1;   // kColumn
  std::string name;  // kColumn: display name; kFunc/kAggregate: function name
  int op = 0;        // ArithOp, CompareOp, BoolTestKind, SubqueryKind, GREATEST/LEAST direction, $n
  bool negated = false;
  bool case_insensitive = false;  // ILIKE
  bool has_else = false;          // kCase
  bool distinct = false;          // kAggregate with DISTINCT
  bool star = false;              // count(*)
  bool explicit_cast = false;     // kCast written by the user (CAST or ::), which truncates varchar(n)
  bool assignment_cast = false;   // kCast applied on INSERT/UPDATE, which throws 22001 on overflow
  const ScalarFunction* func = nullptr;
  const AggregateFunction* agg = nullptr;
  std::shared_ptr<const PlanNode> subplan;  // kSubquery
  /// kWindow, and a kAggregate with FILTER, ORDER BY or two arguments: how args are laid out (window_plan.h)
  std::shared_ptr<const WindowInfo> window;
  /// kSubquery: the kExecParam slots its subplan reads, set from the trailing args before each run. Empty:
  /// uncorrelated, so the result is computed once per statement.
  std::vector<int> param_ids;
  /// kRow: the record's field names (the columns of a whole-row reference); null for ROW(...)'s f1, f2, ...
  std::shared_ptr<const std::vector<std::string>> field_names;
};

/// A reference to slot `id` (kExecParam) of type `type`, shown as `name`.
BoundExprPtr MakeExecParam(int id, TypeDesc type, std::string name, int32_t location = -1);

/// A constant of the given value (its type is the value's, with typmod).
BoundExprPtr MakeConst(Value v, TypeDesc type, int32_t location = -1);
/// A reference to input column `index` of type `type`.
BoundExprPtr MakeColumn(int index, TypeDesc type, std::string name, int32_t location = -1);
/// Wraps e in a cast to `type`; returns e itself when it already has that type and typmod.
BoundExprPtr MakeCast(BoundExprPtr e, TypeDesc type, bool explicit_cast = false, bool assignment = false);

/// Structural equality, used to match SELECT-list expressions against GROUP BY expressions (PostgreSQL
/// compares with equal() in parse_agg.c). Locations are ignored.
bool ExprEquals(const BoundExpr& a, const BoundExpr& b);

/// True if the tree contains an aggregate call (outside subqueries).
bool ContainsAggregate(const BoundExpr& e);
/// The first window function call in the tree (outside subqueries), or null.
const BoundExpr* FindWindowCall(const BoundExpr& e);

}  // namespace lumadb::planner

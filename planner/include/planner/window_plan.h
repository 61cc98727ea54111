#pragma once
// Window functions in plans (PostgreSQL's WindowAgg, nodes/plannodes.h, and WindowFunc, primnodes.h).
// A WindowAggPlan computes every call that shares one window (partition, order and frame) over its child,
// which the binder sorts by the partition keys then the order keys.

#include <vector>

#include "parser/ast.h"
#include "planner/plan.h"

namespace lumadb::planner {

/// The built-in window functions (pg_proc's prokind 'w'); kAggregate: an aggregate used with OVER.
enum class WindowFuncKind {
  kAggregate,
  kRowNumber,
  kRank,
  kDenseRank,
  kPercentRank,
  kCumeDist,
  kNtile,
  kLag,
  kLead,
  kFirstValue,
  kLastValue,
  kNthValue,
};

/// How a bound kWindow node, or a kAggregate with FILTER, ORDER BY or several arguments, lays out
/// its args (BoundExpr::window): the function's arguments, then
/// the FILTER condition when has_filter, the partition keys, the order keys, then the frame offsets that
/// are present. The binder fills it from the OVER clause (named windows resolved); it never changes.
struct WindowInfo {
  WindowFuncKind kind = WindowFuncKind::kAggregate;
  size_t nargs = 0;
  bool has_filter = false;
  size_t npartition = 0;
  std::vector<SortKey> order;  // directions only; the expressions are in args
  ast::FrameMode mode = ast::FrameMode::kRange;
  ast::FrameBoundKind start = ast::FrameBoundKind::kUnboundedPreceding;
  ast::FrameBoundKind end = ast::FrameBoundKind::kCurrentRow;
  ast::FrameExclude exclude = ast::FrameExclude::kNoOthers;
  int32_t location = -1;  // of the OVER clause's window, for errors about it
};

/// The AggregateSpec of a bound kAggregate call (or of a kWindow aggregate): its arguments, FILTER and
/// ORDER BY taken from args as `window` lays them out (a plain call without window: args[0] only).
AggregateSpec AggregateSpecOf(const BoundExpr& call);

/// The frame of a WindowAggPlan. ROWS/GROUPS offsets are int8 expressions without column references,
/// evaluated once per partition; RANGE offsets are folded into range_start/range_end.
struct WindowFrame {
  ast::FrameMode mode = ast::FrameMode::kRange;
  ast::FrameBoundKind start = ast::FrameBoundKind::kUnboundedPreceding;
  ast::FrameBoundKind end = ast::FrameBoundKind::kCurrentRow;
  ast::FrameExclude exclude = ast::FrameExclude::kNoOthers;
  BoundExprPtr start_offset, end_offset;  // ROWS/GROUPS offsets; RANGE: the offset itself, for its checks
  /// RANGE with an offset bound: per row, the order key cast to the bound's type, and the key plus or
  /// minus the offset (PostgreSQL's in_range support functions): a row r is in the frame of row c when
  /// range_key(r) lies between range_start(c) and range_end(c) in the sort direction.
  BoundExprPtr range_key, range_start, range_end;
};

/// One window function call of a WindowAggPlan; args and filter over the child's row.
struct WindowCall {
  WindowFuncKind kind = WindowFuncKind::kAggregate;
  std::string name;
  std::vector<BoundExprPtr> args;
  AggregateSpec aggregate;  // kAggregate: func, arg, distinct, result
  BoundExprPtr filter;      // kAggregate with FILTER (WHERE ...), else null
  TypeDesc result;
};

/// Output: the child's columns ++ one column per call (nodeWindowAgg.c).
struct WindowAggPlan : PlanNode {
  static constexpr PlanKind kKind = PlanKind::kWindowAgg;
  WindowAggPlan() : PlanNode(kKind) {}
  PlanPtr child;
  std::vector<BoundExprPtr> partition;
  std::vector<SortKey> order;
  WindowFrame frame;
  std::vector<WindowCall> calls;
};

}  // namespace lumadb::planner

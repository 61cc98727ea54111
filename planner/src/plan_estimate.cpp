#include "plan_estimate.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "parallel_plan.h"
#include "plan_util.h"
#include "planner/planner_settings.h"
#include "planner/selectivity.h"
#include "planner/window_plan.h"

namespace lumadb::planner {
namespace {

constexpr double kDefaultFunctionRows = 1000;  // pg_proc.prorows of a set-returning function
constexpr int32_t kTidWidth = 6;               // ctid

/// The table whose columns a scan's row holds, or null for other nodes.
const catalog::TableInfo* ScanTable(const PlanNode& p) {
  if (p.kind == PlanKind::kSeqScan) return p.As<SeqScanPlan>().table.get();
  if (p.kind == PlanKind::kIndexScan) return p.As<IndexScanPlan>().table.get();
  return nullptr;
}

/// What a predicate over `input`'s row is estimated against: the scanned table, or an unknown input.
RelationContext ContextOf(const PlanNode& input, double input_rows) {
  const catalog::TableInfo* table = ScanTable(input);
  return RelationContext{table, table ? EstimateRelationSize(*table).tuples : input_rows};
}

}  // namespace

const PlanNode* TraceColumn(const PlanNode& node, int* column) {
  switch (node.kind) {
    case PlanKind::kFilter:
      return TraceColumn(*node.As<FilterPlan>().child, column);
    case PlanKind::kSort:
      return TraceColumn(*node.As<SortPlan>().child, column);
    case PlanKind::kLimit:
      return TraceColumn(*node.As<LimitPlan>().child, column);
    case PlanKind::kProject: {
      const auto& p = node.As<ProjectPlan>();
      const BoundExpr& e = *p.exprs.at(*column);
      if (e.kind != BoundKind::kColumn || e.column < 0) return &node;
      *column = e.column;
      return TraceColumn(*p.child, column);
    }
    case PlanKind::kJoin: {
      const auto& j = node.As<JoinPlan>();
      const int left_width = static_cast<int>(j.left->output.size());
      if (*column < left_width) return TraceColumn(*j.left, column);
      *column -= left_width;
      return TraceColumn(*j.right, column);
    }
    case PlanKind::kIndexNestedLoop: {
      const auto& j = node.As<IndexNestedLoopPlan>();
      const int outer_width = static_cast<int>(j.outer->output.size());
      if (*column < outer_width) return TraceColumn(*j.outer, column);
      *column -= outer_width;
      return j.inner.get();
    }
    default:
      return &node;
  }
}

namespace {

std::vector<int32_t> TableWidths(const catalog::TableInfo& t, bool emit_rid) {
  std::vector<int32_t> widths;
  for (size_t i = 0; i < t.columns.size(); ++i) widths.push_back(ColumnWidth(t, static_cast<int>(i)));
  if (emit_rid) widths.push_back(kTidWidth);
  return widths;
}

std::vector<int32_t> TypeWidths(const std::vector<OutputColumn>& output) {
  std::vector<int32_t> widths;
  for (const auto& c : output) widths.push_back(TypeAvgWidth(c.type));
  return widths;
}

double Selectivity(const BoundExprPtr& qual, const RelationContext& rel) {
  return qual ? ClauseListSelectivity(Conjuncts(qual), rel) : 1.0;
}

/// generate_series' support function: the row count of constant integer or numeric bounds, else prorows
/// (always for timestamps, whose generate_series has no support function).
double FunctionRows(const FunctionScanPlan& f) {
  const TypeId type = f.output.empty() ? TypeId::kInvalid : f.output[0].type.id;
  if (type == TypeId::kTimestamp || type == TypeId::kTimestampTz) return kDefaultFunctionRows;
  std::vector<double> args;
  for (const auto& a : f.args) {
    auto v = FoldConstant(*a);
    if (!v || v->is_null()) return kDefaultFunctionRows;
    args.push_back(v->type() == TypeId::kNumeric ? v->GetNumeric().ToDouble() : static_cast<double>(v->GetInt()));
  }
  if (args.size() < 2) return kDefaultFunctionRows;
  double step = args.size() > 2 ? args[2] : 1.0;
  if (step == 0) return kDefaultFunctionRows;
  return std::max(0.0, std::floor((args[1] - args[0]) / step) + 1);
}

}  // namespace

int32_t NodeEstimate::width() const {
  return std::accumulate(widths.begin(), widths.end(), 0);
}

const NodeEstimate& PlanEstimator::Estimate(const PlanNode& node) {
  if (auto it = done_.find(&node); it != done_.end()) return it->second;
  NodeEstimate e = Compute(node);
  return done_.emplace(&node, std::move(e)).first->second;
}

double PlanEstimator::NumDistinct(const PlanNode& input, const BoundExpr& expr, int offset) {
  const NodeEstimate& in = Estimate(input);
  const PlanNode* scan = &input;
  int column = OrderedColumnRef(expr, offset, static_cast<int>(input.output.size()));
  if (column >= 0) scan = TraceColumn(input, &column);
  RelationContext rel = ContextOf(*scan, in.rows);
  ColumnEstimate c = rel.table ? rel.Column(column) : ColumnEstimate{};
  if (!rel.table || column < 0) c.rel_tuples = in.rows;
  return EstimateNumDistinct(c);
}

void PlanEstimator::Forget(const PlanNode& node) {
  done_.erase(&node);
}

NodeEstimate PlanEstimator::SeqScan(const SeqScanPlan& scan) {
  RelationSize rel = EstimateRelationSize(*scan.table);
  NodeEstimate e;
  e.rows = ClampRowEst(rel.tuples * Selectivity(scan.qual, RelationContext{scan.table.get(), rel.tuples}));
  e.cost = SeqScanCost(rel, scan.qual);
  e.widths = TableWidths(*scan.table, scan.emit_rid);
  if (scan.parallel_workers > 0) {
    // cost_seqscan of a partial path: every participant reads its share of the pages; the CPU part and
    // the rows are divided among them.
    const double divisor = ParallelDivisor(scan.parallel_workers);
    const double disk = kSeqPageCost * rel.pages;
    e.cost.total = e.cost.startup + disk + (e.cost.total - e.cost.startup - disk) / divisor;
    e.rows = ClampRowEst(rel.tuples * Selectivity(scan.qual, RelationContext{scan.table.get(), rel.tuples}) / divisor);
  }
  return e;
}

NodeEstimate PlanEstimator::IndexScan(const IndexScanPlan& scan) {
  RelationSize rel = EstimateRelationSize(*scan.table);
  RelationContext ctx{scan.table.get(), rel.tuples};
  IndexScanInput in;
  in.table = scan.table.get();
  in.index = &scan.index;
  in.rel = rel;
  in.index_selectivity = scan.index_conds.empty() ? 1.0 : ClauseListSelectivity(scan.index_conds, ctx);
  in.index_conds = static_cast<int>(scan.index_conds.size());
  int equalities = 0;
  for (const auto& c : scan.index_conds) equalities += static_cast<CompareOp>(c->op) == CompareOp::kEq ? 1 : 0;
  in.unique_lookup = scan.index.unique && equalities == static_cast<int>(scan.index.columns.size());
  in.filter = scan.filter;
  NodeEstimate e;
  e.rows = ClampRowEst(rel.tuples * Selectivity(scan.qual, ctx));
  e.cost = IndexScanCost(in);
  e.widths = TableWidths(*scan.table, scan.emit_rid);
  return e;
}

NodeEstimate PlanEstimator::Filter(const FilterPlan& filter) {
  NodeEstimate e = Estimate(*filter.child);
  double input = e.rows;
  e.rows = ClampRowEst(input * Selectivity(filter.predicate, ContextOf(*filter.child, input)));
  e.cost.total += input * QualCost(filter.predicate.get());
  return e;
}

NodeEstimate PlanEstimator::Project(const ProjectPlan& project) {
  const NodeEstimate& child = Estimate(*project.child);
  NodeEstimate e;
  e.rows = child.rows;
  e.cost = child.cost;
  for (const auto& expr : project.exprs) {
    bool passed = expr->kind == BoundKind::kColumn && expr->column >= 0 &&
                  static_cast<size_t>(expr->column) < child.widths.size();
    e.widths.push_back(passed ? child.widths[expr->column] : TypeAvgWidth(expr->type));
    e.cost.total += child.rows * QualCost(expr.get());
  }
  return e;
}

NodeEstimate PlanEstimator::IndexNestedLoop(const IndexNestedLoopPlan& join) {
  const NodeEstimate& outer = Estimate(*join.outer);
  const IndexScanPlan& inner = *join.inner;
  // One inner scan per outer row, for an equality on the first key column with a value unknown until then.
  RelationSize rel = EstimateRelationSize(*inner.table);
  RelationContext ctx{inner.table.get(), rel.tuples};
  IndexScanInput in;
  in.table = inner.table.get();
  in.index = &inner.index;
  in.rel = rel;
  in.index_selectivity = EqualityUnknownSelectivity(ctx.Column(inner.index.columns.at(0).attnum - 1), false);
  in.index_conds = 1;
  in.unique_lookup = inner.index.unique && inner.index.columns.size() == 1;
  in.filter = inner.filter;
  in.loop_count = outer.rows;
  NodeEstimate per_loop;
  per_loop.rows = ClampRowEst(rel.tuples * in.index_selectivity * Selectivity(inner.qual, ctx));
  per_loop.cost = IndexScanCost(in);
  per_loop.widths = TableWidths(*inner.table, inner.emit_rid);
  NodeEstimate e;
  double rows = outer.rows * per_loop.rows;
  e.rows = ClampRowEst(join.join == JoinKind::kLeft ? std::max(rows, outer.rows) : rows);
  e.cost.startup = outer.cost.startup + per_loop.cost.startup;
  e.cost.total = outer.cost.total + outer.rows * per_loop.cost.total + e.rows * kCpuTupleCost;
  if (!CurrentPlannerSettings().enable_nestloop) {
    e.cost.startup += kDisableCost;
    e.cost.total += kDisableCost;
  }
  e.widths = outer.widths;
  e.widths.insert(e.widths.end(), per_loop.widths.begin(), per_loop.widths.end());
  done_[&inner] = std::move(per_loop);
  return e;
}

NodeEstimate PlanEstimator::Aggregate(const AggregatePlan& agg) {
  if (agg.partial || agg.child->kind == PlanKind::kGather) return SplitAggregate(agg);
  const NodeEstimate& child = Estimate(*agg.child);
  NodeEstimate e;
  double trans = kCpuOperatorCost * static_cast<double>(agg.aggregates.size());
  if (agg.groups.empty()) {
    e.rows = 1;
    e.cost.startup = child.cost.total + child.rows * trans;
    e.cost.total = e.cost.startup + kCpuTupleCost;
  } else {
    // estimate_num_groups: the product of the keys' distinct counts, at most the input rows.
    double groups = 1;
    for (const auto& g : agg.groups) groups *= NumDistinct(*agg.child, *g, 0);
    e.rows = ClampRowEst(std::min(groups, child.rows));
    double keys = static_cast<double>(agg.groups.size());
    e.cost.startup = child.cost.total + child.rows * (kCpuOperatorCost * keys + trans);
    e.cost.total = e.cost.startup + e.rows * kCpuTupleCost;
  }
  e.widths = AggregateWidths(agg, child.widths);
  return e;
}

std::vector<int32_t> PlanEstimator::AggregateWidths(const AggregatePlan& agg, const std::vector<int32_t>& input) {
  // Output: group keys (a column passed up keeps its width) ++ aggregate results.
  std::vector<int32_t> widths = TypeWidths(agg.output);
  for (size_t i = 0; i < agg.groups.size() && i < widths.size(); ++i) {
    const BoundExpr& g = *agg.groups[i];
    if (g.kind == BoundKind::kColumn && g.column >= 0 && static_cast<size_t>(g.column) < input.size()) {
      widths[i] = input[g.column];
    }
  }
  return widths;
}

NodeEstimate PlanEstimator::Limit(const LimitPlan& limit) {
  // The Sort below (through a Project, and a Gather Merge) keeps only offset + count rows: a bounded sort
  // (planner.c passes limit_tuples down to cost_sort).
  const PlanNode* below = limit.child.get();
  if (below->kind == PlanKind::kProject) below = below->As<ProjectPlan>().child.get();
  if (below->kind == PlanKind::kGather) below = below->As<GatherPlan>().child.get();
  const auto folded = FoldedCount(limit.limit);
  if (below->kind == PlanKind::kSort && folded) {
    sort_bounds_[below] = std::max(*folded, 0.0) + std::max(FoldedCount(limit.offset).value_or(0), 0.0);
  }
  NodeEstimate e = Estimate(*limit.child);
  double input = std::max(e.rows, 1.0);
  double offset = std::clamp(FoldedCount(limit.offset).value_or(0), 0.0, input);
  double count = std::clamp(FoldedCount(limit.limit).value_or(input - offset), 0.0, input - offset);
  double run = e.cost.total - e.cost.startup;
  e.cost.startup += run * offset / input;
  e.cost.total = e.cost.startup + run * count / input;
  e.rows = ClampRowEst(count);
  return e;
}

NodeEstimate PlanEstimator::Leaf(const PlanNode& node) {
  NodeEstimate e;
  e.widths = TypeWidths(node.output);
  if (node.kind == PlanKind::kValues) {
    // A Values Scan charges an operator per row besides the tuple; a one-row Result only the tuple.
    e.rows = static_cast<double>(node.As<ValuesPlan>().rows.size());
    e.cost.total = e.rows * (e.rows > 1 ? kCpuOperatorCost + kCpuTupleCost : kCpuTupleCost);
  } else {
    e.rows = FunctionRows(node.As<FunctionScanPlan>());
    e.cost.startup = kCpuOperatorCost;
    e.cost.total = e.cost.startup + e.rows * kCpuTupleCost;
  }
  return e;
}

NodeEstimate PlanEstimator::Compute(const PlanNode& node) {
  switch (node.kind) {
    case PlanKind::kSeqScan:
      return SeqScan(node.As<SeqScanPlan>());
    case PlanKind::kIndexScan:
      return IndexScan(node.As<IndexScanPlan>());
    case PlanKind::kFilter:
      return Filter(node.As<FilterPlan>());
    case PlanKind::kProject:
      return Project(node.As<ProjectPlan>());
    case PlanKind::kJoin:
      return Join(node.As<JoinPlan>());
    case PlanKind::kIndexNestedLoop:
      return IndexNestedLoop(node.As<IndexNestedLoopPlan>());
    case PlanKind::kAggregate:
      return Aggregate(node.As<AggregatePlan>());
    case PlanKind::kLimit:
      return Limit(node.As<LimitPlan>());
    case PlanKind::kValues:
    case PlanKind::kFunctionScan:
      return Leaf(node);
    case PlanKind::kProjectSet: {
      // costsize.c set_function_size_estimates' tlist variant: rows times the largest function's row count.
      const auto& ps = node.As<ProjectSetPlan>();
      NodeEstimate e = Estimate(*ps.child);
      double most = 1;
      for (const auto& f : ps.functions) most = std::max(most, FunctionRows(*f));
      e.rows = ClampRowEst(e.rows * most);
      e.cost.total += e.rows * kCpuTupleCost;
      e.widths = TypeWidths(node.output);
      return e;
    }
    case PlanKind::kSort: {
      // cost_sort: N log2 N comparisons at twice an operator's cost before the first row.
      NodeEstimate e = Estimate(*node.As<SortPlan>().child);
      double n = std::max(e.rows, 2.0);
      // cost_tuplesort's bounded heap: log2(2 * bound) comparisons a row when the bound is below half.
      const auto bound = sort_bounds_.find(&node);
      const bool bounded = bound != sort_bounds_.end() && bound->second > 0 && n > 2 * bound->second;
      e.cost.startup = e.cost.total + 2 * kCpuOperatorCost * n * std::log2(bounded ? 2 * bound->second : n);
      e.cost.total = e.cost.startup + kCpuOperatorCost * e.rows;
      if (!CurrentPlannerSettings().enable_sort) {
        e.cost.startup += kDisableCost;
        e.cost.total += kDisableCost;
      }
      return e;
    }
    case PlanKind::kWindowAgg: {
      // cost_windowagg: an operator per call and per partition/order key per row, plus the tuple.
      const auto& w = node.As<WindowAggPlan>();
      NodeEstimate e = Estimate(*w.child);
      const double per_row = static_cast<double>(w.calls.size() + w.partition.size() + w.order.size());
      e.cost.total += e.rows * (per_row * kCpuOperatorCost + kCpuTupleCost);
      e.widths = TypeWidths(node.output);
      return e;
    }
    case PlanKind::kDistinct: {
      NodeEstimate e = Estimate(*node.As<DistinctPlan>().child);
      e.cost.total += e.rows * kCpuOperatorCost;
      e.rows = ClampRowEst(std::min(e.rows, kDefaultNumDistinct));
      return e;
    }
    case PlanKind::kSetOp: {
      const auto& s = node.As<SetOpPlan>();
      const NodeEstimate& left = Estimate(*s.left);
      const NodeEstimate& right = Estimate(*s.right);
      NodeEstimate e = left;
      e.cost.total = left.cost.total + right.cost.total;
      bool append = s.op == SetOpKind::kUnion;
      e.rows = append ? left.rows + right.rows : left.rows;
      if (!s.all) e.cost.total += (left.rows + right.rows) * kCpuOperatorCost;
      return e;
    }
    case PlanKind::kInsert:
    case PlanKind::kUpdate:
    case PlanKind::kDelete: {
      // ModifyTable costs what its input does and returns rows only with RETURNING.
      const PlanPtr& child = node.kind == PlanKind::kInsert   ? node.As<InsertPlan>().child
                             : node.kind == PlanKind::kUpdate ? node.As<UpdatePlan>().child
                                                              : node.As<DeletePlan>().child;
      const NodeEstimate& in = Estimate(*child);
      NodeEstimate e;
      e.cost = in.cost;
      if (!node.output.empty()) {
        e.rows = in.rows;
        e.widths = TypeWidths(node.output);
      }
      return e;
    }
    case PlanKind::kRecursiveUnion:
    case PlanKind::kWorkTableScan:
    case PlanKind::kCteScan:
      return RecursiveEstimate(node);
    case PlanKind::kGather:
      return Gather(node.As<GatherPlan>());
  }
  return NodeEstimate{};
}

std::optional<double> FoldedCount(const BoundExprPtr& e) {
  if (!e) return std::nullopt;
  auto v = FoldConstant(*e);
  if (!v || v->is_null()) return std::nullopt;
  return static_cast<double>(v->GetInt());
}

}  // namespace lumadb::planner

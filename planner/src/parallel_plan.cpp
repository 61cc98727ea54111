// Parallel aggregation plans: see parallel_plan.h.
#include "parallel_plan.h"

#include <algorithm>
#include <climits>
#include <cstdlib>

#include "common/error.h"
#include "cost_estimate.h"
#include "plan_estimate.h"
#include "planner/function_registry.h"

namespace lumadb::planner {

namespace {

// Functions that read the session's catalog view or server state through FunctionEnv hooks a worker thread
// does not get (current_schemas, pg_get_function_arguments & co).
bool SessionFunction(const ScalarFunction& f) {
  const std::string_view name = f.name;
  return name.starts_with("pg_") || name.starts_with("current_schema");
}

}  // namespace

// Expressions a worker thread may evaluate (PostgreSQL's parallel-safe ones): no subquery (its plan would
// run in the worker), no outer reference (PARAM_EXEC is parallel-restricted), no volatile or session call,
// and no reg* conversion (name lookups go through the session thread's resolver).
bool ParallelSafe(const BoundExpr* e) {
  if (e == nullptr) return true;
  switch (e->kind) {
    case BoundKind::kAggregate:
    case BoundKind::kSubquery:
    case BoundKind::kWindow:
    case BoundKind::kExecParam:
      return false;
    case BoundKind::kFunc:
      if (e->func && (e->func->is_volatile || SessionFunction(*e->func))) return false;
      break;
    default:
      break;
  }
  if (e->type.id == TypeId::kRegclass || e->type.id == TypeId::kRegtype) return false;
  return std::all_of(e->args.begin(), e->args.end(), [](const BoundExprPtr& a) { return ParallelSafe(a.get()); });
}

namespace {

bool Splittable(const AggregateSpec& a) {
  if (a.distinct || !a.order.empty() || !a.extra.empty() || !a.grouping_columns.empty()) return false;
  switch (a.func->kind) {
    case AggKind::kCountStar:
    case AggKind::kCount:
    case AggKind::kSum:
    case AggKind::kAvg:
    case AggKind::kMin:
    case AggKind::kMax:
    case AggKind::kBoolAnd:
    case AggKind::kBoolOr:
      return ParallelSafe(a.arg.get()) && ParallelSafe(a.filter.get());
    default:
      return false;
  }
}

// p as a scan a worker may run (a plain read of an ordinary table that is not temporary), else null.
const SeqScanPlan* ParallelScan(const PlanNode& p) {
  if (p.kind != PlanKind::kSeqScan) return nullptr;
  const auto& scan = p.As<SeqScanPlan>();
  if (scan.emit_rid || scan.row_lock != RowLockMode::kRead || scan.wait != RowLockWait::kBlock ||
      scan.parallel_workers > 0 || !ParallelSafe(scan.qual.get()) || scan.table->relkind != 'r' ||
      scan.table->schema.rfind("pg_temp", 0) == 0) {
    return nullptr;
  }
  return &scan;
}

bool AllParallelSafe(const std::vector<BoundExprPtr>& exprs) {
  return std::all_of(exprs.begin(), exprs.end(), [](const BoundExprPtr& e) { return ParallelSafe(e.get()); });
}

// p as an inner hash join of two such scans (a Parallel Hash Join's shape), else null.
const JoinPlan* ParallelJoin(const PlanNode& p) {
  if (p.kind != PlanKind::kJoin) return nullptr;
  const auto& join = p.As<JoinPlan>();
  if (join.join != JoinKind::kInner || join.left_keys.empty() || !join.lateral_params.empty() ||
      (join.method != JoinMethod::kAuto && join.method != JoinMethod::kHash) || !ParallelSafe(join.condition.get()) ||
      !AllParallelSafe(join.left_keys) || !AllParallelSafe(join.right_keys) || ParallelScan(*join.left) == nullptr ||
      ParallelScan(*join.right) == nullptr) {
    return nullptr;
  }
  return &join;
}

// The outer scan of the aggregate's input (its scan, or its join's outer side) when the aggregation may run
// in parallel, else null.
const SeqScanPlan* ParallelInput(const AggregatePlan& agg) {
  if (agg.partial || !agg.grouping_sets.empty()) return nullptr;
  if (!std::all_of(agg.aggregates.begin(), agg.aggregates.end(), Splittable) || !AllParallelSafe(agg.groups)) {
    return nullptr;
  }
  if (const JoinPlan* join = ParallelJoin(*agg.child)) {
    // PostgreSQL gives the inner side a partial path (a Parallel Hash) only when it is big enough for workers.
    const double inner_pages = EstimateRelationSize(*join->right->As<SeqScanPlan>().table).pages;
    if (ComputeParallelWorkers(inner_pages, CurrentPlannerSettings()) <= 0) return nullptr;
    return &join->left->As<SeqScanPlan>();
  }
  return ParallelScan(*agg.child);
}

// A copy of scan read in parallel by `workers` workers and the leader.
std::shared_ptr<SeqScanPlan> PartialScan(const PlanNode& scan, int workers) {
  auto copy = std::make_shared<SeqScanPlan>(scan.As<SeqScanPlan>());
  copy->parallel_workers = workers;
  return copy;
}

// agg's input with its scans read in parallel: a Parallel Seq Scan, or a Parallel Hash Join of two.
PlanPtr PartialInput(const AggregatePlan& agg, int workers) {
  if (agg.child->kind != PlanKind::kJoin) return PartialScan(*agg.child, workers);
  auto join = std::make_shared<JoinPlan>(agg.child->As<JoinPlan>());
  join->left = PartialScan(*join->left, workers);
  join->right = PartialScan(*join->right, workers);
  return join;
}

// A participant's groups are held without spilling: grouped aggregation goes parallel only when the groups
// expected are few enough for every participant to hold them (a stand-in for the work_mem test of
// create_partial_grouping_paths' hashed path).
constexpr double kMaxParallelGroups = 10000;

// The parallel form of agg over `workers` workers: Finalize Aggregate -> Gather -> Partial Aggregate ->
// Parallel Seq Scan (or Parallel Hash Join), or when grouped (as PostgreSQL 15 plans it) Finalize
// GroupAggregate -> Gather Merge -> Sort (on the group keys) -> Partial HashAggregate -> the same.
PlanPtr Split(const AggregatePlan& agg, int workers) {
  auto partial = std::make_shared<AggregatePlan>(agg);
  partial->init_ctes.clear();
  partial->child = PartialInput(agg, workers);
  partial->partial = true;
  PlanPtr below_gather = partial;
  if (!agg.groups.empty()) {
    auto sort = std::make_shared<SortPlan>();
    sort->output = partial->output;
    sort->child = partial;
    for (size_t i = 0; i < agg.groups.size(); ++i) {
      const BoundExpr& g = *agg.groups[i];
      const std::string& name = g.kind == BoundKind::kColumn ? g.name : partial->output[i].name;
      sort->keys.push_back(SortKey{MakeColumn(static_cast<int>(i), g.type, name), false, false});
    }
    below_gather = sort;
  }
  auto gather = std::make_shared<GatherPlan>();
  gather->output = partial->output;
  gather->child = below_gather;
  gather->workers = workers;
  auto finalize = std::make_shared<AggregatePlan>(agg);
  finalize->child = gather;
  return finalize;
}

PlanPtr ParallelAggregate(const PlanPtr& p) {
  const auto& agg = p->As<AggregatePlan>();
  const SeqScanPlan* scan = ParallelInput(agg);
  if (scan == nullptr) return p;
  const PlannerSettings& settings = CurrentPlannerSettings();
  const int workers = ComputeParallelWorkers(EstimateRelationSize(*scan->table).pages, settings);
  if (workers <= 0) return p;
  PlanEstimator estimates;
  if (!agg.groups.empty() && estimates.Estimate(*p).rows > kMaxParallelGroups) return p;
  PlanPtr parallel = Split(agg, workers);
  return estimates.Estimate(*parallel).cost.total < estimates.Estimate(*p).cost.total ? parallel : p;
}

// True if p (through a HAVING Filter) is a Finalize GroupAggregate whose output order, ascending on its
// group keys, is what `sort` asks for: a prefix of those keys, ascending, NULLs last (the pathkeys test
// that lets PostgreSQL drop the Sort above a GroupAggregate).
bool SortedBy(const PlanNode& p, const SortPlan& sort) {
  const PlanNode* q = &p;
  if (q->kind == PlanKind::kFilter) q = q->As<FilterPlan>().child.get();
  if (q->kind != PlanKind::kAggregate) return false;
  const auto& agg = q->As<AggregatePlan>();
  if (agg.child->kind != PlanKind::kGather || agg.child->As<GatherPlan>().child->kind != PlanKind::kSort) return false;
  if (sort.keys.size() > agg.groups.size()) return false;
  for (size_t i = 0; i < sort.keys.size(); ++i) {
    const SortKey& k = sort.keys[i];
    if (k.descending || k.nulls_first || k.expr->kind != BoundKind::kColumn || k.expr->column != static_cast<int>(i)) {
      return false;
    }
  }
  return true;
}

// A copy of node (one of the kinds PlanParallelAggregate passes through) with `child` as its input.
template <class T>
PlanPtr WithChild(const PlanNode& node, PlanPtr child) {
  auto copy = std::make_shared<T>(node.As<T>());
  copy->child = std::move(child);
  return copy;
}

// min_parallel_table_scan_size as SHOW prints it ("8MB", "64kB") in pages.
double ParsePages(const std::string& text) {
  char* end = nullptr;
  const double n = std::strtod(text.c_str(), &end);
  const std::string unit(end);
  const double bytes = unit == "B"    ? n
                       : unit == "kB" ? n * 1024
                       : unit == "MB" ? n * 1024 * 1024
                       : unit == "GB" ? n * 1024 * 1024 * 1024
                       : unit == "TB" ? n * 1024 * 1024 * 1024 * 1024
                                      : n * 8192;
  return bytes / 8192;
}

}  // namespace

bool ParallelSafeScan(const PlanNode& scan) {
  return ParallelScan(scan) != nullptr;
}

double ParallelDivisor(int workers) {
  const double leader = 1.0 - 0.3 * workers;
  return workers + (leader > 0 ? leader : 0);
}

int ComputeParallelWorkers(double pages, const PlannerSettings& settings) {
  if (settings.max_parallel_workers_per_gather <= 0 || pages < settings.min_parallel_table_scan_size) return 0;
  double threshold = std::max(settings.min_parallel_table_scan_size, 1.0);
  int workers = 1;
  while (pages >= threshold * 3) {
    ++workers;
    threshold *= 3;
    if (threshold > INT_MAX / 3) break;
  }
  return std::min(workers, settings.max_parallel_workers_per_gather);
}

SplitAggregateCosts AggregateSplitCosts(const std::vector<AggregateSpec>& aggregates) {
  SplitAggregateCosts c;
  for (const auto& a : aggregates) {
    const AggKind kind = a.func->kind;
    const bool sum_or_avg = kind == AggKind::kSum || kind == AggKind::kAvg;
    const TypeId input = a.arg ? a.arg->type.id : TypeId::kInt8;
    // numeric_avg_accum / int8_avg_accum keep an internal state, serialized between the two steps.
    const bool internal = sum_or_avg && (input == TypeId::kNumeric || input == TypeId::kInt8);
    c.trans += kCpuOperatorCost;
    c.combine += kCpuOperatorCost * (internal ? 2 : 1);
    if (internal) c.serial += kCpuOperatorCost;
    if (internal || kind == AggKind::kAvg) c.final += kCpuOperatorCost;
  }
  return c;
}

PlanPtr PlanParallelAggregate(const PlanPtr& p) {
  if (!p || CurrentPlannerSettings().max_parallel_workers_per_gather <= 0) return p;
  PlanPtr child;
  switch (p->kind) {
    case PlanKind::kAggregate:
      return ParallelAggregate(p);
    case PlanKind::kLimit:
      child = PlanParallelAggregate(p->As<LimitPlan>().child);
      return child == p->As<LimitPlan>().child ? p : WithChild<LimitPlan>(*p, child);
    case PlanKind::kSort:
      child = PlanParallelAggregate(p->As<SortPlan>().child);
      if (child == p->As<SortPlan>().child) return p;
      return SortedBy(*child, p->As<SortPlan>()) ? child : WithChild<SortPlan>(*p, child);
    case PlanKind::kProject:
      child = PlanParallelAggregate(p->As<ProjectPlan>().child);
      return child == p->As<ProjectPlan>().child ? p : WithChild<ProjectPlan>(*p, child);
    case PlanKind::kFilter:
      child = PlanParallelAggregate(p->As<FilterPlan>().child);
      return child == p->As<FilterPlan>().child ? p : WithChild<FilterPlan>(*p, child);
    case PlanKind::kDistinct:
      child = PlanParallelAggregate(p->As<DistinctPlan>().child);
      return child == p->As<DistinctPlan>().child ? p : WithChild<DistinctPlan>(*p, child);
    default:
      return p;
  }
}

void ReadParallelSettings(const std::function<std::string(std::string_view)>& get_setting, PlannerSettings* s) {
  auto read = [&](const char* name) -> std::optional<std::string> {
    try {
      return get_setting(name);
    } catch (const DbError&) {
      return std::nullopt;  // a test's reduced set of settings: the default stands
    }
  };
  if (auto v = read("max_parallel_workers_per_gather")) s->max_parallel_workers_per_gather = std::atoi(v->c_str());
  if (auto v = read("max_parallel_workers")) s->max_parallel_workers = std::atoi(v->c_str());
  if (auto v = read("parallel_setup_cost")) s->parallel_setup_cost = std::strtod(v->c_str(), nullptr);
  if (auto v = read("parallel_tuple_cost")) s->parallel_tuple_cost = std::strtod(v->c_str(), nullptr);
  if (auto v = read("min_parallel_table_scan_size")) s->min_parallel_table_scan_size = ParsePages(*v);
}

}  // namespace lumadb::planner

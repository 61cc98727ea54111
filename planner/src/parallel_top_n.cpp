// Parallel top-N sorts: see parallel_plan.h's PlanParallelTopN (Limit -> [Project ->] Sort -> Seq Scan, the
// Gather Merge going below the Project). PostgreSQL 15 gives an ORDER BY over one
// table's partial (parallel) scan a Sort in each participant and gathers the sorted streams with a Gather
// Merge (allpaths.c generate_useful_gather_paths); under a LIMIT the Sort is a bounded top-N heapsort.
#include <algorithm>

#include "parallel_plan.h"
#include "plan_estimate.h"

namespace lumadb::planner {

namespace {

// The rows a Limit keeps of its input (count + offset) when known at plan time and within the bound
// participants sort in memory, else 0.
double TopNBound(const LimitPlan& limit) {
  const auto count = FoldedCount(limit.limit);
  if (!count || *count <= 0) return 0;
  const double bound = *count + std::max(FoldedCount(limit.offset).value_or(0), 0.0);
  return bound <= kMaxParallelSortBound ? bound : 0;
}

bool ParallelSafeKeys(const SortPlan& sort) {
  return std::all_of(sort.keys.begin(), sort.keys.end(), [](const SortKey& k) { return ParallelSafe(k.expr.get()); });
}

}  // namespace

PlanPtr PlanParallelTopN(const PlanPtr& p) {
  if (!p || p->kind != PlanKind::kLimit || CurrentPlannerSettings().max_parallel_workers_per_gather <= 0) return p;
  const auto& limit = p->As<LimitPlan>();
  const PlanNode* below = limit.child.get();
  const bool project = below->kind == PlanKind::kProject;
  if (project) below = below->As<ProjectPlan>().child.get();
  if (below->kind != PlanKind::kSort || TopNBound(limit) <= 0) return p;
  const auto& sort = below->As<SortPlan>();
  if (!ParallelSafeKeys(sort) || !ParallelSafeScan(*sort.child)) return p;
  const auto& scan = sort.child->As<SeqScanPlan>();
  const int workers = ComputeParallelWorkers(EstimateRelationSize(*scan.table).pages, CurrentPlannerSettings());
  if (workers <= 0) return p;
  auto partial_scan = std::make_shared<SeqScanPlan>(scan);
  partial_scan->parallel_workers = workers;
  auto partial_sort = std::make_shared<SortPlan>(sort);
  partial_sort->child = partial_scan;
  auto gather = std::make_shared<GatherPlan>();
  gather->output = sort.output;
  gather->child = partial_sort;
  gather->workers = workers;
  auto parallel = std::make_shared<LimitPlan>(limit);
  parallel->child = gather;
  if (project) {
    auto projection = std::make_shared<ProjectPlan>(limit.child->As<ProjectPlan>());
    projection->child = gather;
    parallel->child = projection;
  }
  PlanEstimator estimates;
  return estimates.Estimate(*parallel).cost.total < estimates.Estimate(*p).cost.total ? parallel : p;
}

}  // namespace lumadb::planner

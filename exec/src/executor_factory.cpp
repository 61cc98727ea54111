#include "common/error.h"
#include "exec/explain_analyze.h"
#include "executor_builders.h"
#include "planner/window_plan.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

std::unique_ptr<Executor> BuildUninstrumented(const planner::PlanNode& plan, ExecContext& ctx) {
  using planner::PlanKind;
  switch (plan.kind) {
    case PlanKind::kValues:
      return MakeValuesExecutor(plan.As<planner::ValuesPlan>(), ctx);
    case PlanKind::kSeqScan:
      return MakeSeqScanExecutor(plan.As<planner::SeqScanPlan>(), ctx);
    case PlanKind::kFilter:
      return MakeFilterExecutor(plan.As<planner::FilterPlan>(), ctx);
    case PlanKind::kProject:
      return MakeProjectionExecutor(plan.As<planner::ProjectPlan>(), ctx);
    case PlanKind::kJoin:
      if (!plan.As<planner::JoinPlan>().lateral_params.empty()) {
        return MakeLateralJoinExecutor(plan.As<planner::JoinPlan>(), ctx);
      }
      if (plan.As<planner::JoinPlan>().method == planner::JoinMethod::kMerge) {
        return MakeMergeJoinExecutor(plan.As<planner::JoinPlan>(), ctx);
      }
      return MakeNestedLoopJoinExecutor(plan.As<planner::JoinPlan>(), ctx);
    case PlanKind::kAggregate:
      if (!plan.As<planner::AggregatePlan>().grouping_sets.empty()) {
        return MakeGroupingSetsExecutor(plan.As<planner::AggregatePlan>(), ctx);
      }
      if (plan.As<planner::AggregatePlan>().child->kind == PlanKind::kGather) {
        return MakeParallelAggregateExecutor(plan.As<planner::AggregatePlan>(), ctx);
      }
      return MakeHashAggregateExecutor(plan.As<planner::AggregatePlan>(), ctx);
    case PlanKind::kSort:
      return MakeSortExecutor(plan.As<planner::SortPlan>(), ctx);
    case PlanKind::kLimit:
      return MakeLimitExecutor(plan.As<planner::LimitPlan>(), ctx);
    case PlanKind::kDistinct:
      return MakeDistinctExecutor(plan.As<planner::DistinctPlan>(), ctx);
    case PlanKind::kSetOp:
      return MakeSetOpExecutor(plan.As<planner::SetOpPlan>(), ctx);
    case PlanKind::kInsert:
      return MakeInsertExecutor(plan.As<planner::InsertPlan>(), ctx);
    case PlanKind::kUpdate:
      return MakeUpdateExecutor(plan.As<planner::UpdatePlan>(), ctx);
    case PlanKind::kDelete:
      return MakeDeleteExecutor(plan.As<planner::DeletePlan>(), ctx);
    case PlanKind::kIndexScan:
      return MakeIndexScanExecutor(plan.As<planner::IndexScanPlan>(), ctx);
    case PlanKind::kFunctionScan:
      return MakeFunctionScanExecutor(plan.As<planner::FunctionScanPlan>(), ctx);
    case PlanKind::kProjectSet:
      return MakeProjectSetExecutor(plan.As<planner::ProjectSetPlan>(), ctx);
    case PlanKind::kWindowAgg:
      return MakeWindowAggExecutor(plan.As<planner::WindowAggPlan>(), ctx);
    case PlanKind::kIndexNestedLoop:
      return MakeIndexNestedLoopExecutor(plan.As<planner::IndexNestedLoopPlan>(), ctx);
    case PlanKind::kRecursiveUnion:
      return MakeRecursiveUnionExecutor(plan, ctx);
    case PlanKind::kWorkTableScan:
      return MakeWorkTableScanExecutor(plan, ctx);
    case PlanKind::kGather:
      // A Gather Merge of sorted scans (a parallel top-N); other Gathers run under their Finalize Aggregate.
      if (plan.As<planner::GatherPlan>().child->kind == PlanKind::kSort &&
          plan.As<planner::GatherPlan>().child->As<planner::SortPlan>().child->kind == PlanKind::kSeqScan) {
        return MakeParallelTopNExecutor(plan.As<planner::GatherPlan>(), ctx);
      }
      throw DbError(sqlstate::kInternalError, "internal error: a Gather runs only under its Finalize Aggregate");
    case PlanKind::kCteScan:
      return MakeCteScanExecutor(plan, ctx);
  }
  throw DbError(sqlstate::kInternalError, "internal error: unknown plan node");
}

}  // namespace

std::unique_ptr<Executor> BuildExecutor(const planner::PlanNode& plan, ExecContext& ctx) {
  auto exec = WrapCteAnchor(plan, BuildUninstrumented(plan, ctx), ctx);
  return ctx.analyze ? ctx.analyze->Wrap(plan, std::move(exec)) : std::move(exec);
}

std::vector<Row> RunToCompletion(const planner::PlanNode& plan, ExecContext& ctx) {
  auto exec = BuildExecutor(plan, ctx);
  exec->Init();
  std::vector<Row> rows;
  Row row;
  while (exec->Next(&row)) rows.push_back(std::move(row));
  return rows;
}

void PollInterrupts(ExecContext& ctx) {
  if (++ctx.calls_since_interrupt_check < kInterruptPollCalls) return;
  ctx.calls_since_interrupt_check = 0;
  if (ctx.txn != nullptr) ctx.txn->CheckForInterrupts();
}

}  // namespace lumadb::exec

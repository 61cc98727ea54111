#pragma once
// Factories of the executor classes, one per file (private to exec/; BuildExecutor dispatches on PlanKind).

#include <memory>

#include "exec/executor.h"

namespace lumadb::planner {
struct WindowAggPlan;
}

namespace lumadb::exec {

std::unique_ptr<Executor> MakeValuesExecutor(const planner::ValuesPlan& plan, ExecContext& ctx);
std::unique_ptr<Executor> MakeSeqScanExecutor(const planner::SeqScanPlan& plan, ExecContext& ctx);
std::unique_ptr<Executor> MakeFilterExecutor(const planner::FilterPlan& plan, ExecContext& ctx);
std::unique_ptr<Executor> MakeProjectionExecutor(const planner::ProjectPlan& plan, ExecContext& ctx);
/// A join without equi-join keys (nested_loop_join_executor.cpp); with them, MakeHashJoinExecutor's.
std::unique_ptr<Executor> MakeNestedLoopJoinExecutor(const planner::JoinPlan& plan, ExecContext& ctx);
/// A join on equi-join keys, batched within work_mem (hash_join_executor.cpp).
std::unique_ptr<Executor> MakeHashJoinExecutor(const planner::JoinPlan& plan, ExecContext& ctx);
/// The same join over the given inputs instead of the plan's sides (a partition of a Parallel Hash Join).
std::unique_ptr<Executor> MakeHashJoinExecutor(const planner::JoinPlan& plan, ExecContext& ctx,
                                               std::unique_ptr<Executor> left, std::unique_ptr<Executor> right);
/// A JoinPlan with JoinMethod::kMerge (merge_join_executor.cpp).
std::unique_ptr<Executor> MakeMergeJoinExecutor(const planner::JoinPlan& plan, ExecContext& ctx);
/// A join whose right side reads the left row's lateral_params (lateral_join_executor.cpp).
std::unique_ptr<Executor> MakeLateralJoinExecutor(const planner::JoinPlan& plan, ExecContext& ctx);
std::unique_ptr<Executor> MakeHashAggregateExecutor(const planner::AggregatePlan& plan, ExecContext& ctx);
/// An Aggregate with grouping sets (grouping_sets_executor.cpp).
std::unique_ptr<Executor> MakeGroupingSetsExecutor(const planner::AggregatePlan& plan, ExecContext& ctx);
std::unique_ptr<Executor> MakeSortExecutor(const planner::SortPlan& plan, ExecContext& ctx);
/// A Sort of `child`'s rows instead of its plan's child's (a parallel participant's scan).
std::unique_ptr<Executor> MakeSortExecutor(const planner::SortPlan& plan, ExecContext& ctx,
                                           std::unique_ptr<Executor> child);
std::unique_ptr<Executor> MakeLimitExecutor(const planner::LimitPlan& plan, ExecContext& ctx);
std::unique_ptr<Executor> MakeDistinctExecutor(const planner::DistinctPlan& plan, ExecContext& ctx);
std::unique_ptr<Executor> MakeSetOpExecutor(const planner::SetOpPlan& plan, ExecContext& ctx);
std::unique_ptr<Executor> MakeInsertExecutor(const planner::InsertPlan& plan, ExecContext& ctx);
std::unique_ptr<Executor> MakeUpdateExecutor(const planner::UpdatePlan& plan, ExecContext& ctx);
std::unique_ptr<Executor> MakeDeleteExecutor(const planner::DeletePlan& plan, ExecContext& ctx);
std::unique_ptr<Executor> MakeIndexScanExecutor(const planner::IndexScanPlan& plan, ExecContext& ctx);
std::unique_ptr<Executor> MakeFunctionScanExecutor(const planner::FunctionScanPlan& plan, ExecContext& ctx);
/// regexp_matches / regexp_split_to_table (regex_scan_executor.cpp).
std::unique_ptr<Executor> MakeRegexScanExecutor(const planner::FunctionScanPlan& plan, ExecContext& ctx);
/// The select list's set-returning functions over the child's rows (project_set_executor.cpp).
std::unique_ptr<Executor> MakeProjectSetExecutor(const planner::ProjectSetPlan& plan, ExecContext& ctx);
/// unnest(array) in FROM (unnest_executor.cpp).
std::unique_ptr<Executor> MakeUnnestExecutor(const planner::FunctionScanPlan& plan, ExecContext& ctx);
/// The json set-returning functions in FROM: json[b]_array_elements[_text], json[b]_each[_text],
/// json[b]_object_keys (json_scan_executor.cpp); null for any other function.
std::unique_ptr<Executor> MakeJsonScanExecutor(const planner::FunctionScanPlan& plan, ExecContext& ctx);
/// generate_series over timestamp/timestamptz with an interval step (timestamp_series_executor.cpp).
std::unique_ptr<Executor> MakeTimestampSeriesExecutor(const planner::FunctionScanPlan& plan, ExecContext& ctx);
/// Window functions over the sorted child (window_executor.cpp).
std::unique_ptr<Executor> MakeWindowAggExecutor(const planner::WindowAggPlan& plan, ExecContext& ctx);
/// WITH RECURSIVE's RecursiveUnion and WorkTableScan (cte_scan_executor.cpp).
std::unique_ptr<Executor> MakeRecursiveUnionExecutor(const planner::PlanNode& plan, ExecContext& ctx);
std::unique_ptr<Executor> MakeWorkTableScanExecutor(const planner::PlanNode& plan, ExecContext& ctx);
/// A CTE Scan of a materialized WITH query (cte_materialize_executor.cpp).
std::unique_ptr<Executor> MakeCteScanExecutor(const planner::PlanNode& plan, ExecContext& ctx);
/// exec, preceded by starting the WITH queries plan lists in init_ctes (exec itself when none).
std::unique_ptr<Executor> WrapCteAnchor(const planner::PlanNode& plan, std::unique_ptr<Executor> exec,
                                        ExecContext& ctx);
std::unique_ptr<Executor> MakeIndexNestedLoopExecutor(const planner::IndexNestedLoopPlan& plan, ExecContext& ctx);
/// A Finalize Aggregate over a Gather: the Gather, the Partial Aggregate and the Parallel Seq Scan below it
/// run as one executor on the session thread and worker threads (parallel_aggregate_executor.cpp).
std::unique_ptr<Executor> MakeParallelAggregateExecutor(const planner::AggregatePlan& plan, ExecContext& ctx);
/// Gather Merge -> Sort -> Parallel Seq Scan under a Limit (parallel_top_n_executor.cpp).
std::unique_ptr<Executor> MakeParallelTopNExecutor(const planner::GatherPlan& plan, ExecContext& ctx);

}  // namespace lumadb::exec

#pragma once
// Volcano executors: Init() once, then Next() until it returns false (Graefe's iterator model; BusTub's
// AbstractExecutor). Plans (planner/plan.h) are immutable and shared; each executor owns the state of one
// run, so one plan can serve many portals (DuckDB's operator/state split).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/value.h"
#include "planner/function_registry.h"
#include "planner/plan.h"

namespace lumadb::catalog {
class Catalog;
}
namespace lumadb::storage {
class TempFileSpace;
}
namespace lumadb::planner {
struct SpillStats;  // planner/spill_stats.h
}
namespace lumadb::txn {
class Transaction;
class LockManager;
class TransactionManager;
}  // namespace lumadb::txn

namespace lumadb::exec {

class Executor;
class CorrelatedScanCache;
class CteBuffer;   // cte_materialize_executor.cpp
class AnalyzeRun;  // exec/explain_analyze.h

/// Everything a running statement needs: where tables live, whose transaction it is, where locks come from,
/// and the session values functions read. catalog/txn/locks may be null when evaluating pure expressions
/// (unit tests, constant folding); executors touching tables require them.
struct ExecContext {
  catalog::Catalog* catalog = nullptr;
  txn::Transaction* txn = nullptr;
  txn::LockManager* locks = nullptr;
  /// Rolls back part of `txn` (INSERT ... ON CONFLICT undoes an insertion that lost a race); may be null.
  txn::TransactionManager* transactions = nullptr;
  int64_t lock_timeout_ms = 0;      // the session's lock_timeout; 0: wait forever
  int64_t deadlock_timeout_ms = 0;  // the session's deadlock_timeout; 0: the LockManager's value
  planner::FunctionEnv env;
  /// The session's search_path, for the binder when exec binds catalog texts itself (CHECK constraints
  /// of tables changed by foreign-key actions, SET DEFAULT values): the statement's
  /// SessionContext::search_path, which outlives the run, so none is copied per statement; null: empty.
  const std::vector<std::string>* search_path = nullptr;
  /// EXPLAIN ANALYZE: when set, BuildExecutor wraps every executor it builds to count and time its calls.
  AnalyzeRun* analyze = nullptr;
  /// Results of uncorrelated subqueries, computed once per statement (keyed by the expression node).
  std::map<const planner::BoundExpr*, std::vector<Row>> subquery_results;
  /// The kExecParam slots (PostgreSQL's ecxt_param_exec_vals): values of outer rows that correlated
  /// subqueries and lateral joins set before running what reads them (subquery_evaluator.cpp).
  std::vector<Value> exec_params;
  /// Per correlated subquery: its scan's rows hashed on the correlation keys, or null when its shape does not
  /// allow it (subquery_evaluator.cpp, correlated_scan_cache.h).
  std::map<const planner::BoundExpr*, std::shared_ptr<CorrelatedScanCache>> correlated_caches;
  /// The values of $1..$n of a portal (already of the parameters' types); null outside the extended
  /// protocol. Kept out of the plan so one plan serves every portal (plancache.c's generic plan).
  const std::vector<Value>* params = nullptr;
  /// WITH RECURSIVE: the previous round's rows of each RecursiveUnion (by worktable_id), which its
  /// WorkTableScans read (cte_scan_executor.cpp).
  std::map<int, std::shared_ptr<const std::vector<Row>>> worktables;
  /// The materialized WITH queries of this run (by CteDef::id), shared by their CTE Scans; set up afresh by
  /// the node that lists them in init_ctes each time it is initialised (cte_materialize_executor.cpp).
  std::map<int, std::shared_ptr<CteBuffer>> cte_buffers;
  /// Set while a statement with a data-modifying WITH reads: INSERT/UPDATE/DELETE queue their writes here
  /// instead of applying them, so every part of the statement reads the same snapshot (PostgreSQL's one
  /// snapshot per statement); the statement applies them, in order, once everything has been read.
  std::vector<std::function<void()>>* deferred_writes = nullptr;
  /// work_mem in kB: what each Sort, hash join and hash aggregation may hold before it spills to temporary
  /// files (exec/README.md "Memory and temporary files").
  int64_t work_mem_kb = 4096;
  /// Where spilling executors create their temporary files; null: they never spill.
  std::shared_ptr<storage::TempFileSpace> temp_files;
  /// EXPLAIN ANALYZE: when set, Sort, hash aggregation and hash join record their memory and disk figures.
  std::map<const planner::PlanNode*, planner::SpillStats>* spill_stats = nullptr;
  /// Calls of PollInterrupts since it last ran the transaction's interrupt check.
  uint32_t calls_since_interrupt_check = 0;
};

/// Runs the transaction's interrupt check (cancel request, statement_timeout, shutdown: throws 57014 or
/// 57P01) once every kInterruptPollCalls calls. Scan loops call it for every row they read, kept or not,
/// so any long statement stays cancellable at no measurable cost (PostgreSQL's CHECK_FOR_INTERRUPTS in
/// its scan and executor loops). A context without a transaction never checks.
void PollInterrupts(ExecContext& ctx);
inline constexpr uint32_t kInterruptPollCalls = 1024;

/// A pull-based iterator over rows.
class Executor {
 public:
  virtual ~Executor() = default;
  /// Prepares the run: takes locks, opens children. May throw any DbError.
  virtual void Init() = 0;
  /// Produces the next row into *out; false when exhausted.
  virtual bool Next(Row* out) = 0;
  /// Rows inserted, updated or deleted (for the command tag); 0 for queries.
  virtual int64_t RowsAffected() const { return 0; }
  /// Tells the executor, before Init(), that at most `bound` rows will be fetched from it (-1: no bound), as
  /// PostgreSQL's ExecSetTupleBound: a Sort then keeps only the first `bound` rows (top-N heapsort), and
  /// nodes that return their input's rows one for one pass it down. The default ignores it.
  virtual void SetTupleBound(int64_t bound) { (void)bound; }
  /// EXPLAIN ANALYZE, when the executor is done: adds what it measured beyond rows and times to its node's
  /// figures: rows its qual or join filter removed (filtered1), or an AnalyzeDetail (Sort Method, Hash
  /// Batches...). Counts are this executor's over its whole life. The default reports nothing.
  virtual void ReportAnalyze(planner::NodeActuals* actuals) const { (void)actuals; }
};

/// Builds the executor tree for a plan. The plan must outlive the executors.
std::unique_ptr<Executor> BuildExecutor(const planner::PlanNode& plan, ExecContext& ctx);

/// Runs a plan to completion and returns all its rows (used by subqueries and materialising operators).
std::vector<Row> RunToCompletion(const planner::PlanNode& plan, ExecContext& ctx);

}  // namespace lumadb::exec

#pragma once
// EXPLAIN ANALYZE's measurements (PostgreSQL's instrument.c): per plan node, the rows, loops, time to the
// first row and total time of every executor run of the node, plus what the executors report themselves
// (rows removed by filters, sort and hash details). Only statements run under EXPLAIN ANALYZE pay for it:
// BuildExecutor wraps executors only when ExecContext::analyze is set, and with TIMING OFF no clock is read.

#include <chrono>
#include <map>
#include <memory>

#include "planner/explain.h"

namespace lumadb::exec {

class Executor;

/// The figures of one EXPLAIN ANALYZE run, keyed by plan node. The plan must outlive it.
class AnalyzeRun {
 public:
  /// timing: measure times (EXPLAIN's TIMING option); else rows and loops only.
  explicit AnalyzeRun(bool timing) : timing_(timing) {}

  /// Wraps an executor of `node` so its Init/Next calls are counted and timed (BuildExecutor's hook).
  std::unique_ptr<Executor> Wrap(const planner::PlanNode& node, std::unique_ptr<Executor> inner);

  /// The figures of `node`, created empty on first use.
  planner::NodeActuals& At(const planner::PlanNode& node) { return actuals_[&node]; }
  /// The figures of `node`; null when no executor of it was ever built and run.
  const planner::NodeActuals* Find(const planner::PlanNode& node) const;

  bool timing() const { return timing_; }

 private:
  bool timing_;
  std::map<const planner::PlanNode*, planner::NodeActuals> actuals_;
};

/// The per-run state of one executor of a node (Instrumentation's current cycle: InstrStartNode,
/// InstrStopNode, InstrEndLoop). A loop counts once the executor was called for a row at least once; its
/// time to the first call's return is the loop's startup time. Time spent in Init counts toward the loop.
class NodeInstrument {
 public:
  NodeInstrument(AnalyzeRun& run, const planner::PlanNode& node) : run_(run), node_(node) {}
  /// Starts timing a call (Init, Next, a rescan).
  void Start() {
    if (run_.timing()) start_ = std::chrono::steady_clock::now();
  }
  /// Ends timing a call; `row_call` for Next-like calls, `rows` the rows it returned (0 or 1).
  void Stop(bool row_call, int rows);
  /// Ends the current loop (a rescan, or the executor is done): adds it to the node's figures.
  void EndLoop();
  /// Ends the last loop and adds what `exec` reports (rows its filters removed...) to the node's figures.
  void Finish(const Executor& exec);

 private:
  AnalyzeRun& run_;
  const planner::PlanNode& node_;
  std::chrono::steady_clock::time_point start_;
  double counter_ms_ = 0;  // time in calls this loop
  double first_ms_ = 0;    // counter_ms_ when the first row call of this loop returned
  double tuples_ = 0;      // rows this loop
  bool running_ = false;   // a row call happened this loop
};

}  // namespace lumadb::exec

#pragma once
// The worker threads of a parallel plan (parallel_aggregate_executor.cpp, parallel_top_n_executor.cpp; exec/README.md
// "Parallel aggregation" states the rules they follow): a worker's own ExecContext, the workers a Gather may start, and
// starting, waiting for and stopping the threads (nodeGather.c / parallel.c's roles).
#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "exec/executor.h"

namespace lumadb::exec {

/// A copy of the leader's context for a worker thread: without the transaction, the EXPLAIN ANALYZE run,
/// the deferred writes, the hooks into the session's catalog view or server state (the planner keeps
/// expressions that need them out of parallel plans), and unless `temp_files` the temporary files.
ExecContext WorkerContext(const ExecContext& leader, bool temp_files);

/// The workers a Gather of `planned` Workers Planned may start: capped by max_parallel_workers.
int LaunchableWorkers(const ExecContext& ctx, int planned);

/// Worker threads running one phase each; the destructor stops and joins any still running.
class WorkerThreads {
 public:
  ~WorkerThreads() { Stop(); }
  /// Starts `n` threads, thread i running run(i + 1) in the session's thread context. An exception ends
  /// that thread, is kept, and sets stop().
  void Start(size_t n, const std::function<void(size_t)>& run);
  /// Waits for every thread, answering the leader's cancel and statement_timeout (CHECK_FOR_INTERRUPTS
  /// every 10 ms, as WaitForParallelWorkersToFinish), then rethrows a worker's exception.
  void Wait(ExecContext& leader);
  /// Sets stop() and joins the threads.
  void Stop();
  /// Set on a worker's error or Stop(); workers stop at their next page.
  const std::atomic<bool>* stop() const { return &stop_; }

 private:
  void Join();

  std::vector<std::thread> threads_;
  std::vector<std::exception_ptr> errors_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  size_t done_ = 0;  // threads finished (under mu_)
};

}  // namespace lumadb::exec

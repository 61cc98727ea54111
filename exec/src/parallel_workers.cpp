// Worker threads of parallel plans: see parallel_workers.h.
#include "parallel_workers.h"

#include <chrono>
#include <string>

#include "common/thread_session.h"
#include "txn/transaction.h"

namespace lumadb::exec {

ExecContext WorkerContext(const ExecContext& leader, bool temp_files) {
  ExecContext own(leader);
  own.txn = nullptr;
  own.transactions = nullptr;
  own.analyze = nullptr;
  own.spill_stats = nullptr;
  own.deferred_writes = nullptr;
  if (!temp_files) own.temp_files = nullptr;
  own.calls_since_interrupt_check = 0;
  own.env.schemas = nullptr;
  own.env.reload_config = nullptr;
  own.env.sequences = nullptr;
  own.env.check_interrupts = nullptr;
  own.env.backends = nullptr;
  own.env.privileges = nullptr;
  own.env.describe_function = nullptr;
  return own;
}

int LaunchableWorkers(const ExecContext& ctx, int planned) {
  if (!ctx.env.get_setting) return planned;
  try {
    return std::min(planned, std::stoi(ctx.env.get_setting("max_parallel_workers")));
  } catch (const std::exception&) {
    return planned;
  }
}

void WorkerThreads::Start(size_t n, const std::function<void(size_t)>& run) {
  stop_ = false;
  done_ = 0;
  errors_.assign(n, nullptr);
  const ThreadSession session = ThreadSession::Capture();
  for (size_t i = 0; i < n; ++i) {
    threads_.emplace_back([this, session, run, i] {
      try {
        session.Install();
        run(i + 1);
      } catch (...) {
        errors_[i] = std::current_exception();
        stop_ = true;
      }
      std::lock_guard lock(mu_);
      ++done_;
      cv_.notify_all();
    });
  }
}

void WorkerThreads::Wait(ExecContext& leader) {
  const size_t n = threads_.size();
  std::unique_lock lock(mu_);
  while (done_ < n) {
    cv_.wait_for(lock, std::chrono::milliseconds(10));
    lock.unlock();
    if (leader.txn != nullptr) leader.txn->CheckForInterrupts();
    lock.lock();
  }
  lock.unlock();
  Join();
  for (const auto& e : errors_) {
    if (e) std::rethrow_exception(e);
  }
}

void WorkerThreads::Stop() {
  stop_ = true;
  Join();
}

void WorkerThreads::Join() {
  for (auto& t : threads_) t.join();
  threads_.clear();
}

}  // namespace lumadb::exec

// EXPLAIN ANALYZE's instrumentation (executor/instrument.c, execProcnode.c ExecProcNodeInstr): see
// exec/explain_analyze.h.
#include "exec/explain_analyze.h"

#include "exec/executor.h"

namespace lumadb::exec {

namespace {

/// Passes an executor's calls through, timing and counting them (ExecProcNodeInstr).
class InstrumentedExecutor : public Executor {
 public:
  InstrumentedExecutor(AnalyzeRun& run, const planner::PlanNode& node, std::unique_ptr<Executor> inner)
      : inner_(std::move(inner)), instrument_(run, node) {}
  ~InstrumentedExecutor() override { instrument_.Finish(*inner_); }
  InstrumentedExecutor(const InstrumentedExecutor&) = delete;
  InstrumentedExecutor& operator=(const InstrumentedExecutor&) = delete;

  void Init() override {
    instrument_.EndLoop();  // an executor initialised again is rescanned (ExecReScan ends the loop)
    instrument_.Start();
    inner_->Init();
    instrument_.Stop(false, 0);
  }
  bool Next(Row* out) override {
    instrument_.Start();
    const bool row = inner_->Next(out);
    instrument_.Stop(true, row ? 1 : 0);
    return row;
  }
  int64_t RowsAffected() const override { return inner_->RowsAffected(); }
  void SetTupleBound(int64_t bound) override { inner_->SetTupleBound(bound); }
  void ReportAnalyze(planner::NodeActuals* actuals) const override { inner_->ReportAnalyze(actuals); }

 private:
  std::unique_ptr<Executor> inner_;
  NodeInstrument instrument_;
};

}  // namespace

std::unique_ptr<Executor> AnalyzeRun::Wrap(const planner::PlanNode& node, std::unique_ptr<Executor> inner) {
  At(node);  // built: shown as "never executed" until it runs
  return std::make_unique<InstrumentedExecutor>(*this, node, std::move(inner));
}

const planner::NodeActuals* AnalyzeRun::Find(const planner::PlanNode& node) const {
  auto it = actuals_.find(&node);
  return it == actuals_.end() ? nullptr : &it->second;
}

void NodeInstrument::Stop(bool row_call, int rows) {
  tuples_ += rows;
  if (run_.timing()) {
    counter_ms_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
  }
  if (row_call && !running_) {
    running_ = true;
    first_ms_ = counter_ms_;
  }
}

// InstrEndLoop: a loop without any row call is not one; its Init time carries into the next.
void NodeInstrument::EndLoop() {
  if (!running_) return;
  planner::NodeActuals& a = run_.At(node_);
  a.startup_ms += first_ms_;
  a.total_ms += counter_ms_;
  a.rows += tuples_;
  a.loops += 1;
  running_ = false;
  counter_ms_ = first_ms_ = tuples_ = 0;
}

void NodeInstrument::Finish(const Executor& exec) {
  EndLoop();
  exec.ReportAnalyze(&run_.At(node_));
}

}  // namespace lumadb::exec

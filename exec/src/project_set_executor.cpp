// Set-returning functions of the select list (PostgreSQL's nodeProjectSet.c ExecProjectSRF): per input
// row every function is started with its arguments evaluated over that row, by the FROM-clause executor
// of the function with those values as constants; the functions advance in lockstep until all are done.
#include "common/record.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"

namespace lumadb::exec {

namespace {

class ProjectSetExecutor : public Executor {
 public:
  ProjectSetExecutor(const planner::ProjectSetPlan& plan, ExecContext& ctx) : plan_(plan), ctx_(ctx) {}

  void Init() override {
    child_ = BuildExecutor(*plan_.child, ctx_);
    child_->Init();
    calls_.clear();
    calls_.resize(plan_.functions.size());
    names_.clear();
    for (const auto& f : plan_.functions) {
      auto names = std::make_shared<std::vector<std::string>>();
      for (const auto& column : f->output) names->push_back(column.name);
      names_.push_back(std::move(names));
    }
    active_ = false;
  }

  bool Next(Row* out) override {
    while (true) {
      if (!active_) {
        if (!child_->Next(&input_)) return false;
        Start();
      }
      out->assign(input_.begin(), input_.end());
      bool any = false;
      Row value;
      for (size_t i = 0; i < calls_.size(); ++i) {
        Call& c = calls_[i];
        // A function of several columns (json_each), or returning its base's row type
        // (json[b]_populate_recordset, planner's BindSelectListSetFunction), is one record column.
        const bool record =
            plan_.functions[i]->output.size() != 1 || plan_.functions[i]->function.ends_with("populate_recordset");
        if (c.executor && c.executor->Next(&value)) {
          out->push_back(record ? MakeRecord(std::move(value), names_[i]) : value.at(0));
          any = true;
        } else {
          c.executor.reset();
          out->push_back(Value::Null(record ? TypeId::kRecord : plan_.functions[i]->output[0].type.id));
        }
      }
      if (any) return true;
      active_ = false;  // every function is exhausted (or returned nothing): next input row
    }
  }

 private:
  // One function's run for the current input row; its plan (the arguments as constants) outlives it.
  struct Call {
    std::shared_ptr<planner::FunctionScanPlan> plan;
    std::unique_ptr<Executor> executor;
  };

  void Start() {
    for (size_t i = 0; i < calls_.size(); ++i) {
      const planner::FunctionScanPlan& f = *plan_.functions[i];
      Call& c = calls_[i];
      c.executor.reset();
      c.plan = std::make_shared<planner::FunctionScanPlan>(f);
      for (auto& a : c.plan->args) a = planner::MakeConst(Evaluate(*a, input_, ctx_), a->type, a->location);
      c.executor = MakeFunctionScanExecutor(*c.plan, ctx_);
      c.executor->Init();
    }
    active_ = true;
  }

  const planner::ProjectSetPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> child_;
  std::vector<Call> calls_;
  std::vector<std::shared_ptr<const std::vector<std::string>>> names_;  // per function, for record results
  Row input_;
  bool active_ = false;
};

}  // namespace

std::unique_ptr<Executor> MakeProjectSetExecutor(const planner::ProjectSetPlan& plan, ExecContext& ctx) {
  return std::make_unique<ProjectSetExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

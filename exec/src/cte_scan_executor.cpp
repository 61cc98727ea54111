// WITH RECURSIVE (PostgreSQL's nodeRecursiveunion.c and nodeWorktablescan.c): the non-recursive term's
// rows are emitted and become the work table; each round runs the recursive term afresh over the previous
// round's rows, until a round yields nothing new.
#include <unordered_set>

#include "executor_builders.h"
#include "planner/cte_plan.h"
#include "row_hash.h"

namespace lumadb::exec {
namespace {

class RecursiveUnionExecutor : public Executor {
 public:
  RecursiveUnionExecutor(const planner::RecursiveUnionPlan& plan, ExecContext& ctx) : plan_(plan), ctx_(ctx) {}

  void Init() override {
    seen_.clear();
    round_ = std::make_shared<std::vector<Row>>();
    current_ = BuildExecutor(*plan_.non_recursive, ctx_);
    current_->Init();
  }

  bool Next(Row* out) override {
    while (current_) {
      Row row;
      if (current_->Next(&row)) {
        // UNION (without ALL) drops rows any earlier round produced, as the hash table of
        // nodeRecursiveunion.c does.
        if (!plan_.all && !seen_.insert(row).second) continue;
        round_->push_back(row);
        *out = std::move(row);
        return true;
      }
      if (round_->empty()) {
        current_.reset();
        ctx_.worktables.erase(plan_.worktable_id);
        return false;
      }
      ctx_.worktables[plan_.worktable_id] = std::move(round_);
      round_ = std::make_shared<std::vector<Row>>();
      current_ = BuildExecutor(*plan_.recursive, ctx_);
      current_->Init();
    }
    return false;
  }

 private:
  const planner::RecursiveUnionPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> current_;        // the term being read; null when done
  std::shared_ptr<std::vector<Row>> round_;  // this round's new rows: the next work table
  std::unordered_set<Row, RowHash, RowEqual> seen_;
};

class WorkTableScanExecutor : public Executor {
 public:
  WorkTableScanExecutor(const planner::WorkTableScanPlan& plan, ExecContext& ctx) : plan_(plan), ctx_(ctx) {}

  void Init() override {
    auto it = ctx_.worktables.find(plan_.worktable_id);
    rows_ = it == ctx_.worktables.end() ? nullptr : it->second;
    next_ = 0;
  }

  bool Next(Row* out) override {
    if (!rows_ || next_ >= rows_->size()) return false;
    *out = (*rows_)[next_++];
    return true;
  }

 private:
  const planner::WorkTableScanPlan& plan_;
  ExecContext& ctx_;
  std::shared_ptr<const std::vector<Row>> rows_;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<Executor> MakeRecursiveUnionExecutor(const planner::PlanNode& plan, ExecContext& ctx) {
  return std::make_unique<RecursiveUnionExecutor>(plan.As<planner::RecursiveUnionPlan>(), ctx);
}

std::unique_ptr<Executor> MakeWorkTableScanExecutor(const planner::PlanNode& plan, ExecContext& ctx) {
  return std::make_unique<WorkTableScanExecutor>(plan.As<planner::WorkTableScanPlan>(), ctx);
}

}  // namespace lumadb::exec

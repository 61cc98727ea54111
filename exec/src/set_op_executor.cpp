// UNION / INTERSECT / EXCEPT [ALL] (PostgreSQL's nodeAppend.c + nodeSetOp.c semantics, hashed): rows are
// compared as "not distinct", so NULLs match NULLs.
#include <unordered_map>
#include <unordered_set>

#include "executor_builders.h"
#include "row_hash.h"

namespace lumadb::exec {

namespace {

class SetOpExecutor : public Executor {
 public:
  SetOpExecutor(const planner::SetOpPlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), left_(BuildExecutor(*plan.left, ctx)) {}

  void Init() override {
    left_->Init();
    seen_.clear();
    right_counts_.clear();
    on_right_ = false;
    if (plan_.op != planner::SetOpKind::kUnion) {
      for (auto& r : RunToCompletion(*plan_.right, ctx_)) ++right_counts_[std::move(r)];
    }
  }

  bool Next(Row* out) override {
    if (plan_.op == planner::SetOpKind::kUnion) return NextUnion(out);
    while (left_->Next(out)) {
      auto it = right_counts_.find(*out);
      bool in_right = it != right_counts_.end() && it->second > 0;
      if (plan_.op == planner::SetOpKind::kIntersect) {
        if (!in_right) continue;
        if (plan_.all) {
          --it->second;
          return true;
        }
        if (seen_.insert(*out).second) return true;
      } else {
        if (in_right) {
          if (plan_.all) --it->second;
          continue;
        }
        if (plan_.all || seen_.insert(*out).second) return true;
      }
    }
    return false;
  }

 private:
  bool NextUnion(Row* out) {
    while (true) {
      bool got = on_right_ ? right_->Next(out) : left_->Next(out);
      if (!got) {
        if (on_right_) return false;
        on_right_ = true;
        right_ = BuildExecutor(*plan_.right, ctx_);
        right_->Init();
        continue;
      }
      if (plan_.all || seen_.insert(*out).second) return true;
    }
  }

  const planner::SetOpPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> left_;
  std::unique_ptr<Executor> right_;
  bool on_right_ = false;
  std::unordered_set<Row, RowHash, RowEqual> seen_;
  std::unordered_map<Row, int64_t, RowHash, RowEqual> right_counts_;
};

}  // namespace

std::unique_ptr<Executor> MakeSetOpExecutor(const planner::SetOpPlan& plan, ExecContext& ctx) {
  return std::make_unique<SetOpExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

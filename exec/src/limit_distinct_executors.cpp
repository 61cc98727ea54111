// LIMIT/OFFSET (nodeLimit.c) and DISTINCT (a hashed Unique).
#include <unordered_set>

#include "common/error.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "row_hash.h"

namespace lumadb::exec {

namespace {

class LimitExecutor : public Executor {
 public:
  LimitExecutor(const planner::LimitPlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), child_(BuildExecutor(*plan.child, ctx)) {}

  void Init() override {
    // LIMIT NULL means no limit and OFFSET NULL no offset, as in PostgreSQL.
    remaining_ = -1;
    if (plan_.limit) {
      Value v = Evaluate(*plan_.limit, Row{}, ctx_);
      if (!v.is_null()) {
        if (v.GetInt() < 0) throw DbError(sqlstate::kInvalidRowCountInLimitClause, "LIMIT must not be negative");
        remaining_ = v.GetInt();
      }
    }
    int64_t offset = 0;
    if (plan_.offset) {
      Value v = Evaluate(*plan_.offset, Row{}, ctx_);
      if (!v.is_null()) {
        if (v.GetInt() < 0)
          throw DbError(sqlstate::kInvalidRowCountInResultOffsetClause, "OFFSET must not be negative");
        offset = v.GetInt();
      }
    }
    // Only offset + limit rows are ever fetched (nodeLimit.c's recompute_limits / ExecSetTupleBound).
    child_->SetTupleBound(remaining_ < 0 ? -1 : offset + remaining_);
    child_->Init();
    Row skipped;
    while (offset-- > 0 && remaining_ != 0 && child_->Next(&skipped)) {
    }
  }

  bool Next(Row* out) override {
    if (remaining_ == 0) return false;
    if (!child_->Next(out)) return false;
    if (remaining_ > 0) --remaining_;
    return true;
  }

 private:
  const planner::LimitPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> child_;
  int64_t remaining_ = -1;  // -1: unlimited
};

class DistinctExecutor : public Executor {
 public:
  DistinctExecutor(const planner::DistinctPlan& plan, ExecContext& ctx) : child_(BuildExecutor(*plan.child, ctx)) {}
  void Init() override {
    child_->Init();
    seen_.clear();
  }
  bool Next(Row* out) override {
    while (child_->Next(out)) {
      if (seen_.insert(*out).second) return true;
    }
    return false;
  }

 private:
  std::unique_ptr<Executor> child_;
  std::unordered_set<Row, RowHash, RowEqual> seen_;
};

}  // namespace

std::unique_ptr<Executor> MakeLimitExecutor(const planner::LimitPlan& plan, ExecContext& ctx) {
  return std::make_unique<LimitExecutor>(plan, ctx);
}
std::unique_ptr<Executor> MakeDistinctExecutor(const planner::DistinctPlan& plan, ExecContext& ctx) {
  return std::make_unique<DistinctExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

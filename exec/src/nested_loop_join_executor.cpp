// Nested loop joins (nodeNestloop.c) for inner, left, right, full, semi and anti joins (the last two
// output the left row alone): the right input is materialised once (as a Material node would) and every
// right row is a candidate for every left row. A join with equi-join keys is a hash join
// (hash_join_executor.cpp).
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "join_rows.h"

namespace lumadb::exec {

namespace {

class NestedLoopJoinExecutor : public Executor {
 public:
  NestedLoopJoinExecutor(const planner::JoinPlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), left_(BuildExecutor(*plan.left, ctx)) {}

  void Init() override {
    left_->Init();
    right_rows_ = RunToCompletion(*plan_.right, ctx_);
    right_matched_.assign(right_rows_.size(), false);
    have_left_ = false;
    emitting_unmatched_right_ = false;
    right_pos_ = 0;
  }

  bool Next(Row* out) override {
    bool keep_left = plan_.join == planner::JoinKind::kLeft || plan_.join == planner::JoinKind::kFull;
    bool keep_right = plan_.join == planner::JoinKind::kRight || plan_.join == planner::JoinKind::kFull;
    bool semi_or_anti = plan_.join == planner::JoinKind::kSemi || plan_.join == planner::JoinKind::kAnti;
    while (!emitting_unmatched_right_) {
      if (!have_left_) {
        if (!left_->Next(&left_row_)) {
          emitting_unmatched_right_ = true;
          right_pos_ = 0;
          break;
        }
        have_left_ = true;
        left_matched_ = false;
        right_pos_ = 0;
      }
      while (right_pos_ < right_rows_.size()) {
        size_t i = right_pos_++;
        Row joined = ConcatRows(left_row_, right_rows_[i]);
        if (plan_.condition && !IsTrue(Evaluate(*plan_.condition, joined, ctx_))) {
          ++removed_;
          continue;
        }
        left_matched_ = true;
        if (semi_or_anti) break;  // the first match decides
        right_matched_[i] = true;
        *out = std::move(joined);
        return true;
      }
      have_left_ = false;
      if (semi_or_anti && left_matched_ == (plan_.join == planner::JoinKind::kSemi)) {
        *out = left_row_;
        return true;
      }
      if (keep_left && !left_matched_) {
        *out = ConcatRows(left_row_, NullRow(plan_.right->output));
        return true;
      }
    }
    while (keep_right && right_pos_ < right_rows_.size()) {
      size_t i = right_pos_++;
      if (right_matched_[i]) continue;
      *out = ConcatRows(NullRow(plan_.left->output), right_rows_[i]);
      return true;
    }
    return false;
  }
  void ReportAnalyze(planner::NodeActuals* actuals) const override {
    actuals->filtered1 += static_cast<double>(removed_);
  }

 private:
  const planner::JoinPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> left_;
  int64_t removed_ = 0;  // joined rows the condition rejected (EXPLAIN ANALYZE's "Rows Removed by Join Filter")
  std::vector<Row> right_rows_;
  std::vector<bool> right_matched_;
  Row left_row_;
  bool have_left_ = false;
  bool left_matched_ = false;
  bool emitting_unmatched_right_ = false;
  size_t right_pos_ = 0;
};

}  // namespace

std::unique_ptr<Executor> MakeNestedLoopJoinExecutor(const planner::JoinPlan& plan, ExecContext& ctx) {
  if (!plan.left_keys.empty()) return MakeHashJoinExecutor(plan, ctx);
  return std::make_unique<NestedLoopJoinExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

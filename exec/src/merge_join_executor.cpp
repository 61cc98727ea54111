// Merge join (PostgreSQL's nodeMergejoin.c) for inner, left, right and full joins: both inputs arrive
// sorted ascending, NULLs last, on the merge keys (Sort nodes or index scans below). The inner input is
// read one group of equal keys at a time; every outer row with that key is paired with the whole group
// (duplicates on both sides give every pair), and the rest of the condition (JoinPlan::condition, which
// still holds the key equalities) decides each pair. A NULL key never matches: such rows are only ever
// emitted NULL-extended by an outer join. Unlike nodeMergejoin.c's mark/restore the group is buffered, so
// the inner input is read exactly once.
#include <deque>

#include "common/value_ops.h"
#include "executor_builders.h"
#include "join_rows.h"

namespace lumadb::exec {

namespace {

class MergeJoinExecutor : public Executor {
 public:
  MergeJoinExecutor(const planner::JoinPlan& plan, ExecContext& ctx)
      : plan_(plan),
        ctx_(ctx),
        outer_(BuildExecutor(*plan.left, ctx)),
        inner_(BuildExecutor(*plan.right, ctx)),
        keep_outer_(plan.join == planner::JoinKind::kLeft || plan.join == planner::JoinKind::kFull),
        keep_inner_(plan.join == planner::JoinKind::kRight || plan.join == planner::JoinKind::kFull) {}

  void Init() override {
    outer_->Init();
    inner_->Init();
    pending_.clear();
    group_.clear();
    group_matched_.clear();
    group_key_.clear();
    have_lookahead_ = false;
    inner_done_ = false;
    outer_done_ = false;
  }

  bool Next(Row* out) override {
    while (pending_.empty()) {
      if (outer_done_) return false;
      Step();
    }
    *out = std::move(pending_.front());
    pending_.pop_front();
    return true;
  }

 private:
  // Consumes one outer row (or, at the end of the outer input, the rest of the inner one), queueing the
  // rows it produces.
  void Step() {
    Row outer;
    if (!outer_->Next(&outer)) {
      outer_done_ = true;
      FlushGroup();
      while (keep_inner_ && NextInner()) {
        pending_.push_back(ConcatRows(NullRow(plan_.left->output), lookahead_));
        have_lookahead_ = false;
      }
      return;
    }
    Row key;
    if (!Key(plan_.left_keys, outer, &key)) {
      if (keep_outer_) pending_.push_back(ConcatRows(outer, NullRow(plan_.right->output)));
      return;
    }
    // Advance the inner input until its current group's key is at least the outer key.
    while (group_.empty() || CompareKeys(group_key_, key) < 0) {
      if (!LoadGroup()) break;
    }
    bool matched = false;
    if (!group_.empty() && CompareKeys(group_key_, key) == 0) {
      for (size_t i = 0; i < group_.size(); ++i) {
        Row joined = ConcatRows(outer, group_[i]);
        if (plan_.condition && !IsTrue(Evaluate(*plan_.condition, joined, ctx_))) continue;
        matched = true;
        group_matched_[i] = true;
        pending_.push_back(std::move(joined));
      }
    }
    if (!matched && keep_outer_) pending_.push_back(ConcatRows(outer, NullRow(plan_.right->output)));
  }

  // Replaces the buffered group by the next run of equal non-NULL inner keys; inner rows with NULL keys
  // come out unmatched on the way. False when the inner input is exhausted (the group is then empty).
  bool LoadGroup() {
    FlushGroup();
    while (NextInner()) {
      Row key;
      if (!Key(plan_.right_keys, lookahead_, &key)) {
        if (keep_inner_) pending_.push_back(ConcatRows(NullRow(plan_.left->output), lookahead_));
        have_lookahead_ = false;
        continue;
      }
      if (group_.empty()) {
        group_key_ = std::move(key);
      } else if (CompareKeys(group_key_, key) != 0) {
        return true;
      }
      group_.push_back(std::move(lookahead_));
      group_matched_.push_back(false);
      have_lookahead_ = false;
    }
    return !group_.empty();
  }

  // Ends the buffered group: its rows no outer row matched come out NULL-extended for RIGHT/FULL.
  void FlushGroup() {
    for (size_t i = 0; i < group_.size(); ++i) {
      if (keep_inner_ && !group_matched_[i]) pending_.push_back(ConcatRows(NullRow(plan_.left->output), group_[i]));
    }
    group_.clear();
    group_matched_.clear();
  }

  // Makes lookahead_ the next unconsumed inner row; false at the end of the inner input.
  bool NextInner() {
    if (have_lookahead_) return true;
    if (inner_done_) return false;
    have_lookahead_ = inner_->Next(&lookahead_);
    inner_done_ = !have_lookahead_;
    return have_lookahead_;
  }

  bool Key(const std::vector<planner::BoundExprPtr>& exprs, const Row& row, Row* key) {
    return EvaluateKeys(exprs, row, ctx_, key);
  }

  static int CompareKeys(const Row& a, const Row& b) {
    for (size_t i = 0; i < a.size(); ++i) {
      int c = CompareValues(a[i], b[i]);
      if (c != 0) return c;
    }
    return 0;
  }

  const planner::JoinPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> outer_;
  std::unique_ptr<Executor> inner_;
  const bool keep_outer_;
  const bool keep_inner_;
  std::deque<Row> pending_;
  std::vector<Row> group_;  // inner rows sharing group_key_
  std::vector<bool> group_matched_;
  Row group_key_;
  Row lookahead_;  // the inner row read past the group, if have_lookahead_
  bool have_lookahead_ = false;
  bool inner_done_ = false;
  bool outer_done_ = false;
};

}  // namespace

std::unique_ptr<Executor> MakeMergeJoinExecutor(const planner::JoinPlan& plan, ExecContext& ctx) {
  return std::make_unique<MergeJoinExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

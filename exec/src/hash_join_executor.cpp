// Hash join (PostgreSQL's nodeHashjoin.c) for inner, left, right, full, semi and anti joins with
// equi-join keys (the last two output the left row alone). The right input is the hash table's inner
// side (hash_join_table.h), kept within hash_mem by batches; outer rows of a batch not in memory wait in
// a temporary file for it. Within a batch the output order is the in-memory join's: outer rows in order,
// each with its matches in inner order, then the batch's unmatched inner rows (RIGHT/FULL). NULL keys
// never match, as "=" with NULL is never true; an outer row with one is decided at once.
#include <algorithm>

#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "hash_join_table.h"
#include "join_rows.h"

namespace lumadb::exec {

namespace {

using planner::JoinKind;

class HashJoinExecutor : public Executor {
 public:
  // left/right: the inputs (a partition of a parallel join's sides), or null to build them from the plan.
  HashJoinExecutor(const planner::JoinPlan& plan, ExecContext& ctx, std::unique_ptr<Executor> left,
                   std::unique_ptr<Executor> right)
      : plan_(plan),
        ctx_(ctx),
        left_(left ? std::move(left) : BuildExecutor(*plan.left, ctx)),
        given_right_(std::move(right)) {}

  void Init() override {
    left_->Init();
    table_ = std::make_unique<HashJoinTable>(
        ctx_,
        [this](const Row& row, Row* key) {
          key->clear();
          return EvaluateKeys(plan_.right_keys, row, ctx_, key);
        },
        KeepRight());
    std::unique_ptr<Executor> built;
    Executor* right = given_right_.get();
    if (right == nullptr) {
      built = BuildExecutor(*plan_.right, ctx_);
      right = built.get();
    }
    right->Init();
    Row row;
    while (right->Next(&row)) table_->Insert(row);
    null_left_ = NullRow(plan_.left->output);
    RecordStats();
    have_left_ = false;
    emitting_unmatched_ = false;
    left_done_ = false;
    right_pos_ = 0;
  }

  bool Next(Row* out) override {
    while (table_) {
      if (!emitting_unmatched_) {
        if (NextJoined(out)) return true;
        emitting_unmatched_ = true;
        right_pos_ = 0;
      }
      if (KeepRight() && NextUnmatchedRight(out)) return true;
      emitting_unmatched_ = false;
      if (!table_->NextBatch()) {
        RecordStats();
        table_.reset();
      }
    }
    return false;
  }
  void ReportAnalyze(planner::NodeActuals* actuals) const override {
    actuals->filtered1 += static_cast<double>(removed_);
  }

 private:
  bool KeepLeft() const { return plan_.join == JoinKind::kLeft || plan_.join == JoinKind::kFull; }
  bool KeepRight() const { return plan_.join == JoinKind::kRight || plan_.join == JoinKind::kFull; }
  bool SemiOrAnti() const { return plan_.join == JoinKind::kSemi || plan_.join == JoinKind::kAnti; }

  // The next outer row of the current batch: from the left input in batch 0 (rows of later batches are
  // saved for them), then from the batch's file.
  bool NextOuter() {
    while (true) {
      if (table_->current_batch() > 0 || left_done_) {
        if (!table_->NextOuter(&left_row_)) return false;
      } else if (!left_->Next(&left_row_)) {
        left_done_ = true;
        return false;
      }
      key_.clear();
      if (!EvaluateKeys(plan_.left_keys, left_row_, ctx_, &key_)) {
        candidates_.clear();
        candidate_pos_ = 0;
        return true;
      }
      hash_ = HashJoinTable::Hash(key_);
      const size_t batch = table_->BatchOf(hash_);
      if (batch != table_->current_batch()) {
        table_->SaveOuter(batch, left_row_);
        continue;
      }
      table_->Candidates(hash_, &candidates_);
      candidate_pos_ = 0;
      return true;
    }
  }

  // ExecHashJoin's HJ_SCAN_BUCKET and HJ_FILL_OUTER_TUPLE states for the current batch's outer rows.
  bool NextJoined(Row* out) {
    for (;;) {
      if (!have_left_) {
        if (!NextOuter()) return false;
        have_left_ = true;
        left_matched_ = false;
      }
      while (candidate_pos_ < candidates_.size()) {
        const uint32_t i = candidates_[candidate_pos_++];
        if (!table_->DecodeIfMatch(i, key_, &inner_row_)) continue;
        if (SemiOrAnti() && !plan_.condition) {
          left_matched_ = true;  // the first match decides, whatever the inner row holds
          break;
        }
        FillJoined(left_row_, inner_row_, out);
        if (plan_.condition && !IsTrue(Evaluate(*plan_.condition, *out, ctx_))) {
          ++removed_;
          continue;
        }
        left_matched_ = true;
        if (SemiOrAnti()) break;  // the first match decides
        table_->matched()[i] = true;
        return true;
      }
      have_left_ = false;
      if (SemiOrAnti() && left_matched_ == (plan_.join == JoinKind::kSemi)) {
        *out = left_row_;
        return true;
      }
      if (KeepLeft() && !left_matched_) {
        *out = ConcatRows(left_row_, NullRow(plan_.right->output));
        return true;
      }
    }
  }

  // HJ_FILL_INNER_TUPLES: the current batch's inner rows no outer row matched.
  bool NextUnmatchedRight(Row* out) {
    while (right_pos_ < table_->inner_count()) {
      const auto i = static_cast<uint32_t>(right_pos_++);
      if (table_->matched()[i]) continue;
      table_->DecodeInner(i, &inner_row_);
      FillJoined(null_left_, inner_row_, out);
      return true;
    }
    return false;
  }

  // left ++ inner into *out, assigning into its Values so that a reused row allocates nothing.
  static void FillJoined(const Row& left, const Row& inner, Row* out) {
    out->resize(left.size() + inner.size());
    std::copy(left.begin(), left.end(), out->begin());
    std::copy(inner.begin(), inner.end(), out->begin() + static_cast<std::ptrdiff_t>(left.size()));
  }

  void RecordStats() {
    if (ctx_.spill_stats && table_) (*ctx_.spill_stats)[&plan_] = table_->Stats();
  }

  const planner::JoinPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> left_;
  std::unique_ptr<Executor> given_right_;  // null: the plan's right side, built at each Init
  int64_t removed_ = 0;  // joined rows the condition rejected (EXPLAIN ANALYZE's "Rows Removed by Join Filter")
  std::unique_ptr<HashJoinTable> table_;  // null once every batch is done
  std::vector<uint32_t> candidates_;      // inner rows with left_row_'s key hash, and the next to try
  size_t candidate_pos_ = 0;
  Row key_;  // left_row_'s key, and its hash
  uint64_t hash_ = 0;
  Row left_row_;
  Row inner_row_;
  Row null_left_;  // the NULLs a RIGHT/FULL join pads unmatched inner rows with
  bool have_left_ = false;
  bool left_matched_ = false;
  bool left_done_ = false;
  bool emitting_unmatched_ = false;
  size_t right_pos_ = 0;
};

}  // namespace

std::unique_ptr<Executor> MakeHashJoinExecutor(const planner::JoinPlan& plan, ExecContext& ctx) {
  return std::make_unique<HashJoinExecutor>(plan, ctx, nullptr, nullptr);
}

std::unique_ptr<Executor> MakeHashJoinExecutor(const planner::JoinPlan& plan, ExecContext& ctx,
                                               std::unique_ptr<Executor> left, std::unique_ptr<Executor> right) {
  return std::make_unique<HashJoinExecutor>(plan, ctx, std::move(left), std::move(right));
}

}  // namespace lumadb::exec

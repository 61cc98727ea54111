// INSERT, UPDATE and DELETE (PostgreSQL's nodeModifyTable.c). Each takes a RowExclusive (IX) relation lock,
// materialises its input first (so it never sees its own changes: the "Halloween problem"), then applies
// the changes through a RowWriter (constraints, indexes, heap, foreign keys), logged in the transaction for
// rollback. UPDATE/DELETE input comes from a scan that X-locked and re-read every row (row_locker.h); a new
// tuple version is X-locked through the heap's insert claim before anyone can see it. With RETURNING the
// node yields one row per changed row, computed over the new row (INSERT, UPDATE) or the old one (DELETE).
// The RETURNING rows are computed before the changes are applied, which a data-modifying WITH defers until
// the whole statement has read (ExecContext::deferred_writes). INSERT ... ON CONFLICT goes through
// conflict_inserter.h, deciding each row's fate at once and, under a data-modifying WITH, writing later.
#include <algorithm>
#include <set>

#include "common/error.h"
#include "common/row_codec.h"
#include "conflict_inserter.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "relation_lock.h"
#include "row_locker.h"
#include "row_writer.h"

namespace lumadb::exec {

namespace {

/// Rows of UPDATE ... FROM / DELETE ... USING come from a join whose target scan took no lasting lock
/// (bind_modify_join.cpp): X-locks the row at rid the statement is about to change and leaves its current
/// version in *row (a transaction may have changed it since it was read; PostgreSQL would re-check the
/// join quals on it, EvalPlanQual, where this keeps the joined rows). False when the row is gone. Lock
/// waits' 55P03, 40P01, 57014.
bool LockJoinedRow(ExecContext& ctx, const catalog::TableInfo& table, storage::Rid rid, Row* row) {
  RowLocker locker(ctx, table, planner::RowLockMode::kExclusive, planner::RowLockWait::kBlock);
  std::vector<std::byte> bytes;
  if (!locker.Lock(ctx.catalog->Heap(table), rid, &bytes, false, nullptr, true)) return false;
  locker.Done(true);
  std::vector<TypeId> types;
  for (const auto& c : table.columns) types.push_back(c.type.id);
  *row = DecodeRow(types, bytes);
  return true;
}

/// True when rows of `child` (the input of an UPDATE/DELETE of `table`) come from a FROM/USING join.
bool JoinedInput(const planner::PlanNode& child, const catalog::TableInfo& table) {
  return child.output.size() > table.columns.size() + 1;
}

/// What the three executors share: the RETURNING rows and the count.
class ModifyExecutor : public Executor {
 public:
  ModifyExecutor(const planner::ModifyCommon& common, ExecContext& ctx) : common_(common), ctx_(ctx), writer_(ctx) {
    writer_.UseChecks(*common.table, common.checks);
  }

  bool Next(Row* out) override {
    if (next_ >= returned_.size()) return false;
    *out = std::move(returned_[next_++]);
    return true;
  }
  int64_t RowsAffected() const override { return count_; }

 protected:
  /// Runs `write` now, or queues it while the statement defers writes (ExecContext::deferred_writes).
  void Write(std::function<void()> write) {
    if (ctx_.deferred_writes != nullptr) {
      ctx_.deferred_writes->push_back(std::move(write));
    } else {
      write();
    }
  }

  /// Counts a changed row and computes its RETURNING row over `row` (the table's columns in order, then for
  /// UPDATE ... FROM / DELETE ... USING the rid and the other items' columns).
  void Changed(const Row& row) {
    ++count_;
    if (common_.returning.empty()) return;
    Row out;
    out.reserve(common_.returning.size());
    for (const auto& e : common_.returning) out.push_back(Evaluate(*e, row, ctx_));
    returned_.push_back(std::move(out));
  }

  const planner::ModifyCommon& common_;
  ExecContext& ctx_;
  RowWriter writer_;

 private:
  std::vector<Row> returned_;
  size_t next_ = 0;
  int64_t count_ = 0;
};

class InsertExecutor : public ModifyExecutor {
 public:
  InsertExecutor(const planner::InsertPlan& plan, ExecContext& ctx) : ModifyExecutor(plan, ctx), plan_(plan) {}

  void Init() override {
    LUMADB_ASSERT(ctx_.catalog != nullptr && ctx_.txn != nullptr, "modification without a transaction");
    LockRelation(ctx_, *plan_.table, txn::LockMode::kIntentionExclusive);
    auto rows = RunToCompletion(*plan_.child, ctx_);
    if (plan_.on_conflict && ctx_.deferred_writes != nullptr) {
      // Under a data-modifying WITH what it returns is decided now, against the table as the statement
      // reads it; the writes wait with the others.
      inserter_ = std::make_unique<ConflictInserter>(plan_, ctx_, writer_);
      for (const auto& row : rows) {
        if (auto changed = inserter_->Decide(row)) Changed(*changed);
      }
      Write([this] {
        inserter_->ApplyDecided();
        writer_.Finish();
      });
      return;
    }
    if (plan_.on_conflict) {
      ConflictInserter inserter(plan_, ctx_, writer_);
      for (const auto& row : rows) {
        if (auto changed = inserter.Insert(row)) Changed(*changed);
      }
      writer_.Finish();
      return;
    }
    for (const auto& row : rows) Changed(row);
    Write([this, rows = std::move(rows)] {
      for (const auto& row : rows) writer_.Insert(plan_.table, row);
      writer_.Finish();
    });
  }

 private:
  const planner::InsertPlan& plan_;
  std::unique_ptr<ConflictInserter> inserter_;  // a deferred ON CONFLICT's decisions
};

class UpdateExecutor : public ModifyExecutor {
 public:
  UpdateExecutor(const planner::UpdatePlan& plan, ExecContext& ctx) : ModifyExecutor(plan, ctx), plan_(plan) {}

  void Init() override {
    LUMADB_ASSERT(ctx_.catalog != nullptr && ctx_.txn != nullptr, "modification without a transaction");
    LockRelation(ctx_, *plan_.table, txn::LockMode::kIntentionExclusive);
    auto rows = RunToCompletion(*plan_.child, ctx_);
    size_t ncols = plan_.table->columns.size();
    // Compute every new row before changing any, so all SET expressions see the old values.
    struct Change {
      storage::Rid rid;
      Row old_row, new_row;
      const Row* scanned;
    };
    std::vector<Change> changes;
    changes.reserve(rows.size());
    std::set<int64_t> seen;
    const bool joined = JoinedInput(*plan_.child, *plan_.table);
    for (auto& scanned : rows) {
      // UPDATE ... FROM: a row joined to several FROM rows is updated from the first.
      if (!seen.insert(scanned[ncols].GetInt()).second) continue;
      Row old_row(scanned.begin(), scanned.begin() + static_cast<std::ptrdiff_t>(ncols));
      if (joined) {
        if (!LockJoinedRow(ctx_, *plan_.table, DecodeRid(scanned[ncols].GetInt()), &old_row)) continue;
        std::copy(old_row.begin(), old_row.end(), scanned.begin());
      }
      Row updated = old_row;
      for (size_t i = 0; i < ncols; ++i) {
        if (plan_.values[i]) updated[i] = Evaluate(*plan_.values[i], scanned, ctx_);
      }
      changes.push_back({DecodeRid(scanned[ncols].GetInt()), std::move(old_row), std::move(updated), &scanned});
    }
    for (auto& c : changes) {
      Row returned = *c.scanned;
      std::copy(c.new_row.begin(), c.new_row.end(), returned.begin());
      Changed(returned);
      c.scanned = nullptr;  // rows goes before a deferred write runs
    }
    Write([this, changes = std::move(changes)] {
      for (const auto& c : changes) writer_.Update(plan_.table, c.rid, c.old_row, c.new_row);
      writer_.Finish();
    });
  }

 private:
  const planner::UpdatePlan& plan_;
};

class DeleteExecutor : public ModifyExecutor {
 public:
  DeleteExecutor(const planner::DeletePlan& plan, ExecContext& ctx) : ModifyExecutor(plan, ctx), plan_(plan) {}

  void Init() override {
    LUMADB_ASSERT(ctx_.catalog != nullptr && ctx_.txn != nullptr, "modification without a transaction");
    LockRelation(ctx_, *plan_.table, txn::LockMode::kIntentionExclusive);
    auto rows = RunToCompletion(*plan_.child, ctx_);
    size_t ncols = plan_.table->columns.size();
    std::set<int64_t> seen;
    std::vector<std::pair<storage::Rid, Row>> deletes;  // TID and old row of each row to delete
    const bool joined = JoinedInput(*plan_.child, *plan_.table);
    for (auto& scanned : rows) {
      if (!seen.insert(scanned[ncols].GetInt()).second) continue;  // DELETE ... USING: once per row
      Row old_row(scanned.begin(), scanned.begin() + static_cast<std::ptrdiff_t>(ncols));
      const storage::Rid rid = DecodeRid(scanned[ncols].GetInt());
      if (joined) {
        if (!LockJoinedRow(ctx_, *plan_.table, rid, &old_row)) continue;
        std::copy(old_row.begin(), old_row.end(), scanned.begin());
      }
      Changed(scanned);
      deletes.emplace_back(rid, std::move(old_row));
    }
    Write([this, deletes = std::move(deletes)] {
      for (const auto& [rid, old_row] : deletes) writer_.Delete(plan_.table, rid, old_row);
      writer_.Finish();
    });
  }

 private:
  const planner::DeletePlan& plan_;
};

}  // namespace

std::unique_ptr<Executor> MakeInsertExecutor(const planner::InsertPlan& plan, ExecContext& ctx) {
  return std::make_unique<InsertExecutor>(plan, ctx);
}
std::unique_ptr<Executor> MakeUpdateExecutor(const planner::UpdatePlan& plan, ExecContext& ctx) {
  return std::make_unique<UpdateExecutor>(plan, ctx);
}
std::unique_ptr<Executor> MakeDeleteExecutor(const planner::DeletePlan& plan, ExecContext& ctx) {
  return std::make_unique<DeleteExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

// INSERT, UPDATE and DELETE (PostgreSQL's nodeModifyTable.c). Each takes a RowExclusive (IX) relation lock,
// materialises its input first (so it never sees its own changes: the "Halloween problem"), then applies
// the changes through the heap, logged in the transaction for rollback. UPDATE/DELETE input comes from a
// scan that X-locked and re-read every row (row_locker.h); a new tuple version is X-locked through the
// heap's insert claim before anyone can see it.
#include "common/error.h"
#include "common/row_codec.h"
#include "common/value_io.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "relation_lock.h"
#include "row_locker.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

std::vector<TypeId> ColumnTypes(const catalog::TableInfo& table) {
  std::vector<TypeId> types;
  for (const auto& c : table.columns) types.push_back(c.type.id);
  return types;
}

// ExecConstraints' not-null check, with PostgreSQL's message and "Failing row contains (...)" detail.
void CheckNotNull(const catalog::TableInfo& table, const Row& row) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (!table.columns[i].not_null || !row[i].is_null()) continue;
    std::string detail = "Failing row contains (";
    for (size_t k = 0; k < table.columns.size(); ++k) {
      detail += (k ? ", " : "") + (row[k].is_null() ? std::string("null") : FormatValue(row[k]));
    }
    throw DbError(sqlstate::kNotNullViolation, "null value in column \"" + table.columns[i].name + "\" of relation \"" +
                                                   table.name + "\" violates not-null constraint")
        .Detail(detail + ").");
  }
}

storage::HeapFile& HeapOf(ExecContext& ctx, const catalog::TableInfo& table) {
  LUMADB_ASSERT(ctx.catalog != nullptr && ctx.txn != nullptr, "modification without a transaction");
  return ctx.catalog->Heap(table);
}

class InsertExecutor : public Executor {
 public:
  InsertExecutor(const planner::InsertPlan& plan, ExecContext& ctx) : plan_(plan), ctx_(ctx) {}

  void Init() override {
    LockRelation(ctx_, *plan_.table, txn::LockMode::kIntentionExclusive);
    auto rows = RunToCompletion(*plan_.child, ctx_);
    auto& heap = HeapOf(ctx_, *plan_.table);
    auto types = ColumnTypes(*plan_.table);
    auto claim = MakeInsertClaim(ctx_, *plan_.table);
    for (const auto& row : rows) {
      CheckNotNull(*plan_.table, row);
      heap.Insert(ctx_.txn->log(), EncodeRow(types, row), claim ? &*claim : nullptr);
      ++count_;
    }
  }
  bool Next(Row*) override { return false; }
  int64_t RowsAffected() const override { return count_; }

 private:
  const planner::InsertPlan& plan_;
  ExecContext& ctx_;
  int64_t count_ = 0;
};

class UpdateExecutor : public Executor {
 public:
  UpdateExecutor(const planner::UpdatePlan& plan, ExecContext& ctx) : plan_(plan), ctx_(ctx) {}

  void Init() override {
    LockRelation(ctx_, *plan_.table, txn::LockMode::kIntentionExclusive);
    auto rows = RunToCompletion(*plan_.child, ctx_);
    auto& heap = HeapOf(ctx_, *plan_.table);
    auto types = ColumnTypes(*plan_.table);
    size_t ncols = plan_.table->columns.size();
    // Compute every new row before changing any, so all SET expressions see the old values.
    std::vector<std::pair<storage::Rid, Row>> changes;
    for (const auto& old : rows) {
      Row updated(old.begin(), old.begin() + static_cast<std::ptrdiff_t>(ncols));
      for (size_t i = 0; i < ncols; ++i) {
        if (plan_.values[i]) updated[i] = Evaluate(*plan_.values[i], old, ctx_);
      }
      CheckNotNull(*plan_.table, updated);
      changes.emplace_back(DecodeRid(old[ncols].GetInt()), std::move(updated));
    }
    auto claim = MakeInsertClaim(ctx_, *plan_.table);
    for (const auto& [rid, row] : changes) {
      heap.Update(ctx_.txn->log(), rid, EncodeRow(types, row), claim ? &*claim : nullptr);
      ++count_;
    }
  }
  bool Next(Row*) override { return false; }
  int64_t RowsAffected() const override { return count_; }

 private:
  const planner::UpdatePlan& plan_;
  ExecContext& ctx_;
  int64_t count_ = 0;
};

class DeleteExecutor : public Executor {
 public:
  DeleteExecutor(const planner::DeletePlan& plan, ExecContext& ctx) : plan_(plan), ctx_(ctx) {}

  void Init() override {
    LockRelation(ctx_, *plan_.table, txn::LockMode::kIntentionExclusive);
    auto rows = RunToCompletion(*plan_.child, ctx_);
    auto& heap = HeapOf(ctx_, *plan_.table);
    size_t ncols = plan_.table->columns.size();
    for (const auto& row : rows) {
      heap.Delete(ctx_.txn->log(), DecodeRid(row[ncols].GetInt()));
      ++count_;
    }
  }
  bool Next(Row*) override { return false; }
  int64_t RowsAffected() const override { return count_; }

 private:
  const planner::DeletePlan& plan_;
  ExecContext& ctx_;
  int64_t count_ = 0;
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

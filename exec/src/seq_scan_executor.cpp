// Sequential heap scan (PostgreSQL's SeqScan): locks each row as the isolation level and the plan's
// locking say (row_locker.h), re-reads it if it had to wait, checks the qual on that version and decodes it.
#include <optional>

#include "catalog/catalog.h"
#include "common/error.h"
#include "common/row_codec.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "relation_lock.h"
#include "row_locker.h"
#include "storage/heap_file.h"

namespace lumadb::exec {

namespace {

class SeqScanExecutor : public Executor {
 public:
  SeqScanExecutor(const planner::SeqScanPlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), locker_(ctx, *plan.table, plan.row_lock, plan.wait) {
    for (const auto& c : plan.table->columns) types_.push_back(c.type.id);
    qual_ = [this](const std::vector<std::byte>& bytes) {
      return IsTrue(Evaluate(*plan_.qual, DecodeRow(types_, bytes), ctx_));
    };
  }

  void Init() override {
    LUMADB_ASSERT(ctx_.catalog != nullptr, "table scan without a catalog");
    locker_.LockRelation();
    heap_ = &ctx_.catalog->Heap(*plan_.table);
    iter_.emplace(heap_->Scan());
  }

  bool Next(Row* out) override {
    storage::Rid rid;
    bool deleted = false;
    // Mark-deleted rows come too: a reader waits for the deleter rather than skipping a row that may
    // come back if it rolls back.
    while (iter_->Next(&rid, &bytes_, &deleted)) {
      PollInterrupts(ctx_);
      if (!locker_.Lock(*heap_, rid, &bytes_, deleted, plan_.qual ? &qual_ : nullptr)) continue;
      *out = DecodeRow(types_, bytes_);
      bool accepted = !plan_.qual || IsTrue(Evaluate(*plan_.qual, *out, ctx_));
      locker_.Done(accepted);
      if (!accepted) continue;
      if (plan_.emit_rid) out->push_back(Value::Int8(EncodeRid(rid)));
      return true;
    }
    return false;
  }

 private:
  const planner::SeqScanPlan& plan_;
  ExecContext& ctx_;
  RowLocker locker_;
  RowLocker::Qual qual_;
  std::vector<TypeId> types_;
  const storage::HeapFile* heap_ = nullptr;
  std::optional<storage::HeapFile::Iterator> iter_;
  std::vector<std::byte> bytes_;
};

}  // namespace

std::unique_ptr<Executor> MakeSeqScanExecutor(const planner::SeqScanPlan& plan, ExecContext& ctx) {
  return std::make_unique<SeqScanExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

// Sequential heap scan (PostgreSQL's SeqScan) over HeapScanner's row loop (heap_scanner.h).
#include "catalog/catalog.h"
#include "common/error.h"
#include "executor_builders.h"
#include "heap_scanner.h"
#include "relation_lock.h"
#include "row_locker.h"

namespace lumadb::exec {

namespace {

class SeqScanExecutor : public Executor {
 public:
  SeqScanExecutor(const planner::SeqScanPlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), locker_(ctx, *plan.table, plan.row_lock, plan.wait) {}

  void Init() override {
    LUMADB_ASSERT(ctx_.catalog != nullptr, "table scan without a catalog");
    locker_.LockRelation();
    if (scanner_) removed_before_ += scanner_->removed();  // a rescan: EXPLAIN ANALYZE counts them all
    scanner_.emplace(plan_, ctx_, locker_, true);
    scanner_->Open(ctx_.catalog->Heap(*plan_.table));
  }

  bool Next(Row* out) override {
    if (!scanner_->Next(out)) return false;
    if (plan_.emit_rid) out->push_back(Value::Int8(EncodeRid(scanner_->rid())));
    return true;
  }
  void ReportAnalyze(planner::NodeActuals* actuals) const override {
    actuals->filtered1 += static_cast<double>(removed_before_ + (scanner_ ? scanner_->removed() : 0));
  }

 private:
  const planner::SeqScanPlan& plan_;
  ExecContext& ctx_;
  RowLocker locker_;
  std::optional<HeapScanner> scanner_;
  int64_t removed_before_ = 0;  // rows the qual rejected in earlier runs
};

}  // namespace

std::unique_ptr<Executor> MakeSeqScanExecutor(const planner::SeqScanPlan& plan, ExecContext& ctx) {
  return std::make_unique<SeqScanExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

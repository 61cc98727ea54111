// Sequential heap scan (PostgreSQL's SeqScan), a page at a time: a page copied while no transaction wrote
// to the table serves READ COMMITTED plain reads without row locks; otherwise each row is locked as the
// isolation level and the plan's locking say (row_locker.h), re-read, checked against the qual and decoded.
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
      return IsTrue(Evaluate(*plan_.qual, DecodeRow(types_, bytes, plan_.decode), ctx_));
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
    for (;;) {
      locker_.BeforeRead();
      const uint64_t pages = iter_->pages_read();
      if (!iter_->Next(&rid, &bytes_, &deleted)) return false;
      if (iter_->pages_read() != pages) page_quiet_ = locker_.ReadWasQuiet();
      PollInterrupts(ctx_);
      if (page_quiet_ && !deleted) {
        // (A copy of the plan may have dropped the qual and kept qual_decode: correlated_scan_cache.cpp.)
        const bool qual_first = plan_.qual && !plan_.qual_decode.empty();
        if (qual_first) {
          // Only the qual's columns first: most rows of a selective scan are never decoded further.
          DecodeRowInto(types_, bytes_, plan_.qual_decode, out);
          if (!IsTrue(Evaluate(*plan_.qual, *out, ctx_))) {
            ++removed_;
            continue;
          }
        }
        DecodeRowInto(types_, bytes_, plan_.decode, out);
        if (!qual_first && plan_.qual && !IsTrue(Evaluate(*plan_.qual, *out, ctx_))) {
          ++removed_;
          continue;
        }
      } else {
        // The iterator copied the whole page earlier: a lock taken since by this transaction does not
        // make those bytes current, so Lock re-reads them.
        if (!locker_.Lock(*heap_, rid, &bytes_, deleted, plan_.qual ? &qual_ : nullptr, true)) continue;
        DecodeRowInto(types_, bytes_, plan_.decode, out);
        bool accepted = !plan_.qual || IsTrue(Evaluate(*plan_.qual, *out, ctx_));
        locker_.Done(accepted);
        if (!accepted) {
          ++removed_;
          continue;
        }
      }
      if (plan_.emit_rid) out->push_back(Value::Int8(EncodeRid(rid)));
      return true;
    }
  }
  void ReportAnalyze(planner::NodeActuals* actuals) const override {
    actuals->filtered1 += static_cast<double>(removed_);
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
  int64_t removed_ = 0;      // rows the qual rejected (EXPLAIN ANALYZE's "Rows Removed by Filter")
  bool page_quiet_ = false;  // the page being served was copied with no writer on the table (row_locker.h)
};

}  // namespace

std::unique_ptr<Executor> MakeSeqScanExecutor(const planner::SeqScanPlan& plan, ExecContext& ctx) {
  return std::make_unique<SeqScanExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

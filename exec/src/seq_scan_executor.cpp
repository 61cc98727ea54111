// Sequential heap scan (PostgreSQL's SeqScan): decodes every live tuple of the table.
#include <optional>

#include "catalog/catalog.h"
#include "common/error.h"
#include "common/row_codec.h"
#include "executor_builders.h"
#include "relation_lock.h"
#include "storage/heap_file.h"

namespace lumadb::exec {

namespace {

class SeqScanExecutor : public Executor {
 public:
  SeqScanExecutor(const planner::SeqScanPlan& plan, ExecContext& ctx) : plan_(plan), ctx_(ctx) {
    for (const auto& c : plan.table->columns) types_.push_back(c.type.id);
  }

  void Init() override {
    LUMADB_ASSERT(ctx_.catalog != nullptr, "table scan without a catalog");
    // AccessShareLock in PostgreSQL; here S on the relation, held to the end of the transaction.
    LockRelation(ctx_, *plan_.table, txn::LockMode::kShared);
    iter_.emplace(ctx_.catalog->Heap(*plan_.table).Scan());
  }

  bool Next(Row* out) override {
    storage::Rid rid;
    if (!iter_->Next(&rid, &bytes_)) return false;
    *out = DecodeRow(types_, bytes_);
    if (plan_.emit_rid) out->push_back(Value::Int8(EncodeRid(rid)));
    return true;
  }

 private:
  const planner::SeqScanPlan& plan_;
  ExecContext& ctx_;
  std::vector<TypeId> types_;
  std::optional<storage::HeapFile::Iterator> iter_;
  std::vector<std::byte> bytes_;
};

}  // namespace

std::unique_ptr<Executor> MakeSeqScanExecutor(const planner::SeqScanPlan& plan, ExecContext& ctx) {
  return std::make_unique<SeqScanExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

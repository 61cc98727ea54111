#include "index_scan_executor.h"

#include "catalog/catalog.h"
#include "common/error.h"
#include "common/index_key.h"
#include "common/row_codec.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"
#include "index_keys.h"
#include "relation_lock.h"

namespace lumadb::exec {

IndexScanExecutor::IndexScanExecutor(const planner::IndexScanPlan& plan, ExecContext& ctx)
    : plan_(plan),
      ctx_(ctx),
      locker_(ctx, *plan.table, plan.row_lock, plan.wait),
      orders_(IndexKeyOrders(*plan.table, plan.index)) {
  types_.reserve(plan.table->columns.size());
  for (const auto& c : plan.table->columns) types_.push_back(c.type.id);
  qual_ = [this](const std::vector<std::byte>& bytes) {
    return IsTrue(Evaluate(*plan_.qual, DecodeRow(types_, bytes), ctx_));
  };
}

void IndexScanExecutor::Init() {
  Open();
  Rescan(Row{});
}

void IndexScanExecutor::Open() {
  LUMADB_ASSERT(ctx_.catalog != nullptr, "index scan without a catalog");
  locker_.LockRelation();
  heap_ = &ctx_.catalog->Heap(*plan_.table);
  tree_ = &ctx_.catalog->Index(plan_.index);
}

std::optional<std::string> IndexScanExecutor::EncodeBound(const planner::IndexBound& bound, const Row& outer) {
  std::string key;
  for (size_t i = 0; i < bound.values.size(); ++i) {
    if (!bound.values[i]) {  // col IS NULL
      AppendKeyColumn(Value(), orders_[i], &key);
      continue;
    }
    Value v = Evaluate(*bound.values[i], outer, ctx_);
    if (v.is_null()) return std::nullopt;  // col = NULL, col < NULL: never true
    AppendKeyColumn(v, orders_[i], &key);
  }
  return key;
}

bool IndexScanExecutor::IsFullKeyWithoutNulls(const planner::IndexBound& bound) const {
  if (bound.values.size() != plan_.index.columns.size()) return false;
  // col IS NULL: a unique index may hold many NULLs.
  for (const auto& value : bound.values) {
    if (!value) return false;
  }
  return true;
}

void IndexScanExecutor::Rescan(const Row& outer) {
  done_ = true;
  heap_page_.Release();
  cursor_.reset();
  reverse_cursor_.reset();
  start_.clear();
  single_match_ = false;
  if (plan_.lower) {
    auto key = EncodeBound(*plan_.lower, outer);
    if (!key) return;
    // Exclusive: skip every entry that starts with the bound (all further key columns included).
    start_ = plan_.lower->inclusive ? *key : PrefixSuccessor(*key);
    if (start_.empty()) return;
  }
  has_stop_ = false;
  if (plan_.upper) {
    auto key = EncodeBound(*plan_.upper, outer);
    if (!key) return;
    // Inclusive: entries starting with the bound are in range, so stop past all of them.
    stop_ = plan_.upper->inclusive ? PrefixSuccessor(*key) : *key;
    has_stop_ = !stop_.empty();
    single_match_ = plan_.index.unique && plan_.lower && plan_.lower->inclusive && plan_.upper->inclusive &&
                    *key == start_ && IsFullKeyWithoutNulls(*plan_.upper);
  }
  if (plan_.backward) {
    reverse_cursor_.emplace(tree_->SeekBackward(has_stop_ ? std::optional<std::string>(stop_) : std::nullopt));
  } else {
    cursor_.emplace(tree_->Seek(start_));
  }
  done_ = false;
}

bool IndexScanExecutor::NextEntry(storage::BTree::Entry* entry) {
  if (plan_.backward) return reverse_cursor_->Next(entry) && entry->key >= start_;
  return cursor_->Next(entry) && !(has_stop_ && entry->key >= stop_);
}

bool IndexScanExecutor::Next(Row* out) {
  if (done_) return false;
  storage::BTree::Entry entry;
  while (NextEntry(&entry)) {
    PollInterrupts(ctx_);
    bool deleted = false;
    locker_.BeforeRead();
    if (!heap_->Get(entry.rid, &bytes_, &deleted, &heap_page_)) continue;  // a dangling entry: the tuple is gone
    const bool quiet = !deleted && locker_.ReadWasQuiet();                 // no row lock needed (row_locker.h)
    if (!quiet && !locker_.Lock(*heap_, entry.rid, &bytes_, deleted, plan_.qual ? &qual_ : nullptr)) continue;
    DecodeRowInto(types_, bytes_, plan_.decode, out);
    row_key_.clear();
    AppendIndexKey(*plan_.table, plan_.index, *out, &row_key_);
    bool accepted = row_key_ == entry.key && (!plan_.qual || IsTrue(Evaluate(*plan_.qual, *out, ctx_)));
    if (!quiet) locker_.Done(accepted);
    if (!accepted) {
      ++removed_;
      continue;
    }
    if (plan_.emit_rid) out->push_back(Value::Int8(EncodeRid(entry.rid)));
    done_ = single_match_;
    if (done_) heap_page_.Release();
    return true;
  }
  done_ = true;
  heap_page_.Release();
  return false;
}

std::unique_ptr<Executor> MakeIndexScanExecutor(const planner::IndexScanPlan& plan, ExecContext& ctx) {
  return std::make_unique<IndexScanExecutor>(plan, ctx);
}

}  // namespace lumadb::exec

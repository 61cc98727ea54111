#include "heap_scanner.h"

#include <algorithm>
#include <bit>

#include "common/row_codec.h"
#include "exec/expression_evaluator.h"

namespace lumadb::exec {

namespace {

constexpr uint64_t kChunkDivisor = 2048;  // PARALLEL_SEQSCAN_NCHUNKS
constexpr uint64_t kMaxChunk = 8192;      // PARALLEL_SEQSCAN_MAX_CHUNK_SIZE

}  // namespace

ParallelPageClaims::ParallelPageClaims(storage::PageId pages) : pages_(pages) {
  chunk_ = std::min(std::bit_ceil(std::max<uint64_t>(pages / kChunkDivisor, 1)), kMaxChunk);
}

bool ParallelPageClaims::Claim(storage::PageId* first, storage::PageId* end) {
  const uint64_t start = next_.fetch_add(chunk_, std::memory_order_relaxed);
  if (start >= pages_) return false;
  *first = static_cast<storage::PageId>(start);
  *end = static_cast<storage::PageId>(std::min<uint64_t>(start + chunk_, pages_));
  return true;
}

HeapScanner::HeapScanner(const planner::SeqScanPlan& plan, ExecContext& ctx, const RowLocker& locker, bool may_lock)
    : plan_(plan), ctx_(ctx), locker_(locker), may_lock_(may_lock) {
  for (const auto& c : plan.table->columns) types_.push_back(c.type.id);
  qual_ = [this](const std::vector<std::byte>& bytes) {
    return IsTrue(Evaluate(*plan_.qual, DecodeRow(types_, bytes, plan_.decode), ctx_));
  };
}

void HeapScanner::Open(const storage::HeapFile& heap, ParallelPageClaims* claims, const std::atomic<bool>* stop) {
  heap_ = &heap;
  iter_.emplace(heap.Scan());
  claims_ = claims;
  stop_ = stop;
  in_chunk_ = claims == nullptr;
}

bool HeapScanner::NextTuple(bool* deleted) {
  for (;;) {
    if (!in_chunk_) {
      storage::PageId first = 0, end = 0;
      if ((stop_ && stop_->load(std::memory_order_relaxed)) || !claims_->Claim(&first, &end)) return false;
      iter_->SetRange(first, end);
      in_chunk_ = true;
    }
    // The write activity matters only before a page is copied (a relaxed check per page, not per row).
    if (!iter_->HasBuffered()) locker_.BeforeRead();
    const uint64_t pages = iter_->pages_read();
    // Mark-deleted rows come too: a reader waits for the deleter rather than skipping a row that may
    // come back if it rolls back.
    if (!iter_->Next(&rid_, &bytes_, deleted)) {
      if (claims_ == nullptr) return false;
      in_chunk_ = false;
      continue;
    }
    if (iter_->pages_read() != pages) {
      // A worker of a scan without a lock manager (unit tests) has nothing to wait for.
      page_quiet_ = locker_.ReadWasQuiet() || (!may_lock_ && ctx_.locks == nullptr);
    }
    return true;
  }
}

bool HeapScanner::QuietRow(Row* out) {
  // (A copy of the plan may have dropped the qual and kept qual_decode: correlated_scan_cache.cpp.)
  const bool qual_first = plan_.qual && !plan_.qual_decode.empty();
  if (qual_first) {
    // Only the qual's columns first: most rows of a selective scan are never decoded further.
    DecodeRowInto(types_, bytes_, plan_.qual_decode, out);
    if (!IsTrue(Evaluate(*plan_.qual, *out, ctx_))) return false;
  }
  DecodeRowInto(types_, bytes_, plan_.decode, out);
  return qual_first || !plan_.qual || IsTrue(Evaluate(*plan_.qual, *out, ctx_));
}

bool HeapScanner::LockedRow(bool deleted, Row* out) {
  // The iterator copied the whole page earlier: a lock taken since by this transaction does not make those
  // bytes current, so Lock re-reads them.
  if (!locker_.Lock(*heap_, rid_, &bytes_, deleted, plan_.qual ? &qual_ : nullptr, true)) return false;
  DecodeRowInto(types_, bytes_, plan_.decode, out);
  const bool accepted = !plan_.qual || IsTrue(Evaluate(*plan_.qual, *out, ctx_));
  locker_.Done(accepted);
  if (!accepted) ++removed_;
  return accepted;
}

bool HeapScanner::Next(Row* out) {
  bool deleted = false;
  while (NextTuple(&deleted)) {
    PollInterrupts(ctx_);
    if (page_quiet_ && !deleted) {
      if (QuietRow(out)) return true;
      ++removed_;
    } else if (!may_lock_) {
      deferred_.push_back(rid_);
    } else if (LockedRow(deleted, out)) {
      return true;
    }
  }
  return false;
}

void HeapScanner::ReadDeferred(const std::vector<storage::Rid>& rids, const std::function<void(const Row&)>& consume) {
  Row row;
  for (const storage::Rid rid : rids) {
    PollInterrupts(ctx_);
    bool deleted = false;
    if (!heap_->Get(rid, &bytes_, &deleted)) continue;  // gone since (its delete committed)
    rid_ = rid;
    if (LockedRow(deleted, &row)) consume(row);
  }
}

}  // namespace lumadb::exec

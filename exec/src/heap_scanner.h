#pragma once
// HeapScanner: the row loop of a sequential scan (PostgreSQL's SeqNext over heapgettup_pagemode), shared by
// the SeqScan executor and each participant of a Parallel Seq Scan. Pages are copied one at a time; a page
// copied while no transaction wrote to the table serves READ COMMITTED plain reads without row locks
// (row_locker.h), otherwise each row is locked, re-read and checked against the qual. A worker thread may
// not lock (the transaction belongs to the session thread): it leaves such rows to the leader (deferred()).

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

#include "exec/executor.h"
#include "row_locker.h"
#include "storage/heap_file.h"

namespace lumadb::exec {

/// The pages of a Parallel Seq Scan handed out to its participants a chunk at a time (heapam's
/// table_block_parallelscan_nextpage: chunks of nblocks / 2048 pages rounded up to a power of two, at most
/// 8192). The page count is fixed when the scan starts, as PostgreSQL's phs_nblocks. Thread-safe.
class ParallelPageClaims {
 public:
  explicit ParallelPageClaims(storage::PageId pages);
  /// The next chunk [*first, *end); false once every page is handed out.
  bool Claim(storage::PageId* first, storage::PageId* end);

 private:
  storage::PageId pages_;
  uint64_t chunk_ = 1;
  std::atomic<uint64_t> next_{0};
};

class HeapScanner {
 public:
  /// `locker` (copied) decides and checks quiet reads; with `may_lock` rows that need a lock are locked
  /// through it (the session thread), without they are deferred (a worker). ctx is the thread's own.
  HeapScanner(const planner::SeqScanPlan& plan, ExecContext& ctx, const RowLocker& locker, bool may_lock);

  /// Starts on `heap`: every page, or with `claims` the chunks this participant claims. A worker stops at
  /// the next page once *stop is set.
  void Open(const storage::HeapFile& heap, ParallelPageClaims* claims = nullptr,
            const std::atomic<bool>* stop = nullptr);
  /// The next row that passes the qual, decoded as the plan says (without the rid); false at the end.
  /// Throws what RowLocker::Lock throws (session thread), XX001 for a corrupt page, 57014 via PollInterrupts.
  bool Next(Row* out);
  /// Reads the rows at `rids` as a locking scan of the session thread would (a worker's deferred rows),
  /// passing each one the qual accepts to `consume`.
  void ReadDeferred(const std::vector<storage::Rid>& rids, const std::function<void(const Row&)>& consume);

  storage::Rid rid() const { return rid_; }
  const std::vector<storage::Rid>& deferred() const { return deferred_; }
  int64_t removed() const { return removed_; }
  RowLocker& locker() { return locker_; }

 private:
  bool NextTuple(bool* deleted);
  bool QuietRow(Row* out);
  bool LockedRow(bool deleted, Row* out);

  const planner::SeqScanPlan& plan_;
  ExecContext& ctx_;
  RowLocker locker_;
  bool may_lock_;
  RowLocker::Qual qual_;
  std::vector<TypeId> types_;
  const storage::HeapFile* heap_ = nullptr;
  std::optional<storage::HeapFile::Iterator> iter_;
  ParallelPageClaims* claims_ = nullptr;
  const std::atomic<bool>* stop_ = nullptr;
  bool in_chunk_ = false;
  std::vector<std::byte> bytes_;
  storage::Rid rid_;
  std::vector<storage::Rid> deferred_;  // a worker's rows that need a row lock
  int64_t removed_ = 0;                 // rows the qual rejected (EXPLAIN ANALYZE's "Rows Removed by Filter")
  bool page_quiet_ = false;             // the page being served was copied with no writer on the table
};

}  // namespace lumadb::exec

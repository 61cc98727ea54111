#pragma once
// IndexScanExecutor: a scan through a B+tree index in key order, or backward in reverse key order
// (PostgreSQL's nodeIndexscan.c). The bounds
// are evaluated and encoded (common/index_key.h) at Init or, inside an index nested loop, per outer row
// (Rescan). Each entry's heap tuple is locked as the plan says (row_locker.h, the seq scan's rules), re-read,
// and returned only if its current key is the entry's key (the index may hold entries of older versions
// until COMMIT: each row is returned through the entry of its current key only, so never twice) and the
// plan's qual holds on that version (the recheck).

#include <optional>
#include <string>
#include <vector>

#include "common/index_key.h"
#include "exec/executor.h"
#include "row_locker.h"
#include "storage/btree.h"
#include "storage/heap_file.h"

namespace lumadb::exec {

class IndexScanExecutor : public Executor {
 public:
  IndexScanExecutor(const planner::IndexScanPlan& plan, ExecContext& ctx);

  /// Open, then starts the scan with bounds evaluated over an empty row (they are constants).
  void Init() override;
  /// Takes the relation lock and finds the heap and the index, without starting a scan (an index nested
  /// loop's inner side, whose bounds need an outer row).
  void Open();
  /// Restarts the scan with bounds evaluated over `outer` (the outer row of an index nested loop).
  /// A NULL bound value makes the scan empty. Open must have run.
  void Rescan(const Row& outer);
  bool Next(Row* out) override;
  void ReportAnalyze(planner::NodeActuals* actuals) const override {
    actuals->filtered1 += static_cast<double>(removed_);
  }

 private:
  /// The encoded prefix of a bound, or nullopt when a value is NULL.
  std::optional<std::string> EncodeBound(const planner::IndexBound& bound, const Row& outer);
  /// True when `bound` gives a non-NULL value for every column of the index.
  bool IsFullKeyWithoutNulls(const planner::IndexBound& bound) const;

  const planner::IndexScanPlan& plan_;
  ExecContext& ctx_;
  RowLocker locker_;
  RowLocker::Qual qual_;
  std::vector<TypeId> types_;
  std::vector<KeyColumnOrder> orders_;  // of the index's key columns
  const storage::HeapFile* heap_ = nullptr;
  const storage::BTree* tree_ = nullptr;
  /// The next index entry in the scan's direction within the bounds; false at the end.
  bool NextEntry(storage::BTree::Entry* entry);

  std::optional<storage::BTree::Cursor> cursor_;
  std::optional<storage::BTree::ReverseCursor> reverse_cursor_;  // a backward scan
  std::string start_;                                            // entries with key < start_ lie below the range
  std::string stop_;  // entries with key >= stop_ lie above the range (when has_stop_)
  bool has_stop_ = false;
  bool done_ = true;
  // Equality on every column of a unique index: after one accepted row no other can match, so the scan
  // ends without revisiting the leaf (what PostgreSQL gets from reading a whole leaf page at once).
  bool single_match_ = false;
  std::vector<std::byte> bytes_;
  // The heap page of the last entry fetched, pinned but unlatched while the scan goes on: consecutive
  // entries pointing into one page (a table loaded in key order) skip the buffer pool lookup.
  storage::ReadPageGuard heap_page_;
  std::string row_key_;  // the index key of the row fetched, to compare with its entry's
  int64_t removed_ = 0;  // rows the qual rejected (EXPLAIN ANALYZE's "Rows Removed by Filter")
};

}  // namespace lumadb::exec

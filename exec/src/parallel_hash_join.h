#pragma once
// ParallelHashJoin: a Parallel Hash Join of two Parallel Seq Scans below a Partial Aggregate (planner/README.md
// "Parallel aggregation"), run by every participant of the Gather. PostgreSQL 15 builds one shared, batched
// hash table (nodeHash.c's parallel hash); here the batches are the unit of work, in two phases:
//
//  1. Partition: each participant scans the page chunks it claims of the inner table, then of the outer one,
//     evaluates each row's join key and appends the row to its own temporary file of that side, in the
//     partition given by the top bits of the key's hash (HashJoinTable::Hash). A row with a NULL key can
//     match nothing in an inner join and is dropped.
//  2. Join: participants claim partitions one at a time; a partition's inner rows (from every participant's
//     file) are loaded into a hash table (hash_join_table.h, which batches further within hash_mem on the
//     low bits) and its outer rows probe it; each joined row (outer ++ inner) is passed to the caller.
//
// Every outer row meets every inner row with its key hash, in exactly one partition, so the joined rows are
// those of the serial join (in another order). Phase 1's files are written by their participant's thread
// only; the leader writes their last bytes out before phase 2 (FinishPartitioning), so phase 2 only reads
// them (pread). Rows a worker may not read without a row lock are left to the leader, as in the
// aggregation's scans (heap_scanner.h).

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "exec/executor.h"
#include "heap_scanner.h"
#include "row_locker.h"
#include "spill_file.h"

namespace lumadb::exec {

class ParallelHashJoin {
 public:
  /// plan: an inner join on equi-join keys whose sides are Parallel Seq Scans (planner/src/parallel_plan.cpp);
  /// ctx: the leader's context.
  ParallelHashJoin(const planner::JoinPlan& plan, ExecContext& ctx);

  /// Takes both tables' relation locks (leader). True when workers may read them: quiet reads on both
  /// (row_locker.h) and a temporary file space for the partitions.
  bool LockRelations();
  /// Sets up one participant per context (contexts[0] the leader's, which alone may lock rows): its scans of
  /// both tables over shared page claims and its partition files. A participant stops at its next page once
  /// *stop is set.
  void Open(const std::vector<ExecContext*>& contexts, const std::atomic<bool>* stop);
  /// Phase 1 for participant i (on its thread).
  void Partition(size_t i);
  /// On the leader once every participant's phase 1 is over: the rows the workers deferred, then every file's
  /// buffered bytes written out.
  void FinishPartitioning();
  /// Phase 2 for participant i (on its thread): joins the partitions it claims, passing each joined row to
  /// `consume`. Throws what the hash join throws (53400 for temp_file_limit, 57014 on the leader).
  void Join(size_t i, const std::function<void(const Row&)>& consume);

  /// Removes the partition files (once every participant's phase 2 is over).
  void ReleaseFiles();

  /// EXPLAIN ANALYZE: rows participant i's scan of a side returned (its deferred rows included).
  int64_t ScannedRows(size_t i, bool outer) const;
  int64_t RemovedRows(size_t i, bool outer) const;

  /// Partitions of phase 2: 64, as many as a hash join of this size has batches and several per participant.
  static constexpr int kPartitionBits = 6;

 private:
  struct Side {
    std::optional<HeapScanner> scanner;
    std::unique_ptr<SpillPartitions> parts;
    int64_t rows = 0;
  };
  struct Participant {
    ExecContext* ctx = nullptr;
    Side outer, inner;
  };

  // Appends row to its partition of `side` (nothing for a NULL key).
  void Add(ExecContext& ctx, Side& side, const std::vector<planner::BoundExprPtr>& keys, const Row& row, Row* key);
  void Scatter(ExecContext& ctx, Side& side, const std::vector<planner::BoundExprPtr>& keys);

  const planner::JoinPlan& plan_;
  const planner::SeqScanPlan& outer_scan_;
  const planner::SeqScanPlan& inner_scan_;
  ExecContext& ctx_;
  RowLocker outer_locker_;
  RowLocker inner_locker_;
  std::optional<ParallelPageClaims> outer_claims_;
  std::optional<ParallelPageClaims> inner_claims_;
  std::vector<std::unique_ptr<Participant>> participants_;
  std::atomic<size_t> next_partition_{0};
  const std::atomic<bool>* stop_ = nullptr;
};

}  // namespace lumadb::exec

#pragma once
// The inner side of a hash join, kept within work_mem by batching (nodeHash.c's hybrid hash join): rows
// go to batch hash % nbatch; only the current batch is in memory, the others wait in a temporary file, as
// do the outer rows of those batches. When the batch in memory passes work_mem, nbatch doubles
// (ExecHashIncreaseNumBatches): the rows of the batch whose new batch number differs move to the file.
// A row of batch b only ever moves to a later batch (b + the old nbatch), so batches are read in order
// and every outer row meets every inner row with its hash. Inner rows with a NULL key can match nothing:
// they are kept (in batch 0, never moved) only for RIGHT/FULL joins, which emit them unmatched.

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "exec/executor.h"
#include "planner/spill_stats.h"
#include "row_hash.h"
#include "spill_file.h"

namespace lumadb::exec {

class HashJoinTable {
 public:
  /// Evaluates a row's join key into *key; false when some key value is NULL.
  using KeyFn = std::function<bool(const Row& row, Row* key)>;

  /// inner_key: the inner side's key; keep_null_keys: keep inner rows with a NULL key (RIGHT/FULL).
  HashJoinTable(ExecContext& ctx, KeyFn inner_key, bool keep_null_keys);

  /// Adds an inner row to its batch: the table when it is the current one, else the batch's file.
  void Insert(Row row);
  /// The batch an outer row with this key belongs to now.
  size_t BatchOf(const Row& key) const;
  size_t current_batch() const { return current_; }
  /// Keeps an outer row of a later batch in the file.
  void SaveOuter(size_t batch, const Row& row);

  /// Moves to the next batch: empties the table and loads the batch's inner rows; false after the last.
  bool NextBatch();
  /// The current batch's saved outer rows, in the order they were saved; false at the end.
  bool NextOuter(Row* row);

  /// Indexes of the current batch's inner rows whose key equals key (null: none).
  const std::vector<size_t>* Lookup(const Row& key) const;
  const Row& inner(size_t i) const { return rows_[i]; }
  size_t inner_count() const { return rows_.size(); }
  /// RIGHT/FULL: whether an inner row of the current batch has found a match.
  std::vector<bool>& matched() { return matched_; }

  /// explain.c show_hash_info's figures so far.
  planner::SpillStats Stats() const;

 private:
  // Puts a row of the current batch in the table (has_key false: a NULL key, in no bucket).
  void Add(Row row, Row key, bool has_key);
  void IncreaseBatches();
  void Reset();
  SpillPartitions& Spill(std::unique_ptr<SpillPartitions>& spill);

  ExecContext& ctx_;
  KeyFn inner_key_;
  bool keep_null_keys_;
  size_t nbatch_ = 1;
  size_t current_ = 0;
  bool grow_enabled_ = true;  // off once a doubling moved all rows of the batch or none
  std::vector<Row> rows_;
  std::vector<bool> matched_;
  std::unordered_map<Row, std::vector<size_t>, RowHash, RowEqual> buckets_;
  size_t memory_ = 0;
  size_t peak_memory_ = 0;
  size_t max_rows_ = 0;                           // the most inner rows a batch had in memory
  std::unique_ptr<SpillPartitions> inner_spill_;  // per batch, created at the first doubling
  std::unique_ptr<SpillPartitions> outer_spill_;
  std::unique_ptr<SpillReader> outer_reader_;
};

}  // namespace lumadb::exec

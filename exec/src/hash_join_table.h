#pragma once
// The inner side of a hash join, kept within hash_mem by batching (nodeHash.c's hybrid hash join): rows
// go to batch hash % nbatch; only the current batch is in memory, the others wait in a temporary file, as
// do the outer rows of those batches. When the batch in memory passes hash_mem, nbatch doubles
// (ExecHashIncreaseNumBatches): the rows of the batch whose new batch number differs move to the file.
// Once the join spills, a batch is held to about an L2 cache instead (BatchLimit), unlike PostgreSQL.
// A row of batch b only ever moves to a later batch (b + the old nbatch), so batches are read in order
// and every outer row meets every inner row with its hash. Inner rows with a NULL key can match nothing:
// they are kept (in batch 0, never moved) only for RIGHT/FULL joins, which emit them unmatched.
//
// In memory a row is a MinimalTuple-like record, not a Row: its values encoded by row_codec.h into one
// byte arena, found through chained buckets of entries (nodeHash.c's HashJoinTuple with its hash value;
// a new entry goes first in its chain). No allocation per row, and about a fifth of a Row's bytes, so a
// join needs about PostgreSQL's number of batches. The key is not stored: a candidate with the probe's
// hash is decoded and its key evaluated again. An entry remembers the value types its row was encoded
// with (an index into the distinct type lists seen), so NULLs and relabelled values come back as they
// went in. Candidates of one hash come in insertion order.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "exec/executor.h"
#include "planner/spill_stats.h"
#include "spill_file.h"

namespace lumadb::exec {

class HashJoinTable {
 public:
  /// Evaluates a row's join key into *key (cleared first); false when some key value is NULL.
  using KeyFn = std::function<bool(const Row& row, Row* key)>;
  /// "No entry": the end of a bucket chain or of a probe.
  static constexpr uint32_t kNone = UINT32_MAX;

  /// inner_key: the inner side's key; keep_null_keys: keep inner rows with a NULL key (RIGHT/FULL).
  HashJoinTable(ExecContext& ctx, KeyFn inner_key, bool keep_null_keys);

  /// The hash of a non-NULL key, deciding both its batch and its bucket (SpillHash).
  static uint64_t Hash(const Row& key);

  /// Adds an inner row to its batch: the table when it is the current one, else the batch's file.
  void Insert(const Row& row);
  /// The batch an outer row whose key has this hash belongs to now.
  size_t BatchOf(uint64_t hash) const { return hash & (nbatch_ - 1); }
  size_t current_batch() const { return current_; }
  /// Keeps an outer row of a later batch in the file.
  void SaveOuter(size_t batch, const Row& row);

  /// Moves to the next batch: empties the table and loads the batch's inner rows; false after the last.
  bool NextBatch();
  /// The current batch's saved outer rows, in the order they were saved; false at the end.
  bool NextOuter(Row* row);

  /// The current batch's inner rows whose key hash is `hash`, in insertion order, into *out (cleared
  /// first): the candidates a probe checks with DecodeIfMatch.
  void Candidates(uint64_t hash, std::vector<uint32_t>* out) const;
  /// Decodes inner row i into *row (its storage reused) and tells whether its key equals key.
  bool DecodeIfMatch(uint32_t i, const Row& key, Row* row);
  /// Decodes inner row i into *row (its storage reused).
  void DecodeInner(uint32_t i, Row* row) const;
  size_t inner_count() const { return entries_.size(); }
  /// RIGHT/FULL: whether an inner row of the current batch has found a match.
  std::vector<bool>& matched() { return matched_; }

  /// explain.c show_hash_info's figures so far.
  planner::SpillStats Stats() const;

 private:
  // A row's record is arena_[offset, the next entry's offset or the arena's end).
  struct Entry {
    uint64_t hash;
    uint64_t offset;
    uint32_t next;   // the next entry of its bucket (inserted before it), kNone at the end
    uint32_t types;  // index in types_, | kNullKey for a NULL key (the entry is in no bucket)
  };
  static constexpr uint32_t kNullKey = 1u << 31;

  // Encodes a row of the current batch into the table (has_key false: a NULL key, in no bucket).
  void Add(const Row& row, bool has_key, uint64_t hash);
  // Appends an entry whose bytes are already at the end of arena_ and links it into its bucket.
  void Link(Entry entry);
  std::span<const std::byte> Record(const std::vector<std::byte>& arena, const std::vector<Entry>& entries,
                                    size_t i) const;
  void GrowBuckets();
  void IncreaseBatches();
  void Reset();
  uint32_t TypesOf(const Row& row);
  size_t MemoryBytes() const;
  size_t BatchLimit() const;
  SpillPartitions& Spill(std::unique_ptr<SpillPartitions>& spill);

  ExecContext& ctx_;
  KeyFn inner_key_;
  bool keep_null_keys_;
  size_t nbatch_ = 1;
  size_t current_ = 0;
  bool grow_enabled_ = true;  // off once a doubling moved all rows of the batch or none
  std::vector<std::byte> arena_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> heads_;  // per bucket (a power of two of them): the last entry inserted
  std::vector<bool> matched_;
  std::vector<std::vector<TypeId>> types_;  // the distinct value types of the rows
  uint32_t last_types_ = kNone;
  Row key_;      // Insert's key, or DecodeIfMatch's
  Row scratch_;  // a row moving to the file
  size_t peak_memory_ = 0;
  size_t max_rows_ = 0;                           // the most inner rows a batch had in memory
  std::unique_ptr<SpillPartitions> inner_spill_;  // per batch, created at the first doubling
  std::unique_ptr<SpillPartitions> outer_spill_;
  std::unique_ptr<SpillReader> outer_reader_;
};

}  // namespace lumadb::exec

#include "hash_join_table.h"

#include <algorithm>

#include "hash_spill.h"
#include "memory_accounting.h"

namespace lumadb::exec {

namespace {

// An entry's overhead besides its row and key: bucket node or slot, hash, matched flag.
constexpr size_t kEntryOverheadBytes = 48;
// nodeHash.c's smallest number of buckets.
constexpr int64_t kMinBuckets = 1024;

}  // namespace

HashJoinTable::HashJoinTable(ExecContext& ctx, KeyFn inner_key, bool keep_null_keys)
    : ctx_(ctx), inner_key_(std::move(inner_key)), keep_null_keys_(keep_null_keys) {}

size_t HashJoinTable::BatchOf(const Row& key) const {
  return nbatch_ == 1 ? 0 : SpillHash(key) & (nbatch_ - 1);
}

void HashJoinTable::Insert(Row row) {
  Row key;
  if (!inner_key_(row, &key)) {
    if (keep_null_keys_) Add(std::move(row), Row{}, false);  // batch 0, never moved
    return;
  }
  const size_t batch = BatchOf(key);
  if (batch != current_) {
    Spill(inner_spill_).Add(batch, row);
    return;
  }
  Add(std::move(row), std::move(key), true);
  peak_memory_ = std::max(peak_memory_, memory_);
  max_rows_ = std::max(max_rows_, rows_.size());
  if (memory_ > WorkMemBytes(ctx_.work_mem_kb) && grow_enabled_ && ctx_.temp_files) IncreaseBatches();
}

void HashJoinTable::Add(Row row, Row key, bool has_key) {
  memory_ += RowBytes(row) + RowBytes(key) + kEntryOverheadBytes;
  if (has_key) buckets_[std::move(key)].push_back(rows_.size());
  rows_.push_back(std::move(row));
  matched_.push_back(false);
}

SpillPartitions& HashJoinTable::Spill(std::unique_ptr<SpillPartitions>& spill) {
  if (!spill) spill = std::make_unique<SpillPartitions>(NewTempFile(ctx_), nbatch_);
  spill->Grow(nbatch_);
  return *spill;
}

// ExecHashIncreaseNumBatches: doubles nbatch and moves the rows whose batch changed to the file.
void HashJoinTable::IncreaseBatches() {
  nbatch_ *= 2;
  SpillPartitions& spill = Spill(inner_spill_);
  std::vector<Row> rows = std::move(rows_);
  Reset();
  size_t kept = 0;
  for (Row& row : rows) {
    Row key;
    const bool has_key = inner_key_(row, &key);
    const size_t batch = has_key ? BatchOf(key) : 0;
    if (batch != current_) {
      spill.Add(batch, row);
      continue;
    }
    ++kept;
    Add(std::move(row), has_key ? std::move(key) : Row{}, has_key);
  }
  // All rows stayed or all left: more batches will not help (skewed or equal keys); stop doubling.
  if (kept == 0 || kept == rows.size()) grow_enabled_ = false;
}

void HashJoinTable::Reset() {
  rows_.clear();
  matched_.clear();
  buckets_.clear();
  memory_ = 0;
}

void HashJoinTable::SaveOuter(size_t batch, const Row& row) {
  Spill(outer_spill_).Add(batch, row);
}

bool HashJoinTable::NextBatch() {
  outer_reader_.reset();
  if (current_ + 1 >= nbatch_) {
    Reset();
    inner_spill_.reset();  // the temporary files go as soon as the join is done
    outer_spill_.reset();
    return false;
  }
  ++current_;
  Reset();
  if (inner_spill_ && current_ < inner_spill_->size()) {
    inner_spill_->Finish(current_);
    SpillReader reader(inner_spill_->file().get(), &inner_spill_->run(current_));
    Row row;
    while (reader.Next(&row)) {
      PollInterrupts(ctx_);
      Insert(std::move(row));
    }
  }
  if (outer_spill_ && current_ < outer_spill_->size()) {
    outer_spill_->Finish(current_);
    outer_reader_ = std::make_unique<SpillReader>(outer_spill_->file().get(), &outer_spill_->run(current_));
  }
  return true;
}

bool HashJoinTable::NextOuter(Row* row) {
  if (!outer_reader_) return false;
  PollInterrupts(ctx_);
  return outer_reader_->Next(row);
}

const std::vector<size_t>* HashJoinTable::Lookup(const Row& key) const {
  auto it = buckets_.find(key);
  return it == buckets_.end() ? nullptr : &it->second;
}

planner::SpillStats HashJoinTable::Stats() const {
  planner::SpillStats s;
  s.kind = planner::SpillStats::Kind::kHash;
  s.buckets = kMinBuckets;
  while (static_cast<size_t>(s.buckets) < max_rows_) s.buckets *= 2;
  s.buckets_original = s.buckets;
  s.batches = static_cast<int64_t>(nbatch_);
  s.batches_original = 1;
  s.memory_kb = KiloBytes(peak_memory_);
  return s;
}

}  // namespace lumadb::exec

#include "hash_join_table.h"

#include <algorithm>
#include <span>

#include "common/row_codec.h"
#include "common/value_ops.h"
#include "hash_spill.h"
#include "memory_accounting.h"

namespace lumadb::exec {

namespace {

// nodeHash.c's smallest number of buckets.
constexpr size_t kMinBuckets = 1024;

bool SameTypes(const std::vector<TypeId>& types, const Row& row) {
  if (types.size() != row.size()) return false;
  for (size_t i = 0; i < row.size(); ++i) {
    if (types[i] != row[i].type()) return false;
  }
  return true;
}

std::vector<TypeId> TypesOfRow(const Row& row) {
  std::vector<TypeId> types;
  types.reserve(row.size());
  for (const Value& v : row) types.push_back(v.type());
  return types;
}

}  // namespace

HashJoinTable::HashJoinTable(ExecContext& ctx, KeyFn inner_key, bool keep_null_keys)
    : ctx_(ctx), inner_key_(std::move(inner_key)), keep_null_keys_(keep_null_keys) {}

uint64_t HashJoinTable::Hash(const Row& key) {
  return SpillHash(key);
}

void HashJoinTable::Insert(const Row& row) {
  if (!inner_key_(row, &key_)) {
    if (keep_null_keys_) Add(row, false, 0);  // batch 0, never moved
    return;
  }
  const uint64_t hash = Hash(key_);
  const size_t batch = BatchOf(hash);
  if (batch != current_) {
    Spill(inner_spill_).Add(batch, row);
    return;
  }
  Add(row, true, hash);
  const size_t memory = MemoryBytes();
  peak_memory_ = std::max(peak_memory_, memory);
  max_rows_ = std::max(max_rows_, entries_.size());
  if (memory > BatchLimit() && grow_enabled_ && ctx_.temp_files) IncreaseBatches();
}

// The index of the row's value types in types_; consecutive rows almost always share one.
uint32_t HashJoinTable::TypesOf(const Row& row) {
  if (last_types_ != kNone && SameTypes(types_[last_types_], row)) return last_types_;
  for (size_t i = 0; i < types_.size(); ++i) {
    if (SameTypes(types_[i], row)) {
      last_types_ = static_cast<uint32_t>(i);
      return last_types_;
    }
  }
  types_.push_back(TypesOfRow(row));
  last_types_ = static_cast<uint32_t>(types_.size() - 1);
  return last_types_;
}

void HashJoinTable::Add(const Row& row, bool has_key, uint64_t hash) {
  const uint32_t types = TypesOf(row);
  Entry e{hash, arena_.size(), kNone, has_key ? types : types | kNullKey};
  EncodeRowTo(types_[types], row, &arena_);
  Link(e);
}

void HashJoinTable::Link(Entry e) {
  const auto i = static_cast<uint32_t>(entries_.size());
  e.next = kNone;
  entries_.push_back(e);
  matched_.push_back(false);
  if ((e.types & kNullKey) != 0) return;
  if (entries_.size() > heads_.size()) {
    GrowBuckets();  // links every entry, this one included
    return;
  }
  uint32_t& head = heads_[(e.hash >> 32) & (heads_.size() - 1)];
  entries_[i].next = head;
  head = i;
}

// Doubles the buckets (one entry per bucket on average, as ExecHashIncreaseNumBuckets) and relinks the
// entries in insertion order, so that each chain keeps the newest first.
void HashJoinTable::GrowBuckets() {
  const size_t n = std::max(kMinBuckets, heads_.size() * 2);
  heads_.assign(n, kNone);
  for (uint32_t i = 0; i < entries_.size(); ++i) {
    Entry& e = entries_[i];
    e.next = kNone;
    if ((e.types & kNullKey) != 0) continue;
    uint32_t& head = heads_[(e.hash >> 32) & (n - 1)];
    e.next = head;
    head = i;
  }
}

std::span<const std::byte> HashJoinTable::Record(const std::vector<std::byte>& arena, const std::vector<Entry>& entries,
                                                 size_t i) const {
  const size_t end = i + 1 < entries.size() ? entries[i + 1].offset : arena.size();
  return std::span(arena.data() + entries[i].offset, end - entries[i].offset);
}

// hash_mem while the whole inner side fits in it. Once the join spills anyway, a batch is held to about a
// CPU's L2 cache, so that a probe finds its bucket, entry and record there rather than in main memory:
// smaller batches write and read the same rows to the files (all those of the batches after the first).
size_t HashJoinTable::BatchLimit() const {
  constexpr size_t kCacheBatchBytes = 768 * 1024;
  const size_t hash_mem = HashMemBytes(ctx_.work_mem_kb);
  return nbatch_ > 1 ? std::min(hash_mem, kCacheBatchBytes) : hash_mem;
}

size_t HashJoinTable::MemoryBytes() const {
  return arena_.size() + entries_.size() * sizeof(Entry) + heads_.size() * sizeof(uint32_t);
}

SpillPartitions& HashJoinTable::Spill(std::unique_ptr<SpillPartitions>& spill) {
  if (!spill) spill = std::make_unique<SpillPartitions>(NewTempFile(ctx_), nbatch_);
  spill->Grow(nbatch_);
  return *spill;
}

// ExecHashIncreaseNumBatches: doubles nbatch and moves the rows whose batch changed to the file; the
// others are copied to a new arena in their order.
void HashJoinTable::IncreaseBatches() {
  nbatch_ *= 2;
  SpillPartitions& spill = Spill(inner_spill_);
  std::vector<std::byte> arena = std::move(arena_);
  std::vector<Entry> entries = std::move(entries_);
  Reset();
  size_t kept = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    const size_t batch = (e.types & kNullKey) != 0 ? 0 : BatchOf(e.hash);
    const std::span<const std::byte> record = Record(arena, entries, i);
    if (batch != current_) {
      DecodeRowInto(types_[e.types & ~kNullKey], record, {}, &scratch_);
      spill.Add(batch, scratch_);
      continue;
    }
    ++kept;
    Entry moved = e;
    moved.offset = arena_.size();
    arena_.insert(arena_.end(), record.begin(), record.end());
    Link(moved);
  }
  // All rows stayed or all left: more batches will not help (skewed or equal keys); stop doubling.
  if (kept == 0 || kept == entries.size()) grow_enabled_ = false;
}

void HashJoinTable::Reset() {
  arena_.clear();
  entries_.clear();
  matched_.clear();
  heads_.clear();  // sized again for the next batch's rows as they come (Link)
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
      Insert(row);
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

void HashJoinTable::Candidates(uint64_t hash, std::vector<uint32_t>* out) const {
  out->clear();
  if (heads_.empty()) return;
  for (uint32_t i = heads_[(hash >> 32) & (heads_.size() - 1)]; i != kNone; i = entries_[i].next) {
    if (entries_[i].hash == hash) out->push_back(i);
  }
  std::reverse(out->begin(), out->end());
}

bool HashJoinTable::DecodeIfMatch(uint32_t i, const Row& key, Row* row) {
  DecodeInner(i, row);
  if (!inner_key_(*row, &key_) || key_.size() != key.size()) return false;
  for (size_t k = 0; k < key.size(); ++k) {
    if (CompareValues(key_[k], key[k]) != 0) return false;
  }
  return true;
}

void HashJoinTable::DecodeInner(uint32_t i, Row* row) const {
  DecodeRowInto(types_[entries_[i].types & ~kNullKey], Record(arena_, entries_, i), {}, row);
}

planner::SpillStats HashJoinTable::Stats() const {
  planner::SpillStats s;
  s.kind = planner::SpillStats::Kind::kHash;
  s.buckets = static_cast<int64_t>(kMinBuckets);
  while (static_cast<size_t>(s.buckets) < max_rows_) s.buckets *= 2;
  s.buckets_original = s.buckets;
  s.batches = static_cast<int64_t>(nbatch_);
  s.batches_original = 1;
  s.memory_kb = KiloBytes(peak_memory_);
  return s;
}

}  // namespace lumadb::exec

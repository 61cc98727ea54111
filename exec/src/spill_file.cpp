#include "spill_file.h"

#include <cstring>

#include "common/error.h"
#include "common/row_codec.h"

namespace lumadb::exec {

namespace {

uint32_t GetU32(const std::byte* p) {
  uint32_t v = 0;
  std::memcpy(&v, p, 4);
  return v;
}

[[noreturn]] void ThrowMalformed() {
  throw DbError(sqlstate::kDataCorrupted, "malformed row in temporary file");
}

}  // namespace

void SpillWriter::Add(const Row& row) {
  if (chunk_.capacity() == 0) chunk_.reserve(kSpillChunkBytes + kSpillChunkBytes / 4);
  const size_t start = chunk_.size();
  const auto natts = static_cast<uint16_t>(row.size());
  types_.clear();
  for (const Value& v : row) types_.push_back(v.type());
  // The header in one step: the length (filled in below), natts, the type OIDs.
  chunk_.resize(start + 6 + 4 * size_t{natts});
  std::memcpy(chunk_.data() + start + 4, &natts, 2);
  for (size_t i = 0; i < natts; ++i) {
    const auto oid = static_cast<uint32_t>(types_[i]);
    std::memcpy(chunk_.data() + start + 6 + 4 * i, &oid, 4);
  }
  EncodeRowTo(types_, row, &chunk_);
  const auto len = static_cast<uint32_t>(chunk_.size() - start - 4);
  std::memcpy(chunk_.data() + start, &len, 4);
  ++run_->rows;
  if (chunk_.size() >= kSpillChunkBytes) Finish();
}

void SpillWriter::Finish() {
  if (chunk_.empty()) return;
  const uint64_t at = file_->Append(chunk_);
  run_->chunks.emplace_back(at, static_cast<uint32_t>(chunk_.size()));
  chunk_.clear();
}

bool SpillReader::Next(Row* out) {
  while (pos_ >= chunk_.size()) {
    if (next_chunk_ >= run_->chunks.size()) return false;
    const auto [offset, length] = run_->chunks[next_chunk_++];
    chunk_.resize(length);
    if (file_->ReadAt(offset, chunk_) != length) ThrowMalformed();
    pos_ = 0;
  }
  if (chunk_.size() - pos_ < 6) ThrowMalformed();
  const uint32_t len = GetU32(chunk_.data() + pos_);
  const size_t end = pos_ + 4 + len;
  if (end > chunk_.size()) ThrowMalformed();
  uint16_t natts = 0;
  std::memcpy(&natts, chunk_.data() + pos_ + 4, 2);
  size_t p = pos_ + 6;
  if (p + 4 * size_t{natts} > end) ThrowMalformed();
  types_.resize(natts);
  for (auto& t : types_) {
    t = static_cast<TypeId>(GetU32(chunk_.data() + p));
    p += 4;
  }
  DecodeRowInto(types_, std::span<const std::byte>(chunk_.data() + p, end - p), {}, out);
  pos_ = end;
  return true;
}

std::shared_ptr<storage::TempFile> NewTempFile(const ExecContext& ctx) {
  if (!ctx.temp_files) return nullptr;
  return std::make_shared<storage::TempFile>(ctx.temp_files);
}

SpillPartitions::SpillPartitions(std::shared_ptr<storage::TempFile> file, size_t n) : file_(std::move(file)) {
  Grow(n);
}

void SpillPartitions::Grow(size_t n) {
  while (runs_.size() < n) {
    runs_.push_back(std::make_unique<SpillRun>());
    writers_.emplace_back(file_.get(), runs_.back().get());
  }
}

void SpillPartitions::Finish() {
  for (auto& w : writers_) w.Finish();
}

}  // namespace lumadb::exec

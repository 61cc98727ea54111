#pragma once
// Rows in temporary files (storage/temp_file.h knows only bytes): how spilling executors write runs of
// rows and read them back. A row is stored with its values' own types, so NULLs keep theirs:
//
//   +-----------+------------+---------------------+--------------------------------------+
//   | len (u32) | natts (u16)| type OID (u32) each | EncodeRow(types, row) (row_codec.h)   |
//   +-----------+------------+---------------------+--------------------------------------+
//
// len counts everything after itself. Rows are grouped in chunks of about kSpillChunkBytes, each a whole
// number of rows, appended to a file when full; a SpillRun lists its chunks, so many runs (hash
// partitions) can share one file while they are written in turns.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "common/value.h"
#include "exec/executor.h"
#include "storage/temp_file.h"

namespace lumadb::exec {

/// Bytes a chunk collects before it is written (buffile.c's BLCKSZ buffer).
inline constexpr size_t kSpillChunkBytes = 8192;

/// Where one run's rows are: (offset, length) of each chunk in its file, in order.
struct SpillRun {
  std::vector<std::pair<uint64_t, uint32_t>> chunks;
  int64_t rows = 0;
};

/// Collects rows into chunks and appends each full chunk to the file (the last one at Finish).
class SpillWriter {
 public:
  SpillWriter(storage::TempFile* file, SpillRun* run) : file_(file), run_(run) {}
  void Add(const Row& row);
  /// Writes the partial chunk; Add may follow (a later chunk of the same run).
  void Finish();
  size_t buffered_bytes() const { return chunk_.capacity(); }

 private:
  storage::TempFile* file_;
  SpillRun* run_;
  std::vector<std::byte> chunk_;
  std::vector<TypeId> types_;  // the row being added's (kept to save an allocation per row)
};

/// Reads a run's rows back in the order they were added, one chunk in memory at a time.
class SpillReader {
 public:
  SpillReader(storage::TempFile* file, const SpillRun* run) : file_(file), run_(run) {}
  /// The next row into *out; false at the end of the run. Throws XX001 on a malformed row.
  bool Next(Row* out);

 private:
  storage::TempFile* file_;
  const SpillRun* run_;
  size_t next_chunk_ = 0;
  std::vector<std::byte> chunk_;
  size_t pos_ = 0;
  std::vector<TypeId> types_;  // the row being read's
};

/// A temporary file in the statement's space; null when the context has none (executors then stay in
/// memory whatever work_mem says).
std::shared_ptr<storage::TempFile> NewTempFile(const ExecContext& ctx);

/// Rows split into n partitions sharing one temporary file (the spill of a hash aggregation or the
/// batches of one side of a hash join).
class SpillPartitions {
 public:
  SpillPartitions(std::shared_ptr<storage::TempFile> file, size_t n);
  void Add(size_t partition, const Row& row) { writers_[partition].Add(row); }
  /// Writes every partition's last chunk.
  void Finish();
  /// Writes one partition's last chunk (before it is read while others are still written).
  void Finish(size_t partition) { writers_[partition].Finish(); }
  /// Adds empty partitions up to n in all (a hash join doubling its batches).
  void Grow(size_t n);
  size_t size() const { return runs_.size(); }
  const std::shared_ptr<storage::TempFile>& file() const { return file_; }
  const SpillRun& run(size_t partition) const { return *runs_[partition]; }

 private:
  std::shared_ptr<storage::TempFile> file_;
  std::vector<std::unique_ptr<SpillRun>> runs_;
  std::vector<SpillWriter> writers_;
};

}  // namespace lumadb::exec

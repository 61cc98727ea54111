#pragma once
// The external part of Sort (tuplesort.c's dumptuples, mergeruns and the final on-the-fly merge): the
// Sort executor hands over each memory load it sorted as a run; runs are written to a temporary file, merged
// order at a time into the other file until at most `order` remain, and those are merged while rows are
// read. Among equal keys the earlier run comes first, so the merge keeps the order the runs gave them.

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "common/value.h"
#include "exec/executor.h"
#include "spill_file.h"

namespace lumadb::exec {

/// One row of a Sort with its evaluated keys.
struct SortEntry {
  Row keys;
  Row row;
};

class ExternalSort {
 public:
  /// compare(a, b): <0, 0 or >0 as key row a sorts before, with or after b. Throws nothing itself; the
  /// temporary files raise 58030 or 53400 (temp_file_limit).
  ExternalSort(const ExecContext& ctx, std::function<int(const Row&, const Row&)> compare);
  ~ExternalSort();

  /// Whether temporary files can be created (the context has a temp file space).
  static bool Available(const ExecContext& ctx) { return ctx.temp_files != nullptr; }
  /// Writes entries[0, n), already sorted, as the next run.
  void AddRun(std::vector<SortEntry>& entries);
  /// Ends the input: merges runs until at most the merge order remain, then opens the final merge.
  void Finish();
  /// The next entry of the final merge; false at the end.
  bool Next(SortEntry* out);
  /// Bytes of the runs the final merge reads (what EXPLAIN shows as Disk, as tuplesort_get_stats's
  /// tape blocks in use).
  uint64_t disk_bytes() const { return final_bytes_; }
  size_t runs() const { return runs_.size(); }

 private:
  struct Source;
  void MergePass();
  void Merge(size_t first, size_t count, storage::TempFile* out_file, SpillRun* out);
  // Heap order: a's entry comes after b's (ties: the later run after).
  bool After(size_t a, size_t b) const;
  void BuildHeap();

  std::function<int(const Row&, const Row&)> compare_;
  size_t order_;
  std::shared_ptr<storage::TempFile> file_;   // holds runs_
  std::shared_ptr<storage::TempFile> spare_;  // the next merge pass writes here
  std::vector<SpillRun> runs_;
  size_t nkeys_ = 0;
  uint64_t final_bytes_ = 0;
  std::vector<std::unique_ptr<Source>> sources_;  // the final merge's inputs
  std::vector<size_t> heap_;                      // indexes into sources_, a min-heap
};

}  // namespace lumadb::exec

#include "external_sort.h"

#include <algorithm>

#include "memory_accounting.h"

namespace lumadb::exec {

namespace {

// tuplesort_merge_order: each input of a merge wants a tape buffer plus MERGE_BUFFER_SIZE (32 blocks).
constexpr size_t kMergeInputBytes = 8192 + 32 * 8192;
constexpr size_t kMinOrder = 6;
constexpr size_t kMaxOrder = 500;

// A run's rows hold the keys first, then the row.
Row Joined(SortEntry& e) {
  Row r = std::move(e.keys);
  r.insert(r.end(), std::make_move_iterator(e.row.begin()), std::make_move_iterator(e.row.end()));
  return r;
}

SortEntry Split(Row r, size_t nkeys) {
  SortEntry e;
  e.row.assign(std::make_move_iterator(r.begin() + static_cast<std::ptrdiff_t>(nkeys)),
               std::make_move_iterator(r.end()));
  r.resize(nkeys);
  e.keys = std::move(r);
  return e;
}

}  // namespace

/// One input of a merge: a run's reader and its current entry.
struct ExternalSort::Source {
  Source(storage::TempFile* file, const SpillRun* run, size_t index) : reader(file, run), run_index(index) {}
  bool Advance(size_t nkeys) {
    Row r;
    if (!reader.Next(&r)) return false;
    current = Split(std::move(r), nkeys);
    return true;
  }
  SpillReader reader;
  size_t run_index;
  SortEntry current;
};

ExternalSort::ExternalSort(const ExecContext& ctx, std::function<int(const Row&, const Row&)> compare)
    : compare_(std::move(compare)),
      order_(std::clamp(WorkMemBytes(ctx.work_mem_kb) / kMergeInputBytes, kMinOrder, kMaxOrder)),
      file_(NewTempFile(ctx)),
      spare_(NewTempFile(ctx)) {}

ExternalSort::~ExternalSort() = default;

void ExternalSort::AddRun(std::vector<SortEntry>& entries) {
  if (!entries.empty()) nkeys_ = entries[0].keys.size();
  runs_.emplace_back();
  SpillWriter writer(file_.get(), &runs_.back());
  for (auto& e : entries) writer.Add(Joined(e));
  writer.Finish();
  entries.clear();
}

void ExternalSort::Finish() {
  while (runs_.size() > order_) MergePass();
  final_bytes_ = file_->size();
  // The final merge: a heap of the runs' current entries, ties to the earlier run.
  for (size_t i = 0; i < runs_.size(); ++i) {
    auto source = std::make_unique<Source>(file_.get(), &runs_[i], i);
    if (source->Advance(nkeys_)) sources_.push_back(std::move(source));
  }
  BuildHeap();
}

bool ExternalSort::After(size_t a, size_t b) const {
  int c = compare_(sources_[a]->current.keys, sources_[b]->current.keys);
  return c != 0 ? c > 0 : sources_[a]->run_index > sources_[b]->run_index;
}

void ExternalSort::BuildHeap() {
  heap_.clear();
  for (size_t i = 0; i < sources_.size(); ++i) heap_.push_back(i);
  std::make_heap(heap_.begin(), heap_.end(), [this](size_t a, size_t b) { return After(a, b); });
}

bool ExternalSort::Next(SortEntry* out) {
  if (heap_.empty()) return false;
  auto greater = [this](size_t a, size_t b) { return After(a, b); };
  std::pop_heap(heap_.begin(), heap_.end(), greater);
  Source& top = *sources_[heap_.back()];
  *out = std::move(top.current);
  if (top.Advance(nkeys_)) {
    std::push_heap(heap_.begin(), heap_.end(), greater);
  } else {
    heap_.pop_back();
  }
  return true;
}

// mergeruns' intermediate passes: groups of `order_` runs become one run each in the spare file, which
// then holds every run; the old file is emptied for the next pass.
void ExternalSort::MergePass() {
  std::vector<SpillRun> merged;
  merged.reserve((runs_.size() + order_ - 1) / order_);
  for (size_t first = 0; first < runs_.size(); first += order_) {
    merged.emplace_back();
    Merge(first, std::min(order_, runs_.size() - first), spare_.get(), &merged.back());
  }
  runs_ = std::move(merged);
  file_->Truncate();
  std::swap(file_, spare_);
}

void ExternalSort::Merge(size_t first, size_t count, storage::TempFile* out_file, SpillRun* out) {
  sources_.clear();
  for (size_t i = first; i < first + count; ++i) {
    auto source = std::make_unique<Source>(file_.get(), &runs_[i], i);
    if (source->Advance(nkeys_)) sources_.push_back(std::move(source));
  }
  SpillWriter writer(out_file, out);
  SortEntry e;
  BuildHeap();
  while (Next(&e)) writer.Add(Joined(e));
  writer.Finish();
  sources_.clear();
}

}  // namespace lumadb::exec

#include "storage/page_table.h"

#include <algorithm>
#include <bit>

namespace lumadb::storage {

PageTable::PageTable(size_t expected) {
  size_t capacity = std::bit_ceil(std::max<size_t>(expected * 2, 8));
  slots_.resize(capacity);
  mask_ = capacity - 1;
}

size_t PageTable::Probe(uint64_t file_key, PageId page) const {
  size_t i = Home(file_key, page);
  while (slots_[i].frame != nullptr && (slots_[i].file != file_key || slots_[i].page != page)) i = (i + 1) & mask_;
  return i;
}

BufferFrame* PageTable::Find(FileId file, PageId page) const {
  return slots_[Probe(file.Key(), page)].frame;
}

bool PageTable::Insert(FileId file, PageId page, BufferFrame* frame) {
  size_t i = Probe(file.Key(), page);
  if (slots_[i].frame != nullptr) return false;
  if ((size_ + 1) * 2 > slots_.size()) {
    Grow();
    i = Probe(file.Key(), page);
  }
  slots_[i] = Entry{file.Key(), page, frame};
  ++size_;
  return true;
}

void PageTable::Erase(FileId file, PageId page) {
  size_t hole = Probe(file.Key(), page);
  if (slots_[hole].frame == nullptr) return;
  // Backward-shift deletion (Knuth 6.4 Algorithm R): move each later entry of the run into the hole
  // unless its home slot lies cyclically in (hole, current], where the move would hide it.
  for (size_t i = (hole + 1) & mask_; slots_[i].frame != nullptr; i = (i + 1) & mask_) {
    size_t home = Home(slots_[i].file, slots_[i].page);
    bool stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
    if (stays) continue;
    slots_[hole] = slots_[i];
    hole = i;
  }
  slots_[hole] = Entry{};
  --size_;
}

void PageTable::Grow() {
  std::vector<Entry> old = std::move(slots_);
  slots_.assign(old.size() * 2, Entry{});
  mask_ = slots_.size() - 1;
  for (const Entry& e : old) {
    if (e.frame == nullptr) continue;
    size_t i = Home(e.file, e.page);
    while (slots_[i].frame != nullptr) i = (i + 1) & mask_;
    slots_[i] = e;
  }
}

}  // namespace lumadb::storage

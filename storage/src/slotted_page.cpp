#include "storage/slotted_page.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "common/error.h"
#include "storage/disk_manager.h"

namespace lumadb::storage {

namespace {
constexpr uint16_t kSlotArrayStart = kPageHeaderSize;

size_t SlotOffset(uint16_t slot) {
  return kSlotArrayStart + static_cast<size_t>(slot) * sizeof(SlotEntry);
}
}  // namespace

// ---- ConstSlottedPage ----------------------------------------------------------------------------------

uint16_t ConstSlottedPage::SlotCount() const {
  PageHeader h = Header();
  if (h.lower == 0) return 0;
  return static_cast<uint16_t>((h.lower - kSlotArrayStart) / sizeof(SlotEntry));
}

SlotEntry ConstSlottedPage::Slot(uint16_t slot) const {
  SlotEntry e;
  std::memcpy(&e, data_ + SlotOffset(slot), sizeof(e));
  return e;
}

SlotState ConstSlottedPage::State(uint16_t slot) const {
  if (slot >= SlotCount()) return SlotState::kEmpty;
  return static_cast<SlotState>(Slot(slot).state);
}

std::span<const std::byte> ConstSlottedPage::Tuple(uint16_t slot) const {
  SlotEntry e = Slot(slot);
  return {reinterpret_cast<const std::byte*>(data_ + e.offset), e.length};
}

size_t ConstSlottedPage::ContiguousFree() const {
  if (IsNew()) return kPageSize - kPageHeaderSize;
  PageHeader h = Header();
  return static_cast<size_t>(h.upper - h.lower);
}

size_t ConstSlottedPage::TotalFree() const {
  if (IsNew()) return kPageSize - kPageHeaderSize;
  PageHeader h = Header();
  size_t used = 0;
  for (uint16_t i = 0, n = SlotCount(); i < n; ++i) {
    SlotEntry e = Slot(i);
    if (static_cast<SlotState>(e.state) != SlotState::kEmpty) used += e.capacity;
  }
  return h.special - h.lower - used;
}

size_t ConstSlottedPage::MaxInsertSize() const {
  size_t total = TotalFree();
  return total > kSlotSize ? total - kSlotSize : 0;
}

bool ConstSlottedPage::NeedsVacuum() const {
  if (IsNew()) return false;
  uint16_t n = SlotCount();
  if (n > 0 && State(static_cast<uint16_t>(n - 1)) == SlotState::kEmpty) return true;
  size_t reserved = 0;
  for (uint16_t i = 0; i < n; ++i) {
    SlotEntry e = Slot(i);
    auto state = static_cast<SlotState>(e.state);
    if (state == SlotState::kLive && e.capacity > e.length) return true;
    if (state != SlotState::kEmpty) reserved += e.capacity;
  }
  PageHeader h = Header();
  return reserved != static_cast<size_t>(h.special - h.upper);  // a hole between tuples
}

void ConstSlottedPage::Validate(FileId file, PageId page) const {
  if (IsNew()) return;
  PageHeader h = Header();
  bool ok = h.special == kPageSize && h.lower >= kSlotArrayStart && h.lower <= h.upper && h.upper <= h.special &&
            (h.lower - kSlotArrayStart) % sizeof(SlotEntry) == 0;
  for (uint16_t i = 0, n = ok ? SlotCount() : 0; ok && i < n; ++i) {
    SlotEntry e = Slot(i);
    switch (static_cast<SlotState>(e.state)) {
      case SlotState::kEmpty:
        break;
      case SlotState::kLive:
      case SlotState::kDeleted:
        ok = e.length <= e.capacity && (e.capacity == 0 || (e.offset >= h.upper && e.offset + e.capacity <= h.special));
        break;
      default:
        ok = false;
    }
  }
  if (!ok) {
    throw DbError(sqlstate::kDataCorrupted,
                  "invalid page in block " + std::to_string(page) + " of relation " + DiskManager::RelativePath(file));
  }
}

// ---- SlottedPage --------------------------------------------------------------------------------------

void SlottedPage::InitIfNew() {
  if (!IsNew()) return;
  PageHeader h{};
  h.lower = kSlotArrayStart;
  h.upper = kPageSize;
  h.special = kPageSize;
  SetHeader(h);
}

void SlottedPage::SetSlot(uint16_t slot, const SlotEntry& e) {
  std::memcpy(data_ + SlotOffset(slot), &e, sizeof(e));
}

std::optional<uint16_t> ConstSlottedPage::SlotForInsert(size_t size) const {
  if (size > kMaxTupleSize) return std::nullopt;
  uint16_t n = SlotCount();
  uint16_t slot = n;
  for (uint16_t i = 0; i < n; ++i) {
    if (static_cast<SlotState>(Slot(i).state) == SlotState::kEmpty) {
      slot = i;
      break;
    }
  }
  size_t need = size + (slot == n ? kSlotSize : 0);
  if (need > TotalFree() || (slot == n && n >= kMaxSlots)) return std::nullopt;
  return slot;
}

std::optional<uint16_t> SlottedPage::Insert(std::span<const std::byte> tuple) {
  std::optional<uint16_t> slot = SlotForInsert(tuple.size());
  if (!slot) return std::nullopt;
  bool ok = InsertAt(*slot, tuple, SlotState::kLive);
  LUMADB_ASSERT(ok, "heap page insert failed after its space check");
  return slot;
}

bool SlottedPage::InsertAt(uint16_t slot, std::span<const std::byte> tuple, SlotState state) {
  InitIfNew();
  uint16_t n = SlotCount();
  if (slot < n && static_cast<SlotState>(Slot(slot).state) != SlotState::kEmpty) return false;
  size_t new_slots = slot >= n ? slot + 1 - n : 0;
  if (slot >= kMaxSlots || tuple.size() + new_slots * kSlotSize > TotalFree()) return false;
  if (new_slots > 0) {
    // Grow the slot array first (compacting if the tuple area is in the way), then place the tuple.
    if (ContiguousFree() < new_slots * kSlotSize) Compact();
    PageHeader h = Header();
    for (uint16_t i = n; i <= slot; ++i) SetSlot(i, SlotEntry{0, 0, 0, static_cast<uint16_t>(SlotState::kEmpty)});
    h.lower = static_cast<uint16_t>(SlotOffset(static_cast<uint16_t>(slot + 1)));
    SetHeader(h);
  }
  uint16_t offset = Allocate(tuple.size());
  if (!tuple.empty()) std::memcpy(data_ + offset, tuple.data(), tuple.size());
  auto len = static_cast<uint16_t>(tuple.size());
  SetSlot(slot, SlotEntry{offset, len, len, static_cast<uint16_t>(state)});
  return true;
}

void ConstSlottedPage::EmptySlots(std::vector<uint16_t>* out) const {
  for (uint16_t i = 0, n = SlotCount(); i < n; ++i) {
    if (static_cast<SlotState>(Slot(i).state) == SlotState::kEmpty) out->push_back(i);
  }
}

bool SlottedPage::InsertMany(std::span<const uint16_t> slots, std::span<const std::span<const std::byte>> tuples) {
  if (slots.size() != tuples.size()) return false;
  uint16_t n = SlotCount();
  size_t end = n;  // the slot array's size afterwards
  size_t bytes = 0;
  for (size_t k = 0; k < slots.size(); ++k) {
    if (slots[k] >= kMaxSlots || (slots[k] < n && static_cast<SlotState>(Slot(slots[k]).state) != SlotState::kEmpty)) {
      return false;
    }
    end = std::max<size_t>(end, slots[k] + 1);
    bytes += tuples[k].size();
  }
  if (bytes + (end - n) * kSlotSize > TotalFree()) return false;
  InitIfNew();
  if (ContiguousFree() < bytes + (end - n) * kSlotSize) Compact();
  PageHeader h = Header();
  for (size_t i = n; i < end; ++i) SetSlot(static_cast<uint16_t>(i), SlotEntry{0, 0, 0, 0});
  h.lower = static_cast<uint16_t>(SlotOffset(static_cast<uint16_t>(end)));
  for (size_t k = 0; k < slots.size(); ++k) {
    auto len = static_cast<uint16_t>(tuples[k].size());
    h.upper = static_cast<uint16_t>(h.upper - len);
    if (len > 0) std::memcpy(data_ + h.upper, tuples[k].data(), len);
    SetSlot(slots[k], SlotEntry{h.upper, len, len, static_cast<uint16_t>(SlotState::kLive)});
  }
  SetHeader(h);
  return true;
}

uint16_t SlottedPage::Allocate(size_t size) {
  if (ContiguousFree() < size) Compact();
  PageHeader h = Header();
  LUMADB_ASSERT(static_cast<size_t>(h.upper - h.lower) >= size, "heap page allocation without room");
  h.upper = static_cast<uint16_t>(h.upper - size);
  SetHeader(h);
  return h.upper;
}

bool ConstSlottedPage::CanUpdate(uint16_t slot, size_t size) const {
  if (slot >= SlotCount() || size > kMaxTupleSize) return false;
  SlotEntry e = Slot(slot);
  if (static_cast<SlotState>(e.state) == SlotState::kEmpty) return false;
  return size <= e.capacity || size - e.capacity <= TotalFree();
}

bool SlottedPage::Update(uint16_t slot, std::span<const std::byte> tuple) {
  if (!CanUpdate(slot, tuple.size())) return false;
  SlotEntry e = Slot(slot);
  if (tuple.size() <= e.capacity) {
    if (!tuple.empty()) std::memcpy(data_ + e.offset, tuple.data(), tuple.size());
    e.length = static_cast<uint16_t>(tuple.size());
    SetSlot(slot, e);
    return true;
  }
  // Grow: give up the old space (it is reclaimed by compaction) and allocate anew. The slot's state is
  // kept aside while it is empty so Compact() does not move the bytes we are replacing.
  uint16_t state = e.state;
  SetSlot(slot, SlotEntry{0, 0, 0, static_cast<uint16_t>(SlotState::kEmpty)});
  uint16_t offset = Allocate(tuple.size());
  std::memcpy(data_ + offset, tuple.data(), tuple.size());
  auto len = static_cast<uint16_t>(tuple.size());
  SetSlot(slot, SlotEntry{offset, len, len, state});
  return true;
}

void SlottedPage::MarkDelete(uint16_t slot) {
  SlotEntry e = Slot(slot);
  LUMADB_ASSERT(static_cast<SlotState>(e.state) == SlotState::kLive, "mark-delete of a tuple that is not live");
  e.state = static_cast<uint16_t>(SlotState::kDeleted);
  SetSlot(slot, e);
}

void SlottedPage::RollbackDelete(uint16_t slot) {
  SlotEntry e = Slot(slot);
  LUMADB_ASSERT(static_cast<SlotState>(e.state) == SlotState::kDeleted, "rollback-delete of a tuple not deleted");
  e.state = static_cast<uint16_t>(SlotState::kLive);
  SetSlot(slot, e);
}

void SlottedPage::Free(uint16_t slot) {
  uint16_t n = SlotCount();
  LUMADB_ASSERT(slot < n, "freeing a slot beyond the slot array");
  SlotEntry e = Slot(slot);
  PageHeader h = Header();
  // The tuple lowest in the page can be given back at once; other holes wait for compaction.
  if (e.offset == h.upper && e.capacity > 0) h.upper = static_cast<uint16_t>(h.upper + e.capacity);
  SetSlot(slot, SlotEntry{0, 0, 0, static_cast<uint16_t>(SlotState::kEmpty)});
  while (n > 0 && static_cast<SlotState>(Slot(static_cast<uint16_t>(n - 1)).state) == SlotState::kEmpty) --n;
  h.lower = static_cast<uint16_t>(SlotOffset(n));
  if (n == 0) h.upper = h.special;
  SetHeader(h);
}

void SlottedPage::Compact() {
  if (IsNew()) return;
  struct Item {
    uint16_t slot;
    SlotEntry e;
  };
  std::vector<Item> items;
  for (uint16_t i = 0, n = SlotCount(); i < n; ++i) {
    SlotEntry e = Slot(i);
    if (static_cast<SlotState>(e.state) != SlotState::kEmpty) items.push_back({i, e});
  }
  // Highest offset first: each tuple moves up (towards special) or stays, never over one not yet moved.
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.e.offset > b.e.offset; });
  PageHeader h = Header();
  uint16_t upper = h.special;
  for (Item& it : items) {
    upper = static_cast<uint16_t>(upper - it.e.capacity);
    if (upper != it.e.offset && it.e.capacity > 0) std::memmove(data_ + upper, data_ + it.e.offset, it.e.capacity);
    it.e.offset = upper;
    SetSlot(it.slot, it.e);
  }
  h.upper = upper;
  SetHeader(h);
}

void SlottedPage::Vacuum() {
  if (IsNew()) return;
  uint16_t n = SlotCount();
  while (n > 0 && State(static_cast<uint16_t>(n - 1)) == SlotState::kEmpty) --n;
  PageHeader h = Header();
  h.lower = static_cast<uint16_t>(SlotOffset(n));
  SetHeader(h);
  for (uint16_t i = 0; i < n; ++i) {
    SlotEntry e = Slot(i);
    if (static_cast<SlotState>(e.state) != SlotState::kLive || e.capacity == e.length) continue;
    e.capacity = e.length;
    SetSlot(i, e);
  }
  Compact();
  h = Header();
  std::memset(data_ + h.lower, 0, static_cast<size_t>(h.upper - h.lower));
}

}  // namespace lumadb::storage

#include "heap_action.h"

namespace lumadb::storage {

namespace {

/// The tuples of a HEAP_MULTI_INSERT, as spans into rec.after; false if it is malformed or their number
/// differs from `count`.
bool MultiInsertTuples(const LogRecord& rec, size_t count, std::vector<std::span<const std::byte>>* tuples) {
  std::span<const std::byte> in = rec.after;
  while (in.size() >= 2) {
    size_t len = static_cast<size_t>(in[0]) | static_cast<size_t>(in[1]) << 8;
    if (in.size() - 2 < len) return false;
    tuples->push_back(in.subspan(2, len));
    in = in.subspan(2 + len);
  }
  return in.empty() && tuples->size() == count;
}

bool MultiInsert(SlottedPage& page, const LogRecord& rec) {
  std::vector<uint16_t> slots;
  std::vector<std::span<const std::byte>> tuples;
  return MultiInsertSlots(rec, &slots) && MultiInsertTuples(rec, slots.size(), &tuples) &&
         page.InsertMany(slots, tuples);
}

bool MultiFree(SlottedPage& page, const LogRecord& rec) {
  std::vector<uint16_t> slots;
  if (!MultiInsertSlots(rec, &slots)) return false;
  for (uint16_t s : slots) {
    if (page.State(s) == SlotState::kEmpty) return false;
  }
  for (uint16_t s : slots) page.Free(s);
  return true;
}

}  // namespace

void PutMultiInsertSlot(std::vector<std::byte>* before, uint16_t slot) {
  before->push_back(static_cast<std::byte>(slot & 0xff));
  before->push_back(static_cast<std::byte>(slot >> 8));
}

void PutMultiInsertTuple(std::vector<std::byte>* after, std::span<const std::byte> tuple) {
  after->push_back(static_cast<std::byte>(tuple.size() & 0xff));
  after->push_back(static_cast<std::byte>(tuple.size() >> 8));
  after->insert(after->end(), tuple.begin(), tuple.end());
}

bool MultiInsertSlots(const LogRecord& rec, std::vector<uint16_t>* slots) {
  if (rec.before.size() % 2 != 0) return false;
  for (size_t i = 0; i < rec.before.size(); i += 2) {
    slots->push_back(
        static_cast<uint16_t>(static_cast<unsigned>(rec.before[i]) | static_cast<unsigned>(rec.before[i + 1]) << 8));
  }
  return true;
}

bool ApplyHeapAction(SlottedPage& page, LogRecordType action, const LogRecord& rec) {
  uint16_t slot = rec.rid.slot;
  SlotState state = page.State(slot);
  switch (action) {
    case LogRecordType::kHeapInsert:
      return page.InsertAt(slot, rec.after, SlotState::kLive);
    case LogRecordType::kHeapMarkDelete:
      if (state != SlotState::kLive) return false;
      page.MarkDelete(slot);
      return true;
    case LogRecordType::kHeapApplyDelete:
      if (state == SlotState::kEmpty) return false;
      page.Free(slot);
      return true;
    case LogRecordType::kHeapRollbackDelete:
      if (state != SlotState::kDeleted) return false;
      page.RollbackDelete(slot);
      return true;
    case LogRecordType::kHeapUpdate:
      return state != SlotState::kEmpty && page.Update(slot, rec.after);
    case LogRecordType::kHeapVacuum:
      page.Vacuum();
      return true;
    case LogRecordType::kHeapMultiInsert:
      return MultiInsert(page, rec);
    case LogRecordType::kHeapMultiApplyDelete:
      return MultiFree(page, rec);
    default:
      return false;
  }
}

}  // namespace lumadb::storage

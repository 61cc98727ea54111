#include "heap_action.h"

namespace lumadb::storage {

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
    default:
      return false;
  }
}

}  // namespace lumadb::storage

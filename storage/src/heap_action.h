#pragma once
// The page change a heap record describes, applied to a latched heap page. Shared by redo (recovery
// repeats history with it) and by runtime undo (a CLR's action is applied with it), so a CLR is redone
// exactly as it was done.

#include <cstdint>
#include <span>
#include <vector>

#include "storage/log_record.h"
#include "storage/slotted_page.h"

namespace lumadb::storage {

/// Applies `action` (HEAP_INSERT, MULTI_INSERT, MARKDELETE, APPLYDELETE, MULTI_APPLYDELETE, ROLLBACKDELETE,
/// UPDATE or VACUUM) with rec's slot(s) and images: INSERT puts rec.after in the slot, MULTI_INSERT each
/// tuple of rec.after in its slot of rec.before, UPDATE writes rec.after over the slot, MULTI_APPLYDELETE
/// frees every slot of rec.before, VACUUM repairs the whole page (SlottedPage::Vacuum), the others change
/// the slot state. False, with the page unchanged, when a slot is not in the state the action expects.
bool ApplyHeapAction(SlottedPage& page, LogRecordType action, const LogRecord& rec);

/// Appends HEAP_MULTI_INSERT's slot list (rec.before, log_record.h) as slots u16 to before.
void PutMultiInsertSlot(std::vector<std::byte>* before, uint16_t slot);
/// Appends one tuple to HEAP_MULTI_INSERT's image list (rec.after: len u16, bytes).
void PutMultiInsertTuple(std::vector<std::byte>* after, std::span<const std::byte> tuple);
/// The slots a HEAP_MULTI_INSERT (or its CLR) names; false if rec.before is malformed.
bool MultiInsertSlots(const LogRecord& rec, std::vector<uint16_t>* slots);

}  // namespace lumadb::storage

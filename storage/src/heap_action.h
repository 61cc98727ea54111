#pragma once
// The page change a heap record describes, applied to a latched heap page. Shared by redo (recovery
// repeats history with it) and by runtime undo (a CLR's action is applied with it), so a CLR is redone
// exactly as it was done.

#include "storage/log_record.h"
#include "storage/slotted_page.h"

namespace lumadb::storage {

/// Applies `action` (HEAP_INSERT, MARKDELETE, APPLYDELETE, ROLLBACKDELETE, UPDATE or VACUUM) with rec's
/// slot and images: INSERT puts rec.after in the slot, UPDATE writes rec.after over it, VACUUM repairs the
/// whole page (SlottedPage::Vacuum), the others change the slot state. False, with the page unchanged,
/// when the slot is not in the state the action expects.
bool ApplyHeapAction(SlottedPage& page, LogRecordType action, const LogRecord& rec);

}  // namespace lumadb::storage

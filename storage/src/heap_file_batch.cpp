// HeapFile::InsertBatch: the bulk insert path of COPY FROM (PostgreSQL's heap_multi_insert and
// XLOG_HEAP2_MULTI_INSERT). Each page is latched once, checked once (Validate, the empty slots and the free
// space are read in one walk each) and filled with as many of the remaining tuples as fit, logged as one
// HEAP_MULTI_INSERT record; per tuple only a copy into the page and into the record remain.
#include <algorithm>

#include "common/error.h"
#include "heap_action.h"
#include "storage/buffer_pool.h"
#include "storage/heap_file.h"
#include "storage/log_manager.h"
#include "storage/slotted_page.h"

namespace lumadb::storage {

void HeapFile::InsertBatch(LogContext& log, std::span<const std::span<const std::byte>> tuples, std::vector<Rid>* rids,
                           const InsertClaim* claim, const PageClaim* page_claim) {
  for (const auto& t : tuples) CheckTupleSize(t.size());
  bool force_new_page = false;
  while (!tuples.empty()) {
    size_t placed = FillPage(log, tuples, rids, claim, page_claim, &force_new_page);
    tuples = tuples.subspan(placed);
  }
}

size_t HeapFile::FillPage(LogContext& log, std::span<const std::span<const std::byte>> tuples, std::vector<Rid>* rids,
                          const InsertClaim* claim, const PageClaim* page_claim, bool* force_new_page) {
  PageId p = *force_new_page ? kInvalidPageId : FindPageWithSpace(tuples[0].size());
  const bool extended = p == kInvalidPageId;
  WritePageGuard g = extended ? pool_.NewPage(file_) : pool_.Write(file_, p);
  p = g.page_id();
  ConstSlottedPage view(g.data());
  view.Validate(file_, p);
  const bool page_claimed = page_claim != nullptr && (*page_claim)(p, extended);
  // Plan the page: the empty slots first (lowest first, as Insert takes them), then new slots at the end.
  std::vector<uint16_t> empty;
  view.EmptySlots(&empty);
  size_t free = view.TotalFree();
  uint16_t next_new = view.SlotCount();
  std::vector<uint16_t> slots;
  std::vector<std::span<const std::byte>> placed;
  *force_new_page = false;
  for (const auto& t : tuples) {
    const bool reuse = slots.size() < empty.size();
    const uint16_t slot = reuse ? empty[slots.size()] : next_new;
    const size_t need = t.size() + (reuse ? 0 : ConstSlottedPage::kSlotSize);
    if (need > free || (!reuse && slot >= ConstSlottedPage::kMaxSlots)) break;
    if (!page_claimed && claim != nullptr && !(*claim)(Rid{p, slot})) {
      // Someone still holds a lock on that TID (e.g. an aborted inserter): the rest go to a new page.
      *force_new_page = true;
      break;
    }
    slots.push_back(slot);
    placed.emplace_back(t);
    free -= need;
    if (!reuse) ++next_new;
  }
  if (slots.empty()) {
    LUMADB_ASSERT(!extended, "a tuple did not fit on a new heap page");
    size_t max_insert = view.MaxInsertSize();
    g.Release();
    if (!*force_new_page) NoteFreeSpace(p, max_insert);
    return 0;
  }
  LogRecord rec;
  rec.type = LogRecordType::kHeapMultiInsert;
  rec.file = file_;
  rec.rid = Rid{p, view.IsNew() ? kMultiInsertInitPage : uint16_t{0}};
  rec.before.reserve(2 * slots.size());
  size_t bytes = 0;
  for (const auto& t : placed) bytes += 2 + t.size();
  rec.after.reserve(bytes);
  for (size_t k = 0; k < slots.size(); ++k) {
    PutMultiInsertSlot(&rec.before, slots[k]);
    PutMultiInsertTuple(&rec.after, placed[k]);
  }
  SlottedPage page(g.mutable_data());
  bool ok = page.InsertMany(slots, placed);
  LUMADB_ASSERT(ok, "heap multi-insert failed after its space check");
  Lsn lsn = AppendPageLog(log, std::move(rec), g.data());
  if (lsn != 0) page.set_lsn(lsn);
  size_t max_insert = page.MaxInsertSize();
  g.Release();
  NoteFreeSpace(p, max_insert);
  SetTarget(p);
  for (uint16_t s : slots) rids->push_back(Rid{p, s});
  return slots.size();
}

}  // namespace lumadb::storage

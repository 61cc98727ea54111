#include "storage/heap_file.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <string>

#include "common/error.h"
#include "heap_action.h"
#include "storage/buffer_pool.h"
#include "storage/log_manager.h"
#include "storage/log_record.h"
#include "storage/slotted_page.h"

namespace lumadb::storage {

/// The in-memory free-space map: per page, the largest tuple an insert can expect to fit. Built lazily by
/// scanning the file; a hint only (the page itself is checked under its latch, and the entry corrected).
/// A max-tree over the pages finds a page with room in O(log pages), like PostgreSQL's FSM pages do.
/// Its mutex is never requested by a thread holding a page latch (entries are updated after the page
/// guard is released), so building the map under the mutex cannot deadlock.
struct HeapFile::FreeSpace {
  std::mutex mu;
  bool built = false;
  PageId target = kInvalidPageId;  // the page the last insert went to (PostgreSQL's rd_targblock)
  size_t leaves = 0;               // capacity, a power of two
  std::vector<uint16_t> tree;      // tree[1] is the root, tree[leaves + p] page p; a node is its children's max
  // Pages the file is known to have (files never shrink), so Get need not ask the disk manager, a map
  // under one mutex, for every tuple an index scan fetches. Not guarded by mu.
  std::atomic<PageId> known_pages{0};

  uint16_t Get(PageId p) const { return p < leaves ? tree[leaves + p] : 0; }

  void Set(PageId p, size_t value) {
    if (p >= leaves) Grow(static_cast<size_t>(p) + 1);
    size_t i = leaves + p;
    tree[i] = static_cast<uint16_t>(value);
    for (i /= 2; i >= 1; i /= 2) tree[i] = std::max(tree[2 * i], tree[2 * i + 1]);
  }

  /// The last page whose entry is >= size, or kInvalidPageId.
  PageId FindLast(size_t size) const {
    if (leaves == 0 || tree[1] < size) return kInvalidPageId;
    size_t i = 1;
    while (i < leaves) i = tree[2 * i + 1] >= size ? 2 * i + 1 : 2 * i;
    return static_cast<PageId>(i - leaves);
  }

 private:
  void Grow(size_t n) {
    size_t cap = std::max<size_t>(leaves * 2, 64);
    while (cap < n) cap *= 2;
    std::vector<uint16_t> t(2 * cap, 0);
    for (size_t p = 0; p < leaves; ++p) t[cap + p] = tree[leaves + p];
    for (size_t i = cap - 1; i >= 1; --i) t[i] = std::max(t[2 * i], t[2 * i + 1]);
    tree = std::move(t);
    leaves = cap;
  }
};

namespace {

std::vector<std::byte> Copy(std::span<const std::byte> b) {
  return {b.begin(), b.end()};
}

LogRecord HeapRecord(LogRecordType type, FileId file, Rid rid, std::vector<std::byte> before,
                     std::vector<std::byte> after) {
  LogRecord rec;
  rec.type = type;
  rec.file = file;
  rec.rid = rid;
  rec.before = std::move(before);
  rec.after = std::move(after);
  return rec;
}

/// Sets the page LSN when the change was logged.
void StampLsn(SlottedPage& page, Lsn lsn) {
  if (lsn != 0) page.set_lsn(lsn);
}

}  // namespace

HeapFile::HeapFile(BufferPool& pool, FileId file)
    : pool_(pool), file_(file), free_space_(std::make_unique<FreeSpace>()) {}

HeapFile::~HeapFile() = default;

size_t HeapFile::MaxTupleSize() {
  return ConstSlottedPage::kMaxTupleSize;
}

void HeapFile::CheckTupleSize(size_t size) {
  if (size > MaxTupleSize()) {
    throw DbError(sqlstate::kProgramLimitExceeded,
                  "row is too big: size " + std::to_string(size) + ", maximum size " + std::to_string(MaxTupleSize()));
  }
}

PageId HeapFile::PageCount() const {
  return pool_.disk().PageCount(file_);
}

void HeapFile::NoteFreeSpace(PageId page, size_t max_insert) const {
  std::lock_guard lock(free_space_->mu);
  if (free_space_->built) free_space_->Set(page, max_insert);  // else the build reads the page itself
}

void HeapFile::SetTarget(PageId page) {
  std::lock_guard lock(free_space_->mu);
  free_space_->target = page;
}

PageId HeapFile::FindPageWithSpace(size_t size) const {
  std::lock_guard lock(free_space_->mu);
  FreeSpace& fs = *free_space_;
  if (!fs.built) {
    for (PageId p = 0, n = PageCount(); p < n; ++p) {
      ReadPageGuard g = pool_.Read(file_, p);
      ConstSlottedPage page(g.data());
      page.Validate(file_, p);
      fs.Set(p, page.MaxInsertSize());
    }
    fs.built = true;
  }
  if (fs.target != kInvalidPageId && fs.Get(fs.target) >= size) return fs.target;
  // Otherwise the last page with room: recently added pages are the likeliest to have some.
  fs.target = fs.FindLast(size);
  return fs.target;
}

Rid HeapFile::Insert(LogContext& log, std::span<const std::byte> tuple, const InsertClaim* claim) {
  CheckTupleSize(tuple.size());
  bool force_new_page = false;
  for (;;) {
    PageId p = force_new_page ? kInvalidPageId : FindPageWithSpace(tuple.size());
    bool extended = p == kInvalidPageId;
    WritePageGuard g = extended ? pool_.NewPage(file_) : pool_.Write(file_, p);
    p = g.page_id();
    ConstSlottedPage view(g.data());
    view.Validate(file_, p);
    std::optional<uint16_t> slot = view.SlotForInsert(tuple.size());
    if (!slot) {
      LUMADB_ASSERT(!extended, "a tuple did not fit on a new heap page");
      size_t max_insert = view.MaxInsertSize();
      g.Release();
      NoteFreeSpace(p, max_insert);
      continue;
    }
    Rid rid{p, *slot};
    if (claim != nullptr && !(*claim)(rid)) {
      force_new_page = true;  // someone still holds a lock on that TID (e.g. an aborted inserter)
      continue;
    }
    LogRecord rec = HeapRecord(LogRecordType::kHeapInsert, file_, rid, {}, Copy(tuple));
    SlottedPage page(g.mutable_data());
    // Into the slot SlotForInsert chose (Insert() would walk the slot array twice more to find it again).
    bool ok = page.InsertAt(*slot, tuple, SlotState::kLive);
    LUMADB_ASSERT(ok, "heap insert failed after its space check");
    StampLsn(page, AppendPageLog(log, std::move(rec), g.data()));
    size_t max_insert = page.MaxInsertSize();
    g.Release();
    NoteFreeSpace(p, max_insert);
    SetTarget(p);
    return rid;
  }
}

void HeapFile::Delete(LogContext& log, Rid rid) {
  if (rid.page >= PageCount()) throw DbError(sqlstate::kInternalError, "attempted to delete invisible tuple");
  WritePageGuard g = pool_.Write(file_, rid.page);
  ConstSlottedPage view(g.data());
  view.Validate(file_, rid.page);
  if (view.State(rid.slot) != SlotState::kLive) {
    throw DbError(sqlstate::kInternalError, "attempted to delete invisible tuple");
  }
  LogRecord rec = HeapRecord(LogRecordType::kHeapMarkDelete, file_, rid, Copy(view.Tuple(rid.slot)), {});
  SlottedPage page(g.mutable_data());
  page.MarkDelete(rid.slot);
  StampLsn(page, AppendPageLog(log, std::move(rec), g.data()));
}

Rid HeapFile::Update(LogContext& log, Rid rid, std::span<const std::byte> tuple, const InsertClaim* claim) {
  CheckTupleSize(tuple.size());
  if (rid.page >= PageCount()) throw DbError(sqlstate::kInternalError, "attempted to update invisible tuple");
  WritePageGuard g = pool_.Write(file_, rid.page);
  ConstSlottedPage view(g.data());
  view.Validate(file_, rid.page);
  if (view.State(rid.slot) != SlotState::kLive) {
    throw DbError(sqlstate::kInternalError, "attempted to update invisible tuple");
  }
  if (view.CanUpdate(rid.slot, tuple.size())) {
    LogRecord rec = HeapRecord(LogRecordType::kHeapUpdate, file_, rid, Copy(view.Tuple(rid.slot)), Copy(tuple));
    SlottedPage page(g.mutable_data());
    bool ok = page.Update(rid.slot, tuple);
    LUMADB_ASSERT(ok, "in-place heap update failed after its space check");
    StampLsn(page, AppendPageLog(log, std::move(rec), g.data()));
    size_t max_insert = page.MaxInsertSize();
    g.Release();
    NoteFreeSpace(rid.page, max_insert);
    return rid;
  }
  // Does not fit on its page: the old version is mark-deleted (freed at commit) and the new one inserted
  // elsewhere. The page guard is released first: the heap never holds two page latches.
  LogRecord rec = HeapRecord(LogRecordType::kHeapMarkDelete, file_, rid, Copy(view.Tuple(rid.slot)), {});
  SlottedPage page(g.mutable_data());
  page.MarkDelete(rid.slot);
  StampLsn(page, AppendPageLog(log, std::move(rec), g.data()));
  g.Release();
  return Insert(log, tuple, claim);
}

bool HeapFile::Get(Rid rid, std::vector<std::byte>* out) const {
  bool deleted = false;
  return Get(rid, out, &deleted) && !deleted;
}

bool HeapFile::Get(Rid rid, std::vector<std::byte>* out, bool* deleted) const {
  ReadPageGuard g;
  return Get(rid, out, deleted, &g);
}

bool HeapFile::Get(Rid rid, std::vector<std::byte>* out, bool* deleted, ReadPageGuard* pinned) const {
  if (!(pinned->valid() && pinned->file() == file_ && pinned->page_id() == rid.page && pinned->Relatch())) {
    pinned->Release();
    if (rid.page >= free_space_->known_pages.load(std::memory_order_relaxed)) {
      const PageId pages = PageCount();
      if (rid.page >= pages) return false;
      free_space_->known_pages.store(pages, std::memory_order_relaxed);
    }
    *pinned = pool_.Read(file_, rid.page);
  }
  ConstSlottedPage page(pinned->data());
  const SlotState state = page.State(rid.slot);
  const bool found = state != SlotState::kEmpty;
  if (found) {
    *deleted = state == SlotState::kDeleted;
    std::span<const std::byte> t = page.Tuple(rid.slot);
    out->assign(t.begin(), t.end());
  }
  pinned->Unlatch();
  return found;
}

bool HeapFile::Iterator::ReadPage(bool with_deleted) {
  if (page_ >= end_ || page_ >= heap_->PageCount()) return false;
  entries_.clear();
  bytes_.clear();
  next_ = 0;
  ReadPageGuard g = heap_->pool_.Read(heap_->file_, page_);
  ConstSlottedPage page(g.data());
  page.Validate(heap_->file_, page_);
  for (uint16_t s = 0, n = page.SlotCount(); s < n; ++s) {
    SlotState state = page.State(s);
    if (state == SlotState::kEmpty || (state == SlotState::kDeleted && !with_deleted)) continue;
    std::span<const std::byte> t = page.Tuple(s);
    entries_.push_back(
        Entry{s, state == SlotState::kDeleted, static_cast<uint32_t>(bytes_.size()), static_cast<uint32_t>(t.size())});
    bytes_.insert(bytes_.end(), t.begin(), t.end());
  }
  ++pages_read_;
  return true;
}

void HeapFile::Iterator::SetRange(PageId first, PageId end) {
  page_ = first;
  end_ = end;
  started_ = false;
  entries_.clear();
  next_ = 0;
}

bool HeapFile::Iterator::Next(Rid* rid, std::vector<std::byte>* tuple, bool* deleted) {
  while (next_ == entries_.size()) {
    // page_ is the page after the one served, except before the first read of the range.
    if (started_) ++page_;
    if (!ReadPage(deleted != nullptr)) {
      entries_.clear();
      next_ = 0;
      return false;
    }
    started_ = true;
  }
  const Entry& e = entries_[next_++];
  tuple->assign(bytes_.begin() + e.offset, bytes_.begin() + e.offset + e.length);
  if (deleted != nullptr) *deleted = e.deleted;
  *rid = Rid{page_, e.slot};
  return true;
}

// ---- VACUUM --------------------------------------------------------------------------------------------

HeapFile::VacuumStats HeapFile::Vacuum(LogContext& log) {
  VacuumStats stats;
  std::vector<uint16_t> max_inserts;
  for (PageId p = 0, n = PageCount(); p < n; ++p) {
    max_inserts.push_back(static_cast<uint16_t>(VacuumPage(log, p, &stats)));
  }
  // NoteFreeSpace kept a built map current; an unbuilt one is built from what the pass saw, which spares
  // the next insert a scan of the file (entries are hints, corrected by the inserts that meet a full page).
  std::lock_guard lock(free_space_->mu);
  if (!free_space_->built && max_inserts.size() == PageCount()) {
    for (PageId p = 0; p < max_inserts.size(); ++p) free_space_->Set(p, max_inserts[p]);
    free_space_->built = true;
  }
  return stats;
}

size_t HeapFile::VacuumPage(LogContext& log, PageId p, VacuumStats* stats) {
  WritePageGuard g = pool_.Write(file_, p);
  ConstSlottedPage view(g.data());
  view.Validate(file_, p);
  ++stats->pages_scanned;
  if (view.NeedsVacuum()) {
    size_t free_before = view.TotalFree();
    LogRecord rec = HeapRecord(LogRecordType::kHeapVacuum, file_, Rid{p, 0}, {}, {});  // redo-only: no image
    SlottedPage page(g.mutable_data());
    page.Vacuum();
    StampLsn(page, AppendPageLog(log, std::move(rec), g.data()));
    ++stats->pages_vacuumed;
    stats->bytes_reclaimed += view.TotalFree() - free_before;
  }
  if (view.SlotCount() == 0) ++stats->empty_pages;
  size_t max_insert = view.MaxInsertSize();
  g.Release();
  NoteFreeSpace(p, max_insert);
  return max_insert;
}

// ---- undo and commit support ---------------------------------------------------------------------------

namespace {

/// Latches rid's page for an undo/commit step and checks the slot is in one of the expected states.
WritePageGuard LatchForUndo(BufferPool& pool, FileId file, Rid rid, const char* record, SlotState a, SlotState b) {
  WritePageGuard g = pool.Write(file, rid.page);
  SlotState s = ConstSlottedPage(g.data()).State(rid.slot);
  if (s != a && s != b) {
    throw DbError(sqlstate::kInternalError, std::string("internal error: undo of ") + record + " found tuple (" +
                                                std::to_string(rid.page) + "," + std::to_string(rid.slot + 1) +
                                                ") of relation " + DiskManager::RelativePath(file) + " in state " +
                                                std::to_string(static_cast<int>(s)));
  }
  return g;
}

}  // namespace

void HeapFile::ApplyDelete(LogContext& log, Rid rid) {
  WritePageGuard g = pool_.Write(file_, rid.page);
  ConstSlottedPage view(g.data());
  if (view.State(rid.slot) != SlotState::kDeleted) return;
  LogRecord rec = HeapRecord(LogRecordType::kHeapApplyDelete, file_, rid, {}, {});  // redo-only: no image
  SlottedPage page(g.mutable_data());
  page.Free(rid.slot);
  StampLsn(page, AppendPageLog(log, std::move(rec), g.data()));
  size_t max_insert = page.MaxInsertSize();
  g.Release();
  NoteFreeSpace(rid.page, max_insert);
}

void HeapFile::Compensate(LogContext& log, const LogRecord& undone) {
  LogRecord clr;
  clr.type = LogRecordType::kClr;
  clr.file = file_;
  clr.rid = undone.rid;
  clr.undo_next_lsn = undone.prev_lsn;
  SlotState expect = SlotState::kLive;
  switch (undone.type) {
    case LogRecordType::kHeapInsert:
      clr.action = LogRecordType::kHeapApplyDelete;
      break;
    case LogRecordType::kHeapMarkDelete:
      clr.action = LogRecordType::kHeapRollbackDelete;
      expect = SlotState::kDeleted;
      break;
    case LogRecordType::kHeapUpdate:
      clr.action = LogRecordType::kHeapUpdate;
      clr.after = undone.before;
      break;
    case LogRecordType::kHeapMultiInsert:
      clr.action = LogRecordType::kHeapMultiApplyDelete;
      clr.before = undone.before;
      break;
    default:
      LUMADB_ASSERT(false, "compensation of a heap record that is never undone");
  }
  // A multi-insert's slots are checked by the action itself (before it changes the page).
  WritePageGuard g = undone.type == LogRecordType::kHeapMultiInsert
                         ? pool_.Write(file_, undone.rid.page)
                         : LatchForUndo(pool_, file_, undone.rid, LogRecordTypeName(undone.type), expect, expect);
  SlottedPage page(g.mutable_data());
  if (!ApplyHeapAction(page, clr.action, clr)) {
    // Capacity never shrinks, so only a broken invariant gets here (a multi-insert slot not live).
    throw DbError(sqlstate::kInternalError, std::string("internal error: undo of ") + LogRecordTypeName(undone.type) +
                                                " does not match page " + std::to_string(undone.rid.page) +
                                                " of relation " + DiskManager::RelativePath(file_));
  }
  StampLsn(page, AppendPageLog(log, std::move(clr), g.data()));
  size_t max_insert = page.MaxInsertSize();
  g.Release();
  NoteFreeSpace(undone.rid.page, max_insert);
}

}  // namespace lumadb::storage

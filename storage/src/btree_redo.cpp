#include "btree_redo.h"

#include <string>

#include "btree_page.h"
#include "common/error.h"
#include "recovery.h"
#include "storage/disk_manager.h"

namespace lumadb::storage {

namespace {

WritePageGuard LatchForRedo(BufferPool& pool, FileId file, PageId page) {
  while (pool.disk().PageCount(file) <= page) pool.NewPage(file);
  return pool.Write(file, page);
}

[[noreturn]] void Mismatch(const LogRecord& rec, PageId page) {
  throw DbError(sqlstate::kInternalError, std::string("could not redo ") + LogRecordTypeName(rec.type) + " at " +
                                              FormatLsn(rec.lsn) + ": block " + std::to_string(page) + " of relation " +
                                              DiskManager::RelativePath(rec.file) + " does not match the WAL");
}

void RedoEntryChange(BufferPool& pool, const LogRecord& rec, bool insert) {
  const std::vector<std::byte>& bytes = insert ? rec.after : rec.before;
  std::string enc(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (enc.size() < btree::kTidSize) Mismatch(rec, rec.rid.page);
  btree::EntryRef e = btree::SplitEntry(enc);
  WritePageGuard g = LatchForRedo(pool, rec.file, rec.rid.page);
  if (PageLsn(g.data()) >= rec.lsn) return;
  btree::PageView p(g.data());
  if (!p.CheckLayout().empty() || p.level() != 0) Mismatch(rec, rec.rid.page);
  uint16_t pos = p.LowerBound(e);
  bool present = pos < p.count() && btree::Compare(p.Entry(pos), e) == 0;
  btree::MutPage page(g.mutable_data());
  if (insert) {
    if (present || !page.InsertItem(pos, btree::MakeItem(e, 0, 0))) Mismatch(rec, rec.rid.page);
  } else {
    if (!present) Mismatch(rec, rec.rid.page);
    page.DeleteItem(pos);
  }
  SetPageLsn(g.mutable_data(), rec.lsn);
}

void RedoSmo(BufferPool& pool, const LogRecord& rec) {
  constexpr size_t kImage = 4 + kPageSize;
  if (rec.after.size() % kImage != 0) Mismatch(rec, rec.rid.page);
  for (size_t off = 0; off < rec.after.size(); off += kImage) {
    PageId page;
    std::memcpy(&page, rec.after.data() + off, 4);
    WritePageGuard g = LatchForRedo(pool, rec.file, page);
    if (PageLsn(g.data()) >= rec.lsn) continue;
    std::memcpy(g.mutable_data(), rec.after.data() + off + 4, kPageSize);
    SetPageLsn(g.mutable_data(), rec.lsn);
  }
}

}  // namespace

void RedoBTreeRecord(BufferPool& pool, const LogRecord& rec, LogRecordType action) {
  switch (action) {
    case LogRecordType::kBtreeInsert:
      return RedoEntryChange(pool, rec, true);
    case LogRecordType::kBtreeDelete:
      return RedoEntryChange(pool, rec, false);
    case LogRecordType::kBtreeSmo:
      return RedoSmo(pool, rec);
    default:
      return;  // BTREE_DELETE_PENDING: applied after commit, by its own BTREE_DELETE
  }
}

}  // namespace lumadb::storage

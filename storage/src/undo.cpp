#include "storage/undo.h"

#include <string>

#include "common/error.h"
#include "storage/btree.h"
#include "storage/heap_file.h"
#include "storage/log_manager.h"
#include "storage/panic.h"
#include "storage/storage_engine.h"

namespace lumadb::storage {

void UndoRecord(StorageEngine& engine, LogContext& ctx, const LogRecord& rec) {
  if (!IsUndoable(rec.type)) return;
  // A file dropped since (by a redo of a later FILE_DROP, or a dropped relation) has nothing to undo.
  if (!engine.FileExists(rec.file)) return;
  if (IsBTreeRecord(rec.type)) {
    engine.Index(rec.file).Compensate(ctx, rec);
    return;
  }
  if (rec.type != LogRecordType::kFileCreate) {
    engine.Heap(rec.file).Compensate(ctx, rec);
    return;
  }
  LogRecord clr;
  clr.type = LogRecordType::kClr;
  clr.action = LogRecordType::kFileDrop;
  clr.file = rec.file;
  clr.undo_next_lsn = rec.prev_lsn;
  AppendLog(ctx, std::move(clr));
  engine.RemoveFile(rec.file);
}

void UndoRecords(StorageEngine& engine, LogContext& ctx, size_t keep) {
  while (ctx.records.size() > keep) {
    Lsn lsn = ctx.records.back();
    const LogRecord* rec = ctx.log != nullptr ? ctx.log->Fetch(lsn) : nullptr;
    LUMADB_ASSERT(rec != nullptr, "undo of a log record that is no longer kept");
    try {
      UndoRecord(engine, ctx, *rec);
    } catch (const std::exception& e) {
      Panic("could not undo " + std::string(LogRecordTypeName(rec->type)) + " of transaction " +
            std::to_string(ctx.txn) + " at LSN " + std::to_string(lsn) + ": " + e.what());
    }
    ctx.log->Forget(lsn);
    ctx.records.pop_back();
  }
}

void ApplyPendingIndexDelete(StorageEngine& engine, LogContext& ctx, const LogRecord& pending) {
  size_t n = pending.before.size();
  LUMADB_ASSERT(n >= 6, "BTREE_DELETE_PENDING without an entry");
  std::string_view key(reinterpret_cast<const char*>(pending.before.data()), n - 6);
  const auto* tid = reinterpret_cast<const unsigned char*>(pending.before.data()) + n - 6;
  Rid rid{
      static_cast<PageId>(tid[0]) << 24 | static_cast<PageId>(tid[1]) << 16 | static_cast<PageId>(tid[2]) << 8 | tid[3],
      static_cast<uint16_t>(tid[4] << 8 | tid[5])};
  engine.Index(pending.file).Delete(ctx, key, rid);
}

void ApplyDeferredDeletes(StorageEngine& engine, LogContext& ctx) {
  if (ctx.log == nullptr) return;
  for (Lsn lsn : ctx.records) {
    const LogRecord* rec = ctx.log->Fetch(lsn);
    if (rec == nullptr) continue;
    try {
      if (rec->type == LogRecordType::kHeapMarkDelete && engine.FileExists(rec->file)) {
        engine.Heap(rec->file).ApplyDelete(ctx, rec->rid);
      }
      if (rec->type == LogRecordType::kBtreeDeletePending && engine.FileExists(rec->file)) {
        ApplyPendingIndexDelete(engine, ctx, *rec);
      }
    } catch (const std::exception& e) {
      Panic("could not apply the deletes of committed transaction " + std::to_string(ctx.txn) + ": " + e.what());
    }
  }
}

}  // namespace lumadb::storage

#include "storage/undo.h"

#include "common/error.h"
#include "storage/heap_file.h"
#include "storage/log_manager.h"
#include "storage/storage_engine.h"

namespace lumadb::storage {

void UndoRecord(StorageEngine& engine, const LogRecord& rec) {
  if (!IsHeapRecord(rec.type)) return;
  // A file dropped since (its unlink is deferred to commit, so only by a caller that dropped it at once)
  // has nothing left to undo.
  if (!engine.FileExists(rec.file)) return;
  HeapFile& heap = engine.Heap(rec.file);
  switch (rec.type) {
    case LogRecordType::kHeapInsert:
      heap.UndoInsert(rec.rid);
      break;
    case LogRecordType::kHeapMarkDelete:
      heap.UndoMarkDelete(rec.rid);
      break;
    case LogRecordType::kHeapApplyDelete:
      heap.UndoApplyDelete(rec.rid, rec.before);
      break;
    case LogRecordType::kHeapRollbackDelete:
      heap.UndoRollbackDelete(rec.rid);
      break;
    case LogRecordType::kHeapUpdate:
      heap.UndoUpdate(rec.rid, rec.before);
      break;
    default:
      break;
  }
}

void UndoRecords(StorageEngine& engine, LogContext& ctx, size_t keep) {
  while (ctx.records.size() > keep) {
    Lsn lsn = ctx.records.back();
    const LogRecord* rec = ctx.log != nullptr ? ctx.log->Fetch(lsn) : nullptr;
    LUMADB_ASSERT(rec != nullptr, "undo of a log record that is no longer kept");
    UndoRecord(engine, *rec);
    ctx.last_lsn = rec->prev_lsn;
    ctx.log->Forget(lsn);
    ctx.records.pop_back();
  }
}

void ApplyDeferredDeletes(StorageEngine& engine, LogContext& ctx) {
  if (ctx.log == nullptr) return;
  // Only the records present now: the APPLYDELETEs appended by this loop need no visit.
  for (size_t i = 0, n = ctx.records.size(); i < n; ++i) {
    const LogRecord* rec = ctx.log->Fetch(ctx.records[i]);
    if (rec == nullptr || rec->type != LogRecordType::kHeapMarkDelete) continue;
    FileId file = rec->file;
    Rid rid = rec->rid;
    if (!engine.FileExists(file)) continue;
    engine.Heap(file).ApplyDelete(ctx, rid);
  }
}

}  // namespace lumadb::storage

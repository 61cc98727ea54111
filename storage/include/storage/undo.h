#pragma once
// Undo and commit support for heap changes, used by txn (architecture-anchors §2.6, §2.7). SQL-blind: it
// sees log records, files and TIDs. Physiological undo by (page, slot) is safe because the writer holds
// the row (today: the relation) exclusively until it ends and a mark-deleted slot is not reused before
// commit (storage/README.md, "Undo rules").

#include "storage/log_context.h"
#include "storage/log_record.h"

namespace lumadb::storage {

class StorageEngine;

/// Reverses one heap record (see the table in log_record.h); other types are ignored. Issue 2 writes no
/// compensation records. Throws the buffer pool's / disk's errors, XX000 if the page no longer matches
/// the record (a broken invariant).
void UndoRecord(StorageEngine& engine, const LogRecord& rec);

/// Undoes ctx's records newest first, down to (not including) index `keep` of ctx.records, and removes
/// them from ctx (and the log manager). keep = 0 rolls the whole transaction back; a savepoint will keep
/// a prefix. Stops at the first error and rethrows it, leaving the not-yet-undone records in ctx.
void UndoRecords(StorageEngine& engine, LogContext& ctx, size_t keep = 0);

/// Commit-time work: frees the slot of every tuple the transaction mark-deleted (logged as
/// HEAP_APPLYDELETE, so a commit that fails half-way can still be rolled back).
void ApplyDeferredDeletes(StorageEngine& engine, LogContext& ctx);

}  // namespace lumadb::storage

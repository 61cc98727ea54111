#pragma once
// Undo and post-commit work for a transaction's log records, used by txn at runtime and by recovery
// (architecture-anchors §2.6, §2.7; ARIES). SQL-blind: it sees log records, files and TIDs. Physiological
// undo by (page, slot) is safe because the writer holds its rows exclusively (row X locks) until it ends and
// a mark-deleted slot is not reused before the delete is applied after commit (storage/README.md).

#include <cstddef>

#include "storage/log_context.h"
#include "storage/log_record.h"

namespace lumadb::storage {

class StorageEngine;

/// Undoes one record of ctx's transaction (IsUndoable types; others are ignored), logging a CLR through
/// ctx whose undo_next_lsn is rec.prev_lsn: HEAP_* through HeapFile::Compensate, BTREE_* through
/// BTree::Compensate (logical: a new descent); FILE_CREATE by a
/// CLR(FILE_DROP) and removing the file. A record of a file that no longer exists needs no undo. Throws
/// the buffer pool's / disk's errors, XX000 if the page no longer matches the record.
void UndoRecord(StorageEngine& engine, LogContext& ctx, const LogRecord& rec);

/// Undoes ctx's kept records newest first, down to (not including) index `keep` of ctx.records, and
/// removes them from ctx and the log manager. keep = 0 rolls the whole transaction back; a savepoint keeps
/// a prefix. A failure is a PANIC: the rollback cannot be left half done, and recovery completes it.
void UndoRecords(StorageEngine& engine, LogContext& ctx, size_t keep = 0);

/// Post-commit work (after the COMMIT record): frees the slot of every tuple the transaction mark-deleted
/// and did not restore, each logged as a redo-only HEAP_APPLYDELETE, and removes every index entry it
/// scheduled with BTree::DeleteOnCommit and did not roll back (a redo-only BTREE_DELETE each). A failure is
/// a PANIC (the transaction has committed; recovery finishes the deletes).
void ApplyDeferredDeletes(StorageEngine& engine, LogContext& ctx);

/// Removes the index entry a BTREE_DELETE_PENDING record names (BTree::Delete through ctx; a missing entry
/// is no error: recovery may apply it twice). The file must exist.
void ApplyPendingIndexDelete(StorageEngine& engine, LogContext& ctx, const LogRecord& pending);

}  // namespace lumadb::storage

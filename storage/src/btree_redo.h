#pragma once
// Redo of the B+tree's WAL records (recovery.cpp calls it; record formats in storage/log_record.h).

#include "storage/buffer_pool.h"
#include "storage/log_record.h"

namespace lumadb::storage {

/// Repeats `action` (BTREE_INSERT, BTREE_DELETE, BTREE_SMO; BTREE_DELETE_PENDING changes no page) of rec
/// on its page(s) of an existing file, when a page's LSN is older than rec, extending the file as needed;
/// the page LSN becomes rec's. XX000 when the page does not match (the entry is already there, missing,
/// or does not fit).
void RedoBTreeRecord(BufferPool& pool, const LogRecord& rec, LogRecordType action);

}  // namespace lumadb::storage

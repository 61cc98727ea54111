#pragma once
// Index maintenance of INSERT/UPDATE/DELETE under strict 2PL (plan of issue 4 §2-§3, architecture-anchors
// §2.6). A new tuple version gets its entries right after the heap write, while the writer holds the row's
// X lock; unique indexes check existing equal keys through BTree's UniqueCheck callback, which try-locks
// the other row S, reads it and decides (nbtinsert.c's _bt_check_unique, with a row lock standing in for
// the xmin/xmax wait). Removed entries go through BTree::DeleteOnCommit, so they stay until COMMIT and a
// rollback simply keeps them.

#include <string>

#include "catalog/catalog.h"
#include "common/value.h"
#include "exec/executor.h"
#include "storage/ids.h"

namespace lumadb::exec {

/// Inserts (key, rid) into `index` of `table`. For a unique index and a key without NULLs, waits for
/// every transaction holding an equal-key row (blocking row S lock, then retries) and throws 23505
/// `duplicate key value violates unique constraint "<index>"` DETAIL `Key (id)=(1) already exists.` when
/// a live row has the key. `row` is the new tuple version (for the DETAIL). Wait errors: 55P03, 40P01,
/// 57014; 54000 for an oversized key.
void InsertIndexEntry(ExecContext& ctx, const catalog::TableInfo& table, const catalog::IndexInfo& index,
                      const Row& row, storage::Rid rid);

/// Inserts the entries of a new row into every index of the table (errors as InsertIndexEntry).
void InsertIndexEntries(ExecContext& ctx, const catalog::TableInfo& table, const Row& row, storage::Rid rid);

/// After an UPDATE of old_row at old_rid to new_row at new_rid: for each index whose key or TID changed,
/// inserts the new entry (unique check) and schedules the old one's removal at commit.
void UpdateIndexEntries(ExecContext& ctx, const catalog::TableInfo& table, const Row& old_row, storage::Rid old_rid,
                        const Row& new_row, storage::Rid new_rid);

/// After a DELETE: schedules the removal of every index entry of the row at commit.
void DeleteIndexEntries(ExecContext& ctx, const catalog::TableInfo& table, const Row& row, storage::Rid rid);

}  // namespace lumadb::exec

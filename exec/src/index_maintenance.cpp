#include "index_maintenance.h"

#include "common/error.h"
#include "common/row_codec.h"
#include "index_keys.h"
#include "storage/btree.h"
#include "storage/heap_file.h"
#include "txn/lock_manager.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

bool ShortReadLocks(const ExecContext& ctx) {
  auto iso = ctx.txn->isolation();
  return iso == txn::IsolationLevel::kReadCommitted || iso == txn::IsolationLevel::kReadUncommitted;
}

// The UniqueCheck verdict for an existing entry with our key pointing at `other`. Runs under the leaf
// latch: it only try-locks (the lock manager never touches pages) and reads the heap (the heap never
// takes an index latch, so the latch order holds).
storage::BTree::UniqueVerdict JudgeExisting(ExecContext& ctx, const catalog::TableInfo& table,
                                            const catalog::IndexInfo& index, const std::string& key,
                                            storage::Rid other) {
  bool release = false;
  txn::RowTag tag{ctx.catalog->database_oid(), table.oid, other};
  if (ctx.locks) {
    bool held_before = ctx.locks->HeldMode(*ctx.txn, tag).has_value();
    if (!ctx.locks->TryLockRow(*ctx.txn, tag, txn::LockMode::kShared)) {
      return storage::BTree::UniqueVerdict::kWait;
    }
    // The S lock was only for this check: READ COMMITTED lets it go, as after any plain read.
    release = !held_before && ShortReadLocks(ctx);
  }
  auto verdict = storage::BTree::UniqueVerdict::kIgnore;
  std::vector<std::byte> bytes;
  bool deleted = false;
  // Gone, deleted by us, or updated (by us) to another key: not a duplicate any more.
  if (ctx.catalog->Heap(table).Get(other, &bytes, &deleted) && !deleted) {
    std::vector<TypeId> types;
    for (const auto& c : table.columns) types.push_back(c.type.id);
    if (IndexKeyOf(table, index, DecodeRow(types, bytes)) == key) verdict = storage::BTree::UniqueVerdict::kConflict;
  }
  if (release) ctx.locks->UnlockRow(*ctx.txn, tag);
  return verdict;
}

// Blocks until the transaction holding `other` ends (its row lock), then lets the lock go again under
// READ COMMITTED: the retry re-reads the row.
void WaitForRow(ExecContext& ctx, const catalog::TableInfo& table, storage::Rid other) {
  if (!ctx.locks) return;
  txn::RowTag tag{ctx.catalog->database_oid(), table.oid, other};
  auto result = ctx.locks->LockRow(*ctx.txn, tag, txn::LockMode::kShared, ctx.lock_timeout_ms, ctx.deadlock_timeout_ms);
  if (result == txn::RowLockResult::kAcquired && ShortReadLocks(ctx)) ctx.locks->UnlockRow(*ctx.txn, tag);
}

}  // namespace

void InsertIndexEntry(ExecContext& ctx, const catalog::TableInfo& table, const catalog::IndexInfo& index,
                      const Row& row, storage::Rid rid) {
  auto& tree = ctx.catalog->Index(index);
  std::string key = IndexKeyOf(table, index, row);
  if (!index.unique || KeyHasNull(index, row)) {
    tree.Insert(ctx.txn->log(), key, rid);
    return;
  }
  storage::BTree::UniqueCheck check = [&](storage::Rid other) { return JudgeExisting(ctx, table, index, key, other); };
  for (;;) {
    auto result = tree.Insert(ctx.txn->log(), key, rid, &check);
    switch (result.kind) {
      case storage::BTree::InsertResult::kInserted:
        return;
      case storage::BTree::InsertResult::kWait:
        WaitForRow(ctx, table, result.other);
        continue;
      case storage::BTree::InsertResult::kConflict:
        throw DbError(sqlstate::kUniqueViolation,
                      "duplicate key value violates unique constraint \"" + index.name + "\"")
            .Detail(KeyDescription(table, index, row) + " already exists.")
            .Constraint(index.name);
    }
  }
}

void InsertIndexEntries(ExecContext& ctx, const catalog::TableInfo& table, const Row& row, storage::Rid rid) {
  for (const auto& index : table.indexes) InsertIndexEntry(ctx, table, index, row, rid);
}

void UpdateIndexEntries(ExecContext& ctx, const catalog::TableInfo& table, const Row& old_row, storage::Rid old_rid,
                        const Row& new_row, storage::Rid new_rid) {
  for (const auto& index : table.indexes) {
    std::string old_key = IndexKeyOf(table, index, old_row);
    if (old_rid == new_rid && IndexKeyOf(table, index, new_row) == old_key) continue;
    InsertIndexEntry(ctx, table, index, new_row, new_rid);
    ctx.catalog->Index(index).DeleteOnCommit(ctx.txn->log(), old_key, old_rid);
  }
}

void DeleteIndexEntries(ExecContext& ctx, const catalog::TableInfo& table, const Row& row, storage::Rid rid) {
  for (const auto& index : table.indexes) {
    ctx.catalog->Index(index).DeleteOnCommit(ctx.txn->log(), IndexKeyOf(table, index, row), rid);
  }
}

}  // namespace lumadb::exec

#include "foreign_keys.h"

#include <algorithm>
#include <string>

#include "common/index_key.h"
#include "common/row_codec.h"
#include "common/value_ops.h"
#include "index_keys.h"
#include "relation_lock.h"
#include "storage/btree.h"
#include "storage/heap_file.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

// An index whose first attnums.size() columns are exactly those columns (in any order), or null.
const catalog::IndexInfo* IndexOn(const catalog::TableInfo& table, const std::vector<int16_t>& attnums) {
  const catalog::IndexInfo* best = nullptr;
  for (const auto& index : table.indexes) {
    if (index.columns.size() < attnums.size()) continue;
    bool covers =
        std::all_of(index.columns.begin(), index.columns.begin() + static_cast<std::ptrdiff_t>(attnums.size()),
                    [&](const catalog::IndexColumn& c) {
                      return std::find(attnums.begin(), attnums.end(), c.attnum) != attnums.end();
                    });
    if (covers && (!best || index.columns.size() < best->columns.size())) best = &index;
  }
  return best;
}

bool Matches(const Row& row, const std::vector<int16_t>& attnums, const std::vector<Value>& values) {
  for (size_t i = 0; i < attnums.size(); ++i) {
    const Value& v = row[attnums[i] - 1];
    if (v.is_null() || CompareValues(v, values[i]) != 0) return false;
  }
  return true;
}

// TIDs of index entries whose leading columns equal `values`.
std::vector<storage::Rid> IndexCandidates(ExecContext& ctx, const catalog::TableInfo& table,
                                          const catalog::IndexInfo& index, const std::vector<int16_t>& attnums,
                                          const std::vector<Value>& values) {
  std::string prefix;
  for (size_t i = 0; i < attnums.size(); ++i) {
    const auto& col = index.columns[i];
    size_t j = static_cast<size_t>(std::find(attnums.begin(), attnums.end(), col.attnum) - attnums.begin());
    AppendKeyColumn(values[j], {table.columns[col.attnum - 1].type.id, col.descending, col.nulls_first}, &prefix);
  }
  std::vector<storage::Rid> rids;
  auto cursor = ctx.catalog->Index(index).Seek(prefix);
  storage::BTree::Entry entry;
  while (cursor.Next(&entry) && entry.key.compare(0, prefix.size(), prefix) == 0) rids.push_back(entry.rid);
  return rids;
}

// TIDs of tuples (live or mark-deleted) whose current version matches: a pre-filter without locks; the
// rows are locked and rechecked afterwards. A row another transaction is changing to match cannot appear
// meanwhile: its writer would first need the lock on the referenced row that our statement holds.
std::vector<storage::Rid> ScanCandidates(ExecContext& ctx, const catalog::TableInfo& table,
                                         const std::vector<TypeId>& types, const std::vector<int16_t>& attnums,
                                         const std::vector<Value>& values) {
  std::vector<storage::Rid> rids;
  auto iter = ctx.catalog->Heap(table).Scan();
  storage::Rid rid;
  std::vector<std::byte> bytes;
  bool deleted = false;
  while (iter.Next(&rid, &bytes, &deleted)) {
    if (Matches(DecodeRow(types, bytes), attnums, values)) rids.push_back(rid);
  }
  return rids;
}

}  // namespace

std::vector<MatchedRow> FindMatchingRows(ExecContext& ctx, const catalog::TableInfo& table,
                                         const std::vector<int16_t>& attnums, const std::vector<Value>& values,
                                         txn::LockMode mode, bool first_only) {
  LockRelation(
      ctx, table,
      mode == txn::LockMode::kExclusive ? txn::LockMode::kIntentionExclusive : txn::LockMode::kIntentionShared);
  std::vector<TypeId> types;
  for (const auto& c : table.columns) types.push_back(c.type.id);
  const catalog::IndexInfo* index = IndexOn(table, attnums);
  auto candidates =
      index ? IndexCandidates(ctx, table, *index, attnums, values) : ScanCandidates(ctx, table, types, attnums, values);
  const bool short_locks = ctx.txn->isolation() == txn::IsolationLevel::kReadCommitted ||
                           ctx.txn->isolation() == txn::IsolationLevel::kReadUncommitted;
  auto& heap = ctx.catalog->Heap(table);
  std::vector<MatchedRow> found;
  std::vector<std::byte> bytes;
  for (const auto& rid : candidates) {
    txn::RowTag tag{ctx.catalog->database_oid(), table.oid, rid};
    auto result = txn::RowLockResult::kAlreadyHeld;
    if (ctx.locks) result = ctx.locks->LockRow(*ctx.txn, tag, mode, ctx.lock_timeout_ms, ctx.deadlock_timeout_ms);
    bool deleted = false;
    bool match = heap.Get(rid, &bytes, &deleted) && !deleted;
    Row row;
    if (match) {
      row = DecodeRow(types, bytes);
      match = Matches(row, attnums, values);
    }
    if (!match) {
      // Not ours to keep: the row changed while we waited (READ COMMITTED drops such a lock at once).
      if (result == txn::RowLockResult::kAcquired && short_locks) ctx.locks->UnlockRow(*ctx.txn, tag);
      continue;
    }
    found.push_back({rid, std::move(row)});
    if (first_only) break;
  }
  return found;
}

DbError MissingReferenceError(const catalog::TableInfo& table, const catalog::TableInfo& referenced,
                              const catalog::ForeignKey& fk, const Row& row) {
  return DbError(sqlstate::kForeignKeyViolation,
                 "insert or update on table \"" + table.name + "\" violates foreign key constraint \"" + fk.name + "\"")
      .Detail(KeyDescription(table, fk.attnums, row) + " is not present in table \"" + referenced.name + "\".")
      .Constraint(fk.name);
}

DbError StillReferencedError(const catalog::TableInfo& referenced, const catalog::TableInfo& table,
                             const catalog::ForeignKey& fk, const Row& row) {
  return DbError(sqlstate::kForeignKeyViolation, "update or delete on table \"" + referenced.name +
                                                     "\" violates foreign key constraint \"" + fk.name +
                                                     "\" on table \"" + table.name + "\"")
      .Detail(KeyDescription(referenced, fk.ref_attnums, row) + " is still referenced from table \"" + table.name +
              "\".")
      .Constraint(fk.name);
}

}  // namespace lumadb::exec

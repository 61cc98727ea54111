#include "conflict_inserter.h"

#include <algorithm>

#include "common/error.h"
#include "common/row_codec.h"
#include "exec/expression_evaluator.h"
#include "index_keys.h"
#include "relation_lock.h"
#include "storage/btree.h"
#include "storage/heap_file.h"
#include "txn/lock_manager.h"
#include "txn/transaction.h"
#include "txn/transaction_manager.h"

namespace lumadb::exec {

ConflictInserter::ConflictInserter(const planner::InsertPlan& plan, ExecContext& ctx, RowWriter& writer)
    : plan_(plan), conflict_(*plan.on_conflict), ctx_(ctx), writer_(writer) {
  for (const auto& index : plan.table->indexes) {
    bool chosen = conflict_.arbiters.empty() ? index.unique
                                             : std::find(conflict_.arbiters.begin(), conflict_.arbiters.end(),
                                                         index.oid) != conflict_.arbiters.end();
    if (chosen) arbiters_.push_back(&index);
  }
  for (const auto& c : plan.table->columns) types_.push_back(c.type.id);
}

std::optional<Row> ConflictInserter::Insert(const Row& row) {
  for (;;) {
    if (auto existing = FindConflict(row)) {
      if (!conflict_.do_update) return std::nullopt;
      return Update(*existing, row);
    }
    const txn::SavepointMark mark = ctx_.txn->Mark();
    try {
      touched_.insert(EncodeRid(writer_.Insert(plan_.table, row)));
      return row;
    } catch (const DbError& e) {
      // Lost a race with a concurrent inserter of the same key, which has committed: look again.
      if (ctx_.transactions == nullptr || e.code() != sqlstate::kUniqueViolation || !e.constraint() ||
          !IsArbiter(*e.constraint())) {
        throw;
      }
      ctx_.transactions->RollbackTo(*ctx_.txn, mark);
    }
  }
}

std::optional<ConflictInserter::Existing> ConflictInserter::FindConflict(const Row& row) {
  for (const catalog::IndexInfo* index : arbiters_) {
    if (KeyHasNull(*index, row)) continue;  // NULLs never conflict
    const std::string key = IndexKeyOf(*plan_.table, *index, row);
    auto cursor = ctx_.catalog->Index(*index).Seek(key);
    storage::BTree::Entry entry;
    while (cursor.Next(&entry) && entry.key == key) {
      if (auto existing = LockAndRecheck(*index, key, entry.rid)) return existing;
    }
  }
  return std::nullopt;
}

std::optional<ConflictInserter::Existing> ConflictInserter::LockAndRecheck(const catalog::IndexInfo& index,
                                                                           const std::string& key, storage::Rid rid) {
  const txn::RowTag tag{ctx_.catalog->database_oid(), plan_.table->oid, rid};
  auto result = txn::RowLockResult::kAlreadyHeld;
  // A row this statement wrote is already X-locked by us.
  if (ctx_.locks && !touched_.count(EncodeRid(rid))) {
    result =
        ctx_.locks->LockRow(*ctx_.txn, tag, conflict_.do_update ? txn::LockMode::kExclusive : txn::LockMode::kShared,
                            ctx_.lock_timeout_ms, ctx_.deadlock_timeout_ms);
  }
  // The wait may have ended with the row gone (an aborted insert, a committed delete) or re-keyed.
  std::vector<std::byte> bytes;
  bool deleted = false;
  std::optional<Existing> found;
  if (ctx_.catalog->Heap(*plan_.table).Get(rid, &bytes, &deleted) && !deleted) {
    Row row = DecodeRow(types_, bytes);
    if (IndexKeyOf(*plan_.table, index, row) == key) found = Existing{rid, std::move(row)};
  }
  // DO UPDATE keeps its X lock on the conflicting row; a plain S read is let go under READ COMMITTED, as
  // after any read; a row that is no conflict was never used.
  const auto iso = ctx_.txn->isolation();
  const bool short_reads = iso == txn::IsolationLevel::kReadCommitted || iso == txn::IsolationLevel::kReadUncommitted;
  if (result == txn::RowLockResult::kAcquired && (!found || (!conflict_.do_update && short_reads))) {
    ctx_.locks->UnlockRow(*ctx_.txn, tag);
  }
  return found;
}

namespace {

DbError AffectedTwice() {
  return DbError(sqlstate::kCardinalityViolation, "ON CONFLICT DO UPDATE command cannot affect row a second time")
      .Hint("Ensure that no rows proposed for insertion within the same command have duplicate constrained values.");
}

}  // namespace

std::optional<Row> ConflictInserter::UpdatedRow(const Existing& existing, const Row& proposed) const {
  if (touched_.count(EncodeRid(existing.rid))) throw AffectedTwice();
  Row both = existing.row;
  both.insert(both.end(), proposed.begin(), proposed.end());
  if (conflict_.where && !IsTrue(Evaluate(*conflict_.where, both, ctx_))) return std::nullopt;
  Row updated = existing.row;
  for (size_t i = 0; i < updated.size() && i < conflict_.set.size(); ++i) {
    if (conflict_.set[i]) updated[i] = Evaluate(*conflict_.set[i], both, ctx_);
  }
  return updated;
}

std::optional<Row> ConflictInserter::Update(const Existing& existing, const Row& proposed) {
  std::optional<Row> updated = UpdatedRow(existing, proposed);
  if (updated) touched_.insert(EncodeRid(writer_.Update(plan_.table, existing.rid, existing.row, *updated)));
  return updated;
}

std::optional<Row> ConflictInserter::Decide(const Row& row) {
  if (auto existing = FindConflict(row)) {
    if (!conflict_.do_update) return std::nullopt;
    std::optional<Row> updated = UpdatedRow(*existing, row);
    // Marked even when the WHERE rejects it, as ExecOnConflictUpdate locks the row first.
    touched_.insert(EncodeRid(existing->rid));
    if (updated) decided_.push_back({existing->rid, existing->row, *updated});
    return updated;
  }
  std::vector<std::pair<Oid, std::string>> keys;
  for (const catalog::IndexInfo* index : arbiters_) {
    if (KeyHasNull(*index, row)) continue;
    keys.emplace_back(index->oid, IndexKeyOf(*plan_.table, *index, row));
    if (decided_keys_.count(keys.back())) {
      if (conflict_.do_update) throw AffectedTwice();
      return std::nullopt;
    }
  }
  decided_keys_.insert(keys.begin(), keys.end());
  decided_.push_back({std::nullopt, Row{}, row});
  return row;
}

void ConflictInserter::ApplyDecided() {
  for (const Decided& d : decided_) {
    if (d.rid) {
      writer_.Update(plan_.table, *d.rid, d.old_row, d.row);
    } else {
      writer_.Insert(plan_.table, d.row);
    }
  }
  decided_.clear();
}

bool ConflictInserter::IsArbiter(const std::string& index_name) const {
  return std::any_of(arbiters_.begin(), arbiters_.end(),
                     [&](const catalog::IndexInfo* index) { return index->name == index_name; });
}

}  // namespace lumadb::exec

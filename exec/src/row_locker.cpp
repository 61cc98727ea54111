#include "row_locker.h"

#include "common/error.h"
#include "relation_lock.h"
#include "txn/transaction.h"

namespace lumadb::exec {

RowLocker::RowLocker(ExecContext& ctx, const catalog::TableInfo& table, planner::RowLockMode mode,
                     planner::RowLockWait wait)
    : ctx_(ctx), table_(table), mode_(mode), wait_(wait) {}

void RowLocker::BeforeRead() {
  if (quiet_reads_) stamp_ = ctx_.locks->WriteActivity({ctx_.catalog->database_oid(), table_.oid});
}

bool RowLocker::ReadWasQuiet() const {
  return quiet_reads_ && ctx_.locks->WriteQuiet({ctx_.catalog->database_oid(), table_.oid}, stamp_);
}

bool RowLocker::ShortReadLocks() const {
  auto iso = ctx_.txn->isolation();
  return iso == txn::IsolationLevel::kReadCommitted || iso == txn::IsolationLevel::kReadUncommitted;
}

txn::RowTag RowLocker::Tag(storage::Rid rid) const {
  return txn::RowTag{ctx_.catalog->database_oid(), table_.oid, rid};
}

void RowLocker::LockRelation() {
  if (!ctx_.locks || !ctx_.txn || !ctx_.catalog) return;
  quiet_reads_ = mode_ == planner::RowLockMode::kRead && ShortReadLocks();
  bool serializable = ctx_.txn->isolation() == txn::IsolationLevel::kSerializable;
  if (mode_ == planner::RowLockMode::kExclusive) exec::LockRelation(ctx_, table_, txn::LockMode::kIntentionExclusive);
  // SERIALIZABLE: a relation S lock keeps writers out of every scanned table (no phantoms).
  exec::LockRelation(ctx_, table_, serializable ? txn::LockMode::kShared : txn::LockMode::kIntentionShared);
}

txn::RowLockResult RowLocker::LockRow(storage::Rid rid, bool wait) {
  auto mode = mode_ == planner::RowLockMode::kExclusive ? txn::LockMode::kExclusive : txn::LockMode::kShared;
  return ctx_.locks->LockRow(*ctx_.txn, Tag(rid), mode, ctx_.lock_timeout_ms, ctx_.deadlock_timeout_ms, wait);
}

bool RowLocker::Lock(const storage::HeapFile& heap, storage::Rid rid, std::vector<std::byte>* bytes, bool deleted,
                     const Qual* qual, bool stale) {
  last_rid_ = rid;
  last_result_ = txn::RowLockResult::kAlreadyHeld;
  if (ctx_.locks && ctx_.txn && ctx_.catalog) {
    const bool wait = wait_ == planner::RowLockWait::kBlock;
    const bool semi_consistent = qual != nullptr && ShortReadLocks();
    last_result_ = LockRow(rid, wait && !semi_consistent);
    if (last_result_ == txn::RowLockResult::kNotAvailable && semi_consistent) {
      // Locked by another transaction: wait (or apply NOWAIT / SKIP LOCKED) only for a row that matches
      // as it is now; the WHERE clause is checked again on the version we get once we hold the lock.
      if (!(*qual)(*bytes)) return false;
      if (wait) last_result_ = LockRow(rid, true);
    }
  }
  switch (last_result_) {
    case txn::RowLockResult::kNotAvailable:
      if (wait_ == planner::RowLockWait::kSkipLocked) return false;
      throw DbError(sqlstate::kLockNotAvailable, "could not obtain lock on row in relation \"" + table_.name + "\"");
    case txn::RowLockResult::kAlreadyHeld:
      // Held before the scan read the row: nobody else can have changed it. Mark-deleted means by us.
      if (!stale) return !deleted;
      break;
    case txn::RowLockResult::kAcquired:
    case txn::RowLockResult::kUpgraded:
      break;
  }
  // We may have waited: use the row as it is now. Gone (deleted and committed), or mark-deleted (by us).
  bool still_deleted = false;
  if (!heap.Get(rid, bytes, &still_deleted) || still_deleted) {
    ReleaseIfNew(rid, last_result_);
    return false;
  }
  return true;
}

void RowLocker::Done(bool accepted) {
  if (!ctx_.locks || !ctx_.txn || !ShortReadLocks()) return;
  if (mode_ == planner::RowLockMode::kRead || !accepted) ReleaseIfNew(last_rid_, last_result_);
}

void RowLocker::ReleaseIfNew(storage::Rid rid, txn::RowLockResult result) {
  // Only a lock this statement took: an upgrade or a lock held before (our own write, FOR SHARE) stays.
  if (result == txn::RowLockResult::kAcquired) ctx_.locks->UnlockRow(*ctx_.txn, Tag(rid));
}

std::optional<storage::HeapFile::InsertClaim> MakeInsertClaim(ExecContext& ctx, const catalog::TableInfo& table) {
  if (!ctx.locks || !ctx.txn || !ctx.catalog) return std::nullopt;
  txn::LockManager* locks = ctx.locks;
  txn::Transaction* t = ctx.txn;
  uint32_t db = ctx.catalog->database_oid();
  uint32_t rel = table.oid;
  return storage::HeapFile::InsertClaim([locks, t, db, rel](storage::Rid rid) {
    return locks->TryLockRow(*t, txn::RowTag{db, rel, rid}, txn::LockMode::kExclusive);
  });
}

std::optional<storage::HeapFile::PageClaim> MakeInsertPageClaim(ExecContext& ctx, const catalog::TableInfo& table) {
  if (!ctx.locks || !ctx.txn || !ctx.catalog) return std::nullopt;
  txn::LockManager* locks = ctx.locks;
  txn::Transaction* t = ctx.txn;
  txn::RelationTag rel{ctx.catalog->database_oid(), table.oid};
  return storage::HeapFile::PageClaim([locks, t, rel](storage::PageId page, bool fresh) {
    return fresh ? locks->LockInsertedPage(*t, rel, page) : locks->HoldsInsertedPage(*t, rel, page);
  });
}

}  // namespace lumadb::exec

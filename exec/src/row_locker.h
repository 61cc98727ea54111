#pragma once
// RowLocker: how a scan locks the rows it returns under strict 2PL, by isolation level (exec/README.md
// "Locking"; docs/transactions.md "Isolation on two-phase locking"):
//
//   level                  relation lock        row lock of a plain read      FOR SHARE / FOR UPDATE, UPDATE, DELETE
//   READ UNCOMMITTED/      IS (IX to lock X)    S, released after the read     S / X held to commit (rows the
//   READ COMMITTED                                                             WHERE rejects: released)
//   REPEATABLE READ        IS (IX)              S held to commit               S / X held to commit
//   SERIALIZABLE           S (SIX)              none: the relation S covers    S covered / X held to commit
//
// The scan's heap iterator holds no page latch when it returns a tuple; RowLocker then locks the row and,
// when it had to take the lock, re-reads the tuple: it may have been updated or deleted while we waited.
//
// Quiet reads: a READ COMMITTED plain read only has to see a committed version, which is what the short S
// lock guarantees. When no transaction held or took a write-mode lock on the table from before the bytes
// were copied until after (LockManager::WriteActivity), they hold no uncommitted change, so the scan skips
// the row lock altogether: BeforeRead() before the heap read, ReadWasQuiet() after it.

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "catalog/catalog.h"
#include "exec/executor.h"
#include "storage/heap_file.h"
#include "txn/lock_manager.h"

namespace lumadb::exec {

class RowLocker {
 public:
  RowLocker(ExecContext& ctx, const catalog::TableInfo& table, planner::RowLockMode mode, planner::RowLockWait wait);

  /// Takes the relation lock for the scan (table above), held to commit, and decides whether quiet reads
  /// apply. Throws 55P03, 40P01, 57014.
  void LockRelation();

  /// Checks a tuple version against the scan's WHERE clause.
  using Qual = std::function<bool(const std::vector<std::byte>&)>;

  /// Notes the write activity on the table just before the scan copies tuple bytes from the heap.
  void BeforeRead();
  /// True if bytes copied since the last BeforeRead() may be used without a row lock (see above): a plain
  /// read at READ COMMITTED or READ UNCOMMITTED, and no writer on the table meanwhile. A mark-deleted tuple
  /// still goes through Lock().
  bool ReadWasQuiet() const;
  /// Whether LockRelation() found quiet reads possible (a plain read at READ COMMITTED or READ UNCOMMITTED
  /// with a lock manager): only then may worker threads read pages for the scan (a copy of this locker
  /// serves their BeforeRead/ReadWasQuiet; Lock and Done are the session thread's).
  bool QuietReads() const { return quiet_reads_; }

  /// Locks the row the scan returned at rid (`deleted`: mark-deleted by a transaction not yet ended) and
  /// leaves its current version in *bytes. False when the row is to be skipped: gone after the wait,
  /// deleted, (SKIP LOCKED) locked by another transaction, or (READ COMMITTED, `qual` given) locked by
  /// another transaction and not matching qual as it is now: a semi-consistent read (MySQL InnoDB's), so a
  /// statement does not wait for writers of rows it would not use. Throws 55P03 `could not obtain lock on
  /// row in relation "t"` for NOWAIT, and 55P03 (lock timeout), 40P01, 57014 from a wait.
  /// `stale`: *bytes may predate a lock this transaction took on the row since (a page copy), so they are
  /// re-read even when the lock was already held.
  bool Lock(const storage::HeapFile& heap, storage::Rid rid, std::vector<std::byte>* bytes, bool deleted,
            const Qual* qual, bool stale = false);

  /// Called once the scan has decided about the row last passed by Lock: READ COMMITTED releases a lock
  /// this call newly took if it was a plain read or the row was rejected (never a lock held before).
  void Done(bool accepted);

 private:
  bool ShortReadLocks() const;
  txn::RowLockResult LockRow(storage::Rid rid, bool wait);
  txn::RowTag Tag(storage::Rid rid) const;
  void ReleaseIfNew(storage::Rid rid, txn::RowLockResult result);

  ExecContext& ctx_;
  const catalog::TableInfo& table_;
  planner::RowLockMode mode_;
  planner::RowLockWait wait_;
  bool quiet_reads_ = false;  // set by LockRelation(): plain short reads with a lock manager
  txn::LockManager::WriteStamp stamp_;
  storage::Rid last_rid_;
  txn::RowLockResult last_result_ = txn::RowLockResult::kAlreadyHeld;
};

/// The claim an inserting heap call passes (HeapFile::InsertClaim): X-locks the new TID before the tuple
/// becomes visible, without blocking; null when ctx has no lock manager (unit tests).
std::optional<storage::HeapFile::InsertClaim> MakeInsertClaim(ExecContext& ctx, const catalog::TableInfo& table);

/// The page claim of a bulk insert (HeapFile::PageClaim): one LockInsertedPage lock for every row the
/// transaction puts on a page the heap has just added (or on one it claimed so in an earlier batch),
/// instead of a row lock each; null without a lock manager.
std::optional<storage::HeapFile::PageClaim> MakeInsertPageClaim(ExecContext& ctx, const catalog::TableInfo& table);

}  // namespace lumadb::exec

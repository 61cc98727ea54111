#pragma once
// RowWriter: applies the row changes of one statement with everything a change implies (PostgreSQL's
// ExecInsert/ExecUpdate/ExecDelete plus the RI triggers): NOT NULL and CHECK constraints before the heap
// write, index entries right after it (index_maintenance.h), and at the end of the statement (Finish) the
// foreign-key work queued by every change: the new rows' references must exist, and rows referencing a
// deleted or re-keyed row get their ON DELETE / ON UPDATE action (NO ACTION, RESTRICT, CASCADE, SET NULL,
// SET DEFAULT), whose own changes go through this writer again. Like PostgreSQL's AFTER ROW RI triggers,
// the checks run after the whole statement, so a statement may insert a parent and its child in any order.

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "catalog/catalog.h"
#include "common/error.h"
#include "common/value.h"
#include "exec/executor.h"
#include "planner/plan.h"
#include "storage/ids.h"

namespace lumadb::exec {

class RowWriter {
 public:
  using TablePtr = std::shared_ptr<const catalog::TableInfo>;

  explicit RowWriter(ExecContext& ctx) : ctx_(ctx) {}

  /// CHECK constraints already bound for `table` (the statement's plan); other tables' CHECK texts are
  /// bound from the catalog on first use (so are this table's when `checks` is empty). `checks` must
  /// outlive the writer.
  void UseChecks(const catalog::TableInfo& table, const std::vector<planner::BoundCheck>& checks);

  /// Inserts a row (table column order, values of the column types). Throws 23502 `null value in column
  /// "a" of relation "t" violates not-null constraint`, 23514 `new row for relation "t" violates check
  /// constraint "c"` (both DETAIL `Failing row contains (...)`), 23505 (index_maintenance.h), 54000.
  storage::Rid Insert(const TablePtr& table, const Row& row);

  /// The first half of a bulk insert (COPY FROM's buffered rows, PostgreSQL's CopyMultiInsertInfoStore
  /// after ExecConstraints): checks NOT NULL and CHECK constraints and the row's size, with Insert's errors,
  /// and appends the row's heap tuple to *tuples (one buffer for a whole batch); returns its size.
  size_t PrepareInsert(const catalog::TableInfo& table, const Row& row, std::vector<std::byte>* tuples);

  /// The second half (PostgreSQL's CopyMultiInsertBufferFlush): stores the prepared tuples with one
  /// HeapFile::InsertBatch (one lock per page it adds to the file, LockManager::LockInsertedPage; a lock
  /// per row elsewhere), then adds each row's index entries in order and queues its foreign-key checks.
  /// An error of row i (23505, ...) passes through annotate(i, error) first, so the caller can set its
  /// CONTEXT; what was stored stays for the statement's rollback to undo.
  void InsertBatch(const TablePtr& table, std::span<const Row> rows, std::span<const std::span<const std::byte>> tuples,
                   const std::function<void(size_t, DbError&)>& annotate);

  /// Replaces the X-locked row at rid (old_row) with new_row; returns the new version's TID. Errors as
  /// Insert.
  storage::Rid Update(const TablePtr& table, storage::Rid rid, const Row& old_row, const Row& new_row);

  /// Deletes the X-locked row at rid (old_row).
  void Delete(const TablePtr& table, storage::Rid rid, const Row& old_row);

  /// Runs the queued foreign-key checks and actions until none is left. Throws 23503 (foreign_keys.h),
  /// and the errors of the changes the actions make.
  void Finish();

 private:
  struct Change {
    TablePtr table;
    storage::Rid rid;  // the new version's TID (or the deleted row's)
    std::optional<Row> old_row;
    std::optional<Row> new_row;
  };

  void CheckRow(const catalog::TableInfo& table, const Row& row);
  const std::vector<planner::BoundCheck>& ChecksOf(const catalog::TableInfo& table);
  void CheckReferences(const Change& change);
  void ApplyReferencedActions(const Change& change);
  void ApplyAction(const Change& change, const catalog::ForeignKey& fk, const std::vector<Value>& old_key);
  Row ActionRow(const Change& change, const catalog::ForeignKey& fk, const catalog::TableInfo& referencing, Row row);
  TablePtr Table(Oid oid);

  ExecContext& ctx_;
  std::deque<Change> pending_;
  std::map<Oid, const std::vector<planner::BoundCheck>*> plan_checks_;
  std::map<Oid, std::vector<planner::BoundCheck>> bound_checks_;
  std::map<Oid, TablePtr> tables_;
  Oid prepared_oid_ = 0;                // the table PrepareInsert last encoded a row of
  std::vector<TypeId> prepared_types_;  // its column types
};

}  // namespace lumadb::exec

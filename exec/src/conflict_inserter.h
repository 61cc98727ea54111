#pragma once
// ConflictInserter: INSERT ... ON CONFLICT under strict 2PL (PostgreSQL's speculative insertion in
// nodeModifyTable.c ExecInsert, ExecCheckIndexConstraints and ExecOnConflictUpdate).
//
// For each proposed row: look its key up in every arbiter index and lock each row found (S for DO
// NOTHING, X for DO UPDATE), which waits for an uncommitted inserter or updater to end; a row still live
// with that key after the wait is the conflict. Without one the row is inserted after a savepoint mark; if
// a concurrent transaction inserted the same key meanwhile, the unique check waits for it and reports
// 23505 on an arbiter index, and the insertion is rolled back to the mark and the row tried again (it then
// finds the committed row). So a DO NOTHING / DO UPDATE inserter never gets a duplicate-key error on an
// arbiter index, whether the other transaction commits or aborts.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "exec/executor.h"
#include "row_writer.h"

namespace lumadb::exec {

class ConflictInserter {
 public:
  /// plan.on_conflict must be set; plan and writer must outlive the inserter.
  ConflictInserter(const planner::InsertPlan& plan, ExecContext& ctx, RowWriter& writer);

  /// Inserts `row` (table column order), or resolves its conflict: DO NOTHING skips it, DO UPDATE updates
  /// the conflicting row when the WHERE passes. Returns the row inserted or the updated row's new values
  /// (RETURNING's input), nullopt when nothing changed. Throws 21000 "ON CONFLICT DO UPDATE command cannot
  /// affect row a second time" when DO UPDATE meets a row this statement inserted or updated, lock waits'
  /// 55P03/40P01/57014, and RowWriter's errors (23505 on a non-arbiter index).
  std::optional<Row> Insert(const Row& row);

 private:
  struct Existing {
    storage::Rid rid;
    Row row;
  };

  std::optional<Existing> FindConflict(const Row& row);
  std::optional<Existing> LockAndRecheck(const catalog::IndexInfo& index, const std::string& key, storage::Rid rid);
  std::optional<Row> Update(const Existing& existing, const Row& proposed);
  bool IsArbiter(const std::string& index_name) const;

  const planner::InsertPlan& plan_;
  const planner::OnConflictPlan& conflict_;
  ExecContext& ctx_;
  RowWriter& writer_;
  std::vector<const catalog::IndexInfo*> arbiters_;
  std::vector<TypeId> types_;
  std::set<int64_t> touched_;  // encoded TIDs of the rows this statement inserted or updated
};

}  // namespace lumadb::exec

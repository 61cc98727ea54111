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

  /// Insert's decision without its write, for a data-modifying WITH (ExecContext::deferred_writes): the
  /// conflict is looked for in the table as it is (the conflicting row locked as Insert does) and among the
  /// rows decided for insertion before, which count as this command's own rows (DO NOTHING skips, DO UPDATE
  /// throws 21000). Returns what Insert would; ApplyDecided writes every decision, in order.
  std::optional<Row> Decide(const Row& row);
  /// Writes the rows Decide chose to insert and the updates it computed. RowWriter's errors.
  void ApplyDecided();

 private:
  struct Existing {
    storage::Rid rid;
    Row row;
  };
  /// A decision of Decide: insert `row` (rid unset) or update the row at rid from `old_row` to `row`.
  struct Decided {
    std::optional<storage::Rid> rid;
    Row old_row;
    Row row;
  };

  std::optional<Existing> FindConflict(const Row& row);
  std::optional<Existing> LockAndRecheck(const catalog::IndexInfo& index, const std::string& key, storage::Rid rid);
  std::optional<Row> Update(const Existing& existing, const Row& proposed);
  /// DO UPDATE's new values for `existing` (nullopt when its WHERE rejects them); 21000 when this command
  /// already inserted or updated the row.
  std::optional<Row> UpdatedRow(const Existing& existing, const Row& proposed) const;
  bool IsArbiter(const std::string& index_name) const;

  const planner::InsertPlan& plan_;
  const planner::OnConflictPlan& conflict_;
  ExecContext& ctx_;
  RowWriter& writer_;
  std::vector<const catalog::IndexInfo*> arbiters_;
  std::vector<TypeId> types_;
  std::set<int64_t> touched_;  // encoded TIDs of the rows this statement inserted or updated
  std::vector<Decided> decided_;
  std::set<std::pair<Oid, std::string>> decided_keys_;  // (arbiter index, key) of each row decided for insertion
};

}  // namespace lumadb::exec

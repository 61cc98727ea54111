#pragma once
// ALTER TABLE in PostgreSQL's three phases (tablecmds.c ATController): every command edits a copy of the
// table's definition (ddl_alter_table.cpp), then the catalog gets the new definition and the data is
// rewritten or validated (ddl_alter_rewrite.cpp: ATRewriteTables).

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "exec/statement_executor.h"
#include "planner/bound_expr.h"

namespace lumadb::exec {

/// What the commands of one ALTER TABLE changed and what phase 3 must do about the rows.
struct AlterWork {
  catalog::TableInfo next;  // the new definition (attnums dense, in next.columns order)
  /// Per new column: the old column position it copies (-1: a new column), and an expression over the old
  /// row computing it (a default, a USING conversion), or null to copy / leave NULL.
  std::vector<int> source;
  std::vector<planner::BoundExprPtr> compute;
  bool rewrite = false;                               // a new heap file gets the converted rows; every index is rebuilt
  std::vector<int16_t> check_not_null;                // new attnums to verify (no rewrite)
  std::vector<std::string> new_checks;                // CHECK names to verify on every row
  std::vector<std::string> new_foreign_keys;          // FK names to verify on every row
  std::vector<catalog::SequenceInfo> drop_sequences;  // identity / serial sequences dropped with it
  std::vector<std::pair<Oid, std::string>> drop_other_fks;  // CASCADE: other tables' FKs to remove
};

/// Phase 2 and 3: publishes work.next with Catalog::ReplaceTableDef, rewrites the heap or validates the
/// rows (23502 "column \"c\" of relation \"t\" contains null values", 23514 "check constraint \"c\" of
/// relation \"t\" is violated by some row", 23503 with the missing key), and builds new or stale indexes
/// (23505 "could not create unique index"). The table is X-locked by the caller.
void ApplyAlterWork(SessionContext& ctx, const catalog::TableInfo& old_table, AlterWork& work);

}  // namespace lumadb::exec

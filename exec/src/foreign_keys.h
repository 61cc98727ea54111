#pragma once
// Foreign-key lookups for the RI checks of INSERT/UPDATE/DELETE (PostgreSQL's ri_triggers.c, which runs
// "SELECT 1 FROM ONLY r x WHERE id = $1 FOR KEY SHARE OF x" and the matching query on the referencing
// side). Under 2PL the row found is locked and re-read, so it cannot vanish before we commit: the referenced
// row is S-locked to commit (FOR KEY SHARE), referencing rows S (NO ACTION/RESTRICT) or X (the actions that
// change them).

#include <cstdint>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "common/error.h"
#include "common/value.h"
#include "exec/executor.h"
#include "storage/ids.h"
#include "txn/lock_manager.h"

namespace lumadb::exec {

/// SQLSTATE 23503 foreign_key_violation.

/// One row found by FindMatchingRows: its TID and current version (table column order).
struct MatchedRow {
  storage::Rid rid;
  Row row;
};

/// The live rows of `table` whose columns `attnums` (1-based) equal `values` (same order; none NULL), each
/// locked in `mode` (kShared or kExclusive, held to commit), re-read and rechecked. Uses an index whose
/// leading columns are those columns when the table has one, else scans the heap. Stops after the first
/// match with first_only. Takes the relation's IS (IX for kExclusive) lock. Wait errors: 55P03, 40P01, 57014.
std::vector<MatchedRow> FindMatchingRows(ExecContext& ctx, const catalog::TableInfo& table,
                                         const std::vector<int16_t>& attnums, const std::vector<Value>& values,
                                         txn::LockMode mode, bool first_only);

/// 23503 `insert or update on table "t" violates foreign key constraint "fk"` DETAIL `Key (r)=(5) is not
/// present in table "r".` for the referencing row `row` of `table`.
DbError MissingReferenceError(const catalog::TableInfo& table, const catalog::TableInfo& referenced,
                              const catalog::ForeignKey& fk, const Row& row);

/// 23503 `update or delete on table "r" violates foreign key constraint "fk" on table "t"` DETAIL `Key
/// (id)=(1) is still referenced from table "t".` for the old referenced row `row` of `referenced`.
DbError StillReferencedError(const catalog::TableInfo& referenced, const catalog::TableInfo& table,
                             const catalog::ForeignKey& fk, const Row& row);

}  // namespace lumadb::exec

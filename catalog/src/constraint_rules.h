#pragma once
// PostgreSQL's rules for CHECK, FOREIGN KEY and index definitions that the catalog applies itself: the
// generated names (heap.c AddRelationNewConstraints, tablecmds.c ChooseForeignKeyConstraintNameAddition,
// indexcmds.c ChooseIndexName) and the checks of a foreign key against the referenced table (tablecmds.c
// transformFkeyCheckAttrs, ATAddForeignKeyConstraint).

#include <functional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/error.h"

namespace lumadb::catalog {

/// 42830 invalid_foreign_key (errcodes.txt), not in common/sqlstate.h.

/// Says whether a name is already used in the namespace (by a relation or a constraint, or chosen earlier
/// in the same command).
using NameTaken = std::function<bool(const std::string&)>;

/// A CHECK constraint's generated name: <table>_<col>_check when the expression mentions exactly one
/// column, else <table>_check (then 1, 2... suffixes). Columns are found by scanning the SQL text for
/// identifiers outside string literals that are not function names or type names after "::".
std::string ChooseCheckName(const std::string& table, const std::vector<ColumnInfo>& columns, const std::string& expr,
                            const NameTaken& taken);

/// The attnums of the columns a CHECK expression mentions (the same scan), ascending: pg_constraint.conkey.
std::vector<int16_t> CheckColumns(const std::vector<ColumnInfo>& columns, const std::string& expr);

/// A FOREIGN KEY's generated name: <table>_<cols>_fkey.
std::string ChooseForeignKeyName(const std::string& table, const std::vector<ColumnInfo>& columns, const ForeignKey& fk,
                                 const NameTaken& taken);

/// CREATE INDEX without a name: <table>_pkey for a primary key, else <table>_<cols>_idx.
std::string ChooseIndexName(const std::string& table, const std::vector<ColumnInfo>& columns, const IndexDef& def,
                            const NameTaken& taken);

/// The unique index of `table` whose key columns are exactly `attnums` in any order (a primary key's
/// index first), or null.
const IndexInfo* FindUniqueIndex(const TableInfo& table, const std::vector<int16_t>& attnums);

/// Checks `fk` of table `self` against the referenced table `ref` (self itself for a self-reference) and
/// fills fk.ref_index_oid: 42830 "number of referencing and referenced columns for foreign key disagree",
/// 42830 "there is no unique constraint matching given keys for referenced table \"r\"", 42804
/// "foreign key constraint \"f\" cannot be implemented" (incompatible column types).
void ResolveForeignKey(const TableInfo& self, const TableInfo& ref, ForeignKey& fk);

/// 2BP01 with PostgreSQL's shape: "cannot drop <what> because other objects depend on it", the DETAIL
/// (one line per dependent object) and the CASCADE hint.
DbError DependentObjectsError(const std::string& what, const std::string& detail);

}  // namespace lumadb::catalog

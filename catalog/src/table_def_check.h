#pragma once
// Validation of a CREATE TABLE definition and PostgreSQL's treatment of its PRIMARY KEY/UNIQUE clauses
// (src/backend/parser/parse_utilcmd.c transformIndexConstraints, commands/tablecmds.c MergeAttributes,
// access/common/reloptions.c).

#include <functional>
#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace lumadb::catalog {

/// Checks a definition in PostgreSQL's order: 42P16 "multiple primary keys for table \"t\" are not allowed",
/// 42701 "column \"a\" specified more than once", 22023 "value 5 out of bounds for option \"fillfactor\""
/// (fillfactor must be 10..100), XX000 for a key naming a column that is not there.
void CheckTableDef(const TableDef& def);

/// The key constraints to record: the primary key first, later duplicates of an earlier key's column list
/// dropped, and missing names generated as PostgreSQL does (t_pkey, t_a_b_key, then t_a_key1...).
/// `taken` says whether a name is already used by a relation or constraint of the namespace.
std::vector<KeyConstraint> PrepareKeys(const TableDef& def, const std::function<bool(const std::string&)>& taken);

}  // namespace lumadb::catalog

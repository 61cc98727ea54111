#pragma once
// The pg_type rows of LumaDB's built-in types, written into every new database at bootstrap.

#include <vector>

#include "common/value.h"

namespace lumadb::catalog {

/// One pg_type row (system_catalogs.h's column order) per built-in type, with PostgreSQL 15's values from
/// src/include/catalog/pg_type.dat: name, length, by-value, category, preferred, alignment, storage,
/// element/array type and collation. All are base types ('b') of pg_catalog owned by the bootstrap
/// superuser, except unknown, a pseudo-type ('p').
std::vector<Row> BuiltinTypeRows();

}  // namespace lumadb::catalog

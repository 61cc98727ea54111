#pragma once
// Index keys of table rows: which columns an index takes, how they are ordered and encoded
// (common/index_key.h), and PostgreSQL's "Key (a, b)=(1, foo)" text for constraint errors. Shared by the
// DML executors (index maintenance, unique and foreign-key checks) and the DDL code (index builds).

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/index_key.h"
#include "common/value.h"

namespace lumadb::exec {

/// The key columns' orders of an index (types from the table's columns), in index column order.
std::vector<KeyColumnOrder> IndexKeyOrders(const catalog::TableInfo& table, const catalog::IndexInfo& index);

/// The index key of a table row (row in table column order, at least as long as the table's columns).
std::string IndexKeyOf(const catalog::TableInfo& table, const catalog::IndexInfo& index, const Row& row);
/// The same key appended to *out (index builds put every key into one arena).
void AppendIndexKey(const catalog::TableInfo& table, const catalog::IndexInfo& index, const Row& row, std::string* out);

/// True if any key column of the row is NULL (unique checks skip such keys: NULLs are distinct).
bool KeyHasNull(const catalog::IndexInfo& index, const Row& row);

/// PostgreSQL's BuildIndexValueDescription text for the index's columns of `row`: "Key (a, b)=(1, foo)",
/// each value in its type's text output form, NULL as "null", column names quoted when
/// quote_identifier would.
std::string KeyDescription(const catalog::TableInfo& table, const catalog::IndexInfo& index, const Row& row);

/// The same text for arbitrary columns (1-based attnums of `table`): foreign-key errors name the
/// constraint's columns rather than an index's.
std::string KeyDescription(const catalog::TableInfo& table, const std::vector<int16_t>& attnums, const Row& row);

}  // namespace lumadb::exec

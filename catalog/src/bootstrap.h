#pragma once
// Catalog rows and the bootstrap contents of a new cluster and of a new database (PostgreSQL's initdb runs
// the BKI script for the same purpose: src/backend/catalog/genbki.pl, postgres.bki).

#include <optional>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "common/value.h"

namespace lumadb::storage {
class StorageEngine;
}
namespace lumadb::txn {
class Transaction;
}

namespace lumadb::catalog {

/// Rows of the catalog relations, in their bootstrap column order (system_catalogs.h).
Row NamespaceRow(Oid oid, std::string_view name, Oid owner);
Row ClassRow(Oid oid, std::string_view name, Oid namespace_oid, Oid filenode, int16_t natts,
             std::optional<std::string> reloptions);
Row AttributeRow(Oid relid, const ColumnInfo& column);
Row AttrdefRow(Oid oid, Oid relid, int16_t attnum, std::string_view expr);
Row ConstraintRow(Oid oid, Oid relid, Oid namespace_oid, const KeyConstraint& key);
Row DatabaseRow(Oid oid, std::string_view name, Oid owner, bool is_template);
Row AuthidRow(Oid oid, std::string_view name, bool superuser, const std::optional<std::string>& password);

/// conkey's text form, as int2[] prints: "{1,2}".
std::string FormatKey(const std::vector<int16_t>& attnums);
/// Parses FormatKey's output; XX001 if malformed.
std::vector<int16_t> ParseKey(std::string_view text);

/// Creates the shared catalog files under global/ and inserts the bootstrap superuser (OID 10), in txn.
void WriteSharedBootstrap(storage::StorageEngine& storage, txn::Transaction& txn, std::string_view superuser,
                          const std::optional<std::string>& password);

/// Creates base/<db>/ with the per-database catalog files and fills them, in txn: namespaces pg_catalog and
/// public, and pg_class/pg_attribute rows describing every catalog relation (shared ones included, as in
/// PostgreSQL), so that SELECT relname FROM pg_class lists them.
void WriteDatabaseBootstrap(storage::StorageEngine& storage, txn::Transaction& txn, Oid db);

}  // namespace lumadb::catalog

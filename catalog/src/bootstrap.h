#pragma once
// The bootstrap contents of a new cluster and of a new database (PostgreSQL's initdb runs the BKI script for
// the same purpose: src/backend/catalog/genbki.pl, postgres.bki).

#include <optional>
#include <string>
#include <string_view>

#include "common/types.h"

namespace lumadb::storage {
class StorageEngine;
}
namespace lumadb::txn {
class Transaction;
}

namespace lumadb::catalog {

/// Creates the shared catalog files under global/ and inserts the bootstrap superuser (OID 10), in txn.
void WriteSharedBootstrap(storage::StorageEngine& storage, txn::Transaction& txn, std::string_view superuser,
                          const std::optional<std::string>& password);

/// Creates base/<db>/ with the per-database catalog files and fills them, in txn: namespaces pg_catalog and
/// public, the built-in types' pg_type rows, and pg_class/pg_attribute rows describing every catalog relation (shared
/// ones included, as in PostgreSQL), so that SELECT relname FROM pg_class lists them.
void WriteDatabaseBootstrap(storage::StorageEngine& storage, txn::Transaction& txn, Oid db);

}  // namespace lumadb::catalog

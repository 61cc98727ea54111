#pragma once
// Catalog format upgrade for pg_class.reloptions. Data directories written before it became text[] (as in
// PostgreSQL) hold it as text ("{fillfactor=70}"), and a view's options also ended its stored query as a
// comment ("\n/* reloptions {check_option=local} */"). Cluster::OpenDatabase runs this before the first
// snapshot of a database is loaded, so every later reader (the snapshot, SELECT ... FROM pg_class) sees
// one format.

#include "common/types.h"

namespace lumadb::storage {
class StorageEngine;
}
namespace lumadb::txn {
class TransactionManager;
}

namespace lumadb::catalog {

/// Rewrites, in one committed transaction, every pg_class row of database `db` whose reloptions is old
/// text into text[], pg_class's pg_attribute row for reloptions to type text[], and strips the options
/// comment from those views' query text. Does nothing (no transaction) when the catalog is current.
void UpgradeRelOptions(storage::StorageEngine& storage, txn::TransactionManager& transactions, Oid db);

}  // namespace lumadb::catalog

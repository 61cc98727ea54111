#pragma once
// DatabaseCatalog: the Catalog of one database. Reads go through an immutable CatalogSnapshot:
//  - committed_: the committed state, shared by every transaction that has done no DDL here. It is
//    rebuilt by an OnCommit/OnAbort hook of each DDL transaction, which runs while that transaction still
//    holds its exclusive catalog locks, so the heaps then hold exactly the committed state.
//  - private_[txn]: for a transaction that has done DDL, a snapshot that includes its own uncommitted
//    changes, reloaded from the heaps after each of its DDL statements.
// DDL is serialised per database: every DDL X-locks the five catalog relations (ascending OID) until the
// transaction ends, so no other transaction's uncommitted catalog tuples are ever in the heaps a snapshot
// is loaded from (README.md "Concurrency").

#include <atomic>
#include <mutex>
#include <unordered_map>

#include "catalog/catalog.h"
#include "catalog_snapshot.h"
#include "catalog_table.h"
#include "oid_counter.h"
#include "storage/ids.h"

namespace lumadb::storage {
class StorageEngine;
}
namespace lumadb::txn {
class LockManager;
}

namespace lumadb::catalog {

class DatabaseCatalog final : public Catalog {
 public:
  /// Opens the catalog of database `db` (its files must exist). Loads the committed snapshot at once: the
  /// caller guarantees no transaction has uncommitted DDL in a database whose catalog was never opened.
  DatabaseCatalog(storage::StorageEngine& storage, txn::LockManager& locks, OidCounter& oids, Oid db);

  Oid database_oid() const override { return db_; }
  uint64_t version() const override { return version_.load(); }

  std::shared_ptr<const TableInfo> LookupTable(txn::Transaction& txn, std::string_view schema, std::string_view name,
                                               const std::vector<std::string>& search_path) override;
  std::optional<Oid> LookupNamespace(txn::Transaction& txn, std::string_view name) override;
  std::shared_ptr<const TableInfo> CreateTable(txn::Transaction& txn, const TableDef& def,
                                               const std::vector<std::string>& search_path) override;
  void DropTable(txn::Transaction& txn, const TableInfo& table) override;
  void TruncateTable(txn::Transaction& txn, const TableInfo& table) override;
  void CreateSchema(txn::Transaction& txn, std::string_view name) override;
  void DropSchema(txn::Transaction& txn, Oid namespace_oid, bool cascade) override;
  storage::HeapFile& Heap(const TableInfo& table) override;

 private:
  /// The snapshot txn must see (its private one if it has done DDL here, else the committed one).
  std::shared_ptr<const CatalogSnapshot> View(txn::Transaction& txn);
  /// Takes the DDL locks and, the first time for txn, registers the end-of-transaction hooks.
  void BeginDdl(txn::Transaction& txn);
  /// Marks txn's private snapshot stale after a catalog change.
  void Changed(txn::Transaction& txn);
  /// End-of-transaction hook of a DDL transaction: drops its private snapshot, reloads the committed one.
  void EndDdl(storage::TxnId txn) noexcept;

  CatalogTable Table(Oid rel);
  /// The namespace CREATE TABLE puts `def` in (namespace.c RangeVarGetCreationNamespace).
  Oid CreationNamespace(const CatalogSnapshot& snap, const TableDef& def,
                        const std::vector<std::string>& search_path) const;
  /// The table as txn sees it now, after taking an X lock on it; 42501 for catalog relations.
  std::shared_ptr<const TableInfo> LockForDdl(txn::Transaction& txn, const TableInfo& table);
  /// Deletes a table's catalog rows and schedules its file's unlink at commit.
  void DropTableRows(txn::Transaction& txn, const TableInfo& table);
  /// Inserts the pg_class/pg_attribute/pg_attrdef/pg_constraint rows of a new table.
  void InsertTableRows(txn::Transaction& txn, Oid oid, Oid namespace_oid, const TableDef& def,
                       const std::vector<KeyConstraint>& keys);

  storage::StorageEngine& storage_;
  txn::LockManager& locks_;
  OidCounter& oids_;
  const Oid db_;
  std::mutex mutex_;  // guards committed_ and private_
  std::shared_ptr<const CatalogSnapshot> committed_;
  std::unordered_map<storage::TxnId, std::shared_ptr<const CatalogSnapshot>> private_;  // null: stale
  std::atomic<uint64_t> version_{1};
};

}  // namespace lumadb::catalog

#pragma once
// DatabaseCatalog: the Catalog of one database. Reads go through an immutable CatalogSnapshot:
//  - committed_: the committed state, shared by every transaction that has done no DDL here. It is
//    rebuilt by an OnCommit/OnAbort hook of each DDL transaction, which runs while that transaction still
//    holds its exclusive catalog locks, so the heaps then hold exactly the committed state.
//  - private_[txn]: for a transaction that has done DDL, a snapshot that includes its own uncommitted
//    changes, reloaded from the heaps after each of its DDL statements.
// DDL (and ANALYZE, which writes pg_statistic and pg_class) is serialised per database: every DDL X-locks the
// per-database catalog relations (ascending OID) until
// the transaction ends, so no other transaction's uncommitted catalog tuples are ever in the heaps a snapshot
// is loaded from (README.md "Concurrency").

#include <atomic>
#include <mutex>
#include <unordered_map>

#include "catalog/catalog.h"
#include "catalog_snapshot.h"
#include "catalog_table.h"
#include "oid_counter.h"
#include "sequence_counters.h"
#include "storage/ids.h"

namespace lumadb::storage {
class StorageEngine;
}
namespace lumadb::txn {
class LockManager;
class TransactionManager;
}  // namespace lumadb::txn

namespace lumadb::catalog {

/// Creates database db's pg_proc file if a data directory made before it lacks it (catalog_functions.cpp).
void EnsureProcFile(storage::StorageEngine& storage, Oid db);

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
  std::optional<Oid> LookupRelationOid(txn::Transaction& txn, std::string_view schema, std::string_view name,
                                       const std::vector<std::string>& search_path) override;
  std::optional<std::pair<std::string, std::string>> RelationNameByOid(txn::Transaction& txn, Oid oid) override;
  std::optional<std::pair<Oid, std::string>> ConstraintByOid(txn::Transaction& txn, Oid oid) override;
  std::shared_ptr<const TableInfo> CreateTable(txn::Transaction& txn, const TableDef& def,
                                               const std::vector<std::string>& search_path) override;
  void DropTable(txn::Transaction& txn, const TableInfo& table) override;
  void TruncateTable(txn::Transaction& txn, const TableInfo& table) override;
  void CreateSchema(txn::Transaction& txn, std::string_view name, Oid owner) override;
  std::optional<SchemaInfo> SchemaByOid(txn::Transaction& txn, Oid oid) override;
  void SetSchemaAccess(txn::Transaction& txn, Oid oid, Oid owner,
                       const std::optional<std::vector<std::string>>& acl) override;
  void DropSchema(txn::Transaction& txn, Oid namespace_oid, bool cascade) override;
  storage::HeapFile& Heap(const TableInfo& table) override;

  storage::BTree& Index(const IndexInfo& index) override;
  IndexInfo CreateIndex(txn::Transaction& txn, const TableInfo& table, const IndexDef& def) override;
  void DropIndex(txn::Transaction& txn, const IndexInfo& index) override;
  IndexInfo RenewIndexFile(txn::Transaction& txn, const IndexInfo& index) override;
  std::optional<std::pair<std::shared_ptr<const TableInfo>, IndexInfo>> LookupIndex(
      txn::Transaction& txn, std::string_view schema, std::string_view name,
      const std::vector<std::string>& search_path) override;
  std::shared_ptr<const TableInfo> TableByOid(txn::Transaction& txn, Oid oid) override;
  std::shared_ptr<const TableInfo> ReplaceTableDef(txn::Transaction& txn, const TableInfo& old_table,
                                                   const TableInfo& def, bool new_heap_file) override;
  std::shared_ptr<const TableInfo> ReplaceView(txn::Transaction& txn, const TableInfo& old,
                                               const TableDef& def) override;
  SequenceInfo CreateSequence(txn::Transaction& txn, const SequenceDef& def,
                              const std::vector<std::string>& search_path) override;
  SequenceInfo AlterSequence(txn::Transaction& txn, const SequenceInfo& seq, const SequenceDef& def) override;
  void DropSequence(txn::Transaction& txn, const SequenceInfo& seq) override;
  std::optional<SequenceInfo> LookupSequence(txn::Transaction& txn, std::string_view schema, std::string_view name,
                                             const std::vector<std::string>& search_path) override;
  std::optional<SequenceInfo> SequenceByOid(txn::Transaction& txn, Oid oid) override;
  int64_t NextVal(txn::Transaction& txn, const SequenceInfo& seq) override;
  void SetVal(txn::Transaction& txn, const SequenceInfo& seq, int64_t value, bool is_called) override;
  std::pair<int64_t, bool> SequenceState(txn::Transaction& txn, const SequenceInfo& seq) override;
  void StoreStatistics(txn::Transaction& txn, const TableInfo& table, const AnalyzeResult& result) override;
  void SetRelationAccess(txn::Transaction& txn, Oid oid, Oid owner,
                         const std::optional<std::vector<std::string>>& acl) override;
  std::vector<std::shared_ptr<const TableInfo>> ListTables(txn::Transaction& txn, Oid namespace_oid) override;
  /// Drops every pg_temp_* schema with its relations, in a transaction of its own (namespace.c
  /// RemoveTempRelations for the sessions a crash ended). Does nothing when there is none.
  void DropTempSchemas(txn::TransactionManager& transactions);
  void SetColumnAcls(txn::Transaction& txn, Oid oid,
                     const std::map<int16_t, std::optional<std::vector<std::string>>>& acls) override;
  std::vector<std::shared_ptr<const FunctionInfo>> Functions(txn::Transaction& txn) override;
  Oid CreateFunction(txn::Transaction& txn, const FunctionInfo& f) override;
  void ReplaceFunction(txn::Transaction& txn, const FunctionInfo& f) override;
  void DropFunction(txn::Transaction& txn, Oid oid) override;

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
  /// The namespace CREATE TABLE / SEQUENCE puts a relation in (namespace.c RangeVarGetCreationNamespace).
  Oid CreationNamespace(const CatalogSnapshot& snap, const std::string& schema, const std::string& name,
                        const std::vector<std::string>& search_path) const;
  /// The table as txn sees it now, after taking an X lock on it; 42501 for catalog relations.
  std::shared_ptr<const TableInfo> LockForDdl(txn::Transaction& txn, const TableInfo& table);

  // Rows of a table (relation_rows.cpp): a table's catalog rows are written from a complete TableInfo and
  // deleted as a whole, so CREATE TABLE and ALTER TABLE share one path.

  /// Inserts pg_class, pg_attribute, pg_attrdef, pg_constraint (keys, checks, own foreign keys) and the
  /// pg_class + pg_index rows of every index of `t`.
  void InsertRelationRows(txn::Transaction& txn, const TableInfo& t);
  /// Makes each column's identity_sequence that names an existing sequence owned by nobody OWNED BY that
  /// column (a caller may create the sequence before the table).
  void LinkColumnSequences(txn::Transaction& txn, const CatalogSnapshot& snap, const TableInfo& t);
  /// Deletes every row InsertRelationRows wrote for table `oid` (indexes: those in `indexes`).
  void DeleteRelationRows(txn::Transaction& txn, Oid oid, const std::vector<IndexInfo>& indexes);
  /// A new index of table `table_oid`: OID, a new file (unlinked if txn aborts), optionally initialized empty.
  IndexInfo NewIndex(txn::Transaction& txn, Oid table_oid, IndexInfo index, bool initialize);
  /// A new relation file for txn: created now, unlinked if txn aborts.
  storage::FileId NewFile(txn::Transaction& txn);
  /// Unlinks a file when txn commits.
  void DropFileAtCommit(txn::Transaction& txn, storage::FileId file);
  /// Drops a table's rows, its index files and file (at commit) and the sequences it owns; 2BP01 if
  /// another table's foreign key references it and !cascade (with cascade those constraints go too).
  void DropTableRows(txn::Transaction& txn, const CatalogSnapshot& snap, const TableInfo& table, bool cascade);
  /// The name rules shared by CREATE TABLE and ALTER TABLE: generated names, duplicates (42710, 42P07),
  /// key indexes (created for new keys), foreign keys resolved. `t` is the new definition (oid set).
  void PrepareDefinition(txn::Transaction& txn, const CatalogSnapshot& snap, TableInfo& t, const TableInfo* old,
                         bool initialize_new_indexes);

  /// Renumbers the pg_statistic rows of table `oid` by `kept` (old attnum -> new attnum) and deletes those
  /// of attnums not in it (catalog_statistics.cpp; an empty map deletes them all: DROP TABLE).
  void MoveStatistics(txn::Transaction& txn, Oid oid, const std::unordered_map<int16_t, int16_t>& kept);
  /// ALTER TABLE's part: the statistics of each column of `def` that is a column of `old_table` with the
  /// same type follow it to its new position; those of dropped and retyped columns go (RemoveStatistics).
  void CarryStatistics(txn::Transaction& txn, const TableInfo& old_table, const TableInfo& def);

  // Sequences (catalog_sequences.cpp, sequence_state.cpp).

  /// Inserts a sequence's pg_class, pg_attribute, pg_sequence and pg_depend rows.
  void InsertSequenceRows(txn::Transaction& txn, const SequenceInfo& seq);
  /// Deletes them (ALTER SEQUENCE writes them again).
  void DeleteSequenceRows(txn::Transaction& txn, Oid oid);
  /// Deletes them, unlinks the file and forgets the counter at commit.
  void DropSequenceRows(txn::Transaction& txn, const SequenceInfo& seq);

  storage::StorageEngine& storage_;
  txn::LockManager& locks_;
  OidCounter& oids_;
  const Oid db_;
  std::mutex mutex_;  // guards committed_ and private_
  std::shared_ptr<const CatalogSnapshot> committed_;
  std::unordered_map<storage::TxnId, std::shared_ptr<const CatalogSnapshot>> private_;  // null: stale
  std::atomic<uint64_t> version_{1};
  SequenceCounters counters_;
};

}  // namespace lumadb::catalog

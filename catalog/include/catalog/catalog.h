#pragma once
// Catalog: the system catalog of one database, stored in ordinary heap files (catalog relations named and
// numbered as PostgreSQL's: pg_namespace 2615, pg_class 1259, pg_attribute 1249, pg_attrdef 2604,
// pg_constraint 2606), read through an in-memory cache that is rebuilt when a DDL commits or aborts.
// Catalog changes are heap changes of the caller's transaction, so DDL is transactional.
//
// (Contract for the other modules. The catalog module owns the implementation and may add members.)

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.h"
#include "storage/ids.h"

namespace lumadb::storage {
class HeapFile;
}
namespace lumadb::txn {
class Transaction;
}

namespace lumadb::catalog {

/// Well-known namespace OIDs (pg_namespace.dat).
inline constexpr Oid kPgCatalogNamespace = 11;
inline constexpr Oid kPublicNamespace = 2200;
/// First OID handed to user objects (PostgreSQL's FirstNormalObjectId).
inline constexpr Oid kFirstNormalObjectId = 16384;

/// One column, as pg_attribute (+ pg_attrdef for the default).
struct ColumnInfo {
  std::string name;
  TypeDesc type;
  int16_t attnum = 0;  // 1-based
  bool not_null = false;
  std::optional<std::string> default_expr;  // SQL text of the DEFAULT expression, re-parsed by the binder
};

/// A PRIMARY KEY or UNIQUE constraint, as pg_constraint (enforced once indexes exist, issue 4).
struct KeyConstraint {
  std::string name;  // PostgreSQL's generated names: <table>_pkey, <table>_<col>_key
  bool primary = false;
  std::vector<int16_t> attnums;
};

/// A relation, as pg_class plus its columns and constraints. Immutable once published in the cache.
struct TableInfo {
  Oid oid = 0;
  Oid namespace_oid = kPublicNamespace;
  std::string schema;
  std::string name;
  char relkind = 'r';
  std::vector<ColumnInfo> columns;
  std::vector<KeyConstraint> keys;
  int fillfactor = 100;
  storage::FileId file;  // where the heap lives (relfilenode)
};

/// What CREATE TABLE asks for; the catalog assigns OIDs, attnums and the file.
struct TableDef {
  std::string schema;  // empty: the first schema of the search path that exists
  std::string name;
  std::vector<ColumnInfo> columns;
  std::vector<KeyConstraint> keys;  // names may be empty: generated as PostgreSQL does
  int fillfactor = 100;
};

class Catalog {
 public:
  virtual ~Catalog() = default;

  /// The database OID this catalog describes.
  virtual Oid database_oid() const = 0;

  /// A counter bumped whenever a DDL transaction of this database commits or aborts: a plan or
  /// TableInfo obtained under an older version may be stale (prepared statements re-plan). Fakes that never
  /// change may keep the default.
  virtual uint64_t version() const { return 0; }

  /// Finds a table by name: in `schema` if given, else along search_path (pg_catalog implicitly first
  /// unless listed, as PostgreSQL; schemas that do not exist are skipped; "$user" must already be expanded,
  /// see search_path.h). Returns null when absent (the caller throws 42P01 with its position). Takes no
  /// lock: the caller locks the relation, then looks it up again (or compares version()) before using it.
  virtual std::shared_ptr<const TableInfo> LookupTable(txn::Transaction& txn, std::string_view schema,
                                                       std::string_view name,
                                                       const std::vector<std::string>& search_path) = 0;

  /// Finds a namespace OID by name.
  virtual std::optional<Oid> LookupNamespace(txn::Transaction& txn, std::string_view name) = 0;

  /// Creates a table and its heap file. Throws 42P07 "relation \"t\" already exists", 3F000 "no schema has
  /// been selected to create in", 42701 for duplicate column names. Takes an exclusive lock on the new OID.
  virtual std::shared_ptr<const TableInfo> CreateTable(txn::Transaction& txn, const TableDef& def,
                                                       const std::vector<std::string>& search_path) = 0;

  /// Drops a table: catalog rows now, the file when txn commits. Takes an exclusive lock on the table.
  /// 42501 "permission denied: \"pg_class\" is a system catalog" for catalog relations.
  virtual void DropTable(txn::Transaction& txn, const TableInfo& table) = 0;

  /// Empties a table: a new empty file now; the old file is unlinked at commit (or the new one at abort).
  /// Takes an exclusive lock on the table; 42501 for catalog relations.
  virtual void TruncateTable(txn::Transaction& txn, const TableInfo& table) = 0;

  /// CREATE SCHEMA; 42P06 "schema \"s\" already exists", 42939 for names starting with "pg_".
  virtual void CreateSchema(txn::Transaction& txn, std::string_view name) = 0;
  /// DROP SCHEMA; 2BP01 when not empty and !cascade (and always for pg_catalog). CASCADE drops the tables.
  virtual void DropSchema(txn::Transaction& txn, Oid namespace_oid, bool cascade) = 0;

  /// The heap holding a table's tuples.
  virtual storage::HeapFile& Heap(const TableInfo& table) = 0;
};

}  // namespace lumadb::catalog

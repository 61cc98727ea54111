#pragma once
// Catalog: the system catalog of one database, stored in ordinary heap files (catalog relations named and
// numbered as PostgreSQL's: pg_namespace 2615, pg_class 1259, pg_attribute 1249, pg_attrdef 2604,
// pg_constraint 2606, pg_depend 2608, pg_index 2610, pg_sequence 2224, pg_statistic 2619), read through an
// in-memory cache that is rebuilt when a DDL (or ANALYZE) commits or aborts.
// Catalog changes are heap changes of the caller's transaction, so DDL is transactional.
//
// (Contract for the other modules. The catalog module owns the implementation and may add members.)

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/statistics.h"
#include "common/types.h"
#include "storage/ids.h"

namespace lumadb::storage {
class BTree;
class HeapFile;
}  // namespace lumadb::storage
namespace lumadb::txn {
class Transaction;
}

namespace lumadb::catalog {

/// Well-known namespace OIDs (pg_namespace.dat).
inline constexpr Oid kPgCatalogNamespace = 11;
inline constexpr Oid kPublicNamespace = 2200;
/// First OID handed to user objects (PostgreSQL's FirstNormalObjectId).
inline constexpr Oid kFirstNormalObjectId = 16384;

/// A schema, as pg_namespace.
struct SchemaInfo {
  Oid oid = 0;
  std::string name;
  Oid owner = 10;
  std::optional<std::vector<std::string>> acl = std::nullopt;  // nspacl (catalog/acl.h); nullopt: the default
};

/// One column, as pg_attribute (+ pg_attrdef for the default).
struct ColumnInfo {
  std::string name;
  TypeDesc type;
  int16_t attnum = 0;  // 1-based, dense: the column's position in the row (ALTER TABLE renumbers)
  bool not_null = false;
  std::optional<std::string> default_expr;  // SQL text of the DEFAULT expression, re-parsed by the binder
                                            // (serial: "nextval('t_id_seq'::regclass)")
  char identity = 0;                        // pg_attribute.attidentity: 0 none, 'a' GENERATED ALWAYS, 'd' BY DEFAULT
  Oid identity_sequence = 0;                // the sequence an identity column (or a serial's default) draws from
  std::optional<std::vector<std::string>> acl =
      std::nullopt;  // pg_attribute.attacl (catalog/acl.h text items); nullopt: none
};

/// A PRIMARY KEY or UNIQUE constraint, as pg_constraint, enforced by the unique index of the same name.
struct KeyConstraint {
  std::string name;  // PostgreSQL's generated names: <table>_pkey, <table>_<col>_key
  bool primary = false;
  std::vector<int16_t> attnums;
  Oid index_oid = 0;  // pg_constraint.conindid (0 in a TableDef: the catalog creates the index)
};

/// One key column of an index (pg_index.indkey + indoption).
struct IndexColumn {
  int16_t attnum = 0;
  bool descending = false;
  bool nulls_first = false;  // resolved: SQL's default is NULLS LAST for ASC, FIRST for DESC
};

/// A B+tree index, as pg_class (relkind 'i') plus pg_index. Immutable once published.
struct IndexInfo {
  Oid oid = 0;
  std::string name;
  Oid table_oid = 0;
  bool unique = false;
  bool primary = false;
  std::vector<IndexColumn> columns;
  storage::FileId file;  // relfilenode; REINDEX gives a new one
};

/// A CHECK constraint (pg_constraint contype 'c'); expr is SQL text over the table's columns, as written
/// after "CHECK", re-parsed by the binder (PostgreSQL stores conbin; pg_get_constraintdef shows the text).
struct CheckConstraint {
  std::string name;  // generated: <table>_<col>_check, or <table>_check for table constraints
  std::string expr;
  bool not_valid = false;
};

/// ON DELETE / ON UPDATE actions (pg_constraint.confdeltype letters).
enum class FkAction : char {
  kNoAction = 'a',
  kRestrict = 'r',
  kCascade = 'c',
  kSetNull = 'n',
  kSetDefault = 'd',
};

/// A FOREIGN KEY constraint (contype 'f'): table.attnums references ref_table.ref_attnums, which a
/// unique index or primary key of ref_table (ref_index) covers. Listed in both tables' TableInfo.
struct ForeignKey {
  std::string name;  // generated: <table>_<col>_fkey
  Oid table_oid = 0;
  std::vector<int16_t> attnums;
  Oid ref_table_oid = 0;
  std::vector<int16_t> ref_attnums;
  Oid ref_index_oid = 0;
  FkAction on_delete = FkAction::kNoAction;
  FkAction on_update = FkAction::kNoAction;
};

/// A sequence (pg_class relkind 'S' plus pg_sequence). The current value lives in the sequence's own
/// relation file, not here (see Catalog::NextVal).
struct SequenceInfo {
  Oid oid = 0;
  Oid namespace_oid = kPublicNamespace;
  std::string schema;
  std::string name;
  TypeId type = TypeId::kInt8;  // seqtypid: int2, int4 or int8
  int64_t start = 1;
  int64_t increment = 1;
  int64_t min_value = 1;
  int64_t max_value = INT64_MAX;
  int64_t cache = 1;
  bool cycle = false;
  Oid owned_by_table = 0;  // OWNED BY t.c (serial, identity): dropped with the table
  int16_t owned_by_attnum = 0;
  storage::FileId file;
  Oid owner = 10;  // relowner
  std::optional<std::vector<std::string>> acl =
      std::nullopt;  // relacl (catalog/acl.h text items); nullopt: the default
};

/// A relation, as pg_class plus its columns, constraints and indexes. Immutable once published.
struct TableInfo {
  Oid oid = 0;
  Oid namespace_oid = kPublicNamespace;
  std::string schema;
  std::string name;
  char relkind = 'r';
  std::vector<ColumnInfo> columns;
  std::vector<KeyConstraint> keys;  // primary key first
  std::vector<IndexInfo> indexes;   // every index of the table (those of keys included), by name
  std::vector<CheckConstraint> checks;
  std::vector<ForeignKey> foreign_keys;   // this table's own FKs (it is the referencing side)
  std::vector<ForeignKey> referenced_by;  // FKs of any table (this one too) that reference this table
  int fillfactor = 100;
  storage::FileId file;  // where the heap lives (relfilenode)
  /// pg_class.reltuples and relpages as the last ANALYZE (or TRUNCATE) left them: -1 tuples means never
  /// analyzed (PostgreSQL 15), and then relpages is 0.
  double reltuples = -1;
  int32_t relpages = 0;
  /// The table's pg_statistic rows, parsed; null when it has none.
  std::shared_ptr<const TableStatistics> statistics;
  Oid owner = 10;  // relowner
  std::optional<std::vector<std::string>> acl =
      std::nullopt;  // relacl (catalog/acl.h text items); nullopt: the default
  /// A view (relkind 'v') or materialized view ('m'): its defining query's SQL text, re-parsed and bound
  /// where the view is used (stored as the pg_attrdef row of attnum 0), and the relations it reads
  /// (pg_depend deptype 'n' rows), which cannot be dropped without CASCADE.
  std::string view_query;
  std::vector<Oid> view_uses;
  /// pg_class.reloptions items other than fillfactor, as PostgreSQL stores them ("check_option=local"):
  /// a view's check_option, security_barrier and security_invoker, in the order they were given.
  std::vector<std::string> reloptions;
};

/// What CREATE TABLE asks for; the catalog assigns OIDs, attnums and the file, generates missing
/// constraint names as PostgreSQL does, and creates the indexes of keys (empty: the table is new).
struct TableDef {
  std::string schema;  // empty: the first schema of the search path that exists
  std::string name;
  std::vector<ColumnInfo> columns;
  std::vector<KeyConstraint> keys;       // names may be empty: generated as PostgreSQL does
  std::vector<CheckConstraint> checks;   // names may be empty
  std::vector<ForeignKey> foreign_keys;  // names may be empty; table_oid is filled in
  int fillfactor = 100;
  Oid owner = 10;      // the creating role
  char relkind = 'r';  // 'v': a view (no file; view_query required), 'm': a materialized view
  std::string view_query;
  std::vector<Oid> view_uses;
  std::vector<std::string> reloptions;  // as TableInfo::reloptions
};

/// What CREATE INDEX asks for.
struct IndexDef {
  std::string name;  // empty: generated as PostgreSQL's ChooseIndexName (<table>_<col>_idx)
  bool unique = false;
  bool primary = false;
  std::vector<IndexColumn> columns;
};

/// What CREATE SEQUENCE / ALTER SEQUENCE ask for; unset fields take PostgreSQL's defaults for the type
/// (or keep their value in ALTER).
struct SequenceDef {
  std::string schema;
  std::string name;
  std::optional<TypeId> type;
  std::optional<int64_t> start, increment, min_value, max_value, cache, restart;
  std::optional<bool> cycle;
  Oid owned_by_table = 0;
  int16_t owned_by_attnum = 0;
  bool owned_by_none = false;  // OWNED BY NONE: AlterSequence forgets the owning column
  Oid owner = 10;              // CREATE SEQUENCE: the creating role (ALTER keeps the owner)
};

/// A user-defined function, as its pg_proc row (PostgreSQL 15's pg_proc.h). Argument lists keep
/// PostgreSQL's two views: arg_types are the input arguments (pronargs, proargtypes), all_arg_types with
/// arg_modes every parameter ('i' IN, 'o' OUT, 'b' INOUT, 'v' VARIADIC, 't' TABLE column), set only when
/// some parameter is not IN, as PostgreSQL leaves proallargtypes NULL otherwise.
struct FunctionInfo {
  Oid oid = 0;
  Oid namespace_oid = kPublicNamespace;
  std::string schema;
  std::string name;
  Oid owner = 10;
  Oid language = 14;  // pg_language: 12 internal, 13 c, 14 sql
  float cost = 100;
  float rows = 0;  // 1000 for a set-returning function unless given
  Oid variadic = 0;
  char kind = 'f';  // 'f' function, 'p' procedure
  bool security_definer = false;
  bool leakproof = false;
  bool strict = false;
  bool returns_set = false;
  char volatility = 'v';  // 'i' immutable, 's' stable, 'v' volatile
  char parallel = 'u';    // 's' safe, 'r' restricted, 'u' unsafe
  TypeId return_type = TypeId::kVoid;
  std::vector<TypeId> arg_types;
  std::vector<TypeId> all_arg_types;
  std::string arg_modes;
  std::vector<std::string> arg_names;     // empty, or one per parameter (all_arg_types' order; "" unnamed)
  std::vector<std::string> arg_defaults;  // SQL text of the defaults of the last input arguments
  std::string src;                        // prosrc: the body text (AS '...'), "" for a SQL-standard body
  std::string sql_body;                   // prosqlbody: RETURN expr / BEGIN ATOMIC ... END as written
  std::vector<std::string> config;        // proconfig: "name=value"
  std::optional<std::vector<std::string>> acl = std::nullopt;  // proacl (catalog/acl.h text items)
  /// RETURNS SETOF t / t of a table t: its OID (pg_type row types do not exist yet; prorettype is 0 then).
  Oid return_relation = 0;
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
  /// 42501 "permission denied: \"pg_class\" is a system catalog" for catalog relations. Also drops its
  /// indexes, its constraints and the sequences it owns (serial, identity). Foreign keys of other tables
  /// that reference it must be gone first (exec's DROP ... CASCADE removes them with ReplaceTableDef;
  /// without CASCADE exec raises 2BP01), else 2BP01.
  virtual void DropTable(txn::Transaction& txn, const TableInfo& table) = 0;

  /// Empties a table: a new empty file now; the old file is unlinked at commit (or the new one at abort).
  /// Takes an exclusive lock on the table; 42501 for catalog relations. Its indexes get new empty
  /// (initialized) files too.
  virtual void TruncateTable(txn::Transaction& txn, const TableInfo& table) = 0;

  /// CREATE SCHEMA; 42P06 "schema \"s\" already exists", 42939 for names starting with "pg_".
  /// owner: nspowner (default: the bootstrap superuser).
  virtual void CreateSchema(txn::Transaction& txn, std::string_view name, Oid owner = 10) = 0;
  /// A schema by OID, or nullopt.
  virtual std::optional<SchemaInfo> SchemaByOid(txn::Transaction& txn, Oid oid) = 0;
  /// GRANT/REVOKE ON SCHEMA and ALTER SCHEMA ... OWNER TO: sets nspowner and nspacl.
  virtual void SetSchemaAccess(txn::Transaction& txn, Oid oid, Oid owner,
                               const std::optional<std::vector<std::string>>& acl) = 0;
  /// DROP SCHEMA; 2BP01 when not empty and !cascade (and always for pg_catalog). CASCADE drops the tables.
  virtual void DropSchema(txn::Transaction& txn, Oid namespace_oid, bool cascade) = 0;

  /// The heap holding a table's tuples.
  virtual storage::HeapFile& Heap(const TableInfo& table) = 0;

  // --- Indexes (issue 4) --------------------------------------------------------------------------------

  /// The B+tree of an index.
  virtual storage::BTree& Index(const IndexInfo& index) = 0;

  /// Creates an index's catalog rows (pg_class relkind 'i', pg_index) and its empty file; the caller
  /// fills it (BTree::BulkLoad, or Initialize for an empty table). 42P07 if the name is taken in the
  /// table's schema. Returns the index as now published in Table(table.oid).
  virtual IndexInfo CreateIndex(txn::Transaction& txn, const TableInfo& table, const IndexDef& def) = 0;
  /// Drops an index (file unlinked at commit). 2BP01 "cannot drop index t_pkey because constraint t_pkey
  /// on table t requires it" when a key constraint uses it (drop the constraint instead).
  virtual void DropIndex(txn::Transaction& txn, const IndexInfo& index) = 0;
  /// REINDEX: gives the index a new empty file (the old one is unlinked at commit); the caller fills it.
  virtual IndexInfo RenewIndexFile(txn::Transaction& txn, const IndexInfo& index) = 0;
  /// Finds an index by name along the search path (as LookupTable); with its table.
  virtual std::optional<std::pair<std::shared_ptr<const TableInfo>, IndexInfo>> LookupIndex(
      txn::Transaction& txn, std::string_view schema, std::string_view name,
      const std::vector<std::string>& search_path) = 0;
  /// The current TableInfo of a table by OID (after DDL changed it), or null.
  virtual std::shared_ptr<const TableInfo> TableByOid(txn::Transaction& txn, Oid oid) = 0;

  /// regclass input: the OID of the relation of any kind (table, index, sequence) `name`, looked up as
  /// LookupTable does; nullopt when absent. The default finds tables and sequences only (test fakes).
  virtual std::optional<Oid> LookupRelationOid(txn::Transaction& txn, std::string_view schema, std::string_view name,
                                               const std::vector<std::string>& search_path) {
    auto table = LookupTable(txn, schema, name, search_path);
    return table ? std::optional<Oid>(table->oid) : std::nullopt;
  }
  /// regclass output: the (schema, name) of the relation of any kind with this OID, or nullopt.
  virtual std::optional<std::pair<std::string, std::string>> RelationNameByOid(txn::Transaction& txn, Oid oid) {
    auto table = TableByOid(txn, oid);
    return table ? std::optional(std::make_pair(table->schema, table->name)) : std::nullopt;
  }

  /// pg_get_constraintdef: the (conrelid, conname) of the constraint with this OID, or nullopt. The
  /// default knows none (test fakes).
  virtual std::optional<std::pair<Oid, std::string>> ConstraintByOid(txn::Transaction&, Oid) { return std::nullopt; }

  /// CREATE OR REPLACE VIEW: gives view `old` (same OID, owner and privileges) def's columns, query and
  /// dependencies. The caller checks PostgreSQL's column rules (42P16).
  virtual std::shared_ptr<const TableInfo> ReplaceView(txn::Transaction& txn, const TableInfo& old,
                                                       const TableDef& def) = 0;

  // --- ALTER TABLE (issue 4) ----------------------------------------------------------------------------

  /// Replaces a table's definition with `def` (same OID): name, columns (attnums renumbered densely in the
  /// given order), keys, checks, foreign keys and indexes (def.indexes: entries with oid 0 are created
  /// with empty files, indexes missing from def are dropped, index columns use def's attnums). Every attnum
  /// in def's keys, indexes and foreign keys is a position in def.columns (1-based); def.columns[i].attnum
  /// is that column's attnum in old_table (0 for a new column): other tables' foreign keys referencing
  /// this table and OWNED BY sequences follow it (a sequence owned by a dropped column loses its owner:
  /// the caller drops it; 2BP01 if another table's FK needs a dropped column or index). A key with index_oid 0 gets a
  /// new unique index named after it (empty file); a key that disappears takes its index along; an index and its key
  /// constraint keep one name (renaming either renames both). def.referenced_by is ignored. With
  /// new_heap_file the table gets a new empty heap file (the old one is unlinked at commit) that the
  /// caller fills (a rewrite); the caller rebuilds indexes whose data changed (RenewIndexFile). Checks
  /// names as CreateTable (42P07, 42701, 42710 for a duplicate constraint name). Returns the new TableInfo.
  virtual std::shared_ptr<const TableInfo> ReplaceTableDef(txn::Transaction& txn, const TableInfo& old_table,
                                                           const TableInfo& def, bool new_heap_file) = 0;

  // --- Sequences (issue 4) ------------------------------------------------------------------------------

  /// CREATE SEQUENCE: 42P07, 22023 for inconsistent bounds (PostgreSQL's messages: "START value (0)
  /// cannot be less than MINVALUE (1)"). Also used for serial and identity columns: with owned_by_table
  /// set and an empty name, the name is generated (<table>_<column>_seq, then 1, 2... suffixes) in the
  /// table's schema; the owning column's ColumnInfo::identity_sequence then shows the sequence's OID.
  virtual SequenceInfo CreateSequence(txn::Transaction& txn, const SequenceDef& def,
                                      const std::vector<std::string>& search_path) = 0;
  /// ALTER SEQUENCE (fields set in def change; a non-empty def.name different from the current one renames
  /// it; restart sets the next value, effective at once and not rolled back). 22023 as CreateSequence,
  /// "RESTART value (N) cannot be greater than MAXVALUE (M)" when the current value leaves the new bounds.
  virtual SequenceInfo AlterSequence(txn::Transaction& txn, const SequenceInfo& seq, const SequenceDef& def) = 0;
  /// DROP SEQUENCE: rows now, the file at commit.
  virtual void DropSequence(txn::Transaction& txn, const SequenceInfo& seq) = 0;
  /// Finds a sequence by name along the search path (as LookupTable), or nullopt.
  virtual std::optional<SequenceInfo> LookupSequence(txn::Transaction& txn, std::string_view schema,
                                                     std::string_view name,
                                                     const std::vector<std::string>& search_path) = 0;
  /// The sequence with this OID as txn sees it, or nullopt.
  virtual std::optional<SequenceInfo> SequenceByOid(txn::Transaction& txn, Oid oid) = 0;
  /// nextval: the next value, never handed out twice, even across crashes, and not rolled back with
  /// the transaction (PostgreSQL logs 32 values ahead and so may skip up to 32 after a crash). 2200H
  /// "nextval: reached maximum value of sequence \"s\" (N)" without CYCLE.
  virtual int64_t NextVal(txn::Transaction& txn, const SequenceInfo& seq) = 0;
  /// setval(seq, value, is_called): 22003 "setval: value N is out of bounds for sequence \"s\" (1..M)".
  virtual void SetVal(txn::Transaction& txn, const SequenceInfo& seq, int64_t value, bool is_called) = 0;
  /// The sequence's stored state (last_value, is_called), as SELECT * FROM seq shows it.
  virtual std::pair<int64_t, bool> SequenceState(txn::Transaction& txn, const SequenceInfo& seq) = 0;

  // --- Statistics (issue 4) -----------------------------------------------------------------------------

  /// Stores ANALYZE's result (PostgreSQL's update_attstats and vac_update_relstats): replaces the
  /// pg_statistic rows of the analyzed columns and sets pg_class.reltuples/relpages, in txn (a rollback
  /// keeps the old rows). Takes the catalog's DDL locks like any catalog change; the caller holds a lock
  /// on the table that keeps writers out while it samples. 42501 for pg_statistic itself.
  /// Sets pg_class.relowner and relacl of relation `oid` (a table, view or sequence; its indexes follow
  /// the owner) in txn, as GRANT/REVOKE and ALTER ... OWNER TO do. 42P01 if it is gone.
  virtual void SetRelationAccess(txn::Transaction& txn, Oid oid, Oid owner,
                                 const std::optional<std::vector<std::string>>& acl) = 0;
  /// Sets pg_attribute.attacl of the given columns (attnum -> ACL, nullopt: NULL) of relation `oid`:
  /// GRANT/REVOKE with column lists. 42P01 if the relation is gone.
  virtual void SetColumnAcls(txn::Transaction& txn, Oid oid,
                             const std::map<int16_t, std::optional<std::vector<std::string>>>& acls) = 0;
  /// Every table and sequence of namespace `namespace_oid` (0: of every namespace), in name order per
  /// namespace (GRANT ... ON ALL TABLES IN SCHEMA, DROP ROLE's dependency check). Fakes may keep the default.
  virtual std::vector<std::shared_ptr<const TableInfo>> ListTables(txn::Transaction&, Oid /*namespace_oid*/) {
    return {};
  }

  virtual void StoreStatistics(txn::Transaction& txn, const TableInfo& table, const AnalyzeResult& result) = 0;

  // --- Functions (catalog_functions.cpp) ----------------------------------------------------------------

  /// Every user-defined function as txn sees it (pg_proc rows), in OID order. Fakes may keep the default.
  virtual std::vector<std::shared_ptr<const FunctionInfo>> Functions(txn::Transaction&) { return {}; }
  /// CREATE FUNCTION: inserts f's pg_proc row (a new OID is assigned; namespace_oid must be set) under the
  /// DDL locks. Returns the OID. The caller checks names and signatures (42723). 0A000 in fakes.
  virtual Oid CreateFunction(txn::Transaction& txn, const FunctionInfo& f);
  /// CREATE OR REPLACE / ALTER FUNCTION: rewrites the pg_proc row of f.oid. 0A000 in fakes.
  virtual void ReplaceFunction(txn::Transaction& txn, const FunctionInfo& f);
  /// DROP FUNCTION: deletes the pg_proc row of `oid`. 0A000 in fakes.
  virtual void DropFunction(txn::Transaction& txn, Oid oid);
};

}  // namespace lumadb::catalog

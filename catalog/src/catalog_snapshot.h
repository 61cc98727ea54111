#pragma once
// CatalogSnapshot: an immutable, decoded image of one database's catalog relations: namespaces, tables with
// their columns, defaults, constraints and indexes, and sequences. The shared one shows committed state
// only; a transaction that has done DDL reads a private one that also shows its own uncommitted changes
// (database_catalog.h explains when each is built).
//
// Relation names (tables, sequences, indexes) share one namespace per schema, as pg_class's unique index
// on (relname, relnamespace) makes them in PostgreSQL.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "catalog/catalog.h"

namespace lumadb::storage {
class StorageEngine;
}

namespace lumadb::catalog {

/// One pg_namespace row.
struct NamespaceEntry {
  Oid oid = 0;
  std::string name;
  Oid owner = 0;
  std::optional<std::vector<std::string>> acl = std::nullopt;  // nspacl
};

class CatalogSnapshot {
 public:
  /// Reads the catalog heaps of database `db` as they are now (every tuple present, committed or not: the
  /// caller guarantees no other transaction has uncommitted catalog changes). XX001 on a malformed tuple.
  static std::shared_ptr<const CatalogSnapshot> Load(storage::StorageEngine& storage, Oid db);

  const NamespaceEntry* FindNamespace(std::string_view name) const;
  const std::vector<NamespaceEntry>& namespaces() const { return namespaces_; }
  const NamespaceEntry* FindNamespace(Oid oid) const;
  /// The table or sequence (relkind 'r' or 'S') `name` in namespace `namespace_oid`, or null.
  std::shared_ptr<const TableInfo> FindTable(Oid namespace_oid, std::string_view name) const;
  /// The table or sequence with this OID, or null.
  std::shared_ptr<const TableInfo> FindTable(Oid oid) const;
  /// Every table and sequence of a namespace, in name order.
  std::vector<std::shared_ptr<const TableInfo>> TablesIn(Oid namespace_oid) const;
  /// The index `name` of namespace `namespace_oid` with its table, or nullopt.
  std::optional<std::pair<std::shared_ptr<const TableInfo>, IndexInfo>> FindIndex(Oid namespace_oid,
                                                                                  std::string_view name) const;
  /// The sequence with this OID / name, or nullopt.
  std::optional<SequenceInfo> FindSequence(Oid oid) const;
  std::optional<SequenceInfo> FindSequence(Oid namespace_oid, std::string_view name) const;
  /// Sequences owned by a table's columns (OWNED BY: serial, identity).
  std::vector<SequenceInfo> SequencesOwnedBy(Oid table_oid) const;
  /// The OID of the relation of any kind (table, index, sequence) `name` in the namespace, or nullopt.
  std::optional<Oid> FindRelationOid(Oid namespace_oid, std::string_view name) const;
  /// The (namespace OID, name) of the relation of any kind with this OID, or nullopt.
  std::optional<std::pair<Oid, std::string>> RelationName(Oid oid) const;
  /// True if a relation of any kind (table, index, sequence) has this name in the namespace.
  bool HasRelation(Oid namespace_oid, std::string_view name) const;
  /// True if a constraint of this name exists in the namespace (constraint names are chosen to be unique).
  bool HasConstraint(Oid namespace_oid, std::string_view name) const;
  /// The (conrelid, conname) of the pg_constraint row with this OID, or nullopt.
  std::optional<std::pair<Oid, std::string>> ConstraintByOid(Oid oid) const;
  /// The user-defined functions (pg_proc rows), in OID order, their schema names filled in.
  const std::vector<std::shared_ptr<const FunctionInfo>>& functions() const { return functions_; }

 private:
  struct Builder;

  std::vector<NamespaceEntry> namespaces_;
  std::map<std::pair<Oid, std::string>, Oid> relation_names_;             // every relation of pg_class
  std::unordered_map<Oid, std::pair<Oid, std::string>> relation_by_oid_;  // the inverse of relation_names_
  std::unordered_map<Oid, std::shared_ptr<const TableInfo>> by_oid_;      // tables and sequences
  std::unordered_map<Oid, Oid> index_table_;                              // index OID -> its table's OID
  std::unordered_map<Oid, SequenceInfo> sequences_;
  std::set<std::pair<Oid, std::string>> constraint_names_;
  std::unordered_map<Oid, std::pair<Oid, std::string>> constraint_by_oid_;  // OID -> (conrelid, conname)
  std::vector<std::shared_ptr<const FunctionInfo>> functions_;
};

}  // namespace lumadb::catalog

#pragma once
// CatalogSnapshot: an immutable, decoded image of one database's catalog relations (namespaces, tables with
// their columns, defaults and keys). The shared one shows committed state only; a transaction that has done
// DDL reads a private one that also shows its own uncommitted changes (database_catalog.h explains when
// each is built).

#include <map>
#include <memory>
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
};

class CatalogSnapshot {
 public:
  /// Reads the catalog heaps of database `db` as they are now (every tuple present, committed or not: the
  /// caller guarantees no other transaction has uncommitted catalog changes). XX001 on a malformed tuple.
  static std::shared_ptr<const CatalogSnapshot> Load(storage::StorageEngine& storage, Oid db);

  const NamespaceEntry* FindNamespace(std::string_view name) const;
  const NamespaceEntry* FindNamespace(Oid oid) const;
  /// The relation `name` in namespace `namespace_oid`, or null.
  std::shared_ptr<const TableInfo> FindTable(Oid namespace_oid, std::string_view name) const;
  /// The relation with this OID, or null.
  std::shared_ptr<const TableInfo> FindTable(Oid oid) const;
  /// Every relation of a namespace, in name order.
  std::vector<std::shared_ptr<const TableInfo>> TablesIn(Oid namespace_oid) const;
  /// True if a constraint of this name exists in the namespace (constraint names are chosen to be unique).
  bool HasConstraint(Oid namespace_oid, std::string_view name) const;

 private:
  std::vector<NamespaceEntry> namespaces_;
  std::map<std::pair<Oid, std::string>, std::shared_ptr<const TableInfo>> by_name_;
  std::unordered_map<Oid, std::shared_ptr<const TableInfo>> by_oid_;
  std::set<std::pair<Oid, std::string>> constraint_names_;
};

}  // namespace lumadb::catalog

#pragma once
// CatalogRegNames: the catalog lookups behind regclass and regtype input and output (common/reg_names.h)
// for one session, following PostgreSQL 15 regproc.c (regclassin/out, regtypein/out) and namespace.c.

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/reg_names.h"

namespace lumadb::planner {

/// Resolves relation and type names for the thread's regclass/regtype I/O. The session points it at its
/// current transaction and search path before each statement (Use) and installs it with
/// SetRegNameResolver; without a transaction it resolves nothing (OIDs print as numbers).
class CatalogRegNames : public RegNameResolver {
 public:
  explicit CatalogRegNames(catalog::Catalog& catalog) : catalog_(catalog) {}

  /// Looks names up in `txn` (may be null: nothing resolves) from now on. Cheap: called per statement.
  void SetTransaction(txn::Transaction* txn) { txn_ = txn; }
  /// Looks names up along `search_path` ("$user" already expanded) of database `database` (the catalog
  /// part a three-part name may give) from now on.
  void SetSearchPath(std::vector<std::string> search_path, std::string database);

  /// regclassin (stringToQualifiedNameList + RangeVarGetRelid): throws 42602 "invalid name syntax",
  /// 0A000 for a cross-database reference, 42601 for more than three names, 3F000 when a given schema does
  /// not exist, 42P01 `relation "x" does not exist`.
  Oid RelationOid(std::string_view name) override;
  /// regclassout: the name, qualified by its schema when the search path finds another relation first.
  std::optional<std::string> RelationName(Oid oid) override;
  /// regtypein (parseTypeString): any SQL type name, or a pg_type typname such as "_int4"; throws 42601 for
  /// a name that does not parse, 42704 `type "x" does not exist`.
  TypeId TypeByName(std::string_view name) override;

 private:
  txn::Transaction& Txn() const;

  catalog::Catalog& catalog_;
  txn::Transaction* txn_ = nullptr;
  std::vector<std::string> search_path_;
  std::string database_;
};

/// Splits a possibly qualified name as stringToQualifiedNameList does: identifiers separated by dots,
/// unquoted ones lower-cased, "quoted" ones kept (doubled quotes unescaped), whitespace around each
/// ignored. Throws 42602 "invalid name syntax" for an empty part or stray characters.
std::vector<std::string> SplitQualifiedName(std::string_view text);

}  // namespace lumadb::planner

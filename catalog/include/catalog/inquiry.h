#pragma once
// The system information functions that read the catalog (PostgreSQL 15's namespace.c *_is_visible,
// ruleutils.c pg_get_indexdef / pg_get_constraintdef / pg_get_viewdef, acl.c pg_get_userbyid), over one
// transaction's view of the catalog. The planner's built-in functions of the same names call these; exec
// gives each statement one (FunctionEnv::inquiry).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "catalog/cluster.h"

namespace lumadb::catalog {

class CatalogInquiry {
 public:
  /// search_path: the effective path ("$user" expanded, the session's pg_temp_N schema listed), computed
  /// on first use.
  CatalogInquiry(Cluster& cluster, Catalog& catalog, txn::Transaction& txn,
                 std::function<std::vector<std::string>()> search_path);

  /// pg_table_is_visible (RelationIsVisible): the relation's unqualified name finds it along the search
  /// path. nullopt (SQL NULL) for an OID no relation has.
  std::optional<bool> TableIsVisible(Oid oid);

  /// pg_get_userbyid: the role's name, or "unknown (OID=n)" as PostgreSQL prints a dropped role.
  std::string UserById(Oid oid);

  /// pg_get_indexdef(index, column, pretty): "CREATE [UNIQUE] INDEX name ON [schema.]table USING btree
  /// (a, b DESC)"; with column > 0 only that key column's name. The table is schema-qualified unless
  /// pretty and visible (ruleutils.c generate_relation_name). nullopt for an OID no index has.
  std::optional<std::string> IndexDef(Oid oid, int column, bool pretty);

  /// pg_get_constraintdef(constraint, pretty): "PRIMARY KEY (a)", "UNIQUE (a, b)", "CHECK (expr)",
  /// "FOREIGN KEY (a) REFERENCES t(b) ON DELETE CASCADE". nullopt for an OID no constraint has.
  std::optional<std::string> ConstraintDef(Oid oid);

  /// pg_get_viewdef(view): the view's query text, as " query;" like PostgreSQL prints it. nullopt for an
  /// OID that is no view.
  std::optional<std::string> ViewDef(Oid oid);

  /// pg_relation_is_publishable: an ordinary table outside pg_catalog and the temporary schemas. nullopt
  /// for an OID no relation has.
  std::optional<bool> RelationIsPublishable(Oid oid);

 private:
  /// The relation's name as ruleutils.c generate_relation_name shows it: qualified when the search path
  /// would not find it.
  std::string RelationName(const TableInfo& table);
  const std::vector<std::string>& SearchPath();

  Cluster& cluster_;
  Catalog& catalog_;
  txn::Transaction& txn_;
  std::function<std::vector<std::string>()> compute_path_;
  std::optional<std::vector<std::string>> path_;
};

}  // namespace lumadb::catalog

#pragma once
// Catalog tuples: building the Row of each catalog relation from the catalog's structs, and reading the
// structs back (the snapshot loader). Column orders are system_catalogs.h's (PostgreSQL's order, a subset
// of its columns). Array-typed PostgreSQL columns are stored as their text output: conkey/confkey as int2[]
// prints ("{1,2}"), indkey/indoption as int2vector prints ("1 2").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/cluster.h"
#include "common/value.h"

namespace lumadb::catalog {

/// The pg_class fields LumaDB keeps.
struct ClassFields {
  Oid oid = 0;
  std::string_view name;
  Oid namespace_oid = 0;
  Oid filenode = 0;
  int32_t relpages = 0;
  double reltuples = -1;  // -1: never analyzed (PostgreSQL 15)
  bool has_index = false;
  char relkind = 'r';
  int16_t natts = 0;
  int16_t checks = 0;
  std::optional<std::vector<std::string>> reloptions;          // text[] items ("fillfactor=70"); nullopt: NULL
  Oid owner = 10;                                              // relowner (kBootstrapSuperuserId)
  std::optional<std::vector<std::string>> acl = std::nullopt;  // relacl; nullopt: NULL (the default)
};

Row NamespaceRow(Oid oid, std::string_view name, Oid owner);
Row ClassRow(const ClassFields& c);
Row AttributeRow(Oid relid, const ColumnInfo& column);
Row AttrdefRow(Oid oid, Oid relid, int16_t attnum, std::string_view expr);
/// pg_constraint rows of a PRIMARY KEY / UNIQUE ('p'/'u', conindid), CHECK ('c', conbin = SQL text) and
/// FOREIGN KEY ('f': confrelid, confkey, confupdtype, confdeltype, conindid = the referenced unique index).
Row KeyConstraintRow(Oid oid, Oid relid, Oid namespace_oid, const KeyConstraint& key);
Row CheckConstraintRow(Oid oid, Oid relid, Oid namespace_oid, const CheckConstraint& check,
                       const std::vector<int16_t>& attnums);
Row ForeignKeyRow(Oid oid, Oid namespace_oid, const ForeignKey& fk);
Row IndexRow(const IndexInfo& index);
Row SequenceRow(const SequenceInfo& seq);
/// pg_depend: relation objid depends on column refobjsubid of relation refobjid (both classid pg_class).
Row DependRow(Oid objid, Oid refobjid, int32_t refobjsubid, char deptype);
Row DatabaseRow(Oid oid, std::string_view name, Oid owner, bool is_template);
Row AuthidRow(const RoleInfo& role);
Row AuthMembersRow(const AuthMember& m);
/// The pg_roles row of a role (its password masked).
Row RolesRow(const RoleInfo& role);
RoleInfo RoleFromRow(const Row& r);
/// A text[] catalog column, or NULL: relacl and the other ACLs (aclitem texts), pg_db_role_setting.setconfig.
Value AclValue(const std::optional<std::vector<std::string>>& acl);
std::optional<std::vector<std::string>> AclOfValue(const Value& v);

/// Readers of the rows above (the snapshot loader). XX001 on a malformed array text.
IndexInfo IndexFromRow(const Row& r);
CheckConstraint CheckFromRow(const Row& r);
ForeignKey ForeignKeyFromRow(const Row& r);
SequenceInfo SequenceFromRow(const Row& r);
/// A "char" column's letter (0 for PostgreSQL's empty '\0').
char CharOf(const Value& v);

/// conkey's text form, as int2[] prints: "{1,2}".
std::string FormatKey(const std::vector<int16_t>& attnums);
/// Parses FormatKey's output; XX001 if malformed.
std::vector<int16_t> ParseKey(std::string_view text);

}  // namespace lumadb::catalog

#pragma once
// The OID alias types regclass and regtype (PostgreSQL 15 src/backend/utils/adt/regproc.c). Their input
// and output functions read the catalog, which common cannot see: the session installs a RegNameResolver
// for its thread (as it applies DateStyle), and ParseValue/FormatValue call it.

#include <optional>
#include <string>
#include <string_view>

#include "common/types.h"

namespace lumadb {

/// Catalog lookups behind regclass/regtype I/O, implemented over the catalog by the planner.
class RegNameResolver {
 public:
  virtual ~RegNameResolver() = default;
  /// regclassin: the OID of the relation (of any kind) `name`, a possibly qualified, possibly quoted name
  /// looked up along the search path. Throws 42P01 `relation "x" does not exist`, 42602 for bad syntax.
  virtual Oid RelationOid(std::string_view name) = 0;
  /// regclassout: the relation's name, schema-qualified when the search path would not find it, quoted
  /// where needed; nullopt for an OID no relation has.
  virtual std::optional<std::string> RelationName(Oid oid) = 0;
  /// regtypein: the type named in SQL syntax ("integer", "varchar(10)", "int4[]", "pg_catalog.text");
  /// throws 42704 `type "x" does not exist`.
  virtual TypeId TypeByName(std::string_view name) = 0;
};

/// Installs the resolver the current thread's regclass/regtype I/O uses (null: none, so names cannot be
/// resolved and OIDs print as numbers). The caller keeps it alive while installed.
void SetRegNameResolver(RegNameResolver* resolver);

/// The resolver installed for the current thread, or null.
RegNameResolver* CurrentRegNameResolver();

/// regclassin/regtypein (`type` is kRegclass or kRegtype): a decimal OID as is, else the name through the
/// thread's resolver. Throws 22P02 for bad numbers, the resolver's errors, and 0A000 when no resolver is
/// installed and `text` is a name.
Oid ParseRegOid(TypeId type, std::string_view text);

/// regclassout/regtypeout: "-" for OID 0, the name when the object exists, else the OID in decimal.
std::string FormatRegOid(TypeId type, Oid oid);

/// PostgreSQL's quote_identifier for names made of lower-case letters, digits and underscores (others
/// are double-quoted, with embedded quotes doubled). Keywords are not quoted.
std::string QuoteIdentifier(std::string_view ident);

}  // namespace lumadb

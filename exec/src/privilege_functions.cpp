// has_table_privilege, has_sequence_privilege, has_column_privilege, has_schema_privilege,
// has_database_privilege and pg_has_role (PostgreSQL 15's utils/adt/acl.c), for the current user or the
// role given first.

#include <cctype>

#include "permissions.h"

namespace lumadb::exec {

namespace {

using catalog::AclMode;
using catalog::AclObject;

// "Schema"."Name" as regclassin splits and folds it.
ast::QualifiedName SplitName(const std::string& text) {
  std::vector<std::string> parts{""};
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      if (quoted && i + 1 < text.size() && text[i + 1] == '"') {
        parts.back() += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == '.' && !quoted) {
      parts.emplace_back();
    } else {
      parts.back() += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  ast::QualifiedName name;
  name.name = parts.back();
  if (parts.size() > 1) name.schema = parts[parts.size() - 2];
  return name;
}

// One call's checks, over the roles as the catalog has them at the call.
class PrivilegeChecks {
 public:
  explicit PrivilegeChecks(SessionContext& ctx) : ctx_(ctx) {}

  std::optional<bool> Check(std::string_view function, const std::vector<Value>& args) {
    const bool column = function == "has_column_privilege";
    const bool with_role = args.size() == (column ? 4u : 3u);
    catalog::RoleGraph roles = Roles(ctx_);
    Oid role = with_role ? RoleOf(roles, args[0]) : ctx_.user_oid;
    const size_t first = with_role ? 1 : 0;
    const std::string& privilege = args.back().GetString();
    if (function == "pg_has_role") return HasRole(roles, role, args[first], privilege);
    if (function == "has_schema_privilege") return HasSchema(roles, role, args[first], privilege);
    if (function == "has_database_privilege") return HasDatabase(roles, role, args[first], privilege);
    auto table = TableOf(args[first]);
    if (!table) return std::nullopt;
    if (function == "has_sequence_privilege" && table->relkind != 'S') {
      throw DbError(sqlstate::kWrongObjectType, "\"" + table->name + "\" is not a sequence");
    }
    AclObject object = function == "has_sequence_privilege" ? AclObject::kSequence
                       : column                             ? AclObject::kColumn
                                                            : AclObject::kTable;
    const catalog::ColumnInfo* col = column ? ColumnOf(*table, args[first + 1]) : nullptr;
    if (column && !col) return std::nullopt;
    bool grant_option = false;
    AclMode mask = catalog::ParsePrivilegeString(privilege, object, &grant_option);
    if (Holds(roles, role, roles.RelationAcl(*table), table->owner, mask, grant_option)) return true;
    return col && col->acl && Holds(roles, role, catalog::AclFromStrings(*col->acl), table->owner, mask, grant_option);
  }

 private:
  Oid RoleOf(const catalog::RoleGraph& roles, const Value& v) {
    if (v.type() == TypeId::kOid) return static_cast<Oid>(v.GetInt());
    const catalog::RoleInfo* r = roles.ByName(v.GetString());
    if (!r) throw DbError(sqlstate::kUndefinedObject, "role \"" + v.GetString() + "\" does not exist");
    return r->oid;
  }

  std::shared_ptr<const catalog::TableInfo> TableOf(const Value& v) {
    if (v.type() == TypeId::kOid) return ctx_.catalog.TableByOid(ctx_.txn, static_cast<Oid>(v.GetInt()));
    ast::QualifiedName name = SplitName(v.GetString());
    auto table = ctx_.catalog.LookupTable(ctx_.txn, name.schema, name.name, ctx_.search_path);
    if (!table) throw DbError(sqlstate::kUndefinedTable, "relation \"" + v.GetString() + "\" does not exist");
    return table;
  }

  // The column named or numbered by v; null for a missing attnum (NULL result), 42703 for a missing name.
  const catalog::ColumnInfo* ColumnOf(const catalog::TableInfo& table, const Value& v) {
    for (const catalog::ColumnInfo& c : table.columns) {
      if (v.type() == TypeId::kInt2 ? c.attnum == v.GetInt() : c.name == v.GetString()) return &c;
    }
    if (v.type() == TypeId::kInt2) return nullptr;
    throw DbError(sqlstate::kUndefinedColumn,
                  "column \"" + v.GetString() + "\" of relation \"" + table.name + "\" does not exist");
  }

  // ACLMASK_ANY: any one of the privileges asked for; owners hold every grant option (aclmask).
  static bool Holds(const catalog::RoleGraph& roles, Oid role, const catalog::Acl& acl, Oid owner, AclMode mask,
                    bool grant_option) {
    AclMode options = 0;
    AclMode held = roles.Mask(acl, role, mask, &options);
    if (roles.HasPrivsOf(role, owner)) options = mask;
    return (grant_option ? held & options : held) != 0;
  }

  std::optional<bool> HasRole(const catalog::RoleGraph& roles, Oid role, const Value& target, const std::string& priv) {
    Oid other = RoleOf(roles, target);
    std::string p;
    for (char c : priv) p += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!p.empty() && p.back() == ' ') p.pop_back();
    if (p == "member") return roles.IsMemberOf(role, other);
    if (p == "usage") return roles.HasPrivsOf(role, other);
    if (p == "member with admin option" || p == "usage with admin option") {
      return roles.IsSuperuser(role) || roles.IsAdminOf(role, other);
    }
    throw DbError(sqlstate::kInvalidParameterValue, "unrecognized privilege type: \"" + priv + "\"");
  }

  std::optional<bool> HasSchema(const catalog::RoleGraph& roles, Oid role, const Value& v, const std::string& priv) {
    std::optional<Oid> oid;
    if (v.type() == TypeId::kOid) {
      oid = static_cast<Oid>(v.GetInt());
    } else {
      oid = ctx_.catalog.LookupNamespace(ctx_.txn, v.GetString());
      if (!oid) throw DbError(sqlstate::kInvalidSchemaName, "schema \"" + v.GetString() + "\" does not exist");
    }
    auto schema = ctx_.catalog.SchemaByOid(ctx_.txn, *oid);
    if (!schema) return std::nullopt;
    bool grant_option = false;
    AclMode mask = catalog::ParsePrivilegeString(priv, AclObject::kSchema, &grant_option);
    return Holds(roles, role, SchemaAcl(ctx_, roles, *schema), schema->owner, mask, grant_option);
  }

  std::optional<bool> HasDatabase(const catalog::RoleGraph& roles, Oid role, const Value& v, const std::string& priv) {
    std::optional<catalog::DatabaseInfo> db;
    for (const catalog::DatabaseInfo& d : ctx_.cluster.ListDatabases(ctx_.txn)) {
      if (v.type() == TypeId::kOid ? d.oid == static_cast<Oid>(v.GetInt()) : d.name == v.GetString()) db = d;
    }
    if (!db) {
      if (v.type() == TypeId::kOid) return std::nullopt;
      throw DbError(sqlstate::kInvalidCatalogName, "database \"" + v.GetString() + "\" does not exist");
    }
    bool grant_option = false;
    AclMode mask = catalog::ParsePrivilegeString(priv, AclObject::kDatabase, &grant_option);
    return Holds(roles, role, DatabaseAcl(roles, *db), db->owner, mask, grant_option);
  }

  SessionContext& ctx_;
};

}  // namespace

std::optional<bool> SessionPrivileges::Check(std::string_view function, const std::vector<Value>& args) {
  return PrivilegeChecks(ctx_).Check(function, args);
}

}  // namespace lumadb::exec

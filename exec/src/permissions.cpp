#include "permissions.h"

#include <optional>
#include <set>

namespace lumadb::exec {

namespace {

DbError PermissionDenied(const catalog::TableInfo& table) {
  return DbError(sqlstate::kInsufficientPrivilege,
                 std::string("permission denied for ") + RelationKindWord(table.relkind) + " " + table.name);
}

// Whether user holds `bit` on column attnum through its attacl.
bool ColumnHolds(const catalog::RoleGraph& roles, const catalog::TableInfo& table, Oid user, int16_t attnum,
                 catalog::AclMode bit) {
  for (const catalog::ColumnInfo& c : table.columns) {
    if (c.attnum == attnum) return c.acl && roles.Mask(catalog::AclFromStrings(*c.acl), user, bit) != 0;
  }
  return false;
}

// ExecCheckRTEPerms: what the table's ACL lacks of SELECT, INSERT, UPDATE and REFERENCES, column privileges
// supply when every column the statement reads (or writes) holds it, or, when it names no column (SELECT
// count(*)), when any column does.
bool Granted(const catalog::RoleGraph& roles, const catalog::TableInfo& table, Oid user, catalog::AclMode mode,
             const std::set<int16_t>& selected = {}, const std::set<int16_t>& modified = {}) {
  catalog::AclMode missing = mode & ~roles.RelationMask(table, user, mode);
  for (catalog::AclMode bit : {catalog::kAclSelect, catalog::kAclInsert, catalog::kAclUpdate}) {
    if (!(missing & bit)) continue;
    const std::set<int16_t>& columns = bit == catalog::kAclSelect ? selected : modified;
    bool ok = !columns.empty();
    for (int16_t attnum : columns) ok = ok && ColumnHolds(roles, table, user, attnum, bit);
    if (columns.empty()) {
      for (const catalog::ColumnInfo& c : table.columns) ok = ok || ColumnHolds(roles, table, user, c.attnum, bit);
    }
    if (ok) missing &= ~bit;
  }
  return missing == 0;
}

}  // namespace

catalog::Acl SchemaAcl(SessionContext& ctx, const catalog::RoleGraph& roles, const catalog::SchemaInfo& schema) {
  if (schema.acl) return catalog::AclFromStrings(*schema.acl);
  std::string owner = roles.NameOf(schema.owner);
  catalog::Acl acl = catalog::DefaultAcl(catalog::AclObject::kSchema, owner);
  if (schema.oid == catalog::kPublicNamespace) {
    auto db = ctx.cluster.LookupDatabase(ctx.txn, ctx.database);
    if (db && db->owner != schema.owner)
      acl.push_back({roles.NameOf(db->owner), owner, catalog::AllRights(catalog::AclObject::kSchema), 0});
  }
  if (schema.oid == catalog::kPublicNamespace || schema.oid == catalog::kPgCatalogNamespace) {
    acl.push_back({"", owner, catalog::kAclUsage, 0});
  }
  return acl;
}

catalog::Acl DatabaseAcl(const catalog::RoleGraph& roles, const catalog::DatabaseInfo& db) {
  if (db.acl) return catalog::AclFromStrings(*db.acl);
  return catalog::DefaultAcl(catalog::AclObject::kDatabase, roles.NameOf(db.owner));
}

void CheckSchemaPrivilege(SessionContext& ctx, Oid namespace_oid, catalog::AclMode mode) {
  auto schema = ctx.catalog.SchemaByOid(ctx.txn, namespace_oid);
  if (!schema) return;
  catalog::RoleGraph roles = Roles(ctx);
  if (roles.Mask(SchemaAcl(ctx, roles, *schema), ctx.user_oid, mode) != mode) {
    throw DbError(sqlstate::kInsufficientPrivilege, "permission denied for schema " + schema->name);
  }
}

std::vector<std::string> UsableSearchPath(SessionContext& ctx) {
  catalog::RoleGraph roles = Roles(ctx);
  if (roles.IsSuperuser(ctx.user_oid)) return ctx.search_path;
  std::vector<std::string> usable;
  for (const std::string& entry : ctx.search_path) {
    auto oid = ctx.catalog.LookupNamespace(ctx.txn, entry);
    auto schema = oid ? ctx.catalog.SchemaByOid(ctx.txn, *oid) : std::nullopt;
    if (schema && roles.Mask(SchemaAcl(ctx, roles, *schema), ctx.user_oid, catalog::kAclUsage) == 0) continue;
    usable.push_back(entry);
  }
  return usable;
}

catalog::RoleGraph Roles(SessionContext& ctx) {
  return catalog::RoleGraph::Load(ctx.cluster, ctx.txn);
}

catalog::TableInfo IndexAsRelation(const catalog::TableInfo& table, const catalog::IndexInfo& index) {
  catalog::TableInfo rel;
  rel.oid = index.oid;
  rel.name = index.name;
  rel.relkind = 'i';
  rel.owner = table.owner;
  return rel;
}

const char* RelationKindWord(char relkind) {
  switch (relkind) {
    case 'S':
      return "sequence";
    case 'i':
      return "index";
    case 'v':
      return "view";
    case 'm':
      return "materialized view";
    default:
      return "table";
  }
}

void CheckPermissions(const planner::PermissionList& permissions, SessionContext& ctx) {
  // Loaded at the first check the session's superuser flag cannot settle: a prepared statement run by a
  // superuser (pgbench -S) then reads no role catalog at all.
  std::optional<catalog::RoleGraph> roles;
  std::set<Oid> usable;  // schemas whose USAGE was checked
  for (const planner::RelationPermission& p : permissions) {
    const Oid user = p.check_as != 0 ? p.check_as : ctx.user_oid;
    if (user == ctx.user_oid && ctx.user_is_superuser) continue;
    if (!roles) roles = Roles(ctx);
    if (roles->IsSuperuser(user)) continue;
    if (p.check_as == 0 && usable.insert(p.table->namespace_oid).second)
      CheckSchemaPrivilege(ctx, p.table->namespace_oid, catalog::kAclUsage);
    catalog::AclMode required = p.required;
    if (!p.selected.empty()) required |= catalog::kAclSelect;  // reading columns of an UPDATE/DELETE target
    // The plan's TableInfo may predate a GRANT or REVOKE: read the relation's current ACL.
    auto current = ctx.catalog.TableByOid(ctx.txn, p.table->oid);
    const catalog::TableInfo& table = current ? *current : *p.table;
    if (!Granted(*roles, table, user, required, p.selected, p.modified)) throw PermissionDenied(table);
  }
}

void CheckRelationPrivilege(SessionContext& ctx, const catalog::TableInfo& table, catalog::AclMode mode, bool any_of) {
  catalog::RoleGraph roles = Roles(ctx);
  bool ok = any_of ? roles.RelationMask(table, ctx.user_oid, mode) != 0 : Granted(roles, table, ctx.user_oid, mode);
  if (!ok) throw PermissionDenied(table);
}

void CheckRelationOwner(SessionContext& ctx, const catalog::TableInfo& table) {
  if (Roles(ctx).OwnsRelation(table, ctx.user_oid)) return;
  throw DbError(sqlstate::kInsufficientPrivilege,
                std::string("must be owner of ") + RelationKindWord(table.relkind) + " " + table.name);
}

}  // namespace lumadb::exec

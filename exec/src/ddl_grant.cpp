// GRANT/REVOKE on relations (PostgreSQL 15's aclchk.c ExecuteGrantStmt, ExecGrant_Relation,
// restrict_and_check_grant, select_best_grantor), ALTER ... OWNER TO (tablecmds.c ATExecChangeOwner) and
// DROP ROLE's dependency report.

#include <algorithm>
#include <bit>
#include <cctype>
#include <map>
#include <set>

#include "ddl.h"
#include "ddl_roles.h"
#include "permissions.h"

namespace lumadb::exec {

namespace {

using catalog::AclMode;

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The privilege bits GRANT names, checked against what `object` ("table", "sequence") supports.
AclMode RequestedPrivileges(const ast::GrantStmt& stmt, AclMode valid, const char* object) {
  if (stmt.privileges.empty()) return valid;  // ALL [PRIVILEGES]
  AclMode mode = 0;
  for (const ast::Privilege& p : stmt.privileges) {
    auto bit = catalog::PrivilegeByName(p.name);
    if (!bit) throw DbError(sqlstate::kSyntaxError, "unrecognized privilege type \"" + p.name + "\"");
    if (!(valid & *bit)) {
      throw DbError(sqlstate::kInvalidGrantOperation,
                    "invalid privilege type " + Upper(p.name == "temp" ? "temporary" : p.name) + " for " + object);
    }
    if (p.columns.empty()) mode |= *bit;
  }
  return mode;
}

// select_best_grantor: owners (and superusers) grant as the owner, with every grant option; others as
// the role of theirs holding the most grant options among `privileges`.
std::string BestGrantor(const catalog::RoleGraph& roles, Oid user, const catalog::Acl& acl, Oid owner,
                        AclMode privileges, AclMode* options) {
  if (roles.HasPrivsOf(user, owner)) {
    *options = privileges;
    return roles.NameOf(owner);
  }
  std::string best = roles.NameOf(user);
  *options = 0;
  int best_count = -1;
  for (Oid r : roles.PrivilegeRoles(user)) {
    AclMode got = 0;
    catalog::AclMask(acl, {roles.NameOf(r)}, privileges, &got);
    int count = std::popcount(got);
    if (count > best_count) best = roles.NameOf(r), *options = got, best_count = count;
  }
  return best;
}

// recursive_revoke: grant options of `privileges` leaving `grantee` take with them what it granted.
void RevokeDependents(catalog::Acl& acl, const std::string& grantee, AclMode privileges, bool cascade) {
  for (size_t i = 0; i < acl.size(); ++i) {
    if (acl[i].grantor != grantee || !(acl[i].privileges & privileges) || acl[i].grantee == grantee) continue;
    if (!cascade) {
      throw DbError(sqlstate::kDependentObjectsStillExist, "dependent privileges exist")
          .Hint("Use CASCADE to revoke them too.");
    }
    std::string next = acl[i].grantee;
    catalog::AclUpdate(acl, false, next, grantee, privileges, false, false);
    RevokeDependents(acl, next, privileges, cascade);
    i = static_cast<size_t>(-1);  // the ACL changed: scan again
  }
}

// The column privileges GRANT names (`SELECT (a, b)`, `ALL (a)`), by attnum: 0LP01 "invalid privilege type
// DELETE for column", 42703 for an unknown column.
std::map<int16_t, AclMode> ColumnPrivileges(const ast::GrantStmt& stmt, const catalog::TableInfo& table) {
  std::map<int16_t, AclMode> out;
  auto add = [&](const std::string& column, AclMode bits) {
    for (const catalog::ColumnInfo& c : table.columns) {
      if (c.name == column) {
        out[c.attnum] |= bits;
        return;
      }
    }
    throw DbError(sqlstate::kUndefinedColumn,
                  "column \"" + column + "\" of relation \"" + table.name + "\" does not exist");
  };
  const AclMode valid = catalog::AllRights(catalog::AclObject::kColumn);
  for (const std::string& column : stmt.all_columns) add(column, valid);
  for (const ast::Privilege& p : stmt.privileges) {
    if (p.columns.empty()) continue;
    AclMode bit = *catalog::PrivilegeByName(p.name);
    if (!(valid & bit))
      throw DbError(sqlstate::kInvalidGrantOperation, "invalid privilege type " + Upper(p.name) + " for column");
    for (const std::string& column : p.columns) add(column, bit);
  }
  return out;
}

// restrict_and_check_grant's warnings for one object (a relation or a column) named `name`.
void WarnRestricted(const ast::GrantStmt& stmt, AclMode effective, AclMode wanted, bool all, const std::string& name,
                    ResultSink& sink) {
  if (effective != 0 && (all || effective == wanted)) return;
  std::string what = effective == 0 ? "no privileges " : "not all privileges ";
  sink.Notice(Severity::kWarning,
              stmt.is_grant ? sqlstate::kWarningPrivilegeNotGranted : sqlstate::kWarningPrivilegeNotRevoked,
              what + (stmt.is_grant ? "were granted for \"" : "could be revoked for \"") + name + "\"");
}

// aclupdate of one ACL for every grantee of the statement, with recursive_revoke.
void UpdateAcl(const ast::GrantStmt& stmt, SessionContext& ctx, catalog::Acl& acl, const std::string& grantor,
               AclMode effective) {
  for (const ast::RoleSpec& spec : stmt.grantees) {
    std::string grantee = spec.kind == ast::RoleSpec::Kind::kPublic ? "" : ResolveRoleSpec(ctx, spec).name;
    if (stmt.is_grant) {
      if (grantee.empty() && stmt.grant_option) {
        throw DbError(sqlstate::kInvalidGrantOperation, "grant options can only be granted to roles");
      }
      if (effective != 0) catalog::AclUpdate(acl, true, grantee, grantor, effective, stmt.grant_option, false);
    } else {
      catalog::AclUpdate(acl, false, grantee, grantor, effective, false, stmt.grant_option);
      if (!grantee.empty()) RevokeDependents(acl, grantee, effective, stmt.cascade);
    }
  }
}

// ExecGrant_Attribute for the column part of a GRANT/REVOKE.
void GrantOnColumns(const ast::GrantStmt& stmt, const catalog::TableInfo& table, SessionContext& ctx,
                    ResultSink& sink) {
  std::map<int16_t, AclMode> wanted = ColumnPrivileges(stmt, table);
  if (wanted.empty()) return;
  catalog::RoleGraph roles = Roles(ctx);
  const catalog::Acl table_acl = roles.RelationAcl(table);
  std::map<int16_t, std::optional<std::vector<std::string>>> changed;
  for (const auto& [attnum, privileges] : wanted) {
    const catalog::ColumnInfo& column = table.columns[static_cast<size_t>(attnum - 1)];
    catalog::Acl acl = column.acl ? catalog::AclFromStrings(*column.acl) : catalog::Acl{};
    catalog::Acl merged = table_acl;
    merged.insert(merged.end(), acl.begin(), acl.end());
    AclMode options = 0;
    std::string grantor = BestGrantor(roles, ctx.user_oid, merged, table.owner, privileges, &options);
    if (options == 0 && roles.Mask(merged, ctx.user_oid, catalog::AllRights(catalog::AclObject::kColumn)) == 0) {
      throw DbError(sqlstate::kInsufficientPrivilege,
                    "permission denied for column " + column.name + " of relation " + table.name);
    }
    AclMode effective = privileges & options;
    WarnRestricted(stmt, effective, privileges, false, column.name, sink);
    UpdateAcl(stmt, ctx, acl, grantor, effective);
    changed[attnum] = acl.empty() ? std::nullopt : std::optional(catalog::AclToStrings(acl));
  }
  ctx.catalog.SetColumnAcls(ctx.txn, table.oid, changed);
}

void GrantOnRelation(const ast::GrantStmt& stmt, const catalog::TableInfo& table, SessionContext& ctx,
                     ResultSink& sink) {
  const bool is_sequence = table.relkind == 'S';
  if (stmt.object_type == ast::GrantObjectType::kSequence && !is_sequence) {
    throw DbError(sqlstate::kWrongObjectType, "\"" + table.name + "\" is not a sequence");
  }
  AclMode valid = catalog::AllRights(is_sequence ? catalog::AclObject::kSequence : catalog::AclObject::kTable);
  AclMode privileges = RequestedPrivileges(
      stmt,
      stmt.object_type == ast::GrantObjectType::kSequence ? valid : catalog::AllRights(catalog::AclObject::kTable),
      stmt.object_type == ast::GrantObjectType::kSequence ? "sequence" : "table");
  if (stmt.privileges.empty()) privileges = stmt.all_columns.empty() ? valid : 0;
  GrantOnColumns(stmt, table, ctx, sink);
  if (privileges == 0) return;  // only column privileges
  if (privileges & ~valid) {
    sink.Notice(Severity::kWarning, sqlstate::kWarning,
                "sequence \"" + table.name + "\" only supports USAGE, SELECT, and UPDATE privileges");
    privileges &= valid;
  }
  catalog::RoleGraph roles = Roles(ctx);
  catalog::Acl acl = roles.RelationAcl(table);
  AclMode options = 0;
  std::string grantor = BestGrantor(roles, ctx.user_oid, acl, table.owner, privileges, &options);
  // restrict_and_check_grant: without any grant option the user needs at least some privilege.
  if (options == 0 && roles.Mask(acl, ctx.user_oid, valid) == 0) {
    throw DbError(sqlstate::kInsufficientPrivilege,
                  std::string("permission denied for ") + RelationKindWord(table.relkind) + " " + table.name);
  }
  AclMode effective = privileges & options;
  WarnRestricted(stmt, effective, privileges, stmt.privileges.empty(), table.name, sink);
  UpdateAcl(stmt, ctx, acl, grantor, effective);
  ctx.catalog.SetRelationAccess(ctx.txn, table.oid, table.owner, catalog::AclToStrings(acl));
  // A table-level REVOKE takes the same privileges from every column too (expand_all_col_privileges).
  const AclMode column_bits = effective & catalog::AllRights(catalog::AclObject::kColumn);
  if (stmt.is_grant || column_bits == 0 || table.relkind == 'S') return;
  std::map<int16_t, std::optional<std::vector<std::string>>> changed;
  for (const catalog::ColumnInfo& c : table.columns) {
    if (!c.acl) continue;
    catalog::Acl column_acl = catalog::AclFromStrings(*c.acl);
    UpdateAcl(stmt, ctx, column_acl, grantor, column_bits);
    changed[c.attnum] = column_acl.empty() ? std::nullopt : std::optional(catalog::AclToStrings(column_acl));
  }
  if (!changed.empty()) ctx.catalog.SetColumnAcls(ctx.txn, table.oid, changed);
}

// ExecGrant_Namespace / ExecGrant_Database: the new ACL of one schema or database.
catalog::Acl GrantOnObject(const ast::GrantStmt& stmt, SessionContext& ctx, catalog::Acl acl, Oid owner,
                           catalog::AclObject object, const char* kind, const std::string& name, ResultSink& sink) {
  catalog::RoleGraph roles = Roles(ctx);
  const AclMode valid = catalog::AllRights(object);
  AclMode privileges = RequestedPrivileges(stmt, valid, kind);
  AclMode options = 0;
  std::string grantor = BestGrantor(roles, ctx.user_oid, acl, owner, privileges, &options);
  if (options == 0 && roles.Mask(acl, ctx.user_oid, valid) == 0) {
    throw DbError(sqlstate::kInsufficientPrivilege, std::string("permission denied for ") + kind + " " + name);
  }
  AclMode effective = privileges & options;
  WarnRestricted(stmt, effective, privileges, stmt.privileges.empty(), name, sink);
  UpdateAcl(stmt, ctx, acl, grantor, effective);
  return acl;
}

void GrantOnSchemasOrDatabases(const ast::GrantStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  for (const ast::QualifiedName& object : stmt.objects) {
    catalog::RoleGraph roles = Roles(ctx);
    if (stmt.object_type == ast::GrantObjectType::kSchema) {
      auto oid = ctx.catalog.LookupNamespace(ctx.txn, object.name);
      auto schema = oid ? ctx.catalog.SchemaByOid(ctx.txn, *oid) : std::nullopt;
      if (!schema) throw DbError(sqlstate::kInvalidSchemaName, "schema \"" + object.name + "\" does not exist");
      catalog::Acl acl = GrantOnObject(stmt, ctx, SchemaAcl(ctx, roles, *schema), schema->owner,
                                       catalog::AclObject::kSchema, "schema", schema->name, sink);
      ctx.catalog.SetSchemaAccess(ctx.txn, schema->oid, schema->owner, catalog::AclToStrings(acl));
    } else {
      auto db = ctx.cluster.LookupDatabase(ctx.txn, object.name);
      if (!db) throw DbError(sqlstate::kInvalidCatalogName, "database \"" + object.name + "\" does not exist");
      catalog::Acl acl = GrantOnObject(stmt, ctx, DatabaseAcl(roles, *db), db->owner, catalog::AclObject::kDatabase,
                                       "database", db->name, sink);
      ctx.cluster.SetDatabaseAccess(ctx.txn, db->oid, db->owner, catalog::AclToStrings(acl));
    }
  }
}

// ALTER SCHEMA | DATABASE name OWNER TO role (AlterSchemaOwner_internal, AlterDatabaseOwner).
std::string AlterSchemaOrDatabaseOwner(const ast::AlterOwnerStmt& stmt, SessionContext& ctx) {
  const bool is_schema = stmt.type == ast::AlterOwnerStmt::Type::kSchema;
  const std::string& name = stmt.object.name;
  catalog::RoleInfo owner = ResolveRoleSpec(ctx, stmt.new_owner);
  catalog::RoleGraph roles = Roles(ctx);
  std::optional<catalog::SchemaInfo> schema;
  std::optional<catalog::DatabaseInfo> db;
  if (is_schema) {
    auto oid = ctx.catalog.LookupNamespace(ctx.txn, name);
    if (oid) schema = ctx.catalog.SchemaByOid(ctx.txn, *oid);
    if (!schema) throw DbError(sqlstate::kInvalidSchemaName, "schema \"" + name + "\" does not exist");
  } else {
    db = ctx.cluster.LookupDatabase(ctx.txn, name);
    if (!db) throw DbError(sqlstate::kInvalidCatalogName, "database \"" + name + "\" does not exist");
  }
  const Oid old_owner = is_schema ? schema->owner : db->owner;
  const char* tag = is_schema ? "ALTER SCHEMA" : "ALTER DATABASE";
  if (old_owner == owner.oid) return tag;
  if (!roles.IsSuperuser(ctx.user_oid)) {
    if (!roles.HasPrivsOf(ctx.user_oid, old_owner)) {
      throw DbError(sqlstate::kInsufficientPrivilege,
                    std::string("must be owner of ") + (is_schema ? "schema " : "database ") + name);
    }
    if (!roles.IsMemberOf(ctx.user_oid, owner.oid)) {
      throw DbError(sqlstate::kInsufficientPrivilege, "must be member of role \"" + owner.name + "\"");
    }
  }
  std::optional<std::vector<std::string>> acl = is_schema ? schema->acl : db->acl;
  if (acl) {
    catalog::Acl items = catalog::AclFromStrings(*acl);
    catalog::AclRenameRole(items, roles.NameOf(old_owner), owner.name);
    acl = catalog::AclToStrings(items);
  }
  if (is_schema) {
    ctx.catalog.SetSchemaAccess(ctx.txn, schema->oid, owner.oid, acl);
  } else {
    ctx.cluster.SetDatabaseAccess(ctx.txn, db->oid, owner.oid, acl);
  }
  return tag;
}

}  // namespace

std::string ExecuteGrant(const ast::GrantStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  if (stmt.granted_by) ResolveRoleSpec(ctx, *stmt.granted_by);
  if (stmt.object_type == ast::GrantObjectType::kSchema || stmt.object_type == ast::GrantObjectType::kDatabase) {
    GrantOnSchemasOrDatabases(stmt, ctx, sink);
    return stmt.is_grant ? "GRANT" : "REVOKE";
  }
  std::vector<std::shared_ptr<const catalog::TableInfo>> tables;
  for (const ast::QualifiedName& name : stmt.objects) {
    if (!stmt.all_in_schema) {
      tables.push_back(TableOrThrow(ctx, name));
      continue;
    }
    auto ns = ctx.catalog.LookupNamespace(ctx.txn, name.name);
    if (!ns) throw DbError(sqlstate::kInvalidSchemaName, "schema \"" + name.name + "\" does not exist");
    for (auto& t : ctx.catalog.ListTables(ctx.txn, *ns)) {
      if ((t->relkind == 'S') == (stmt.object_type == ast::GrantObjectType::kSequence)) tables.push_back(t);
    }
  }
  for (const auto& table : tables) {
    LockTableMode(ctx, table->oid, true);
    auto current = ctx.catalog.TableByOid(ctx.txn, table->oid);
    if (current) GrantOnRelation(stmt, *current, ctx, sink);
  }
  return stmt.is_grant ? "GRANT" : "REVOKE";
}

std::string ExecuteAlterOwner(const ast::AlterOwnerStmt& stmt, SessionContext& ctx) {
  using T = ast::AlterOwnerStmt::Type;
  if (stmt.type == T::kSchema || stmt.type == T::kDatabase) return AlterSchemaOrDatabaseOwner(stmt, ctx);
  auto table = TableOrThrow(ctx, stmt.object);
  LockTableMode(ctx, table->oid, true);
  table = TableOrThrow(ctx, stmt.object);
  if (stmt.type == T::kSequence && table->relkind != 'S') {
    throw DbError(sqlstate::kWrongObjectType, "\"" + table->name + "\" is not a sequence");
  }
  catalog::RoleInfo owner = ResolveRoleSpec(ctx, stmt.new_owner);
  const char* tag = table->relkind == 'S' ? "ALTER SEQUENCE" : "ALTER TABLE";
  if (owner.oid == table->owner) return tag;
  catalog::RoleGraph roles = Roles(ctx);
  if (table->relkind == 'S') {
    auto seq = ctx.catalog.SequenceByOid(ctx.txn, table->oid);
    if (seq && seq->owned_by_table != 0) {
      auto owning = ctx.catalog.TableByOid(ctx.txn, seq->owned_by_table);
      throw DbError(sqlstate::kFeatureNotSupported, "cannot change owner of sequence \"" + table->name + "\"")
          .Detail("Sequence \"" + table->name + "\" is linked to table \"" + (owning ? owning->name : "") + "\".");
    }
  }
  if (!roles.IsSuperuser(ctx.user_oid)) {
    CheckRelationOwner(ctx, *table);
    if (!roles.IsMemberOf(ctx.user_oid, owner.oid)) {
      throw DbError(sqlstate::kInsufficientPrivilege, "must be member of role \"" + owner.name + "\"");
    }
  }
  std::vector<std::shared_ptr<const catalog::TableInfo>> moved{table};
  for (auto& t : ctx.catalog.ListTables(ctx.txn, table->namespace_oid)) {
    if (t->relkind != 'S') continue;
    auto seq = ctx.catalog.SequenceByOid(ctx.txn, t->oid);
    if (seq && seq->owned_by_table == table->oid) moved.push_back(t);
  }
  for (const auto& rel : moved) {
    std::optional<std::vector<std::string>> acl = rel->acl;
    if (acl) {
      catalog::Acl items = catalog::AclFromStrings(*acl);
      catalog::AclRenameRole(items, roles.NameOf(rel->owner), owner.name);
      acl = catalog::AclToStrings(items);
    }
    ctx.catalog.SetRelationAccess(ctx.txn, rel->oid, owner.oid, acl);
  }
  return tag;
}

namespace {

// The renamed ACL, or nullopt when it does not mention `from`.
std::optional<std::vector<std::string>> RenamedAcl(const std::optional<std::vector<std::string>>& acl,
                                                   const std::string& from, const std::string& to) {
  if (!acl) return std::nullopt;
  catalog::Acl items = catalog::AclFromStrings(*acl);
  if (!catalog::AclRenameRole(items, from, to)) return std::nullopt;
  return catalog::AclToStrings(items);
}

// The relations and schemas of one database that mention `role`, in getObjectDescription's words;
// `visible`: the schemas whose relations need no qualification.
std::vector<std::string> DependencyLines(SessionContext& ctx, catalog::Catalog& catalog, const catalog::RoleInfo& role,
                                         const std::vector<std::string>& visible) {
  std::vector<std::string> lines;
  auto described = [&](const catalog::TableInfo& t) {
    bool shown = std::find(visible.begin(), visible.end(), t.schema) != visible.end();
    return std::string(RelationKindWord(t.relkind)) + " " + (shown ? t.name : t.schema + "." + t.name);
  };
  auto tables = catalog.ListTables(ctx.txn, 0);
  // Schemas first (they precede their tables); the catalog lists no empty schema but public.
  std::set<Oid> schemas{catalog::kPublicNamespace};
  for (const auto& t : tables) schemas.insert(t->namespace_oid);
  for (Oid oid : schemas) {
    auto schema = catalog.SchemaByOid(ctx.txn, oid);
    if (!schema || oid == catalog::kPgCatalogNamespace) continue;
    if (schema->owner == role.oid) lines.push_back("owner of schema " + schema->name);
    if (schema->owner != role.oid && schema->acl &&
        catalog::AclMentions(catalog::AclFromStrings(*schema->acl), role.name)) {
      lines.push_back("privileges for schema " + schema->name);
    }
  }
  for (const auto& t : tables) {
    if (t->owner == role.oid) lines.push_back("owner of " + described(*t));
  }
  // The owner's own ACL entries are covered by its ownership (updateAclDependencies leaves them out).
  for (const auto& t : tables) {
    if (t->owner != role.oid && t->acl && catalog::AclMentions(catalog::AclFromStrings(*t->acl), role.name)) {
      lines.push_back("privileges for " + described(*t));
    }
    for (const catalog::ColumnInfo& c : t->columns) {
      if (c.acl && catalog::AclMentions(catalog::AclFromStrings(*c.acl), role.name)) {
        lines.push_back("privileges for column " + c.name + " of " + described(*t));
      }
    }
  }
  return lines;
}

}  // namespace

void RenameRoleInAcls(SessionContext& ctx, const std::string& from, const std::string& to) {
  // ACL items name roles (not OIDs), so every database's ACLs follow the rename.
  for (const catalog::DatabaseInfo& db : ctx.cluster.ListDatabases(ctx.txn)) {
    catalog::Catalog& catalog = db.name == ctx.database ? ctx.catalog : ctx.cluster.OpenDatabase(db);
    std::set<Oid> schemas{catalog::kPublicNamespace};
    for (const auto& t : catalog.ListTables(ctx.txn, 0)) {
      schemas.insert(t->namespace_oid);
      if (auto acl = RenamedAcl(t->acl, from, to)) catalog.SetRelationAccess(ctx.txn, t->oid, t->owner, acl);
      std::map<int16_t, std::optional<std::vector<std::string>>> columns;
      for (const catalog::ColumnInfo& c : t->columns) {
        if (auto acl = RenamedAcl(c.acl, from, to)) columns[c.attnum] = acl;
      }
      if (!columns.empty()) catalog.SetColumnAcls(ctx.txn, t->oid, columns);
    }
    for (Oid oid : schemas) {
      auto schema = catalog.SchemaByOid(ctx.txn, oid);
      if (!schema) continue;
      if (auto acl = RenamedAcl(schema->acl, from, to)) catalog.SetSchemaAccess(ctx.txn, oid, schema->owner, acl);
    }
    if (auto acl = RenamedAcl(db.acl, from, to)) ctx.cluster.SetDatabaseAccess(ctx.txn, db.oid, db.owner, acl);
  }
}

std::string RoleDependencies(SessionContext& ctx, const catalog::RoleInfo& role) {
  // getObjectDescription qualifies a relation that is not visible through the search path.
  std::vector<std::string> lines = DependencyLines(ctx, ctx.catalog, role, SearchSchemas(ctx, true));
  const std::vector<catalog::DatabaseInfo> databases = ctx.cluster.ListDatabases(ctx.txn);
  // Shared objects come after this database's (pg_shdepend's order), other databases' counts last.
  for (const catalog::DatabaseInfo& db : databases) {
    if (db.owner == role.oid) lines.push_back("owner of database " + db.name);
    if (db.owner != role.oid && db.acl && catalog::AclMentions(catalog::AclFromStrings(*db.acl), role.name)) {
      lines.push_back("privileges for database " + db.name);
    }
  }
  for (const catalog::DatabaseInfo& db : databases) {
    if (db.name == ctx.database) continue;
    size_t count = DependencyLines(ctx, ctx.cluster.OpenDatabase(db), role, {}).size();
    if (count > 0) {
      lines.push_back(std::to_string(count) + (count == 1 ? " object" : " objects") + " in database " + db.name);
    }
  }
  std::string detail;
  for (const std::string& line : lines) detail += (detail.empty() ? "" : "\n") + line;
  return detail;
}

}  // namespace lumadb::exec

#pragma once
// Privilege checks of exec (PostgreSQL's ExecCheckRTPerms, aclchk.c aclcheck_error and the ownership
// checks of utility commands). Superusers pass every check.

#include <memory>
#include <string>

#include "catalog/acl.h"
#include "catalog/role_graph.h"
#include "exec/statement_executor.h"
#include "planner/function_registry.h"
#include "planner/permissions.h"

namespace lumadb::exec {

/// The roles as ctx's transaction sees them.
catalog::RoleGraph Roles(SessionContext& ctx);

/// ExecCheckRTPerms: every relation's required privileges, table-level or (SELECT, INSERT, UPDATE) on
/// every column the statement reads or writes. 42501 "permission denied for table t" (or "sequence s").
void CheckPermissions(const planner::PermissionList& permissions, SessionContext& ctx);

/// Throws 42501 "permission denied for table t" unless ctx's user holds `mode` (with any_of: one bit of it)
/// on the relation.
void CheckRelationPrivilege(SessionContext& ctx, const catalog::TableInfo& table, catalog::AclMode mode,
                            bool any_of = false);

/// A schema's ACL: its nspacl, else the default (owner UC; PUBLIC U on public and pg_catalog, whose
/// CREATE goes to the database owner as PostgreSQL 15's pg_database_owner).
catalog::Acl SchemaAcl(SessionContext& ctx, const catalog::RoleGraph& roles, const catalog::SchemaInfo& schema);
/// A database's ACL: its datacl, else acldefault (owner CTc, PUBLIC Tc).
catalog::Acl DatabaseAcl(const catalog::RoleGraph& roles, const catalog::DatabaseInfo& db);
/// 42501 "permission denied for schema s" unless ctx's user holds `mode` on schema `namespace_oid`.
void CheckSchemaPrivilege(SessionContext& ctx, Oid namespace_oid, catalog::AclMode mode);

/// pg_class_ownercheck for DROP, ALTER, CREATE INDEX...: 42501 "must be owner of table t" (index,
/// sequence, view as the relkind says).
void CheckRelationOwner(SessionContext& ctx, const catalog::TableInfo& table);

/// An index checked as a relation: its name with its table's owner (indexes share their table's owner).
catalog::TableInfo IndexAsRelation(const catalog::TableInfo& table, const catalog::IndexInfo& index);

/// has_table_privilege & co for ctx's session (privilege_functions.cpp, acl.c), which must outlive it.
/// Held by value in each statement's context, so a statement that calls none costs no allocation.
class SessionPrivileges final : public planner::PrivilegeFunctions {
 public:
  explicit SessionPrivileges(SessionContext& ctx) : ctx_(ctx) {}
  std::optional<bool> Check(std::string_view function, const std::vector<Value>& args) override;

 private:
  SessionContext& ctx_;
};

/// "table", "sequence", "index", "view": the word aclcheck_error uses for a relation of `relkind`.
const char* RelationKindWord(char relkind);

}  // namespace lumadb::exec

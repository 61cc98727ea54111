#pragma once
// Role and privilege statements (PostgreSQL's commands/user.c CreateRole, AlterRole, RenameRole,
// DropRole, GrantRole; catalog/aclchk.c ExecuteGrantStmt; tablecmds.c ATExecChangeOwner). Each returns
// the command tag.

#include <string>

#include "catalog/role_graph.h"
#include "exec/statement_executor.h"
#include "parser/ast_roles.h"

namespace lumadb::exec {

/// CREATE ROLE | USER | GROUP: 42501 "permission denied to create role" (no CREATEROLE) and "must be
/// superuser to create superusers", 42710 "role \"x\" already exists", 42939 for reserved names (pg_*,
/// public, none), 42601 "conflicting or redundant options", 22023 "invalid connection limit: -2". The
/// password is stored as password_encryption says (common/password.h). Tag "CREATE ROLE".
std::string ExecuteCreateRole(const ast::CreateRoleStmt& stmt, SessionContext& ctx, ResultSink& sink);
/// ALTER ROLE | USER name [WITH] options, RENAME TO: 42704, 42501 ("must be superuser to alter superuser
/// roles or change superuser attribute", "permission denied"), 0A000 "current user cannot be renamed".
/// Tag "ALTER ROLE".
std::string ExecuteAlterRole(const ast::AlterRoleStmt& stmt, SessionContext& ctx, ResultSink& sink);
/// DROP ROLE | USER | GROUP [IF EXISTS]: 42501 "permission denied to drop role", 55006 "current user
/// cannot be dropped", 2BP01 "role \"x\" cannot be dropped because some objects depend on it" with the
/// dependent objects of this database (and owned databases) in DETAIL. Tag "DROP ROLE".
std::string ExecuteDropRole(const ast::DropRoleStmt& stmt, SessionContext& ctx, ResultSink& sink);
/// GRANT role TO member [WITH ADMIN OPTION] / REVOKE [ADMIN OPTION FOR] role FROM member: 42501 "must
/// have admin option on role \"r\"", 0LP01 "role \"a\" is a member of role \"b\"" (circular), NOTICE
/// "role \"m\" is already a member of role \"r\"", WARNING "role \"m\" is not a member of role \"r\"".
/// Tags "GRANT ROLE" / "REVOKE ROLE".
std::string ExecuteGrantRole(const ast::GrantRoleStmt& stmt, SessionContext& ctx, ResultSink& sink);
/// GRANT / REVOKE privileges ON [TABLE | SEQUENCE] ... | ALL TABLES|SEQUENCES IN SCHEMA: updates relacl
/// (aclchk.c ExecGrant_Relation): 42501 "permission denied for table t" without any privilege, WARNING
/// 01007 "no privileges were granted for \"t\"" / 01006 "... could be revoked ..." without grant options,
/// 0LP01 "invalid privilege type USAGE for table", 2BP01 "dependent privileges exist". Tags "GRANT" /
/// "REVOKE".
std::string ExecuteGrant(const ast::GrantStmt& stmt, SessionContext& ctx, ResultSink& sink);
/// ALTER TABLE|SEQUENCE|VIEW name OWNER TO role: 42501 "must be owner of table t", "must be member of role
/// \"r\"". The ACL's mentions of the old owner move to the new one (aclnewowner); owned sequences
/// follow the table. Tags "ALTER TABLE" / "ALTER SEQUENCE" / "ALTER VIEW".
std::string ExecuteAlterOwner(const ast::AlterOwnerStmt& stmt, SessionContext& ctx);

/// The check of AddRoleMems/DelRoleMems: granting or revoking membership in `role` needs superuser for
/// a superuser role (42501 "must be superuser to alter superusers"), else CREATEROLE or ADMIN OPTION on it
/// (42501 "must have admin option on role \"r\"").
void CheckRoleAdmin(SessionContext& ctx, const catalog::RoleInfo& role);

/// DROP ROLE's dependency DETAIL (shdepReassignOwned's report): "owner of table t", "privileges for table
/// t", "owner of database d", one a line; empty when nothing depends on the role. Only this database's
/// relations are seen.
std::string RoleDependencies(SessionContext& ctx, const catalog::RoleInfo& role);

/// After ALTER ROLE ... RENAME: the ACL items naming `from` (as grantee or grantor) name `to`, in this
/// database's relations, columns and schemas and in every database's datacl (PostgreSQL's ACLs hold OIDs,
/// so a rename reaches them by itself).
void RenameRoleInAcls(SessionContext& ctx, const std::string& from, const std::string& to);

/// The role `spec` names, as get_rolespec_oid: 42704 "role \"x\" does not exist" (also for PUBLIC).
catalog::RoleInfo ResolveRoleSpec(SessionContext& ctx, const ast::RoleSpec& spec);

/// have_createrole_privilege: `user` is a superuser or has CREATEROLE.
bool HasCreateRole(const catalog::RoleGraph& roles, Oid user);

/// ALTER ROLE / ALTER DATABASE ... SET | RESET: validates the value as SET would (ctx.setting_item; 42704,
/// 22023, 55P02, 42501 as SET gives them) and stores it in pg_db_role_setting. 42501 "permission denied",
/// "must be superuser to alter superusers", "must be superuser to alter settings globally", "must be owner
/// of database d"; 3D000 for an unknown database. Returns "ALTER ROLE" or "ALTER DATABASE".
std::string ExecuteAlterRoleSet(const ast::AlterRoleSetStmt& stmt, SessionContext& ctx);

}  // namespace lumadb::exec

// CREATE/ALTER/DROP ROLE and GRANT/REVOKE role (PostgreSQL 15's commands/user.c).

#include "ddl_roles.h"

#include <set>

#include "common/password.h"
#include "common/value_io.h"
#include "permissions.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

DbError Denied(const std::string& message) {
  return DbError(sqlstate::kInsufficientPrivilege, message);
}

// password_encryption (PostgreSQL 15's default scram-sha-256 where no session gives settings, as in unit
// tests): the one place that chooses how CREATE/ALTER ROLE store a password.
PasswordType PasswordEncryption(SessionContext& ctx) {
  if (!ctx.get_setting) return PasswordType::kScramSha256;
  return ctx.get_setting("password_encryption") == "md5" ? PasswordType::kMd5 : PasswordType::kScramSha256;
}

void CheckReservedName(const std::string& name) {
  if (name.rfind("pg_", 0) == 0) {
    throw DbError(sqlstate::kReservedName, "role name \"" + name + "\" is reserved")
        .Detail("Role names starting with \"pg_\" are reserved.");
  }
  if (name == "public" || name == "none") {
    throw DbError(sqlstate::kReservedName, "role name \"" + name + "\" is reserved");
  }
}

// The options of CREATE/ALTER ROLE applied to `role`, after the checks of each (a repeated option is
// 42601). Returns the option names given; memberships are left to the caller.
std::set<std::string> ApplyRoleOptions(const std::vector<ast::RoleOption>& options, catalog::RoleInfo& role,
                                       SessionContext& ctx, ResultSink* sink) {
  std::set<std::string> given;
  for (const ast::RoleOption& o : options) {
    if (!given.insert(o.name).second) throw DbError(sqlstate::kSyntaxError, "conflicting or redundant options");
    if (o.name == "superuser") role.superuser = o.flag;
    if (o.name == "inherit") role.inherit = o.flag;
    if (o.name == "createrole") role.create_role = o.flag;
    if (o.name == "createdb") role.create_db = o.flag;
    if (o.name == "canlogin") role.can_login = o.flag;
    if (o.name == "isreplication") role.replication = o.flag;
    if (o.name == "bypassrls") role.bypass_rls = o.flag;
    if (o.name == "connectionlimit") {
      int64_t limit = std::stoll(*o.value);
      if (limit < -1 || limit > INT32_MAX) {
        throw DbError(sqlstate::kInvalidParameterValue, "invalid connection limit: " + *o.value);
      }
      role.connection_limit = static_cast<int32_t>(limit);
    }
    if (o.name == "validUntil") {
      role.valid_until = ParseValue(TypeDesc{TypeId::kTimestampTz, -1}, *o.value).GetInt();
    }
    if (o.name == "password") {
      if (o.value && o.value->empty()) {
        if (sink) {
          sink->Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion,
                       "empty string is not a valid password, clearing password");
        }
        role.password.reset();
      } else if (o.value) {
        role.password = EncryptPassword(PasswordEncryption(ctx), role.name, *o.value);
      } else {
        role.password.reset();
      }
    }
  }
  return given;
}

void AddMembership(SessionContext& ctx, const catalog::RoleInfo& role, const catalog::RoleInfo& member, bool admin,
                   ResultSink& sink);

}  // namespace

catalog::RoleInfo ResolveRoleSpec(SessionContext& ctx, const ast::RoleSpec& spec) {
  using K = ast::RoleSpec::Kind;
  std::string name = spec.kind == K::kCurrentUser   ? ctx.user
                     : spec.kind == K::kSessionUser ? (ctx.session_user.empty() ? ctx.user : ctx.session_user)
                                                    : spec.name;
  auto role = ctx.cluster.LookupRole(ctx.txn, name);
  if (!role) throw DbError(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
  return *role;
}

std::string ExecuteCreateRole(const ast::CreateRoleStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  catalog::RoleGraph roles = Roles(ctx);
  catalog::RoleInfo role;
  role.name = stmt.name;
  role.can_login = stmt.type == ast::CreateRoleStmt::Type::kUser;
  CheckReservedName(stmt.name);
  ApplyRoleOptions(stmt.options, role, ctx, nullptr);
  const bool superuser = roles.IsSuperuser(ctx.user_oid);
  if (role.superuser && !superuser) throw Denied("must be superuser to create superusers");
  if (role.replication && !superuser) throw Denied("must be superuser to create replication users");
  if (role.bypass_rls && !superuser) throw Denied("must be superuser to create bypassrls users");
  if (!HasCreateRole(roles, ctx.user_oid)) throw Denied("permission denied to create role");
  role.oid = ctx.cluster.CreateRole(ctx.txn, role);
  for (const ast::RoleOption& o : stmt.options) {
    for (const ast::RoleSpec& spec : o.roles) {
      catalog::RoleInfo other = ResolveRoleSpec(ctx, spec);
      if (o.name == "addroleto") {
        AddMembership(ctx, other, role, false, sink);
      } else {
        AddMembership(ctx, role, other, o.name == "adminmembers", sink);
      }
    }
  }
  return "CREATE ROLE";
}

std::string ExecuteAlterRole(const ast::AlterRoleStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  catalog::RoleGraph roles = Roles(ctx);
  catalog::RoleInfo role = ResolveRoleSpec(ctx, stmt.role);
  const bool superuser = roles.IsSuperuser(ctx.user_oid);
  if (stmt.new_name) {
    if (role.oid == ctx.session_user_oid) {
      throw DbError(sqlstate::kFeatureNotSupported, "session user cannot be renamed");
    }
    if (role.oid == ctx.user_oid) throw DbError(sqlstate::kFeatureNotSupported, "current user cannot be renamed");
    CheckReservedName(*stmt.new_name);
    if (ctx.cluster.LookupRole(ctx.txn, *stmt.new_name)) {
      throw DbError(sqlstate::kDuplicateObject, "role \"" + *stmt.new_name + "\" already exists");
    }
    if (role.superuser && !superuser) throw Denied("must be superuser to rename superusers");
    if (!HasCreateRole(roles, ctx.user_oid)) throw Denied("permission denied to rename role");
    const std::string old_name = role.name;
    role.name = *stmt.new_name;
    // An md5 password is salted with the role name (user.c RenameRole).
    if (role.password && GetPasswordType(*role.password) == PasswordType::kMd5) {
      role.password.reset();
      sink.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion, "MD5 password cleared because of role rename");
    }
    ctx.cluster.UpdateRole(ctx.txn, role);
    RenameRoleInAcls(ctx, old_name, role.name);
    return "ALTER ROLE";
  }
  catalog::RoleInfo changed = role;
  std::set<std::string> given = ApplyRoleOptions(stmt.options, changed, ctx, nullptr);
  if (role.superuser || given.contains("superuser")) {
    if (!superuser) throw Denied("must be superuser to alter superuser roles or change superuser attribute");
  } else if (role.replication || given.contains("isreplication")) {
    if (!superuser) throw Denied("must be superuser to alter replication roles or change replication attribute");
  } else if (role.bypass_rls || given.contains("bypassrls")) {
    if (!superuser) throw Denied("must be superuser to change bypassrls attribute");
  } else if (!HasCreateRole(roles, ctx.user_oid)) {
    // Without CREATEROLE a role may change only its own password (user.c AlterRole).
    bool only_password = given.size() == 1 && given.contains("password");
    if (!only_password || role.oid != ctx.user_oid) throw Denied("permission denied");
  }
  ctx.cluster.UpdateRole(ctx.txn, changed);
  return "ALTER ROLE";
}

std::string ExecuteDropRole(const ast::DropRoleStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  catalog::RoleGraph roles = Roles(ctx);
  if (!HasCreateRole(roles, ctx.user_oid)) throw Denied("permission denied to drop role");
  for (const std::string& name : stmt.names) {
    auto role = ctx.cluster.LookupRole(ctx.txn, name);
    if (!role) {
      if (!stmt.if_exists) throw DbError(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
      sink.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion, "role \"" + name + "\" does not exist, skipping");
      continue;
    }
    if (role->oid == ctx.user_oid) throw DbError(sqlstate::kObjectInUse, "current user cannot be dropped");
    if (role->oid == ctx.session_user_oid) throw DbError(sqlstate::kObjectInUse, "session user cannot be dropped");
    if (role->oid == 10) {
      throw DbError(sqlstate::kDependentObjectsStillExist,
                    "cannot drop role " + role->name + " because it is required by the database system");
    }
    if (role->superuser && !roles.IsSuperuser(ctx.user_oid)) throw Denied("must be superuser to drop superusers");
    std::string detail = RoleDependencies(ctx, *role);
    if (!detail.empty()) {
      throw DbError(sqlstate::kDependentObjectsStillExist,
                    "role \"" + role->name + "\" cannot be dropped because some objects depend on it")
          .Detail(detail);
    }
    ctx.cluster.DropRole(ctx.txn, role->oid);
  }
  return "DROP ROLE";
}

std::string ExecuteGrantRole(const ast::GrantRoleStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  if (stmt.granted_by) ResolveRoleSpec(ctx, *stmt.granted_by);
  for (const std::string& name : stmt.roles) {
    auto role = ctx.cluster.LookupRole(ctx.txn, name);
    if (!role) throw DbError(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
    for (const ast::RoleSpec& spec : stmt.grantees) {
      catalog::RoleInfo member = ResolveRoleSpec(ctx, spec);
      if (stmt.is_grant) {
        AddMembership(ctx, *role, member, stmt.admin_option, sink);
        continue;
      }
      CheckRoleAdmin(ctx, *role);
      if (!ctx.cluster.RemoveMember(ctx.txn, role->oid, member.oid, stmt.admin_option)) {
        sink.Notice(Severity::kWarning, sqlstate::kWarning,
                    "role \"" + member.name + "\" is not a member of role \"" + role->name + "\"");
      }
    }
  }
  return stmt.is_grant ? "GRANT ROLE" : "REVOKE ROLE";
}

bool HasCreateRole(const catalog::RoleGraph& roles, Oid user) {
  const catalog::RoleInfo* r = roles.ByOid(user);
  return r && (r->superuser || r->create_role);
}

void CheckRoleAdmin(SessionContext& ctx, const catalog::RoleInfo& role) {
  catalog::RoleGraph roles = Roles(ctx);
  if (role.superuser) {
    if (!roles.IsSuperuser(ctx.user_oid)) throw Denied("must be superuser to alter superusers");
    return;
  }
  if (!HasCreateRole(roles, ctx.user_oid) && !roles.IsAdminOf(ctx.user_oid, role.oid)) {
    throw Denied("must have admin option on role \"" + role.name + "\"");
  }
}

namespace {

// AddRoleMems for one member.
void AddMembership(SessionContext& ctx, const catalog::RoleInfo& role, const catalog::RoleInfo& member, bool admin,
                   ResultSink& sink) {
  CheckRoleAdmin(ctx, role);
  catalog::RoleGraph roles = Roles(ctx);
  for (const catalog::AuthMember& m : roles.MembershipsOf(member.oid)) {
    if (m.role == role.oid && (!admin || m.admin_option)) {
      sink.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion,
                  "role \"" + member.name + "\" is already a member of role \"" + role.name + "\"");
      return;
    }
  }
  // is_member_of_role_nosuper: granting would make a cycle.
  std::vector<catalog::RoleInfo> no_super = roles.roles();
  for (catalog::RoleInfo& r : no_super) r.superuser = false;
  catalog::RoleGraph graph(no_super, roles.members());
  if (graph.IsMemberOf(role.oid, member.oid)) {
    throw DbError(sqlstate::kInvalidGrantOperation,
                  "role \"" + role.name + "\" is a member of role \"" + member.name + "\"");
  }
  ctx.cluster.AddMember(ctx.txn, catalog::AuthMember{role.oid, member.oid, ctx.user_oid, admin});
}

}  // namespace

}  // namespace lumadb::exec

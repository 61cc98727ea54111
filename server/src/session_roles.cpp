// SET ROLE and SET SESSION AUTHORIZATION (PostgreSQL 15's variable.c check_role / check_session_authorization)
// and the current and session users every statement runs as.

#include "catalog/role_graph.h"
#include "common/reg_names.h"
#include "server/log.h"
#include "server/session.h"
#include "txn/transaction_manager.h"

namespace lumadb::server {

namespace {

DbError NoSuchRole(const std::string& name) {
  return DbError(sqlstate::kInvalidParameterValue, "role \"" + name + "\" does not exist");
}

}  // namespace

std::string Session::SetRoleVariable(const ast::VariableSetStmt& stmt) {
  using T = ast::VariableSetStmt::Type;
  const bool reset = stmt.type != T::kSetValue;
  txn::Transaction& txn = EnsureTransaction();
  catalog::RoleGraph roles = catalog::RoleGraph::Load(server_.cluster, txn);
  const catalog::RoleInfo* authenticated = roles.ByName(user_);
  if (stmt.name == "session_authorization") {
    std::string target = reset ? user_ : stmt.values.at(0);
    const catalog::RoleInfo* role = roles.ByName(target);
    if (!role) throw NoSuchRole(target);
    // Only a superuser may become another user (the authenticated user's status counts, not the current one).
    if (role->name != user_ && !(authenticated && authenticated->superuser)) {
      throw DbError(sqlstate::kInsufficientPrivilege,
                    "permission denied to set session authorization \"" + target + "\"");
    }
    settings_.Set("session_authorization", {target}, stmt.local);
    settings_.Set("role", {"none"}, stmt.local);
  } else if (reset || stmt.values.at(0) == "none") {
    if (stmt.type == T::kReset) {
      settings_.Reset("role", false);
    } else {
      settings_.Set("role", {"none"}, stmt.local);
    }
  } else {
    const std::string& target = stmt.values.at(0);
    const catalog::RoleInfo* role = roles.ByName(target);
    if (!role) throw NoSuchRole(target);
    const catalog::RoleInfo* session = roles.ByName(SessionUserName());
    if (!session || !roles.IsMemberOf(session->oid, role->oid)) {
      throw DbError(sqlstate::kInsufficientPrivilege, "permission denied to set role \"" + target + "\"");
    }
    settings_.Set("role", {target}, stmt.local);
  }
  const catalog::RoleInfo* current = roles.ByName(CurrentUserName());
  if (current) role_superuser_[current->name] = current->superuser;
  settings_.SetInternal("is_superuser", current && current->superuser ? "on" : "off");
  return stmt.type == T::kReset ? "RESET" : "SET";
}

void Session::CheckConnectPrivilege(const catalog::RoleInfo& role, const catalog::DatabaseInfo& db) {
  if (role.superuser) return;
  auto& manager = server_.cluster.transactions();
  auto tx = manager.Begin();
  catalog::RoleGraph roles = catalog::RoleGraph::Load(server_.cluster, *tx);
  manager.Commit(*tx);
  catalog::Acl acl = db.acl ? catalog::AclFromStrings(*db.acl)
                            : catalog::DefaultAcl(catalog::AclObject::kDatabase, roles.NameOf(db.owner));
  if (roles.Mask(acl, role.oid, catalog::kAclConnect) == 0) {
    throw DbError(sqlstate::kInsufficientPrivilege, "permission denied for database \"" + db.name + "\"",
                  Severity::kFatal)
        .Detail("User does not have CONNECT privilege.");
  }
}

std::string Session::RoleSettingItem(const ast::VariableSetStmt& stmt) {
  Settings scratch = settings_;  // Set checks the parameter's context and value exactly as SET would
  scratch.Set(stmt.name, stmt.values, false);
  const SettingDef& def = AllSettingDefs()[static_cast<size_t>(FindSetting(stmt.name))];
  // flatten_set_variable_args: the items as given, identifiers quoted for GUC_LIST_QUOTE parameters.
  std::string value;
  for (const std::string& item : stmt.values) {
    value += (value.empty() ? "" : ", ") + (def.list_quote ? QuoteIdentifier(item) : item);
  }
  return std::string(def.name) + "=" + value;
}

void Session::ApplyRoleSettings(Oid role) {
  auto& manager = server_.cluster.transactions();
  auto tx = manager.Begin();
  std::vector<catalog::DbRoleSetting> all = server_.cluster.ListDbRoleSettings(*tx);
  manager.Commit(*tx);
  const std::pair<Oid, Oid> order[] = {{0, 0}, {database_.oid, 0}, {0, role}, {database_.oid, role}};
  for (const auto& [database, role_oid] : order) {
    for (const catalog::DbRoleSetting& setting : all) {
      if (setting.database != database || setting.role != role_oid) continue;
      for (const std::string& item : setting.config) {
        size_t eq = item.find('=');
        if (eq == std::string::npos) continue;
        try {
          settings_.SetDefault(item.substr(0, eq), item.substr(eq + 1), SettingSource::kStartupPacket);
        } catch (const DbError& e) {
          LogLine(pid(), "WARNING", e.message());
        }
      }
    }
  }
}

// The three below run at every statement or transaction end, hence the resolved keys.
void Session::SyncIsSuperuser() {
  static const SettingKey kIsSuperuser("is_superuser");
  auto it = role_superuser_.find(CurrentUserName());
  if (it != role_superuser_.end()) settings_.SetInternal(kIsSuperuser, it->second ? "on" : "off");
}

std::string Session::SessionUserName() const {
  static const SettingKey kSessionAuthorization("session_authorization");
  const std::string& name = settings_.Get(kSessionAuthorization);
  return name.empty() ? user_ : name;
}

std::string Session::CurrentUserName() const {
  static const SettingKey kRole("role");
  const std::string& role = settings_.Get(kRole);
  return role.empty() || role == "none" ? SessionUserName() : role;
}

void Session::SetUsers(exec::SessionContext& ctx) {
  ctx.session_user = SessionUserName();
  ctx.user = CurrentUserName();
  auto session = server_.cluster.LookupRole(ctx.txn, ctx.session_user);
  auto current = ctx.user == ctx.session_user ? session : server_.cluster.LookupRole(ctx.txn, ctx.user);
  // A role dropped by another session leaves OID 0, which holds no privileges.
  ctx.session_user_oid = session ? session->oid : 0;
  ctx.user_oid = current ? current->oid : 0;
  ctx.user_is_superuser = current && current->superuser;
}

}  // namespace lumadb::server

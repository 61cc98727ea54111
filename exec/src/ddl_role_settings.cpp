// ALTER ROLE / ALTER DATABASE ... SET | RESET (PostgreSQL 15's user.c AlterRoleSet, dbcommands.c
// AlterDatabaseSet, pg_db_role_setting.c AlterSetting and guc.c GUCArrayAdd / GUCArrayDelete).

#include <algorithm>
#include <cctype>

#include "ddl_roles.h"
#include "permissions.h"

namespace lumadb::exec {

namespace {

DbError Denied(const std::string& message) {
  return DbError(sqlstate::kInsufficientPrivilege, message);
}

bool SameName(const std::string& item, const std::string& name) {
  std::string left = item.substr(0, item.find('='));
  if (left.size() != name.size()) return false;
  for (size_t i = 0; i < left.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(left[i])) != std::tolower(static_cast<unsigned char>(name[i])))
      return false;
  }
  return true;
}

// The (database, role) row ALTER changes: its key and who may change it.
catalog::DbRoleSetting SettingKey(const ast::AlterRoleSetStmt& stmt, SessionContext& ctx) {
  catalog::RoleGraph roles = Roles(ctx);
  const bool superuser = roles.IsSuperuser(ctx.user_oid);
  catalog::DbRoleSetting key;
  if (stmt.role) {
    catalog::RoleInfo role = ResolveRoleSpec(ctx, *stmt.role);
    if (role.superuser && !superuser) throw Denied("must be superuser to alter superusers");
    if (!role.superuser && !HasCreateRole(roles, ctx.user_oid) && role.oid != ctx.user_oid) {
      throw Denied("permission denied");
    }
    key.role = role.oid;
  }
  if (!stmt.database.empty()) {
    auto db = ctx.cluster.LookupDatabase(ctx.txn, stmt.database);
    if (!db) throw DbError(sqlstate::kInvalidCatalogName, "database \"" + stmt.database + "\" does not exist");
    if (stmt.is_database && !roles.HasPrivsOf(ctx.user_oid, db->owner)) {
      throw Denied("must be owner of database " + db->name);
    }
    key.database = db->oid;
  }
  if (!stmt.role && !stmt.is_database && !superuser) throw Denied("must be superuser to alter settings globally");
  return key;
}

}  // namespace

std::string ExecuteAlterRoleSet(const ast::AlterRoleSetStmt& stmt, SessionContext& ctx) {
  using T = ast::VariableSetStmt::Type;
  const std::string tag = stmt.is_database ? "ALTER DATABASE" : "ALTER ROLE";
  if (!ctx.setting_item) throw DbError(sqlstate::kFeatureNotSupported, tag + " ... SET needs a session");
  catalog::DbRoleSetting setting = SettingKey(stmt, ctx);
  for (catalog::DbRoleSetting& existing : ctx.cluster.ListDbRoleSettings(ctx.txn)) {
    if (existing.database == setting.database && existing.role == setting.role) setting.config = existing.config;
  }
  const ast::VariableSetStmt& set = *stmt.set;
  if (set.type == T::kResetAll) {
    setting.config.clear();
  } else if (set.type == T::kSetValue) {
    std::string item = ctx.setting_item(set);
    std::string name = item.substr(0, item.find('='));
    // GUCArrayAdd: a parameter already listed keeps its place.
    auto it = std::find_if(setting.config.begin(), setting.config.end(),
                           [&](const std::string& s) { return SameName(s, name); });
    if (it != setting.config.end()) {
      *it = std::move(item);
    } else {
      setting.config.push_back(std::move(item));
    }
  } else {
    std::erase_if(setting.config, [&](const std::string& s) { return SameName(s, set.name); });
  }
  ctx.cluster.SetDbRoleSetting(ctx.txn, setting);
  return tag;
}

}  // namespace lumadb::exec

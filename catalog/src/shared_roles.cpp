// SharedCatalog's role side: pg_authid and pg_auth_members (PostgreSQL's commands/user.c writes).

#include "catalog_rows.h"
#include "catalog_table.h"
#include "common/error.h"
#include "oid_counter.h"
#include "shared_catalog.h"
#include "storage/storage_engine.h"
#include "system_catalogs.h"
#include "txn/transaction.h"

namespace lumadb::catalog {

namespace {

Oid RowOidAt(const Row& r, size_t column) {
  return static_cast<Oid>(r[column].GetInt());
}

}  // namespace

CatalogTable SharedCatalog::SharedTable(Oid rel) {
  const SystemRelation& sys = SystemRelationById(rel);
  return CatalogTable(storage_.Heap(storage::FileId{0, sys.oid}), sys);
}

std::optional<RoleInfo> SharedCatalog::RoleByOid(txn::Transaction& txn, Oid oid) {
  auto state = View(txn);  // a writer's view lives only as long as this pointer
  for (const RoleInfo& role : state->roles) {
    if (role.oid == oid) return role;
  }
  return std::nullopt;
}

std::vector<RoleInfo> SharedCatalog::ListRoles(txn::Transaction& txn) {
  return View(txn)->roles;
}

std::vector<AuthMember> SharedCatalog::ListMembers(txn::Transaction& txn) {
  return View(txn)->members;
}

Oid SharedCatalog::CreateRole(txn::Transaction& txn, RoleInfo role) {
  BeginDdl(txn);
  if (LookupRole(txn, role.name)) {
    throw DbError(sqlstate::kDuplicateObject, "role \"" + role.name + "\" already exists");
  }
  role.oid = oids_.Next();
  SharedTable(kPgAuthidOid).Insert(txn, AuthidRow(role));
  SharedTable(kPgRolesOid).Insert(txn, RolesRow(role));
  return role.oid;
}

void SharedCatalog::UpdateRole(txn::Transaction& txn, const RoleInfo& role) {
  BeginDdl(txn);
  auto same_name = LookupRole(txn, role.name);
  if (same_name && same_name->oid != role.oid) {
    throw DbError(sqlstate::kDuplicateObject, "role \"" + role.name + "\" already exists");
  }
  Row row = AuthidRow(role);
  SharedTable(kPgAuthidOid)
      .UpdateIf(
          txn, [&](const Row& r) { return RowOidAt(r, col::kRolOid) == role.oid; }, [&](Row& r) { r = row; });
  Row shown = RolesRow(role);
  SharedTable(kPgRolesOid)
      .UpdateIf(
          txn, [&](const Row& r) { return RowOidAt(r, col::kRolesOid) == role.oid; }, [&](Row& r) { r = shown; });
}

void SharedCatalog::DropRole(txn::Transaction& txn, Oid role) {
  BeginDdl(txn);
  SharedTable(kPgAuthidOid).DeleteIf(txn, [&](const Row& r) { return RowOidAt(r, col::kRolOid) == role; });
  SharedTable(kPgRolesOid).DeleteIf(txn, [&](const Row& r) { return RowOidAt(r, col::kRolesOid) == role; });
  SharedTable(kPgAuthMembersOid).DeleteIf(txn, [&](const Row& r) {
    return RowOidAt(r, col::kAmRoleId) == role || RowOidAt(r, col::kAmMember) == role;
  });
  SharedTable(kPgDbRoleSettingOid).DeleteIf(txn, [&](const Row& r) { return RowOidAt(r, col::kSetRole) == role; });
}

std::vector<DbRoleSetting> SharedCatalog::ListDbRoleSettings(txn::Transaction& txn) {
  return View(txn)->settings;
}

void SharedCatalog::SetDbRoleSetting(txn::Transaction& txn, const DbRoleSetting& setting) {
  BeginDdl(txn);
  auto same = [&](const Row& r) {
    return RowOidAt(r, col::kSetDatabase) == setting.database && RowOidAt(r, col::kSetRole) == setting.role;
  };
  SharedTable(kPgDbRoleSettingOid).DeleteIf(txn, same);
  const std::optional<std::vector<std::string>> config =
      setting.config.empty() ? std::nullopt : std::optional(setting.config);
  if (config) {
    SharedTable(kPgDbRoleSettingOid)
        .Insert(txn, {Value::Oid(setting.database), Value::Oid(setting.role), AclValue(config)});
  }
  if (setting.database != 0 || setting.role == 0) return;
  SharedTable(kPgRolesOid)
      .UpdateIf(
          txn, [&](const Row& r) { return RowOidAt(r, col::kRolesOid) == setting.role; },
          [&](Row& r) { r[col::kRolesConfig] = AclValue(config); });
}

void SharedCatalog::AddMember(txn::Transaction& txn, const AuthMember& m) {
  BeginDdl(txn);
  CatalogTable members = SharedTable(kPgAuthMembersOid);
  int updated = members.UpdateIf(
      txn,
      [&](const Row& r) { return RowOidAt(r, col::kAmRoleId) == m.role && RowOidAt(r, col::kAmMember) == m.member; },
      [&](Row& r) {
        if (m.admin_option) r[col::kAmAdminOption] = Value::Bool(true);
      });
  if (updated == 0) members.Insert(txn, AuthMembersRow(m));
}

void SharedCatalog::SetDatabaseAccess(txn::Transaction& txn, Oid db, Oid owner,
                                      const std::optional<std::vector<std::string>>& acl) {
  BeginDdl(txn);
  SharedTable(kPgDatabaseOid)
      .UpdateIf(
          txn, [&](const Row& r) { return RowOidAt(r, col::kDatOid) == db; },
          [&](Row& r) {
            r[col::kDatDba] = Value::Oid(owner);
            r[col::kDatAcl] = AclValue(acl);
          });
}

bool SharedCatalog::RemoveMember(txn::Transaction& txn, Oid role, Oid member, bool admin_only) {
  BeginDdl(txn);
  auto match = [&](const Row& r) {
    return RowOidAt(r, col::kAmRoleId) == role && RowOidAt(r, col::kAmMember) == member;
  };
  CatalogTable members = SharedTable(kPgAuthMembersOid);
  if (admin_only) return members.UpdateIf(txn, match, [](Row& r) { r[col::kAmAdminOption] = Value::Bool(false); }) > 0;
  return members.DeleteIf(txn, match) > 0;
}

}  // namespace lumadb::catalog

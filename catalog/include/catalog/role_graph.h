#pragma once
// RoleGraph: one consistent view of pg_authid and pg_auth_members for privilege checks, following
// PostgreSQL 15's acl.c: superuser_arg, has_privs_of_role (memberships followed only through roles with
// INHERIT), is_member_of_role (every membership, for SET ROLE), is_admin_of_role, and the relation ACL
// checks of pg_class_aclmask.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/acl.h"
#include "catalog/catalog.h"
#include "catalog/cluster.h"

namespace lumadb::catalog {

class RoleGraph {
 public:
  RoleGraph(std::vector<RoleInfo> roles, std::vector<AuthMember> members);
  /// The roles and memberships as txn sees them.
  static RoleGraph Load(Cluster& cluster, txn::Transaction& txn);

  const RoleInfo* ByOid(Oid oid) const;
  const RoleInfo* ByName(std::string_view name) const;
  /// The role's name, or its OID as text when it is gone (as aclitemout prints a dropped grantee).
  std::string NameOf(Oid oid) const;

  bool IsSuperuser(Oid user) const;
  /// has_privs_of_role: user is role, or a member of it through roles that all have INHERIT; superusers
  /// have the privileges of every role.
  bool HasPrivsOf(Oid user, Oid role) const;
  /// is_member_of_role: any chain of memberships (SET ROLE); superusers are members of every role.
  bool IsMemberOf(Oid user, Oid role) const;
  /// is_member_of_role_nosuper: the same chains without the superuser shortcut (pg_hba.conf's +role).
  bool IsMemberOfNoSuper(Oid user, Oid role) const;
  /// is_admin_of_role: user holds role WITH ADMIN OPTION (directly or through a role it is a member of).
  bool IsAdminOf(Oid user, Oid role) const;
  /// Every role whose privileges user has (user first).
  std::vector<Oid> PrivilegeRoles(Oid user) const;
  /// The direct memberships of `member`.
  std::vector<AuthMember> MembershipsOf(Oid member) const;
  const std::vector<AuthMember>& members() const { return members_; }
  const std::vector<RoleInfo>& roles() const { return roles_; }

  /// The privileges among `mask` that user holds through acl (superusers: all of mask); `options`
  /// receives those it may grant.
  AclMode Mask(const Acl& acl, Oid user, AclMode mask, AclMode* options = nullptr) const;
  /// A relation's ACL: its relacl, or acldefault for its kind and owner when NULL.
  Acl RelationAcl(const TableInfo& table) const;
  /// pg_class_aclmask: what user holds of `mask` on the relation (owners hold what the ACL gives them, so
  /// an owner who revoked his own SELECT lacks it, as in PostgreSQL).
  AclMode RelationMask(const TableInfo& table, Oid user, AclMode mask) const;
  /// pg_class_ownercheck: superuser, or has the privileges of the owner.
  bool OwnsRelation(const TableInfo& table, Oid user) const { return HasPrivsOf(user, table.owner); }

 private:
  std::vector<RoleInfo> roles_;
  std::vector<AuthMember> members_;
};

}  // namespace lumadb::catalog

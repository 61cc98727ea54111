#include "catalog/role_graph.h"

#include <algorithm>

namespace lumadb::catalog {

RoleGraph::RoleGraph(std::vector<RoleInfo> roles, std::vector<AuthMember> members)
    : roles_(std::move(roles)), members_(std::move(members)) {}

RoleGraph RoleGraph::Load(Cluster& cluster, txn::Transaction& txn) {
  return RoleGraph(cluster.ListRoles(txn), cluster.ListMembers(txn));
}

const RoleInfo* RoleGraph::ByOid(Oid oid) const {
  for (const RoleInfo& r : roles_) {
    if (r.oid == oid) return &r;
  }
  return nullptr;
}

const RoleInfo* RoleGraph::ByName(std::string_view name) const {
  for (const RoleInfo& r : roles_) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

std::string RoleGraph::NameOf(Oid oid) const {
  const RoleInfo* r = ByOid(oid);
  return r ? r->name : std::to_string(oid);
}

bool RoleGraph::IsSuperuser(Oid user) const {
  const RoleInfo* r = ByOid(user);
  return r && r->superuser;
}

std::vector<AuthMember> RoleGraph::MembershipsOf(Oid member) const {
  std::vector<AuthMember> out;
  for (const AuthMember& m : members_) {
    if (m.member == member) out.push_back(m);
  }
  return out;
}

// roles_is_member_of: a breadth-first walk up the memberships; with inherit_only a role without INHERIT
// contributes itself but not the roles it is a member of.
static std::vector<Oid> Closure(const RoleGraph& graph, Oid user, bool inherit_only) {
  std::vector<Oid> out{user};
  for (size_t i = 0; i < out.size(); ++i) {
    const RoleInfo* r = graph.ByOid(out[i]);
    if (inherit_only && r && !r->inherit) continue;
    for (const AuthMember& m : graph.MembershipsOf(out[i])) {
      if (std::find(out.begin(), out.end(), m.role) == out.end()) out.push_back(m.role);
    }
  }
  return out;
}

std::vector<Oid> RoleGraph::PrivilegeRoles(Oid user) const {
  return Closure(*this, user, true);
}

bool RoleGraph::HasPrivsOf(Oid user, Oid role) const {
  if (user == role || IsSuperuser(user)) return true;
  auto roles = Closure(*this, user, true);
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool RoleGraph::IsMemberOf(Oid user, Oid role) const {
  return IsSuperuser(user) || IsMemberOfNoSuper(user, role);
}

bool RoleGraph::IsMemberOfNoSuper(Oid user, Oid role) const {
  if (user == role) return true;
  auto roles = Closure(*this, user, false);
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool RoleGraph::IsAdminOf(Oid user, Oid role) const {
  for (Oid r : Closure(*this, user, false)) {
    for (const AuthMember& m : MembershipsOf(r)) {
      if (m.role == role && m.admin_option) return true;
    }
  }
  return false;
}

AclMode RoleGraph::Mask(const Acl& acl, Oid user, AclMode mask, AclMode* options) const {
  if (IsSuperuser(user)) {
    if (options) *options = mask;
    return mask;
  }
  std::vector<std::string> names;
  for (Oid r : PrivilegeRoles(user)) names.push_back(NameOf(r));
  return AclMask(acl, names, mask, options);
}

Acl RoleGraph::RelationAcl(const TableInfo& table) const {
  if (table.acl) return AclFromStrings(*table.acl);
  // initdb grants PUBLIC SELECT on the system catalogs, except pg_authid and pg_statistic
  // (system_views.sql's REVOKE).
  constexpr Oid kFirstNormalObjectId = 16384;
  if (table.oid < kFirstNormalObjectId && table.oid != 1260 && table.oid != 2619) {
    std::string owner = NameOf(table.owner);
    return Acl{{owner, owner, AllRights(AclObject::kTable), 0}, {"", owner, kAclSelect, 0}};
  }
  return DefaultAcl(table.relkind == 'S' ? AclObject::kSequence : AclObject::kTable, NameOf(table.owner));
}

AclMode RoleGraph::RelationMask(const TableInfo& table, Oid user, AclMode mask) const {
  return Mask(RelationAcl(table), user, mask);
}

}  // namespace lumadb::catalog

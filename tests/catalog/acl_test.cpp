// ACL text forms, defaults and updates (catalog/acl.h) against what PostgreSQL 15 prints, the role graph's
// membership rules, and roles and relation ACLs surviving a restart.
#include "catalog/acl.h"

#include <doctest/doctest.h>

#include "catalog/role_graph.h"
#include "catalog_test_util.h"
#include "txn/transaction_manager.h"

namespace lumadb::catalog {
namespace {

using testing::ClusterFixture;
using testing::SqlStateOf;

TEST_CASE("aclitem text form: formatting and parsing round-trip as aclitemout/aclitemin") {
  CHECK(FormatAclItem({"alice", "postgres", kAclSelect | kAclInsert, 0}) == "alice=ar/postgres");
  CHECK(FormatAclItem({"", "postgres", kAclSelect, 0}) == "=r/postgres");
  CHECK(FormatAclItem({"bob", "alice", kAclSelect | kAclUpdate, kAclSelect}) == "bob=r*w/alice");
  CHECK(FormatAclItem({"Mixed Case", "x\"y", kAclUsage, 0}) == "\"Mixed Case\"=U/\"x\"\"y\"");
  for (const char* text : {"alice=arwdDxt/postgres", "=r/postgres", "bob=r*w/alice", "\"a b\"=Tc/postgres"}) {
    CHECK(FormatAclItem(ParseAclItem(text)) == text);
  }
  AclItem item = ParseAclItem("\"x\"\"y\"=r*/postgres");
  CHECK(item.grantee == "x\"y");
  CHECK(item.grant_options == kAclSelect);
  CHECK(SqlStateOf([] { ParseAclItem("alice"); }) == "22P02");
  CHECK(SqlStateOf([] { ParseAclItem("alice=q/postgres"); }) == "22P02");
}

TEST_CASE("acldefault: the owner holds everything; databases give PUBLIC CONNECT and TEMP first") {
  CHECK(AclToStrings(DefaultAcl(AclObject::kTable, "o")) == std::vector<std::string>{"o=arwdDxt/o"});
  CHECK(AclToStrings(DefaultAcl(AclObject::kSequence, "o")) == std::vector<std::string>{"o=rwU/o"});
  CHECK(AclToStrings(DefaultAcl(AclObject::kSchema, "o")) == std::vector<std::string>{"o=UC/o"});
  CHECK(AclToStrings(DefaultAcl(AclObject::kDatabase, "o")) == std::vector<std::string>{"=Tc/o", "o=CTc/o"});
}

TEST_CASE("AclUpdate grants and revokes per grantor; AclMask sees PUBLIC and the given roles") {
  Acl acl = DefaultAcl(AclObject::kTable, "o");
  AclUpdate(acl, true, "a", "o", kAclSelect, true, false);
  AclUpdate(acl, true, "a", "o", kAclInsert, false, false);
  AclUpdate(acl, true, "", "o", kAclUpdate, false, false);
  CHECK(AclToStrings(acl) == std::vector<std::string>{"o=arwdDxt/o", "a=ar*/o", "=w/o"});
  AclMode options = 0;
  CHECK(AclMask(acl, {"a"}, kAclSelect | kAclUpdate | kAclDelete, &options) == (kAclSelect | kAclUpdate));
  CHECK(options == kAclSelect);
  CHECK(AclMask(acl, {"b"}, kAclSelect | kAclUpdate) == kAclUpdate);
  AclUpdate(acl, false, "a", "o", kAclSelect, false, true);  // REVOKE GRANT OPTION FOR SELECT
  CHECK(AclToStrings(acl)[1] == "a=ar/o");
  AclUpdate(acl, false, "a", "o", kAclSelect | kAclInsert, false, false);
  CHECK(AclToStrings(acl) == std::vector<std::string>{"o=arwdDxt/o", "=w/o"});
  CHECK(AclRenameRole(acl, "o", "n"));
  CHECK(AclToStrings(acl) == std::vector<std::string>{"n=arwdDxt/n", "=w/n"});
  CHECK(AclMentions(acl, "n"));
  CHECK_FALSE(AclMentions(acl, "o"));
}

TEST_CASE("privilege strings of has_table_privilege & co") {
  bool grant_option = false;
  CHECK(ParsePrivilegeString("SELECT", AclObject::kTable, &grant_option) == kAclSelect);
  CHECK(ParsePrivilegeString(" insert , Update WITH GRANT OPTION", AclObject::kTable, &grant_option) ==
        (kAclInsert | kAclUpdate));
  CHECK(grant_option);
  CHECK(ParsePrivilegeString("temp", AclObject::kDatabase, &grant_option) == kAclCreateTemp);
  CHECK(SqlStateOf([&] { ParsePrivilegeString("usage", AclObject::kTable, &grant_option); }) == "22023");
  CHECK(SqlStateOf([&] { ParsePrivilegeString("foo", AclObject::kSchema, &grant_option); }) == "22023");
}

TEST_CASE("RoleGraph: INHERIT decides privileges, any membership allows SET ROLE, superusers pass") {
  std::vector<RoleInfo> roles = {{.oid = 10, .name = "postgres", .superuser = true},
                                 {.oid = 20, .name = "readers"},
                                 {.oid = 21, .name = "writers"},
                                 {.oid = 30, .name = "carol"},
                                 {.oid = 31, .name = "dave", .inherit = false}};
  std::vector<AuthMember> members = {{20, 30, 10, false}, {21, 20, 10, true}, {20, 31, 10, false}};
  RoleGraph graph(roles, members);
  CHECK(graph.HasPrivsOf(30, 21));  // carol -> readers -> writers
  CHECK_FALSE(graph.HasPrivsOf(31, 20));
  CHECK(graph.IsMemberOf(31, 20));
  CHECK(graph.IsMemberOf(10, 31));
  CHECK(graph.IsAdminOf(30, 21));  // through readers, which holds writers WITH ADMIN OPTION
  CHECK_FALSE(graph.IsAdminOf(30, 20));
  TableInfo t;
  t.oid = 16500;
  t.owner = 21;
  t.acl = std::vector<std::string>{"writers=arwdDxt/writers", "dave=r/writers"};
  CHECK(graph.RelationMask(t, 30, kAclSelect | kAclDelete) == (kAclSelect | kAclDelete));
  CHECK(graph.RelationMask(t, 31, kAclSelect | kAclDelete) == kAclSelect);
  CHECK(graph.RelationMask(t, 10, kAclTruncate) == kAclTruncate);
  t.acl.reset();
  CHECK(AclToStrings(graph.RelationAcl(t)) == std::vector<std::string>{"writers=arwdDxt/writers"});
  t.oid = 1259;  // system catalogs are readable by PUBLIC
  t.owner = 10;
  CHECK(graph.RelationMask(t, 31, kAclSelect) == kAclSelect);
}

TEST_CASE("roles, memberships and relation ACLs persist across a restart") {
  ClusterFixture f;
  Oid role = 0;
  {
    auto t = f.Begin();
    role = f.cluster->CreateRole(*t, RoleInfo{.name = "alice", .can_login = false, .connection_limit = 5});
    CHECK(SqlStateOf([&] { f.cluster->CreateRole(*t, RoleInfo{.name = "alice"}); }) == "42710");
    f.cluster->AddMember(*t, AuthMember{10, role, 10, true});
    f.Commit(*t);
  }
  Catalog& db = f.Postgres();
  {
    auto t = f.Begin();
    TableDef def;
    def.name = "t";
    def.owner = role;
    def.columns.push_back(ColumnInfo{"a", TypeDesc{TypeId::kInt4, -1}, 1, false, {}});
    auto table = db.CreateTable(*t, def, {"public"});
    db.SetRelationAccess(*t, table->oid, role, std::vector<std::string>{"alice=arwdDxt/alice", "=r/alice"});
    f.Commit(*t);
  }
  f.Restart();
  auto t = f.Begin();
  auto alice = f.cluster->LookupRole(*t, "alice");
  REQUIRE(alice);
  CHECK(alice->connection_limit == 5);
  CHECK_FALSE(alice->can_login);
  REQUIRE(f.cluster->ListMembers(*t).size() == 1);
  CHECK(f.cluster->ListMembers(*t)[0].admin_option);
  auto table = f.Postgres().LookupTable(*t, "", "t", {"public"});
  REQUIRE(table);
  CHECK(table->owner == role);
  REQUIRE(table->acl);
  CHECK(*table->acl == std::vector<std::string>{"alice=arwdDxt/alice", "=r/alice"});
  alice->name = "alicia";
  f.cluster->UpdateRole(*t, *alice);
  f.cluster->DropRole(*t, role);
  CHECK_FALSE(f.cluster->LookupRole(*t, "alicia"));
  CHECK(f.cluster->ListMembers(*t).empty());
  f.Commit(*t);
}

}  // namespace
}  // namespace lumadb::catalog

// CREATE/ALTER/DROP ROLE, GRANT/REVOKE, ALTER ... OWNER TO, SET ROLE / SESSION AUTHORIZATION.

#include <doctest/doctest.h>

#include "parser/ast_roles.h"
#include "test_util.h"

namespace lumadb::parser::testing {

TEST_CASE("CREATE, ALTER and DROP ROLE with gram.y's option names") {
  auto c = ParseOne<ast::CreateRoleStmt>(
      "CREATE USER alice WITH LOGIN NOSUPERUSER ENCRYPTED PASSWORD 'pw' VALID UNTIL '2030-01-01' "
      "CONNECTION LIMIT 5 IN ROLE staff, admins");
  CHECK(c->type == ast::CreateRoleStmt::Type::kUser);
  CHECK(c->name == "alice");
  REQUIRE(c->options.size() == 6);
  CHECK(c->options[0].name == "canlogin");
  CHECK(c->options[0].flag);
  CHECK(c->options[1].name == "superuser");
  CHECK_FALSE(c->options[1].flag);
  CHECK(c->options[2].name == "password");
  CHECK(c->options[2].value == "pw");
  CHECK(c->options[3].value == "2030-01-01");
  CHECK(c->options[4].value == "5");
  CHECK(c->options[5].name == "addroleto");
  REQUIRE(c->options[5].roles.size() == 2);
  CHECK(c->options[5].roles[1].name == "admins");
  auto n = ParseOne<ast::CreateRoleStmt>("CREATE ROLE r PASSWORD NULL");
  CHECK_FALSE(n->options[0].value.has_value());
  CHECK(ErrorOf("CREATE ROLE r FOO").message == "unrecognized role option \"foo\"");
  CHECK(ErrorOf("CREATE ROLE r FOO").position == 15);
  auto a = ParseOne<ast::AlterRoleStmt>("ALTER ROLE CURRENT_USER CREATEDB");
  CHECK(a->role.kind == ast::RoleSpec::Kind::kCurrentUser);
  auto r = ParseOne<ast::AlterRoleStmt>("ALTER USER bob RENAME TO robert");
  CHECK(r->new_name == "robert");
  auto d = ParseOne<ast::DropRoleStmt>("DROP GROUP IF EXISTS a, b");
  CHECK(d->if_exists);
  CHECK(d->names == std::vector<std::string>{"a", "b"});
}

TEST_CASE("GRANT and REVOKE of privileges and of roles") {
  auto g = ParseOne<ast::GrantStmt>("GRANT SELECT (a, b), UPDATE ON TABLE s.t, u TO alice, PUBLIC WITH GRANT OPTION");
  REQUIRE(g->privileges.size() == 2);
  CHECK(g->privileges[0].columns == std::vector<std::string>{"a", "b"});
  CHECK(g->objects.size() == 2);
  CHECK(g->objects[0].schema == "s");
  CHECK(g->grantees[1].kind == ast::RoleSpec::Kind::kPublic);
  CHECK(g->grant_option);
  auto all = ParseOne<ast::GrantStmt>("GRANT ALL PRIVILEGES ON ALL SEQUENCES IN SCHEMA public TO bob");
  CHECK(all->privileges.empty());
  CHECK(all->all_in_schema);
  CHECK(all->object_type == ast::GrantObjectType::kSequence);
  auto rv = ParseOne<ast::GrantStmt>("REVOKE GRANT OPTION FOR SELECT ON t FROM alice GRANTED BY CURRENT_USER CASCADE");
  CHECK_FALSE(rv->is_grant);
  CHECK(rv->grant_option);
  CHECK(rv->cascade);
  REQUIRE(rv->granted_by);
  auto db = ParseOne<ast::GrantStmt>("GRANT CONNECT, TEMP ON DATABASE d TO r");
  CHECK(db->object_type == ast::GrantObjectType::kDatabase);
  CHECK(db->privileges[1].name == "temp");
  auto role = ParseOne<ast::GrantRoleStmt>("GRANT staff, admins TO alice WITH ADMIN OPTION");
  CHECK(role->roles == std::vector<std::string>{"staff", "admins"});
  CHECK(role->admin_option);
  auto revoke_role = ParseOne<ast::GrantRoleStmt>("REVOKE ADMIN OPTION FOR staff FROM alice");
  CHECK_FALSE(revoke_role->is_grant);
  CHECK(revoke_role->admin_option);
  auto owner = ParseOne<ast::AlterOwnerStmt>("ALTER TABLE s.t OWNER TO SESSION_USER");
  CHECK(owner->object.name == "t");
  CHECK(owner->new_owner.kind == ast::RoleSpec::Kind::kSessionUser);
}

TEST_CASE("SET ROLE and SET SESSION AUTHORIZATION are the settings role and session_authorization") {
  auto r = ParseOne<ast::VariableSetStmt>("SET ROLE alice");
  CHECK(r->name == "role");
  CHECK(r->values == std::vector<std::string>{"alice"});
  auto none = ParseOne<ast::VariableSetStmt>("SET ROLE NONE");
  CHECK(none->values == std::vector<std::string>{"none"});
  auto s = ParseOne<ast::VariableSetStmt>("SET SESSION AUTHORIZATION 'bob'");
  CHECK(s->name == "session_authorization");
  auto d = ParseOne<ast::VariableSetStmt>("SET SESSION AUTHORIZATION DEFAULT");
  CHECK(d->type == ast::VariableSetStmt::Type::kSetDefault);
  auto reset = ParseOne<ast::VariableSetStmt>("RESET SESSION AUTHORIZATION");
  CHECK(reset->name == "session_authorization");
  CHECK(reset->type == ast::VariableSetStmt::Type::kReset);
  CHECK(ParseOne<ast::VariableSetStmt>("RESET ROLE")->name == "role");
  CHECK(ParseOne<ast::VariableSetStmt>("SET SESSION timezone = 'UTC'")->name == "timezone");
}

}  // namespace lumadb::parser::testing

// The privileges the binder records for exec to check (planner/permissions.h): required modes per relation
// and the columns read and written, as PostgreSQL's RTE requiredPerms / selectedCols / updatedCols.

#include <doctest/doctest.h>

#include "binder_fixture.h"

namespace lumadb::planner {
namespace {

using planner::testing::Fixture;

struct Recorded : Fixture {
  PermissionList Of(const std::string& sql) {
    auto stmts = parser::Parse(sql);
    Binder binder(catalog, txn, {"public"}, sql);
    const auto& s = *stmts.at(0);
    switch (s.kind) {
      case ast::StmtKind::kInsert:
        binder.BindInsert(s.As<ast::InsertStmt>());
        break;
      case ast::StmtKind::kUpdate:
        binder.BindUpdate(s.As<ast::UpdateStmt>());
        break;
      case ast::StmtKind::kDelete:
        binder.BindDelete(s.As<ast::DeleteStmt>());
        break;
      default:
        binder.BindSelect(s.As<ast::SelectStmt>());
    }
    return binder.permissions();
  }
};

TEST_CASE_FIXTURE(Recorded, "SELECT needs SELECT on every table, subqueries included, with the columns read") {
  PermissionList p = Of("SELECT a FROM t WHERE b = 'x' AND EXISTS (SELECT 1 FROM u WHERE u.d = 'y')");
  REQUIRE(p.size() == 2);
  CHECK(p[0].table->name == "t");
  CHECK(p[0].required == catalog::kAclSelect);
  CHECK(p[0].selected == std::set<int16_t>{1, 2});
  CHECK(p[1].table->name == "u");
  CHECK(p[1].selected == std::set<int16_t>{2});
  CHECK(Of("SELECT count(*) FROM t")[0].selected.empty());
  CHECK(Of("SELECT * FROM (SELECT * FROM u) s")[0].selected == std::set<int16_t>{1, 2});
  CHECK(Of("SELECT a FROM t FOR UPDATE")[0].required == (catalog::kAclSelect | catalog::kAclUpdate));
}

TEST_CASE_FIXTURE(Recorded, "INSERT, UPDATE and DELETE need their privilege, and SELECT for what they read") {
  PermissionList ins = Of("INSERT INTO t (b) VALUES ('x')");
  REQUIRE(ins.size() == 1);
  CHECK(ins[0].required == catalog::kAclInsert);
  CHECK(ins[0].modified == std::set<int16_t>{2});
  CHECK(Of("INSERT INTO t VALUES (1, 'x')")[0].modified == std::set<int16_t>{1, 2});
  CHECK(Of("INSERT INTO t (a) VALUES (1) RETURNING a")[0].required == (catalog::kAclInsert | catalog::kAclSelect));
  PermissionList copy = Of("INSERT INTO t (a) SELECT a FROM u");
  REQUIRE(copy.size() == 2);
  CHECK(copy[1].required == catalog::kAclSelect);
  PermissionList upd = Of("UPDATE t SET c = 1 WHERE a = 2");
  CHECK(upd[0].required == catalog::kAclUpdate);
  CHECK(upd[0].modified == std::set<int16_t>{3});
  CHECK(upd[0].selected == std::set<int16_t>{1});  // exec then needs SELECT on a (or the table)
  CHECK(Of("UPDATE t SET c = 1")[0].selected.empty());
  PermissionList del = Of("DELETE FROM t");
  CHECK(del[0].required == catalog::kAclDelete);
  CHECK(del[0].selected.empty());
  CHECK(Of("DELETE FROM t RETURNING *")[0].required == (catalog::kAclDelete | catalog::kAclSelect));
}

}  // namespace
}  // namespace lumadb::planner

// WITH, CREATE VIEW, CREATE TABLE AS, SELECT INTO, temporary tables and materialized views in the grammar.

#include <doctest/doctest.h>

#include "common/error.h"
#include "parser/ast_views.h"
#include "test_util.h"

namespace lumadb::parser::testing {

TEST_CASE("WITH and WITH RECURSIVE attach to their statement") {
  auto s = ParseOne<ast::SelectStmt>("WITH a AS (SELECT 1), b (x, y) AS MATERIALIZED (SELECT 1, 2) SELECT * FROM a, b");
  REQUIRE(s->with);
  CHECK_FALSE(s->with->recursive);
  REQUIRE(s->with->ctes.size() == 2);
  CHECK(s->with->ctes[1].name == "b");
  CHECK(s->with->ctes[1].columns == std::vector<std::string>{"x", "y"});
  CHECK(s->with->ctes[1].materialized == std::optional<bool>(true));
  auto r =
      ParseOne<ast::SelectStmt>("with recursive t(n) as (values (1) union all select n + 1 from t) select n from t");
  CHECK(r->with->recursive);
  CHECK(r->with->ctes[0].query->As<ast::SelectStmt>().set_op == ast::SetOpType::kUnion);
  auto i = ParseOne<ast::InsertStmt>("WITH v AS (SELECT 1) INSERT INTO t SELECT * FROM v");
  CHECK(i->with);
  CHECK(ParseOne<ast::DeleteStmt>("WITH v AS (SELECT 1) DELETE FROM t")->with);
  CHECK(ParseOne<ast::UpdateStmt>("WITH v AS (SELECT 1) UPDATE t SET a = 1")->with);
  auto sub = ParseOne<ast::SelectStmt>("SELECT * FROM (WITH q AS (SELECT 1) SELECT * FROM q) s");
  CHECK(sub->from[0]->subquery->with);
  CHECK(ErrorOf("WITH a AS (SELECT 1), a AS (SELECT 2) SELECT 1").code == "42712");
}

TEST_CASE("CREATE VIEW keeps the query text") {
  auto v = ParseOne<ast::CreateViewStmt>("CREATE OR REPLACE TEMP VIEW s.v (a, b) AS SELECT x, y FROM t  ");
  CHECK(v->replace);
  CHECK(v->persistence == 't');
  CHECK(v->view.schema == "s");
  CHECK(v->columns == std::vector<std::string>{"a", "b"});
  CHECK(v->query_text == "SELECT x, y FROM t");
  auto r =
      ParseOne<ast::CreateViewStmt>("CREATE RECURSIVE VIEW nums (n) AS VALUES (1) UNION ALL SELECT n + 1 FROM nums");
  CHECK(r->query_text.starts_with("WITH RECURSIVE \"nums\" (\"n\") AS (VALUES (1)"));
  auto d = ParseOne<ast::DropStmt>("DROP VIEW IF EXISTS a, b CASCADE");
  CHECK(d->object_type == ast::ObjectType::kView);
  CHECK(d->names.size() == 2);
  CHECK(ParseOne<ast::DropStmt>("DROP MATERIALIZED VIEW m")->object_type == ast::ObjectType::kMatView);
}

TEST_CASE("ALTER VIEW is its own statement") {
  using Action = ast::AlterViewStmt::Action;
  auto set = ParseOne<ast::AlterViewStmt>("ALTER VIEW IF EXISTS s.v SET (security_barrier, check_option = local)");
  CHECK(set->if_exists);
  CHECK(set->view.schema == "s");
  CHECK(set->action == Action::kSetOptions);
  CHECK(set->options ==
        std::vector<std::pair<std::string, std::string>>{{"security_barrier", "true"}, {"check_option", "local"}});
  CHECK(ParseOne<ast::AlterViewStmt>("ALTER VIEW v RESET (check_option)")->action == Action::kResetOptions);
  auto def = ParseOne<ast::AlterViewStmt>("ALTER VIEW v ALTER COLUMN a SET DEFAULT 1 + 2");
  CHECK(def->action == Action::kSetDefault);
  CHECK(def->column == "a");
  CHECK(def->default_text == "1 + 2");
  CHECK(ParseOne<ast::AlterViewStmt>("ALTER VIEW v ALTER a DROP DEFAULT")->action == Action::kDropDefault);
}

TEST_CASE("CREATE TABLE AS, SELECT INTO and temporary tables") {
  auto c = ParseOne<ast::CreateTableAsStmt>("CREATE TEMP TABLE IF NOT EXISTS t (a) AS SELECT 1 WITH NO DATA");
  CHECK(c->into.persistence == 't');
  CHECK(c->if_not_exists);
  CHECK(c->into.skip_data);
  CHECK(c->into.columns == std::vector<std::string>{"a"});
  auto s = ParseOne<ast::CreateTableAsStmt>("SELECT a INTO TEMPORARY TABLE n FROM t UNION SELECT 2");
  CHECK(s->is_select_into);
  CHECK(s->into.table.name == "n");
  CHECK(s->query->set_op == ast::SetOpType::kUnion);
  auto t = ParseOne<ast::CreateTableStmt>("CREATE LOCAL TEMPORARY TABLE x (a int) ON COMMIT DELETE ROWS");
  CHECK(t->persistence == 't');
  CHECK(t->on_commit == ast::OnCommitAction::kDeleteRows);
  CHECK(ParseOne<ast::CreateTableStmt>("CREATE TEMP TABLE x (a int) ON COMMIT DROP")->on_commit ==
        ast::OnCommitAction::kDrop);
  auto m = ParseOne<ast::CreateTableAsStmt>("CREATE MATERIALIZED VIEW mv AS SELECT 1 AS one");
  CHECK(m->is_matview);
  CHECK(m->query_text == "SELECT 1 AS one");
  CHECK(ParseOne<ast::RefreshMatViewStmt>("REFRESH MATERIALIZED VIEW mv WITH NO DATA")->skip_data);
}

}  // namespace lumadb::parser::testing

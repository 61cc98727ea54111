// INSERT ... ON CONFLICT, UPDATE's multiple-column SET items and DELETE ... USING (issue 7).

#include <doctest/doctest.h>

#include "test_util.h"

namespace lumadb::parser::testing {

TEST_CASE("INSERT ... ON CONFLICT forms") {
  auto n = ParseOne<ast::InsertStmt>("insert into t values (1) on conflict do nothing returning a");
  REQUIRE(n->on_conflict);
  CHECK_FALSE(n->on_conflict->do_update);
  CHECK(n->on_conflict->infer.empty());
  CHECK(n->on_conflict->location == 25);
  CHECK(n->returning.size() == 1);

  auto u = ParseOne<ast::InsertStmt>(
      "insert into t as x values (1, 2) on conflict (a, (b + 1)) where a > 0 do update set b = excluded.b, "
      "(c, d) = (1, default) where x.b < 3");
  REQUIRE(u->on_conflict);
  const auto& c = *u->on_conflict;
  CHECK(u->alias == "x");
  REQUIRE(c.infer.size() == 2);
  CHECK(c.infer[0].column == "a");
  CHECK(c.infer[1].column.empty());
  CHECK(Render(*c.infer[1].expr) == "(+ b 1)");
  CHECK(Render(*c.infer_where) == "(> a 0)");
  CHECK(c.do_update);
  REQUIRE(c.set.size() == 3);
  CHECK(c.set[0].column == "b");
  CHECK(Render(*c.set[0].value) == "excluded.b");
  CHECK(c.set[2].column == "d");
  CHECK(c.set[2].value->kind == ast::ExprKind::kDefault);
  CHECK(Render(*c.where) == "(< x.b 3)");

  auto k = ParseOne<ast::InsertStmt>("INSERT INTO t SELECT * FROM s ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING");
  CHECK(k->on_conflict->constraint == "t_pkey");
  CHECK(ErrorOf("insert into t values (1) on conflict do").message == "syntax error at end of input");
}

TEST_CASE("UPDATE multiple-column SET items") {
  auto u = ParseOne<ast::UpdateStmt>("update t set (a, b) = row(1, a + 1), c = 2");
  REQUIRE(u->set.size() == 3);
  CHECK(u->set[1].column == "b");
  CHECK(Render(*u->set[1].value) == "(+ a 1)");
  CHECK(ParseOne<ast::UpdateStmt>("update t set (a) = row(1)")->set.size() == 1);
  CHECK(ErrorOf("update t set (a, b) = (1, 2, 3)").message == "number of columns does not match number of values");
  CHECK(ErrorOf("update t set (a) = (1)").message ==
        "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression");
}

TEST_CASE("DELETE ... USING") {
  auto d = ParseOne<ast::DeleteStmt>("delete from t x using s, u as v where x.a = s.a returning *");
  CHECK(d->alias == "x");
  REQUIRE(d->using_tables.size() == 2);
  CHECK(d->using_tables[1]->alias == "v");
  CHECK(d->where);
  CHECK(ParseOne<ast::DeleteStmt>("delete from t")->using_tables.empty());
}

}  // namespace lumadb::parser::testing

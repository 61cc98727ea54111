// Row constructors (gram.y row / explicit_row / implicit_row) and the column definition list of a function
// returning record in FROM (func_alias_clause).

#include <doctest/doctest.h>

#include "test_util.h"

namespace lumadb::parser::testing {

TEST_CASE("ROW(...) and (a, b) are row constructors; (a) stays a parenthesised expression") {
  CHECK(Render(*ParseExpr("ROW(1, a + 2)")) == "(ROW 1 (+ a 2))");
  CHECK(Render(*ParseExpr("row()")) == "(ROW)");
  CHECK(Render(*ParseExpr("ROW(a)")) == "(ROW a)");
  CHECK(Render(*ParseExpr("(a, 'x', NULL)")) == "(ROW a 'x' NULL)");
  CHECK(Render(*ParseExpr("(a)")) == "a");
  CHECK(Render(*ParseExpr("((a, b), c)")) == "(ROW (ROW a b) c)");
  CHECK(Render(*ParseExpr("(a, b) < (1, 2)")) == "(< (ROW a b) (ROW 1 2))");
  CHECK(Render(*ParseExpr("ROW(t.*, 1)")) == "(ROW t.* 1)");
  CHECK(ParseExpr("(1, 2)")->As<ast::RowExpr>().explicit_row == false);
  CHECK(ParseExpr("ROW(1, 2)")->As<ast::RowExpr>().explicit_row == true);
}

TEST_CASE("(a, b) OVERLAPS (c, d) is pg_catalog.overlaps(a, b, c, d) at the keyword") {
  CHECK(Render(*ParseExpr("(a, b) OVERLAPS (c, d)")) == "pg_catalog.overlaps(a, b, c, d)");
  CHECK(Render(*ParseExpr("ROW(a, b) overlaps (c, d + 1)")) == "pg_catalog.overlaps(a, b, c, (+ d 1))");
  CHECK(ParseExpr("(a, b) OVERLAPS (c, d)")->location == 14);  // after ParseExpr's "SELECT "
  // A looser operator still applies to the whole predicate; a row without OVERLAPS stays a row.
  CHECK(Render(*ParseExpr("NOT (a, b) OVERLAPS (c, d) AND x")) == "(AND (NOT pg_catalog.overlaps(a, b, c, d)) x)");
  CHECK(Render(*ParseExpr("(a, b) = (c, d)")) == "(= (ROW a b) (ROW c d))");
  CheckError("SELECT (1, 2, 3) OVERLAPS (1, 2)", "wrong number of parameters on left side of OVERLAPS expression", 8);
  CheckError("SELECT ROW(1, 2) OVERLAPS ROW(1)", "wrong number of parameters on right side of OVERLAPS expression", 27);
  CheckError("SELECT (1) OVERLAPS (1, 2)", "syntax error at or near \"OVERLAPS\"", 12);
}

TEST_CASE("(expr).field is a call with an empty schema name at expr; (t).* is t.*") {
  CHECK(ParseExpr("(t).v")->As<ast::FuncCall>().name == std::vector<std::string>{"", "v"});
  CHECK(Render(*ParseExpr("(t).v")) == "v(t)");  // Render drops the empty schema
  CHECK(Render(*ParseExpr("(t.*).v + 1")) == "(+ v(t.*) 1)");
  CHECK(Render(*ParseExpr("(ROW(1, 2)).f1")) == "f1((ROW 1 2))");
  CHECK(Render(*ParseExpr("((a).b).c")) == "c(b(a))");
  CHECK(Render(*ParseExpr("(t).*")) == "t.*");
  CHECK(Render(*ParseExpr("(t.*).*")) == "t.*");
  CHECK(Render(*ParseExpr("(a)")) == "a");
  CHECK(Render(*ParseExpr("((a))")) == "a");
  // Errors point at the expression in the parentheses, as PostgreSQL's do (ParseExpr adds "SELECT ").
  CHECK(ParseExpr("(NULL::record).f1")->location == 8);
  CHECK(ParseExpr("((a).v).x")->location == 9);
}

TEST_CASE("a column definition list after a function in FROM") {
  auto s = ParseOne<ast::SelectStmt>("SELECT * FROM json_to_record('{}') AS x(a int, b varchar(3))");
  const ast::TableRef& ref = *s->from.at(0);
  CHECK(ref.alias == "x");
  CHECK(ref.column_aliases == std::vector<std::string>{"a", "b"});
  REQUIRE(ref.column_types.size() == 2);
  CHECK(ref.column_types[1].names.back() == "varchar");
  auto bare = ParseOne<ast::SelectStmt>("SELECT * FROM f() AS (a int)");
  CHECK(bare->from.at(0)->alias.empty());
  CHECK(bare->from.at(0)->column_types.size() == 1);
  auto plain = ParseOne<ast::SelectStmt>("SELECT * FROM generate_series(1, 2) AS g(x)");
  CHECK(plain->from.at(0)->column_aliases == std::vector<std::string>{"x"});
  CHECK(plain->from.at(0)->column_types.empty());
}

}  // namespace lumadb::parser::testing

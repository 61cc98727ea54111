// Expressions: precedence and associativity as PostgreSQL 15, literals, special forms, locations.

#include <doctest/doctest.h>

#include "test_util.h"

namespace lumadb::parser::testing {

TEST_CASE("arithmetic precedence and associativity") {
  CHECK(Render(*ParseExpr("1 + 2 * 3")) == "(+ 1 (* 2 3))");
  CHECK(Render(*ParseExpr("1 - 2 - 3")) == "(- (- 1 2) 3)");
  CHECK(Render(*ParseExpr("7 % 3 * 2")) == "(* (% 7 3) 2)");
  CHECK(Render(*ParseExpr("2 ^ 3 ^ 2")) == "(^ (^ 2 3) 2)");
  // Unary minus binds tighter than ^ (PostgreSQL: -2^2 = 4), and folds into the literal.
  CHECK(Render(*ParseExpr("-2 ^ 2")) == "(^ -2 2)");
  CHECK(Render(*ParseExpr("- a ^ 2")) == "(^ (- a) 2)");
  CHECK(Render(*ParseExpr("a || b || c")) == "(|| (|| a b) c)");
  CHECK(Render(*ParseExpr("a || b + c")) == "(|| a (+ b c))");
  CHECK(Render(*ParseExpr("-x::int")) == "(- (CAST x int4))");
  CHECK(Render(*ParseExpr("2*-3")) == "(* 2 -3)");
  CHECK(Render(*ParseExpr("(1 + 2) * 3")) == "(* (+ 1 2) 3)");
}

TEST_CASE("boolean precedence: OR < AND < NOT < IS < comparison < LIKE/IN/BETWEEN") {
  CHECK(Render(*ParseExpr("a OR b AND c")) == "(OR a (AND b c))");
  CHECK(Render(*ParseExpr("NOT a = b")) == "(NOT (= a b))");
  CHECK(Render(*ParseExpr("NOT a AND b")) == "(AND (NOT a) b)");
  CHECK(Render(*ParseExpr("a = b IS NULL")) == "(ISNULL (= a b))");
  CHECK(Render(*ParseExpr("a < b + 1")) == "(< a (+ b 1))");
  CHECK(Render(*ParseExpr("a != b")) == "(<> a b)");
  CHECK(Render(*ParseExpr("a || 'x' LIKE 'y%'")) == "(LIKE (|| a 'x') 'y%')");
  CHECK(Render(*ParseExpr("a NOT ILIKE 'x' ESCAPE '!'")) == "(NOT ILIKE a 'x' ESCAPE '!')");
  CHECK(Render(*ParseExpr("x BETWEEN 1 AND 2 AND y")) == "(AND (BETWEEN x 1 2) y)");
  CHECK(Render(*ParseExpr("x NOT BETWEEN SYMMETRIC 1 AND 2")) == "(NOT BETWEEN SYMMETRIC x 1 2)");
  CHECK(Render(*ParseExpr("x IN (1, 2) = true")) == "(= (IN x 1 2) t)");
  CHECK(Render(*ParseExpr("x NOT IN (1)")) == "(NOT IN x 1)");
}

TEST_CASE("IS tests") {
  CHECK(Render(*ParseExpr("a IS NOT NULL")) == "(ISNOTNULL a)");
  CHECK(Render(*ParseExpr("a ISNULL")) == "(ISNULL a)");
  CHECK(Render(*ParseExpr("a NOTNULL")) == "(ISNOTNULL a)");
  CHECK(Render(*ParseExpr("a IS TRUE")) == "(ISTRUE a)");
  CHECK(Render(*ParseExpr("a IS NOT FALSE")) == "(ISNOTFALSE a)");
  CHECK(Render(*ParseExpr("a IS UNKNOWN")) == "(ISUNKNOWN a)");
}

TEST_CASE("literals") {
  CHECK(Render(*ParseExpr("'it''s'")) == "'it's'");
  CHECK(Render(*ParseExpr("'a\\nb'")) == "'a\\nb'");  // standard_conforming_strings: backslash is literal
  CHECK(Render(*ParseExpr("E'a\\nb\\'c\\x41\\101\\u00e9'")) == "'a\nb'cAAé'");
  CHECK(Render(*ParseExpr("$$it's$$")) == "'it's'");
  CHECK(Render(*ParseExpr("$tag$a$$b$tag$")) == "'a$$b'");
  CHECK(Render(*ParseExpr("$1 + $12")) == "(+ $1 $12)");
  auto n = ParseExpr("1.5e3");
  CHECK(n->As<ast::ConstExpr>().type == ast::ConstExpr::Type::kDecimal);
  CHECK(ParseExpr(".5")->As<ast::ConstExpr>().text == ".5");
  CHECK(ParseExpr("5.")->As<ast::ConstExpr>().text == "5.");
  CHECK(ParseExpr("12345678901234567890")->As<ast::ConstExpr>().type == ast::ConstExpr::Type::kInteger);
  CHECK(ParseExpr("-2147483648")->As<ast::ConstExpr>().text == "-2147483648");
  CHECK(ParseExpr("TRUE")->As<ast::ConstExpr>().text == "t");
  CHECK(ParseExpr("null")->As<ast::ConstExpr>().type == ast::ConstExpr::Type::kNull);
}

TEST_CASE("identifiers fold case unless quoted") {
  CHECK(Render(*ParseExpr("FooBar")) == "foobar");
  CHECK(Render(*ParseExpr("\"FooBar\"")) == "FooBar");
  CHECK(Render(*ParseExpr("\"a\"\"b\"")) == "a\"b");
  CHECK(Render(*ParseExpr("S.T.Col")) == "s.t.col");
  CHECK(Render(*ParseExpr("t.*")) == "t.*");
  CHECK(Render(*ParseExpr("\"select\"")) == "select");
  CHECK(Render(*ParseExpr(std::string(70, 'a'))) == std::string(63, 'a'));
}

TEST_CASE("casts and typed literals") {
  CHECK(Render(*ParseExpr("CAST(x AS varchar(10))")) == "(CAST x varchar(10))");
  CHECK(Render(*ParseExpr("x::numeric(10,2)")) == "(CAST x numeric(10,2))");
  CHECK(Render(*ParseExpr("x::int::text")) == "(CAST (CAST x int4) text)");
  CHECK(Render(*ParseExpr("date '2020-01-01'")) == "(CAST '2020-01-01' date)");
  CHECK(Render(*ParseExpr("timestamp with time zone 'now'")) == "(CAST 'now' timestamptz)");
  CHECK(Render(*ParseExpr("x::double precision")) == "(CAST x float8)");
  CHECK(Render(*ParseExpr("x::character varying")) == "(CAST x varchar)");
  CHECK(Render(*ParseExpr("x::char")) == "(CAST x bpchar(1))");
  CHECK(Render(*ParseExpr("x::float(10)")) == "(CAST x float4)");
  CHECK(Render(*ParseExpr("x::int[]")) == "(CAST x int4[])");
  CHECK(Render(*ParseExpr("x::pg_catalog.int8")) == "(CAST x pg_catalog.int8)");
  CHECK(Render(*ParseExpr("x::timestamp(3) without time zone")) == "(CAST x timestamp(3))");
}

TEST_CASE("function calls and special forms") {
  CHECK(Render(*ParseExpr("count(*)")) == "count(*)");
  CHECK(Render(*ParseExpr("count(DISTINCT a)")) == "count(DISTINCT a)");
  CHECK(Render(*ParseExpr("pg_catalog.version()")) == "pg_catalog.version()");
  CHECK(Render(*ParseExpr("coalesce(a, 1)")) == "coalesce(a, 1)");
  CHECK(Render(*ParseExpr("NULLIF(a, 1)")) == "nullif(a, 1)");
  CHECK(Render(*ParseExpr("greatest(1, 2, 3)")) == "greatest(1, 2, 3)");
  CHECK(Render(*ParseExpr("substring(s FROM 2 FOR 3)")) == "substring(s, 2, 3)");
  CHECK(Render(*ParseExpr("substring(s, 2)")) == "substring(s, 2)");
  CHECK(Render(*ParseExpr("substring(s FOR 3)")) == "substring(s, 1, 3)");
  CHECK(Render(*ParseExpr("position('a' IN s)")) == "position('a', s)");
  CHECK(Render(*ParseExpr("trim(s)")) == "btrim(s)");
  CHECK(Render(*ParseExpr("trim(LEADING 'x' FROM s)")) == "ltrim(s, 'x')");
  CHECK(Render(*ParseExpr("trim(trailing from s)")) == "rtrim(s)");
  CHECK(Render(*ParseExpr("extract(YEAR FROM d)")) == "extract('year', d)");
  CHECK(Render(*ParseExpr("CURRENT_TIMESTAMP")) == "now()");
  CHECK(Render(*ParseExpr("current_date")) == "current_date()");
  CHECK(Render(*ParseExpr("CURRENT_USER")) == "current_user()");
  CHECK(Render(*ParseExpr("session_user")) == "session_user()");
  CHECK(Render(*ParseExpr("now()")) == "now()");
  CHECK(Render(*ParseExpr("left('abc', 2)")) == "left('abc', 2)");
}

TEST_CASE("CASE and subqueries") {
  CHECK(Render(*ParseExpr("CASE WHEN a THEN 1 ELSE 2 END")) == "(CASE (WHEN a 1) (ELSE 2))");
  CHECK(Render(*ParseExpr("CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' END")) == "(CASE x (WHEN 1 'a') (WHEN 2 'b'))");
  CHECK(Render(*ParseExpr("(SELECT 1)")) == "(SCALAR subquery)");
  CHECK(Render(*ParseExpr("((SELECT 1)) + 1")) == "(+ (SCALAR subquery) 1)");
  CHECK(Render(*ParseExpr("((SELECT 1) + 1)")) == "(+ (SCALAR subquery) 1)");
  CHECK(Render(*ParseExpr("EXISTS (SELECT 1)")) == "(EXISTS subquery)");
  CHECK(Render(*ParseExpr("x IN (SELECT a FROM t)")) == "(IN = x subquery)");
  CHECK(Render(*ParseExpr("x NOT IN (SELECT a FROM t)")) == "(NOT IN = x subquery)");
  CHECK(Render(*ParseExpr("x >= ANY (SELECT a FROM t)")) == "(ANY >= x subquery)");
  CHECK(Render(*ParseExpr("x = all (SELECT a FROM t)")) == "(ALL = x subquery)");
}

TEST_CASE("expression locations are 0-based byte offsets") {
  auto e = ParseExpr("a + foo(b)");  // "SELECT " is 7 bytes
  const auto& b = e->As<ast::BinaryExpr>();
  CHECK(b.location == 9);
  CHECK(b.left->location == 7);
  CHECK(b.right->location == 11);
  CHECK(b.right->As<ast::FuncCall>().args[0]->location == 15);
  auto c = ParseExpr("x::int");
  CHECK(c->location == 8);
  CHECK(c->As<ast::CastExpr>().type.location == 10);
  auto neg = ParseExpr("- 5");
  CHECK(neg->location == 7);
  auto s = ParseExpr("'x' || 'é' || 'y'");
  CHECK(s->location == 19);  // the second ||: bytes, not characters
}

}  // namespace lumadb::parser::testing

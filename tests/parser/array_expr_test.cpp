// Array syntax (gram.y array_expr, indirection_el, sub_type '(' a_expr ')'): ARRAY[...] with sub-arrays,
// subscripts and slices after any primary, op ANY/ALL (array) beside ANY/ALL (subquery), the @> <@ &&
// operators at the level of ||, and array type names.

#include <doctest/doctest.h>

#include "test_util.h"

namespace lumadb::parser::testing {

TEST_CASE("ARRAY constructors, subscripts and slices") {
  CHECK(Render(*ParseExpr("ARRAY[1, 2 + 3]")) == "[1 (+ 2 3)]");
  CHECK(Render(*ParseExpr("array[[1, 2], [3]]")) == "[[1 2] [3]]");
  CHECK(Render(*ParseExpr("ARRAY[]")) == "[]");
  CHECK_THROWS_AS(ParseExpr("ARRAY[1, [2]]"), DbError);
  CHECK(Render(*ParseExpr("a[1]")) == "(SUB a 1)");
  CHECK(Render(*ParseExpr("t.a[i + 1][2]")) == "(SUB (SUB t.a (+ i 1)) 2)");
  CHECK(Render(*ParseExpr("a[1:2]")) == "(SUB a 1:2)");
  CHECK(Render(*ParseExpr("a[:2]")) == "(SUB a -:2)");
  CHECK(Render(*ParseExpr("a[1:]")) == "(SUB a 1:-)");
  CHECK(Render(*ParseExpr("a[:]")) == "(SUB a -:-)");
  CHECK(Render(*ParseExpr("a[x::int]")) == "(SUB a (CAST x int4))");
  CHECK(Render(*ParseExpr("(ARRAY[1])[1]::text")) == "(CAST (SUB [1] 1) text)");
  CHECK(Render(*ParseExpr("$1[2]")) == "(SUB $1 2)");
}

TEST_CASE("ANY/ALL over arrays and the array operators") {
  CHECK(Render(*ParseExpr("x = ANY(a)")) == "(= ANY x a)");
  CHECK(Render(*ParseExpr("x <> ALL ('{1}'::int[])")) == "(<> ALL x (CAST '{1}' int4[]))");
  CHECK(Render(*ParseExpr("x < some(a || b)")) == "(< ANY x (|| a b))");
  CHECK(ParseExpr("x = ANY (SELECT 1)")->kind == ast::ExprKind::kSubquery);
  CHECK(Render(*ParseExpr("a @> b AND b <@ a OR a && b")) == "(OR (AND (@> a b) (<@ b a)) (&& a b))");
  CHECK(Render(*ParseExpr("a || 1 @> b")) == "(@> (|| a 1) b)");
}

TEST_CASE("array type names") {
  CHECK(Render(*ParseExpr("x::int[]")) == "(CAST x int4[])");
  CHECK(Render(*ParseExpr("x::varchar(3)[]")) == "(CAST x varchar(3)[])");
  CHECK(Render(*ParseExpr("CAST(x AS integer ARRAY)")) == "(CAST x int4[])");
  CHECK(Render(*ParseExpr("x::text[][]")) == "(CAST x text[])");
}

}  // namespace lumadb::parser::testing

// Expression evaluation through whole statements; expected values come from PostgreSQL 15.
#include <unistd.h>

#include <doctest/doctest.h>

#include "exec/expression_evaluator.h"
#include "test_session.h"

using lumadb::exec::testing::TestSession;
using Rows = std::vector<std::string>;

TEST_CASE("three-valued logic") {
  TestSession s;
  CHECK(s.One("null and false, null and true, null or true, null or false, not null::bool") == "f|NULL|t|NULL|NULL");
  CHECK(s.One("1 in (1, null), 2 in (1, null), 2 not in (1, null), 3 not in (1, 2), null = null") ==
        "t|NULL|NULL|t|NULL");
  CHECK(s.One("null is null, true is not false, null::bool is unknown, null::bool is not true, 1 is not null") ==
        "t|t|t|t|t");
  CHECK(s.One("2 between 3 and 1, 2 between symmetric 3 and 1, 2 not between 1 and 3") == "f|t|f");
}

TEST_CASE("LIKE, ILIKE and ESCAPE") {
  TestSession s;
  CHECK(s.One("'abc' like 'a_c', 'a%c' like 'a\\%c', 'abc' like 'a\\%c', 'AbC' ilike 'abc'") == "t|t|f|t");
  CHECK(s.One("'a_c' like 'a#_c' escape '#', 'abc' not like '%b%', 'héllo' like 'h_llo', null like 'a'") ==
        "t|f|t|NULL");
  CHECK(lumadb::exec::LikeMatch("aaa", "%a%a", "\\", false));
  CHECK_FALSE(lumadb::exec::LikeMatch("ab", "%a", "\\", false));
  CHECK(s.Error("SELECT 'a' LIKE 'a\\'").code().View() == "22025");
  CHECK(s.Error("SELECT 'a' LIKE 'a' ESCAPE 'xy'").code().View() == "22019");
}

TEST_CASE("CASE, COALESCE, NULLIF, GREATEST, LEAST") {
  TestSession s;
  CHECK(s.One("case 2 when 1 then 'one' when 2 then 'two' end, case when false then 1 end") == "two|NULL");
  CHECK(s.One("coalesce(null, 'x'), nullif(1, 1), nullif(1, 2), greatest(1, null, 3), least(2, 1.5)") ==
        "x|NULL|1|3|1.5");
}

TEST_CASE("arithmetic with PostgreSQL's rules and errors") {
  TestSession s;
  CHECK(s.One("7 / 2, 7 % 3, -7 / 2, 7.0 / 2, 1 / 3.0, 2 ^ 10, 5 / 2.0") ==
        "3|1|-3|3.5000000000000000|0.33333333333333333333|1024|2.5000000000000000");
  CHECK(s.Error("SELECT 1 / 0").code().View() == "22012");
  CHECK(s.Error("SELECT 2147483647 + 1").code().View() == "22003");
  auto e = s.Error("SELECT '1' + '2'");
  CHECK(e.code().View() == "42725");
  CHECK(e.position() == 12);
  // Integers meet oid at oid (implicit casts), as catalog queries such as `oid <> 0` need.
  CHECK(s.One("1::oid <> 1, 7::oid = 7::int8, 3 < 4::oid, 5::int2 >= 5::oid") == "f|t|t|t");
}

TEST_CASE("string and math builtins") {
  TestSession s;
  CHECK(s.One("'ab' || null, concat('a', null, 1, true), 'x' || 1, 1 || 'x'") == "NULL|a1t|x1|1x");
  CHECK(s.One("substring('hello' from 2 for 3), substr('hello', -1, 3), position('l' in 'hello')") == "ell|h|3");
  CHECK(s.One("btrim('  x  '), ltrim('xxay', 'x'), replace('abab', 'b', 'c'), left('hello', -2)") == "x|ay|acac|hel");
  CHECK(s.One("right('hello', 2), repeat('ab', 3), length('héllo'), octet_length('héllo'), upper('abc')") ==
        "lo|ababab|5|6|ABC");
  CHECK(s.One("abs(-5), round(2.5), round(2.5::float8), round(3.14159, 2), trunc(-2.7), ceil(2.1), floor(-2.1)") ==
        "5|3|2|3.14|-2|3|-3");
  CHECK(s.One("sqrt(2), mod(-7, 3), sign(-3.5)") == "1.4142135623730951|-1|-1");
  CHECK(s.One("version() like 'PostgreSQL 15.0 (LumaDB%', current_user, current_database(), current_schema()") ==
        "t|postgres|postgres|public");
  CHECK(s.Error("SELECT substring('x', 1, -1)").code().View() == "22011");
  CHECK(s.Error("SELECT current_setting('nope')").code().View() == "42704");
}

TEST_CASE("aggregates over VALUES, with DISTINCT") {
  TestSession s;
  CHECK(s.Rows("SELECT avg(x), sum(x), count(DISTINCT x), sum(DISTINCT x) FROM (VALUES (1), (2), (2)) v(x)") ==
        Rows{"1.6666666666666667|5|2|3"});
  CHECK(s.Rows("SELECT sum(x), avg(x::float8), sum(x::float4) FROM (VALUES (1.5), (2.25)) v(x)") ==
        Rows{"3.75|1.875|3.75"});
}

TEST_CASE("sorting with NULLs, set operations and subqueries") {
  TestSession s;
  const std::string v = "(VALUES (2), (NULL), (1)) v(x)";
  CHECK(s.Rows("SELECT x FROM " + v + " ORDER BY x") == Rows{"1", "2", "NULL"});
  CHECK(s.Rows("SELECT x FROM " + v + " ORDER BY x DESC") == Rows{"NULL", "2", "1"});
  CHECK(s.Rows("SELECT x FROM " + v + " ORDER BY x NULLS FIRST") == Rows{"NULL", "1", "2"});
  CHECK(s.Rows("SELECT x FROM " + v + " ORDER BY x DESC NULLS LAST") == Rows{"2", "1", "NULL"});
  CHECK(s.Rows("SELECT 1 UNION SELECT 1 UNION ALL SELECT 2 ORDER BY 1") == Rows{"1", "2"});
  CHECK(s.Rows("SELECT x FROM " + v + " EXCEPT SELECT 2 ORDER BY 1") == Rows{"1", "NULL"});
  CHECK(s.Rows("SELECT x FROM " + v + " INTERSECT SELECT 2") == Rows{"2"});
  CHECK(s.Rows("SELECT (SELECT max(x) FROM " + v + "), EXISTS (SELECT 1 WHERE false), 1 IN (SELECT x FROM " + v +
               ")") == Rows{"2|f|t"});
  CHECK(s.Error("SELECT (SELECT x FROM " + v + ")").code().View() == "21000");
  CHECK(s.Rows("SELECT DISTINCT x FROM (VALUES (1), (1), (NULL), (NULL)) v(x) ORDER BY x") == Rows{"1", "NULL"});
}

// Syntax errors: SQLSTATE, message and 1-based character position, each checked against PostgreSQL 15.

#include <doctest/doctest.h>

#include "test_util.h"

namespace lumadb::parser::testing {

TEST_CASE("syntax error names the token PostgreSQL blames") {
  CheckError("selec 1", "syntax error at or near \"selec\"", 1);
  CheckError("SELECT * FROM t WHERE x = 1 foo", "syntax error at or near \"foo\"", 29);
  CheckError("CREATE TABLE t (select int)", "syntax error at or near \"select\"", 17);
  CheckError("SELECT 1 = 1 = true", "syntax error at or near \"=\"", 14);
  CheckError("SELECT 1.2.3", "syntax error at or near \".3\"", 11);
  CheckError("SELECT 1; SELEC 2", "syntax error at or near \"SELEC\"", 11);
  CheckError("drop database a, b", "syntax error at or near \",\"", 16);
  CheckError("select a from t order by a limit 1 limit 2", "syntax error at or near \"limit\"", 36);
  CheckError("update t set set x = 1", "syntax error at or near \"x\"", 18);
  CheckError("create table t (a varchar(1.5))", "syntax error at or near \"1.5\"", 27);
}

TEST_CASE("positions count characters, not bytes") {
  CheckError("SELECT é, foo bar baz", "syntax error at or near \"baz\"", 19);
  CheckError("select 'é' é é", "syntax error at or near \"é\"", 14);
}

TEST_CASE("syntax error at end of input points one past the text") {
  CheckError("SELECT 1 +", "syntax error at end of input", 11);
  CheckError("select 1 from", "syntax error at end of input", 14);
  CheckError("select a from t join", "syntax error at end of input", 21);
  CheckError("select (1", "syntax error at end of input", 10);
  CheckError("SELECT a FROM t WHERE", "syntax error at end of input", 22);
}

TEST_CASE("lexical errors") {
  CheckError("SELECT 'abc", "unterminated quoted string at or near \"'abc\"", 8);
  CheckError("SELECT 1 'abc", "unterminated quoted string at or near \"'abc\"", 10);
  CheckError("SELECT E'abc", "unterminated quoted string at or near \"E'abc\"", 8);
  CheckError("SELECT 1 /* abc", "unterminated /* comment at or near \"/* abc\"", 10);
  CheckError("SELECT 1 /* a /* b */ c", "unterminated /* comment at or near \"/* a /* b */ c\"", 10);
  CheckError("SELECT \"\"", "zero-length delimited identifier at or near \"\"\"\"", 8);
  CheckError("SELECT \"abc", "unterminated quoted identifier at or near \"\"abc\"", 8);
  CheckError("SELECT $$abc", "unterminated dollar-quoted string at or near \"$$abc\"", 8);
  CheckError("SELECT 123abc", "trailing junk after numeric literal at or near \"123abc\"", 8);
  CheckError("select $1a", "trailing junk after parameter at or near \"$1a\"", 8);
}

TEST_CASE("errors raised by grammar actions") {
  CheckError("SELECT * FROM (SELECT 1)", "subquery in FROM must have an alias", 15);
  CheckError("SELECT x::float(0)", "precision for type float must be at least 1 bit", 11, "22023");
  CheckError("(SELECT 1 ORDER BY 1) ORDER BY 1", "multiple ORDER BY clauses not allowed", 32);
}

TEST_CASE("nested comments and empty queries") {
  CHECK(Parse("").empty());
  CHECK(Parse("  ;; ").empty());
  CHECK(Parse("-- only a comment").empty());
  CHECK(Parse("SELECT /* a /* nested */ b */ 1").size() == 1);
  CHECK(ErrorOf("SELECT 1 -- trailing\n").code == "none");
}

}  // namespace lumadb::parser::testing

namespace lumadb::parser::testing {

TEST_CASE("hostile nesting and operator chains give 54001 instead of overflowing the stack") {
  const std::string parens = "select " + std::string(10000, '(') + "1" + std::string(10000, ')');
  CHECK(ErrorOf(parens).code == "54001");
  std::string chain = "select 1";
  for (int i = 0; i < 20000; ++i) chain += "+1";
  CHECK(ErrorOf(chain).code == "54001");
  std::string fine = "select 1";
  for (int i = 0; i < 500; ++i) fine += "+1";
  CHECK_NOTHROW(Parse(fine));
}

}  // namespace lumadb::parser::testing

// String literal forms (scan.l): continuation over newlines, E'' escapes, U&'' and U&"" with UESCAPE, and
// their errors with PostgreSQL 15's messages and positions (strings.sql).

#include <doctest/doctest.h>

#include "test_util.h"

namespace lumadb::parser::testing {

namespace {

std::string StringOf(const std::string& expr) {
  return ParseExpr(expr)->As<ast::ConstExpr>().text;
}

}  // namespace

TEST_CASE("string literals continue over a newline, not over a /* */ comment") {
  CHECK(StringOf("'first line'\n' - next line'\n\t' - third line'") == "first line - next line - third line");
  CHECK(StringOf("'a' -- comment\n  'b'") == "ab");
  CHECK(StringOf("E'a\\n'\n'b\\t'") == "a\nb\t");
  CHECK(ErrorOf("SELECT 'a' 'b'").message == "syntax error at or near \"'b'\"");
  CheckError("SELECT 'first line'\n' - next line' /* not here */\n' - third line'",
             "syntax error at or near \"' - third line'\"", 51);
}

TEST_CASE("U& strings and identifiers") {
  CHECK(StringOf("U&'d\\0061t\\+000061'") == "data");
  CHECK(StringOf("U&'d!0061t\\+000061' UESCAPE '!'") == "dat\\+000061");
  CHECK(StringOf("U&'a\\\\b'") == "a\\b");
  CHECK(StringOf("U&' \\' UESCAPE '!'") == " \\");
  CHECK(StringOf("u&'\\D83D\\DE00'") == "\xF0\x9F\x98\x80");
  auto s = ParseOne<ast::SelectStmt>("SELECT 1 AS U&\"d*0061t\\+000061\" UESCAPE '*', x AS U&\"\\0061\"");
  CHECK(s->targets.at(0).alias == "dat\\+000061");
  CHECK(s->targets.at(1).alias == "a");
}

TEST_CASE("Unicode escape errors") {
  CheckError("SELECT U&'wrong: \\061'", "invalid Unicode escape", 18);
  CheckError("SELECT U&'wrong: \\+0061'", "invalid Unicode escape", 18);
  CheckError("SELECT U&'wrong: +0061' UESCAPE '+'", "invalid Unicode escape character at or near \"'+'\"", 33);
  CheckError("SELECT U&'wrong: \\db99'", "invalid Unicode surrogate pair", 23);
  CheckError("SELECT U&'wrong: \\db99\\0061'", "invalid Unicode surrogate pair", 23);
  CheckError("SELECT U&'wrong: \\+00db99\\+000061'", "invalid Unicode surrogate pair", 26);
  CheckError("SELECT U&'wrong: \\+2FFFFF'", "invalid Unicode escape value", 18);
  CheckError("SELECT E'wrong: \\u061'", "invalid Unicode escape", 17, "22025");
  CheckError("SELECT E'wrong: \\udb99'", "invalid Unicode surrogate pair at or near \"'\"", 23);
  CheckError("SELECT E'wrong: \\udb99xy'", "invalid Unicode surrogate pair at or near \"x\"", 23);
  CheckError("SELECT E'wrong: \\udb99\\u0061'", "invalid Unicode surrogate pair at or near \"\\u0061\"", 23);
  CheckError("SELECT E'wrong: \\U002FFFFF'", "invalid Unicode escape value at or near \"\\U002FFFFF\"", 17);
}

}  // namespace lumadb::parser::testing

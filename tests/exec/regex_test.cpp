// POSIX regular expressions: the ~ operators, substring(... from pattern), regexp_* and their errors;
// expected values and messages come from PostgreSQL 15.
#include <doctest/doctest.h>

#include "test_session.h"

using lumadb::exec::testing::TestSession;
using Rows = std::vector<std::string>;

namespace {

void CheckError(TestSession& s, const std::string& sql, const char* code, const std::string& message) {
  auto e = s.Error(sql);
  CHECK(e.code().View() == code);
  CHECK(std::string(e.what()) == message);
}

}  // namespace

TEST_CASE("~ ~* !~ !~* with NULLs, case folding and the string types") {
  TestSession s;
  CHECK(s.One("'abc' ~ 'b', 'abc' ~ '^b', 'ABC' ~ 'b', 'ABC' ~* 'b', 'abc' !~ 'b', 'ABC' !~* 'b', null ~ 'a', "
              "'a' ~ null") == "t|f|f|t|f|f|NULL|NULL");
  // ~ is at the || level and left-associative; bpchar matches with its padding (bpcharregexeq).
  CHECK(s.One("'abc'::varchar ~ '^a', 'abc  '::char(5) ~ 'c$', 'pg_toast'::name ~ '^pg_toast', 'x' ~ 'a' || 'x'") ==
        "t|f|t|falsex");
  CHECK(s.Error("SELECT 1 ~ 'a'").code().View() == "42883");
}

TEST_CASE("character classes, anchors and the ARE word-boundary escapes") {
  TestSession s;
  CHECK(s.One("'a1 b' ~ '^[[:alpha:]]\\d\\s\\w$', 'foo bar' ~ '\\mbar', 'foobar' ~ '\\mbar', 'foo bar' ~ 'foo\\M', "
              "'foobar' ~ '[[:<:]]bar', 'foo bar' ~ 'foo[[:>:]]', 'a b' ~ 'a\\yb', 'ab' ~ 'a\\Yb'") ==
        "t|t|f|t|f|t|f|t");
  // $ only at the very end, '.' crosses newlines, a leading ']' in a bracket is a member.
  CHECK(s.One("'a' || E'\\n' ~ 'a$', E'a\\nb' ~ 'a.b', E'a\\nb' ~ '^b', 'x]' ~ '[]]', 'abc' ~ '[^]a]c'") ==
        "f|t|f|t|t");
  CHECK(s.One("regexp_like('a+b', 'a+b', 'q'), regexp_like(E'x\\nab', '^ab', 'n'), "
              "regexp_replace('a b', 'a b', 'X', 'x')") == "t|t|a b");
}

TEST_CASE("regexp_replace: backreferences, g and i, start and N") {
  TestSession s;
  CHECK(s.One("regexp_replace('Hello World', '(\\w+) (\\w+)', '\\2 \\1 [\\&] \\\\ \\x'), "
              "regexp_replace('aaa b', 'a*', '-', 'g'), regexp_replace('abc', 'x*', '-', 'g'), "
              "regexp_replace('aXbXc', 'x', '-', 'gi'), regexp_replace('aXbXc', 'X', '-')") ==
        "World Hello [Hello World] \\ \\x|-- -b-|-a-b-c-|a-b-c|a-bXc");
  CHECK(s.One("regexp_replace('abcabc', 'b', '-', 2), regexp_replace('abcabc', 'b', '-', 1, 2), "
              "regexp_replace('abcabc', 'b', '-', 1, 0), regexp_replace('abcabc', 'B', '-', 1, 1, 'i'), "
              "regexp_replace(null, 'a', 'b'), regexp_replace('héllo', 'é', 'e')") ==
        "a-cabc|abca-c|a-ca-c|a-cabc|NULL|hello");
}

TEST_CASE("substring from a pattern, regexp_like, regexp_count, regexp_instr, regexp_substr") {
  TestSession s;
  CHECK(s.One("substring('foobar' from 'o(b)'), substring('foobar' from 'o.b'), substring('foobar' from 'x'), "
              "substring('foobar' from 'f(x)?'), substring('foobar', 'o+'), substring('foobar' from 2 for 3)") ==
        "b|oob|NULL|NULL|oo|oob");
  CHECK(s.One("regexp_like('Abc', 'b'), regexp_like('Abc', 'a'), regexp_like('Abc', 'a', 'i'), "
              "regexp_count('ababab', 'ab'), regexp_count('ababab', 'ab', 3), regexp_count('ABab', 'ab', 1, 'i')") ==
        "t|f|t|3|2|2");
  CHECK(s.One("regexp_instr('abcbd', 'b'), regexp_instr('abcbd', 'b', 3), "
              "regexp_instr('abcbd', 'b(.)', 1, 2, 1, '', 1), regexp_instr('abc', 'b', 1, 1, 0, '', 5), "
              "regexp_instr('héllo', 'l')") == "2|4|6|0|3");
  CHECK(s.One("regexp_substr('abcbd', 'b(.)', 1, 2, '', 1), regexp_substr('abc', 'x'), "
              "regexp_substr('abcbd', 'b.', 2)") == "d|NULL|bc");
}

TEST_CASE("regexp_match and regexp_split_to_array return text[]") {
  TestSession s;
  CHECK(s.One("regexp_match('foobarbequebaz', 'bar.*que'), regexp_match('foobarbequebaz', '(bar)(beque)'), "
              "regexp_match('abc', 'x'), regexp_match('abc', '(x)?b'), regexp_match('ABC', 'b', 'i'), "
              "regexp_match(NULL, 'b')") == "{barbeque}|{bar,beque}|NULL|{NULL}|{B}|NULL");
  CHECK(s.One("regexp_split_to_array('hello world', '\\s+'), regexp_split_to_array('hello', ''), "
              "regexp_split_to_array('abc', 'x*'), regexp_split_to_array(',a,,b,', ','), "
              "regexp_split_to_array('', ','), regexp_split_to_array('aXbxc', 'x', 'i')") ==
        "{hello,world}|{h,e,l,l,o}|{a,b,c}|{\"\",a,\"\",b,\"\"}|{\"\"}|{a,b,c}");
  CHECK(s.One("(regexp_match('key=value', '(\\w+)=(\\w+)'))[2]") == "value");
  auto e = s.Error("SELECT regexp_match('a', 'b', 'g')");
  CHECK(e.code().View() == "22023");
  CHECK(std::string(e.what()) == "regexp_match() does not support the \"global\" option");
  CHECK(e.hint() == "Use the regexp_matches function instead.");
  CheckError(s, "SELECT regexp_split_to_array('a', 'b', 'g')", "22023",
             "regexp_split_to_array() does not support the \"global\" option");
}

TEST_CASE("invalid patterns are 2201B, invalid flags and parameters 22023") {
  TestSession s;
  const char* kInvalid = "2201B";
  CheckError(s, "SELECT 'a' ~ '('", kInvalid, "invalid regular expression: parentheses () not balanced");
  CheckError(s, "SELECT 'a' ~ 'a)'", kInvalid, "invalid regular expression: parentheses () not balanced");
  CheckError(s, "SELECT 'a' ~ '*'", kInvalid, "invalid regular expression: quantifier operand invalid");
  CheckError(s, "SELECT 'a' ~ '[a'", kInvalid, "invalid regular expression: brackets [] not balanced");
  CheckError(s, "SELECT 'a' ~ 'a{2,1}'", kInvalid, "invalid regular expression: invalid repetition count(s)");
  CheckError(s, "SELECT 'a' ~ '\\'", kInvalid, "invalid regular expression: invalid escape \\ sequence");
  CheckError(s, "SELECT 'a' ~ '[[:foo:]]'", kInvalid, "invalid regular expression: invalid character class");
  CheckError(s, "SELECT 'a' ~ '(a)\\2'", kInvalid, "invalid regular expression: invalid backreference number");
  CheckError(s, "SELECT regexp_replace('a', 'a', 'b', 'z')", "22023", "invalid regular expression option: \"z\"");
  CheckError(s, "SELECT regexp_like('a', 'a', 'g')", "22023", "regexp_like() does not support the \"global\" option");
  CheckError(s, "SELECT regexp_count('abc', 'b', 0)", "22023", "invalid value for parameter \"start\": 0");
  CheckError(s, "SELECT regexp_instr('abc', 'b', 1, 1, 2)", "22023", "invalid value for parameter \"endoption\": 2");
  CheckError(s, "SELECT regexp_replace('abc', 'b', 'x', 1, -1)", "22023", "invalid value for parameter \"n\": -1");
}

TEST_CASE("psql's \\dt query shape: OPERATOR(pg_catalog.~) and COLLATE") {
  TestSession s;
  s.Run("CREATE TABLE t (a int)");
  s.Run("CREATE TABLE t2 (a int)");
  CHECK(s.Rows("SELECT n.nspname, c.relname FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid "
               "= c.relnamespace WHERE c.relkind IN ('r','p','t','s','') AND c.relname OPERATOR(pg_catalog.~) "
               "'^(t)$' COLLATE pg_catalog.default AND n.nspname !~ '^pg_toast' AND n.nspname <> 'pg_catalog' "
               "ORDER BY 1, 2") == Rows{"public|t"});
  CHECK(s.One("1 operator(pg_catalog.+) 2 * 3, 'abc' operator(pg_catalog.~*) 'B', 'b' collate \"C\" ~ 'b'") == "7|t|t");
  CheckError(s, "SELECT 'a' OPERATOR(public.~) 'a'", "42883", "operator does not exist: unknown public.~ unknown");
  CheckError(s, "SELECT 'a' COLLATE \"foo\"", "42704", "collation \"foo\" for encoding \"UTF8\" does not exist");
}

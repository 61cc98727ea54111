// nextval/currval/setval/lastval through statements: values, the session state, regclass name parsing and
// PostgreSQL 15's errors.
#include <doctest/doctest.h>

#include "test_session.h"

using lumadb::exec::testing::TestSession;
using Rows = std::vector<std::string>;

namespace {
std::string Failure(TestSession& s, const std::string& sql) {
  auto e = s.Error(sql);
  return std::string(e.code().View()) + " " + e.message();
}
}  // namespace

TEST_CASE("sequence functions keep the session's currval and lastval") {
  TestSession s;
  s.Run("CREATE SEQUENCE s");
  CHECK(Failure(s, "SELECT currval('s')") == "55000 currval of sequence \"s\" is not yet defined in this session");
  CHECK(Failure(s, "SELECT lastval()") == "55000 lastval is not yet defined in this session");
  CHECK(s.Rows("SELECT nextval('s')") == Rows{"1"});
  CHECK(s.Rows("SELECT nextval('S'), nextval('public.s')") == Rows{"2|3"});
  CHECK(s.Rows("SELECT currval('s'), lastval()") == Rows{"3|3"});
  CHECK(s.Rows("SELECT setval('s', 10)") == Rows{"10"});
  CHECK(s.Rows("SELECT currval('s'), nextval('s')") == Rows{"10|11"});
  CHECK(s.Rows("SELECT setval('s', 20, false)") == Rows{"20"});
  CHECK(s.Rows("SELECT currval('s'), nextval('s')") == Rows{"11|20"});
  s.Run("CREATE SEQUENCE \"Mixed\"");
  CHECK(s.Rows("SELECT nextval('\"Mixed\"')") == Rows{"1"});
  CHECK(s.Rows("SELECT lastval()") == Rows{"1"});
  // nextval is not rolled back with the transaction.
  s.Begin();
  s.Run("SELECT nextval('s')");
  s.Rollback();
  CHECK(s.Rows("SELECT nextval('s')") == Rows{"22"});
}

TEST_CASE("sequence function errors") {
  TestSession s;
  s.Run("CREATE TABLE t (a int)");
  CHECK(Failure(s, "SELECT nextval('nosuch')") == "42P01 relation \"nosuch\" does not exist");
  CHECK(Failure(s, "SELECT nextval('public.nosuch')") == "42P01 relation \"public.nosuch\" does not exist");
  CHECK(Failure(s, "SELECT nextval('t')") == "42809 \"t\" is not a sequence");
  s.Run("CREATE SEQUENCE s");
  CHECK(Failure(s, "SELECT nextval('\"S\"')") == "42P01 relation \"S\" does not exist");
  CHECK(Failure(s, "SELECT setval('s', 0)") ==
        "22003 setval: value 0 is out of bounds for sequence \"s\" (1..9223372036854775807)");
}

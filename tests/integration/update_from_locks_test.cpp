// UPDATE ... FROM and DELETE ... USING lock only the target rows they change, as PostgreSQL 15 does: a
// concurrent writer of a row the join read but did not use is not blocked.
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

using Strings = std::vector<std::string>;

TEST_CASE("UPDATE ... FROM and DELETE ... USING X-lock only the rows they change") {
  pqxx::connection a(SharedTarget::Get().ConnString());
  pqxx::connection b(SharedTarget::Get().ConnString());
  const std::string t = TableName("uf_target");
  const std::string s = TableName("uf_source");
  Exec(a, "DROP TABLE IF EXISTS " + t + ", " + s);
  Exec(a, "CREATE TABLE " + t + " (k int, v text)");
  Exec(a, "CREATE TABLE " + s + " (k int, w text)");
  Exec(a, "INSERT INTO " + t + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
  Exec(a, "INSERT INTO " + s + " VALUES (1, 'x'), (3, 'z')");
  Exec(b, "SET lock_timeout = '300ms'");

  Exec(a, "BEGIN");
  CHECK(Exec(a, "UPDATE " + t + " SET v = w FROM " + s + " WHERE " + t + ".k = " + s + ".k AND " + s + ".k = 1")
            .affected_rows() == 1);
  // Row 2 and row 3 were read by the join but not changed: another transaction may change them.
  CHECK(Exec(b, "UPDATE " + t + " SET v = 'b2' WHERE k = 2").affected_rows() == 1);
  CHECK(Exec(b, "UPDATE " + t + " SET v = 'c2' WHERE k = 3").affected_rows() == 1);
  // Row 1 is X-locked until the end of the transaction.
  CHECK(SqlStateOf(b, "UPDATE " + t + " SET v = 'no' WHERE k = 1") == "55P03");
  Exec(a, "COMMIT");
  CHECK(Rows(a, "SELECT k, v FROM " + t + " ORDER BY k") == Strings{"1|x", "2|b2", "3|c2"});

  Exec(a, "BEGIN");
  CHECK(Exec(a, "DELETE FROM " + t + " USING " + s + " WHERE " + t + ".k = " + s + ".k AND " + s + ".w = 'z'")
            .affected_rows() == 1);
  CHECK(Exec(b, "UPDATE " + t + " SET v = 'b3' WHERE k = 2").affected_rows() == 1);
  CHECK(SqlStateOf(b, "UPDATE " + t + " SET v = 'no' WHERE k = 3") == "55P03");
  Exec(a, "COMMIT");
  CHECK(Rows(a, "SELECT k, v FROM " + t + " ORDER BY k") == Strings{"1|x", "2|b3"});
  Exec(a, "DROP TABLE " + t + ", " + s);
}

}  // namespace
}  // namespace lumadb::integration

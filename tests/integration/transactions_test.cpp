// Transaction blocks: ROLLBACK undoes, an error poisons the block (25P02) until it ends, COMMIT of a failed
// block answers ROLLBACK, and ReadyForQuery reports the true I/T/E status.
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

TEST_CASE("ROLLBACK undoes the block, COMMIT keeps it") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("txn");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id integer, v text)");
  Exec(conn, "INSERT INTO " + t + " VALUES (1, 'keep')");

  Exec(conn, "BEGIN");
  Exec(conn, "INSERT INTO " + t + " VALUES (2, 'gone')");
  Exec(conn, "UPDATE " + t + " SET v = 'changed' WHERE id = 1");
  Exec(conn, "DELETE FROM " + t + " WHERE id = 1");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "1");  // the block sees its own changes
  Exec(conn, "ROLLBACK");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "1");
  CHECK(Scalar(conn, "SELECT v FROM " + t + " WHERE id = 1") == "keep");

  Exec(conn, "START TRANSACTION");
  Exec(conn, "INSERT INTO " + t + " VALUES (3, 'kept')");
  Exec(conn, "COMMIT");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "2");
  CHECK(Scalar(conn, "SELECT v FROM " + t + " WHERE id = 3") == "kept");

  // Several statements in one string form an implicit block: an error undoes the earlier ones too.
  CHECK(SqlStateOf(conn, "INSERT INTO " + t + " VALUES (4, 'implicit'); SELECT 1 / 0") == "22012");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE id = 4") == "0");
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("an error in a block gives 25P02 until ROLLBACK, and COMMIT of a failed block rolls back") {
  PqConnection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("txn_err");
  conn.Run("DROP TABLE IF EXISTS " + t);
  REQUIRE(conn.Run("CREATE TABLE " + t + " (id integer)") == "");
  CHECK(conn.Status() == 'I');

  for (const std::string end : {"ROLLBACK", "COMMIT", "END", "ABORT"}) {
    CAPTURE(end);
    CHECK(conn.Run("BEGIN") == "");
    CHECK(conn.Status() == 'T');
    CHECK(conn.Run("INSERT INTO " + t + " VALUES (1)") == "");
    CHECK(conn.Run("SELECT 1 / 0") == "22012");
    CHECK(conn.Status() == 'E');
    CHECK(conn.Run("SELECT 1") == "25P02");
    CHECK(conn.Run("INSERT INTO " + t + " VALUES (2)") == "25P02");
    CHECK(conn.Status() == 'E');
    CHECK(conn.Run(end) == "");
    CHECK(conn.tag() == "ROLLBACK");  // COMMIT/END of a failed block answers ROLLBACK
    CHECK(conn.Status() == 'I');
    CHECK(conn.Run("SELECT count(*) FROM " + t) == "");
  }
  pqxx::connection check(SharedTarget::Get().ConnString());
  CHECK(Scalar(check, "SELECT count(*) FROM " + t) == "0");
  conn.Run("DROP TABLE " + t);
}

TEST_CASE("misplaced COMMIT and nested BEGIN are warnings, not errors") {
  PqConnection conn(SharedTarget::Get().ConnString());
  using Notices = std::vector<std::string>;
  CHECK(conn.Run("COMMIT") == "");
  CHECK(conn.tag() == "COMMIT");
  CHECK(conn.notices() == Notices{"WARNING 25P01"});  // there is no transaction in progress
  CHECK(conn.Run("ROLLBACK") == "");
  CHECK(conn.tag() == "ROLLBACK");
  CHECK(conn.notices() == Notices{"WARNING 25P01"});
  CHECK(conn.Run("BEGIN") == "");
  CHECK(conn.notices().empty());
  CHECK(conn.Run("BEGIN") == "");
  CHECK(conn.notices() == Notices{"WARNING 25001"});  // there is already a transaction in progress
  CHECK(conn.Status() == 'T');
  CHECK(conn.Run("COMMIT") == "");
  CHECK(conn.notices().empty());
  CHECK(conn.Status() == 'I');
}

TEST_CASE("DROP TABLE IF EXISTS of a missing table is a NOTICE") {
  PqConnection conn(SharedTarget::Get().ConnString());
  CHECK(conn.Run("DROP TABLE IF EXISTS " + TableName("never_created")) == "");
  CHECK(conn.tag() == "DROP TABLE");
  CHECK(conn.notices() == std::vector<std::string>{"NOTICE 00000"});
}

}  // namespace
}  // namespace lumadb::integration

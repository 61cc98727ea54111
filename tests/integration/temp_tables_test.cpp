// Temporary tables, CREATE TABLE AS and SELECT INTO: a temp table is seen only by its session, hides a
// permanent table of the same name, honours ON COMMIT, and is gone after its session ends and after a
// restart; CREATE TABLE AS / SELECT INTO create and fill tables with PostgreSQL 15's command tags
// (checked with LUMADB_TEST_EXTERNAL against PostgreSQL 15; the restart test skips itself there).
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

using Strings = std::vector<std::string>;

// The command tag of sql, run as one simple query on its own connection.
std::string TagOf(const std::string& sql) {
  PqConnection pq(SharedTarget::Get().ConnString());
  pq.Run(sql);
  return pq.tag();
}

TEST_CASE("temporary tables belong to their session") {
  const std::string t = TableName("tmp");
  auto a = std::make_unique<pqxx::connection>(SharedTarget::Get().ConnString());
  pqxx::connection b(SharedTarget::Get().ConnString());
  Exec(*a, "DROP TABLE IF EXISTS " + t);
  Exec(*a, "CREATE TABLE " + t + " (x text)");
  Exec(*a, "INSERT INTO " + t + " VALUES ('permanent')");
  Exec(*a, "CREATE TEMP TABLE " + t + " (x text)");
  Exec(*a, "INSERT INTO " + t + " VALUES ('temporary')");
  // The temp table hides the permanent one in its own session only.
  CHECK(Rows(*a, "SELECT x FROM " + t) == Strings{"temporary"});
  CHECK(Rows(*a, "SELECT x FROM pg_temp." + t) == Strings{"temporary"});
  CHECK(Rows(*a, "SELECT x FROM public." + t) == Strings{"permanent"});
  CHECK(Rows(b, "SELECT x FROM " + t) == Strings{"permanent"});
  CHECK(SqlStateOf(b, "SELECT * FROM pg_temp." + t) == "42P01");
  // A temp table created by one session is unknown to the other.
  const std::string only = TableName("tmponly");
  Exec(*a, "CREATE TEMPORARY TABLE " + only + " (n int)");
  CHECK(SqlStateOf(b, "SELECT * FROM " + only) == "42P01");
  CHECK(SqlStateOf(*a, "CREATE TEMP TABLE public." + only + "x (n int)") == "42P16");
  a.reset();
  // After the session ends its temp tables are gone, the permanent one stays.
  pqxx::connection c(SharedTarget::Get().ConnString());
  CHECK(Rows(c, "SELECT x FROM " + t) == Strings{"permanent"});
  Exec(c, "DROP TABLE " + t);
}

TEST_CASE("ON COMMIT DELETE ROWS and ON COMMIT DROP") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Exec(conn, "CREATE TEMP TABLE oc_rows (n int) ON COMMIT DELETE ROWS");
  Exec(conn, "BEGIN");
  Exec(conn, "INSERT INTO oc_rows VALUES (1), (2)");
  CHECK(Scalar(conn, "SELECT count(*) FROM oc_rows") == "2");
  Exec(conn, "COMMIT");
  CHECK(Scalar(conn, "SELECT count(*) FROM oc_rows") == "0");
  Exec(conn, "BEGIN");
  Exec(conn, "CREATE TEMP TABLE oc_drop (n int) ON COMMIT DROP");
  Exec(conn, "INSERT INTO oc_drop VALUES (1)");
  Exec(conn, "COMMIT");
  CHECK(SqlStateOf(conn, "SELECT * FROM oc_drop") == "42P01");
  CHECK(SqlStateOf(conn, "CREATE TABLE oc_perm (n int) ON COMMIT DELETE ROWS") == "42P16");
}

TEST_CASE("CREATE TABLE AS and SELECT INTO") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string src = TableName("ctas_src");
  const std::string dst = TableName("ctas_dst");
  const std::string into = TableName("ctas_into");
  Exec(conn, "DROP TABLE IF EXISTS " + src + ", " + dst + ", " + into);
  Exec(conn, "CREATE TABLE " + src + " (a int, b text)");
  Exec(conn, "INSERT INTO " + src + " VALUES (1, 'x'), (2, 'y'), (3, 'z')");
  CHECK(TagOf("CREATE TABLE " + dst + " (p, q) AS SELECT a, b FROM " + src + " WHERE a > 1") == "SELECT 2");
  CHECK(Rows(conn, "SELECT p, q FROM " + dst + " ORDER BY p") == Strings{"2|y", "3|z"});
  CHECK(Scalar(conn, "SELECT atttypid FROM pg_attribute WHERE attrelid = '" + dst + "'::regclass AND attname = 'q'") ==
        "25");
  CHECK(TagOf("CREATE TABLE IF NOT EXISTS " + dst + " AS SELECT 1") == "CREATE TABLE AS");
  CHECK(SqlStateOf(conn, "CREATE TABLE " + dst + " AS SELECT 1") == "42P07");
  CHECK(TagOf("SELECT a * 2 AS d INTO " + into + " FROM " + src) == "SELECT 3");
  CHECK(Rows(conn, "SELECT d FROM " + into + " ORDER BY d") == Strings{"2", "4", "6"});
  Exec(conn, "DROP TABLE " + into);
  CHECK(TagOf("CREATE TABLE " + into + " AS SELECT * FROM " + src + " WITH NO DATA") == "CREATE TABLE AS");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + into) == "0");
  CHECK(TagOf("CREATE TEMP TABLE ctas_temp AS SELECT 1 AS one") == "SELECT 1");  // gone with its session
  Exec(conn, "CREATE TEMP TABLE ctas_temp AS SELECT 1 AS one");
  CHECK(Scalar(conn, "SELECT one FROM ctas_temp") == "1");
  CHECK(SqlStateOf(conn, "CREATE TABLE " + TableName("ctas_bad") + " (a, b, c) AS SELECT 1, 2") == "42601");
  Exec(conn, "DROP TABLE " + src + ", " + dst + ", " + into);
}

TEST_CASE("temporary tables do not survive a restart" * doctest::skip(IsExternal())) {
  ServerProcess server;
  {
    pqxx::connection conn(ConnString(server.endpoint(), "postgres", "postgres"));
    Exec(conn, "CREATE TABLE keep (n int)");
    Exec(conn, "CREATE TEMP TABLE scratch (n int)");
    Exec(conn, "INSERT INTO scratch VALUES (1)");
    REQUIRE(server.Kill() != 0);
  }
  server.Start();
  pqxx::connection conn(ConnString(server.endpoint(), "postgres", "postgres"));
  CHECK(Scalar(conn, "SELECT count(*) FROM pg_class WHERE relname = 'scratch'") == "0");
  CHECK(Scalar(conn, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pg_temp%'") == "0");
  CHECK(Scalar(conn, "SELECT count(*) FROM keep") == "0");
}

}  // namespace
}  // namespace lumadb::integration

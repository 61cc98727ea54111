// Views: CREATE [OR REPLACE] VIEW, selecting through views (and views of views), DROP VIEW, the dependency
// errors of DROP TABLE and the errors of a replacement that changes columns, as PostgreSQL 15 gives them
// (checked with LUMADB_TEST_EXTERNAL against a PostgreSQL 15 server).
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

TEST_CASE("views: create, select through, replace, drop") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("vbase");
  const std::string v = TableName("v");
  const std::string w = TableName("w");
  Exec(conn, "DROP TABLE IF EXISTS " + t + " CASCADE");
  Exec(conn, "CREATE TABLE " + t + " (a int, b text)");
  Exec(conn, "INSERT INTO " + t + " VALUES (1, 'x'), (2, 'y'), (3, NULL)");
  Exec(conn, "CREATE VIEW " + v + " AS SELECT a, b FROM " + t + " WHERE a > 1");
  CHECK(Rows(conn, "SELECT * FROM " + v + " ORDER BY a") == Strings{"2|y", "3|NULL"});
  CHECK(Rows(conn, "SELECT x.a * 10 FROM " + v + " x WHERE x.b IS NOT NULL") == Strings{"20"});
  // A view of a view, with its own column names.
  Exec(conn, "CREATE VIEW " + w + " (n, label) AS SELECT a, upper(b) FROM " + v);
  CHECK(Rows(conn, "SELECT n, label FROM " + w + " ORDER BY n") == Strings{"2|Y", "3|NULL"});
  CHECK(Rows(conn, "SELECT count(*) FROM " + w + " JOIN " + t + " ON n = a") == Strings{"2"});
  // The view sees later changes of its table.
  Exec(conn, "INSERT INTO " + t + " VALUES (4, 'z')");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + w) == "3");

  CHECK(SqlStateOf(conn, "CREATE VIEW " + v + " AS SELECT 1") == "42P07");
  CHECK(ErrorMessage(conn, "CREATE OR REPLACE VIEW " + v + " AS SELECT a FROM " + t) ==
        "cannot drop columns from view");
  CHECK(ErrorMessage(conn, "CREATE OR REPLACE VIEW " + v + " AS SELECT a, b AS c FROM " + t) ==
        "cannot change name of view column \"b\" to \"c\"");
  CHECK(ErrorMessage(conn, "CREATE OR REPLACE VIEW " + v + " AS SELECT a, a AS b FROM " + t) ==
        "cannot change data type of view column \"b\" from text to integer");
  // Adding a column at the end is allowed.
  Exec(conn, "CREATE OR REPLACE VIEW " + v + " AS SELECT a, b, a + 1 AS c FROM " + t + " WHERE a < 3");
  CHECK(Rows(conn, "SELECT * FROM " + v + " ORDER BY a") == Strings{"1|x|2", "2|y|3"});
  CHECK(ErrorMessage(conn, "CREATE VIEW " + TableName("bad") + " (p, q) AS SELECT 1") ==
        "CREATE VIEW specifies more column names than columns");

  // DROP TABLE of a view, DROP VIEW of a table.
  CHECK(SqlStateOf(conn, "DROP TABLE " + v) == "42809");
  CHECK(ErrorMessage(conn, "DROP TABLE " + v) == "\"" + v + "\" is not a table");
  CHECK(ErrorMessage(conn, "DROP VIEW " + t) == "\"" + t + "\" is not a view");
  // Dependencies: the table and the first view are needed by the views on them.
  CHECK(SqlStateOf(conn, "DROP TABLE " + t) == "2BP01");
  CHECK(ErrorMessage(conn, "DROP TABLE " + t) == "cannot drop table " + t + " because other objects depend on it");
  CHECK(SqlStateOf(conn, "DROP VIEW " + v) == "2BP01");
  Exec(conn, "DROP VIEW " + w);
  Exec(conn, "DROP VIEW IF EXISTS " + w);
  CHECK(SqlStateOf(conn, "DROP VIEW " + w) == "42P01");
  Exec(conn, "DROP TABLE " + t + " CASCADE");
  CHECK(SqlStateOf(conn, "SELECT * FROM " + v) == "42P01");
}

TEST_CASE("views: constant views and the query's own errors") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string v = TableName("vtag");
  Exec(conn, "DROP VIEW IF EXISTS " + v);
  Exec(conn, "CREATE VIEW " + v + " AS SELECT 1 AS one, 'a'::text AS t");
  CHECK(Rows(conn, "SELECT one, t FROM " + v) == Strings{"1|a"});
  CHECK(SqlStateOf(conn, "CREATE VIEW " + TableName("nov") + " AS SELECT * FROM no_such_table_here") == "42P01");
  Exec(conn, "DROP VIEW " + v);
}

TEST_CASE("views: INSERT, UPDATE and DELETE through automatically updatable views") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("vdml");
  const std::string v = TableName("vdml_v");
  const std::string g = TableName("vdml_g");
  const std::string c = TableName("vdml_c");
  Exec(conn, "DROP TABLE IF EXISTS " + t + " CASCADE");
  Exec(conn, "CREATE TABLE " + t + " (a int, b text, hidden int DEFAULT 7)");
  Exec(conn, "INSERT INTO " + t + " VALUES (1, 'x', 0), (2, 'y', 0)");
  Exec(conn, "CREATE VIEW " + v + " AS SELECT a, b FROM " + t + " WHERE a > 1");
  Exec(conn, "INSERT INTO " + v + " VALUES (5, 'q')");
  Exec(conn, "INSERT INTO " + v + " (b, a) VALUES ('r', 6)");
  CHECK(Rows(conn, "SELECT a, b, hidden FROM " + t + " ORDER BY a") == Strings{"1|x|0", "2|y|0", "5|q|7", "6|r|7"});
  // The view's WHERE limits what UPDATE and DELETE see.
  CHECK(Rows(conn, "UPDATE " + v + " SET b = 'z' WHERE a < 6 RETURNING a") == Strings{"2", "5"});
  Exec(conn, "DELETE FROM " + v + " WHERE b = 'z'");
  CHECK(Rows(conn, "SELECT a, b FROM " + t + " ORDER BY a") == Strings{"1|x", "6|r"});
  Exec(conn, "CREATE VIEW " + g + " AS SELECT b, count(*) FROM " + t + " GROUP BY b");
  CHECK(SqlStateOf(conn, "INSERT INTO " + g + " VALUES ('a', 1)") == "55000");
  CHECK(ErrorMessage(conn, "DELETE FROM " + g) == "cannot delete from view \"" + g + "\"");
  Exec(conn, "CREATE VIEW " + c + " AS SELECT a, a + 1 AS c FROM " + t);
  CHECK(ErrorMessage(conn, "UPDATE " + c + " SET c = 3") == "cannot update column \"c\" of view \"" + c + "\"");
  Exec(conn, "UPDATE " + c + " SET a = a * 10");
  CHECK(Rows(conn, "SELECT a FROM " + t + " ORDER BY a") == Strings{"10", "60"});
  Exec(conn, "DROP TABLE " + t + " CASCADE");
}

}  // namespace
}  // namespace lumadb::integration

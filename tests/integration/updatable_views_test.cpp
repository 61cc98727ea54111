// Automatically updatable views as PostgreSQL 15 has them: renamed and reordered columns, computed
// columns, views of views, RETURNING, WITH [LOCAL | CASCADED] CHECK OPTION (44000), view options and
// column defaults (ALTER VIEW), and what information_schema says about updatability (checked with
// LUMADB_TEST_EXTERNAL against a PostgreSQL 15 server).
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

TEST_CASE("updatable views: renamed, reordered and computed columns, views of views, RETURNING") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("uvbase");
  const std::string v = TableName("uv1");
  const std::string w = TableName("uv2");
  Exec(conn, "DROP TABLE IF EXISTS " + t + " CASCADE");
  Exec(conn, "CREATE TABLE " + t + " (a int PRIMARY KEY, b text DEFAULT 'dflt', c int)");
  Exec(conn, "CREATE VIEW " + v + " AS SELECT b AS bb, a AS aa, c * 2 AS cc FROM " + t + " WHERE a > 0");
  Exec(conn, "CREATE VIEW " + w + " AS SELECT aa AS x, bb AS y FROM " + v + " WHERE aa < 10");
  // INSERT without a column list fills the view's first columns; the base's defaults fill the rest.
  CHECK(Rows(conn, "INSERT INTO " + v + " VALUES ('one', 1) RETURNING *") == Strings{"one|1|NULL"});
  CHECK(Rows(conn, "INSERT INTO " + w + " (x) VALUES (2) RETURNING x, y") == Strings{"2|dflt"});
  CHECK(Rows(conn, "UPDATE " + w + " SET y = upper(y) WHERE x = 2 RETURNING *") == Strings{"2|DFLT"});
  CHECK(Rows(conn, "UPDATE " + v + " SET aa = aa + 10 WHERE bb = 'one' RETURNING aa, bb") == Strings{"11|one"});
  // Row 11 is outside the upper view, so its DELETE does not see it.
  Exec(conn, "DELETE FROM " + w + " WHERE x > 0");
  CHECK(Rows(conn, "SELECT a, b FROM " + t + " ORDER BY a") == Strings{"11|one"});

  CHECK(ErrorOf(conn, "INSERT INTO " + v + " VALUES ('x', 3, 4)") ==
        "0A000: cannot insert into column \"cc\" of view \"" + v + "\"");
  CHECK(ErrorOf(conn, "UPDATE " + v + " SET cc = 1") == "0A000: cannot update column \"cc\" of view \"" + v + "\"");
  CHECK(ErrorOf(conn, "UPDATE " + v + " SET aa = 1, aa = 2") == "42601: multiple assignments to same column \"aa\"");
  CHECK(ErrorOf(conn, "UPDATE " + v + " SET zz = 1") ==
        "42703: column \"zz\" of relation \"" + v + "\" does not exist");
  Exec(conn, "DROP TABLE " + t + " CASCADE");
}

TEST_CASE("updatable views: WITH LOCAL and CASCADED CHECK OPTION") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("uvchk");
  const std::string v1 = TableName("uvchk1");
  const std::string v2 = TableName("uvchk2");
  Exec(conn, "DROP TABLE IF EXISTS " + t + " CASCADE");
  Exec(conn, "CREATE TABLE " + t + " (a int, b int)");
  Exec(conn, "CREATE VIEW " + v1 + " AS SELECT * FROM " + t + " WHERE a > 0");
  Exec(conn, "CREATE VIEW " + v2 + " AS SELECT * FROM " + v1 + " WHERE a < 10 WITH LOCAL CHECK OPTION");
  // LOCAL checks only the view's own condition (v1 has no check option).
  Exec(conn, "INSERT INTO " + v2 + " VALUES (-5, 0)");
  CHECK(ErrorOf(conn, "INSERT INTO " + v2 + " VALUES (15, 0)") ==
        "44000: new row violates check option for view \"" + v2 + "\"");
  // CASCADED checks the views underneath as well.
  Exec(conn, "CREATE OR REPLACE VIEW " + v2 + " AS SELECT * FROM " + v1 + " WHERE a < 10 WITH CASCADED CHECK OPTION");
  CHECK(ErrorOf(conn, "INSERT INTO " + v2 + " VALUES (-5, 0)") ==
        "44000: new row violates check option for view \"" + v1 + "\"");
  Exec(conn, "INSERT INTO " + v2 + " VALUES (5, 0)");
  CHECK(ErrorOf(conn, "UPDATE " + v2 + " SET a = a + 10") ==
        "44000: new row violates check option for view \"" + v2 + "\"");
  // A NULL result fails the check, unlike a CHECK constraint.
  CHECK(ErrorOf(conn, "INSERT INTO " + v2 + " VALUES (NULL, 0)") ==
        "44000: new row violates check option for view \"" + v1 + "\"");
  CHECK(Rows(conn, "SELECT a FROM " + t + " ORDER BY a") == Strings{"-5", "5"});
  CHECK(Scalar(conn, "SELECT reloptions::text FROM pg_class WHERE relname = '" + v2 + "'") ==
        "{check_option=cascaded}");

  // Options: their errors, and views a check option cannot apply to.
  CHECK(ErrorOf(conn, "CREATE OR REPLACE VIEW " + v2 + " WITH (check_option=here) AS SELECT * FROM " + v1) ==
        "22023: invalid value for enum option \"check_option\": here");
  Exec(conn, "CREATE OR REPLACE VIEW " + v2 + " AS SELECT * FROM " + v1 + " WHERE a < 10");
  Exec(conn, "INSERT INTO " + v2 + " VALUES (50, 0)");
  // ALTER VIEW SET / RESET.
  Exec(conn, "ALTER VIEW " + v2 + " SET (check_option=local)");
  CHECK(ErrorOf(conn, "INSERT INTO " + v2 + " VALUES (60, 0)") ==
        "44000: new row violates check option for view \"" + v2 + "\"");
  CHECK(ErrorOf(conn, "ALTER VIEW " + v2 + " SET (check_option=there)") ==
        "22023: invalid value for enum option \"check_option\": there");
  Exec(conn, "ALTER VIEW " + v2 + " RESET (check_option)");
  Exec(conn, "INSERT INTO " + v2 + " VALUES (60, 0)");
  CHECK(ErrorOf(conn, "CREATE VIEW " + TableName("uvchk3") + " WITH (foo=1) AS SELECT 1") ==
        "22023: unrecognized parameter \"foo\"");
  CHECK(
      ErrorOf(conn, "CREATE VIEW " + TableName("uvchk3") + " AS SELECT DISTINCT a FROM " + t + " WITH CHECK OPTION") ==
      "0A000: WITH CHECK OPTION is supported only on automatically updatable views");
  Exec(conn, "DROP TABLE " + t + " CASCADE");
}

TEST_CASE("updatable views: implicit column lists, view column defaults and information_schema") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("uvdef");
  const std::string v = TableName("uvdef_v");
  const std::string g = TableName("uvdef_g");
  Exec(conn, "DROP TABLE IF EXISTS " + t + " CASCADE");
  Exec(conn, "CREATE TABLE " + t + " (a int, b text DEFAULT 'table', c text DEFAULT 'table')");
  Exec(conn, "CREATE VIEW " + v + " AS SELECT a, b, c, upper(c) AS u FROM " + t);
  Exec(conn, "INSERT INTO " + v + " VALUES (1)");
  Exec(conn, "INSERT INTO " + v + " VALUES (2), (DEFAULT)");
  Exec(conn, "INSERT INTO " + v + " VALUES (3, DEFAULT, 'x')");
  CHECK(Rows(conn, "SELECT a, b, c FROM " + t + " ORDER BY a") ==
        Strings{"1|table|table", "2|table|table", "3|table|x", "NULL|table|table"});
  CHECK(ErrorOf(conn, "INSERT INTO " + v + " VALUES (4, 'b', 'c', 'u')") ==
        "0A000: cannot insert into column \"u\" of view \"" + v + "\"");
  // A view column's default fills it where the INSERT leaves it out or says DEFAULT.
  Exec(conn, "ALTER VIEW " + v + " ALTER COLUMN b SET DEFAULT 'view'");
  Exec(conn, "INSERT INTO " + v + " (a) VALUES (5)");
  Exec(conn, "INSERT INTO " + v + " VALUES (6, DEFAULT)");
  CHECK(Rows(conn, "SELECT a, b, c FROM " + t + " WHERE a > 4 ORDER BY a") == Strings{"5|view|table", "6|view|table"});
  Exec(conn, "ALTER VIEW " + v + " ALTER COLUMN u SET DEFAULT 'x'");
  CHECK(ErrorOf(conn, "INSERT INTO " + v + " (a) VALUES (7)") ==
        "0A000: cannot insert into column \"u\" of view \"" + v + "\"");

  Exec(conn, "CREATE VIEW " + g + " AS SELECT a, count(*) FROM " + t + " GROUP BY a");
  CHECK(Rows(conn,
             "SELECT table_name, is_updatable, is_insertable_into, check_option FROM information_schema.views "
             "WHERE table_name IN ('" +
                 v + "', '" + g + "') ORDER BY table_name") == Strings{g + "|NO|NO|NONE", v + "|YES|YES|NONE"});
  CHECK(Rows(conn, "SELECT column_name, is_updatable FROM information_schema.columns WHERE table_name = '" + v +
                       "' ORDER BY ordinal_position") == Strings{"a|YES", "b|YES", "c|YES", "u|NO"});
  CHECK(Rows(conn, "SELECT table_type, is_insertable_into FROM information_schema.tables WHERE table_name IN ('" + t +
                       "', '" + g + "') ORDER BY table_name") == Strings{"BASE TABLE|YES", "VIEW|NO"});
  Exec(conn, "DROP TABLE " + t + " CASCADE");
}

}  // namespace
}  // namespace lumadb::integration

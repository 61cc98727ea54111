// Correlated subqueries (outer references at any depth, outer aggregates, ANY/ALL), LATERAL and functions
// in FROM over earlier items: rows, SQLSTATEs and messages as PostgreSQL 15 gives them (checked with
// LUMADB_TEST_EXTERNAL against a PostgreSQL 15 server).
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

using Strings = std::vector<std::string>;

struct Tables {
  std::string a = TableName("sqa");
  std::string b = TableName("sqb");
  explicit Tables(pqxx::connection& conn) {
    Exec(conn, "DROP TABLE IF EXISTS " + a + ", " + b);
    Exec(conn, "CREATE TABLE " + a + " (x int, y int)");
    Exec(conn, "CREATE TABLE " + b + " (x int, y int)");
    Exec(conn, "INSERT INTO " + a + " VALUES (1, 10), (2, 20), (3, NULL), (NULL, 40)");
    Exec(conn, "INSERT INTO " + b + " VALUES (1, 100), (1, 101), (3, 300), (NULL, 400)");
  }
};

TEST_CASE("correlated subqueries read the outer row") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Tables t(conn);
  const std::string a = t.a + " a";
  const std::string b = t.b + " b";
  CHECK(Rows(conn, "SELECT x, (SELECT count(*) FROM " + b + " WHERE b.x = a.x) FROM " + a + " ORDER BY x") ==
        Strings{"1|2", "2|0", "3|1", "NULL|0"});
  CHECK(Rows(conn, "SELECT x FROM " + a + " WHERE EXISTS (SELECT 1 FROM " + b + " WHERE b.x = a.x) ORDER BY x") ==
        Strings{"1", "3"});
  CHECK(Rows(conn, "SELECT x FROM " + a + " WHERE NOT EXISTS (SELECT 1 FROM " + b + " WHERE b.x = a.x) ORDER BY x") ==
        Strings{"2", "NULL"});
  // IN with PostgreSQL's NULL rules, correlated: NULL when no match but a NULL in the subquery.
  CHECK(Rows(conn, "SELECT x, x IN (SELECT b.x FROM " + b + " WHERE b.y > a.y * 10) FROM " + a + " ORDER BY x") ==
        Strings{"1|t", "2|NULL", "3|f", "NULL|f"});
  CHECK(Rows(conn, "SELECT x, x NOT IN (SELECT x FROM " + b + ") FROM " + a + " ORDER BY x") ==
        Strings{"1|f", "2|NULL", "3|f", "NULL|NULL"});
  CHECK(Rows(conn, "SELECT x, x < ALL (SELECT x FROM " + b + " WHERE x IS NOT NULL), x > SOME (SELECT x FROM " + b +
                       ") FROM " + a + " ORDER BY x") == Strings{"1|f|NULL", "2|f|t", "3|f|t", "NULL|NULL|NULL"});
  CHECK(Rows(conn, "SELECT x, x <> ALL (SELECT b.x FROM " + b + " WHERE b.y < 300) FROM " + a + " ORDER BY x") ==
        Strings{"1|f", "2|t", "3|t", "NULL|NULL"});
  CHECK(Rows(conn, "SELECT x, ARRAY(SELECT b.y FROM " + b + " WHERE b.x = a.x ORDER BY 1) FROM " + a + " ORDER BY x") ==
        Strings{"1|{100,101}", "2|{}", "3|{300}", "NULL|{}"});
  // One scan tied by equalities: read once and looked up per row (CorrelatedScanCache), in scan order.
  CHECK(Rows(conn, "SELECT x, ARRAY(SELECT b.y FROM " + b + " WHERE b.x = a.x) FROM " + a + " ORDER BY x") ==
        Strings{"1|{100,101}", "2|{}", "3|{300}", "NULL|{}"});
  CHECK(Rows(conn, "SELECT x, (SELECT b.y FROM " + b + " WHERE b.x = a.x AND b.y > 100) FROM " + a + " ORDER BY x") ==
        Strings{"1|101", "2|NULL", "3|300", "NULL|NULL"});
  CHECK(ErrorOf(conn, "SELECT x, (SELECT b.y FROM " + b + " WHERE a.x = b.x) FROM " + a) ==
        "21000: more than one row returned by a subquery used as an expression");
  // Two levels up, a subquery in FROM of a subquery, ORDER BY, CASE and a join condition.
  CHECK(Rows(conn, "SELECT x, (SELECT (SELECT a.y + b.y) FROM " + b + " WHERE b.x = a.x ORDER BY b.y LIMIT 1) FROM " +
                       a + " ORDER BY x") == Strings{"1|110", "2|NULL", "3|NULL", "NULL|NULL"});
  CHECK(Rows(conn, "SELECT x, (SELECT sum(s.y) FROM (SELECT b.y FROM " + b + " WHERE b.x = a.x) s) FROM " + a +
                       " ORDER BY x") == Strings{"1|201", "2|NULL", "3|300", "NULL|NULL"});
  CHECK(Rows(conn, "SELECT x FROM " + a + " ORDER BY (SELECT count(*) FROM " + b + " WHERE b.x = a.x), x") ==
        Strings{"2", "NULL", "3", "1"});
  CHECK(Rows(conn, "SELECT x, CASE WHEN EXISTS (SELECT 1 FROM " + b + " WHERE b.x = a.x) THEN 'y' ELSE 'n' END FROM " +
                       a + " ORDER BY x") == Strings{"1|y", "2|n", "3|y", "NULL|n"});
  CHECK(Rows(conn, "SELECT a.x, b.y FROM " + a + " JOIN " + b + " ON b.y = (SELECT max(c.y) FROM " + t.b +
                       " c WHERE c.x = a.x) ORDER BY 1, 2") == Strings{"1|101", "3|300"});
}

TEST_CASE("aggregates of the outer query and grouping") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Tables t(conn);
  const std::string a = t.a + " a";
  // max(a.x) only reads the outer query, so it is the outer query's aggregate (agglevelsup).
  CHECK(Rows(conn, "SELECT (SELECT max(a.x)) FROM " + a) == Strings{"3"});
  CHECK(Rows(conn, "SELECT x, (SELECT sum(a.y) FROM " + t.b + " LIMIT 1) FROM " + a + " GROUP BY x ORDER BY x") ==
        Strings{"1|10", "2|20", "3|NULL", "NULL|40"});
  // sum(a.y) is the outer query's, count(*) the subquery's.
  CHECK(Rows(conn, "SELECT x, (SELECT sum(a.y) + count(*) FROM " + t.b + ") FROM " + a + " GROUP BY x ORDER BY x") ==
        Strings{"1|14", "2|24", "3|NULL", "NULL|44"});
  CHECK(ErrorOf(conn, "SELECT x, (SELECT sum(a.y) FROM " + t.b + ") FROM " + a + " GROUP BY x") ==
        "21000: more than one row returned by a subquery used as an expression");
  CHECK(ErrorOf(conn, "SELECT (SELECT a.y) FROM " + a + " GROUP BY a.x") ==
        "42803: subquery uses ungrouped column \"a.y\" from outer query");
  CHECK(ErrorOf(conn, "SELECT * FROM " + a + " WHERE (SELECT max(a.x)) > 0") ==
        "42803: aggregate functions are not allowed in WHERE");
}

TEST_CASE("outer reference errors") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Tables t(conn);
  const std::string a = t.a + " a";
  const std::string b = t.b + " b";
  CHECK(ErrorOf(conn, "SELECT (SELECT count(*) FROM " + b + " WHERE b.x = a.q) FROM " + a) ==
        "42703: column a.q does not exist");
  CHECK(ErrorOf(conn, "SELECT (SELECT count(*) FROM " + b + " WHERE b.x = q.x) FROM " + a) ==
        "42P01: missing FROM-clause entry for table \"q\"");
  CHECK(ErrorOf(conn, "SELECT (SELECT count(*) FROM " + b + " WHERE b.x = qq) FROM " + a) ==
        "42703: column \"qq\" does not exist");
  CHECK(ErrorOf(conn, "SELECT (SELECT x FROM " + b + ") FROM " + a) ==
        "21000: more than one row returned by a subquery used as an expression");
  CHECK(ErrorOf(conn, "SELECT * FROM " + a + ", (SELECT * FROM " + b + " WHERE b.x = a.x) s") ==
        "42P01: invalid reference to FROM-clause entry for table \"a\"");
}

TEST_CASE("LATERAL and functions over earlier FROM items") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Tables t(conn);
  const std::string a = t.a + " a";
  const std::string b = t.b + " b";
  CHECK(Rows(conn, "SELECT a.x, s.y FROM " + a + ", LATERAL (SELECT b.y FROM " + b +
                       " WHERE b.x = a.x) s ORDER BY 1, 2") == Strings{"1|100", "1|101", "3|300"});
  CHECK(Rows(conn, "SELECT a.x, s.y FROM " + a + " LEFT JOIN LATERAL (SELECT b.y FROM " + b +
                       " WHERE b.x = a.x ORDER BY b.y DESC LIMIT 1) s ON true ORDER BY 1, 2") ==
        Strings{"1|101", "2|NULL", "3|300", "NULL|NULL"});
  CHECK(Rows(conn, "SELECT a.x, s.n FROM " + a + " JOIN LATERAL (SELECT count(*) AS n FROM " + b +
                       " WHERE b.x = a.x) s ON s.n > 0 ORDER BY 1") == Strings{"1|2", "3|1"});
  CHECK(Rows(conn, "SELECT a.x, g FROM " + a + ", generate_series(1, a.x) g ORDER BY 1, 2") ==
        Strings{"1|1", "2|1", "2|2", "3|1", "3|2", "3|3"});
  CHECK(Rows(conn, "SELECT a.x, u FROM " + a + ", unnest(ARRAY[a.x, a.y]) u WHERE a.x < 3 ORDER BY 1, 2") ==
        Strings{"1|1", "1|10", "2|2", "2|20"});
  CHECK(ErrorOf(conn, "SELECT * FROM " + a + ", LATERAL (SELECT max(a.x)) s") ==
        "42803: aggregate functions are not allowed in FROM clause of their own query level");
}

TEST_CASE("UPDATE and DELETE with correlated subqueries") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Tables t(conn);
  const std::string c = TableName("sqc");
  Exec(conn, "DROP TABLE IF EXISTS " + c);
  Exec(conn, "CREATE TABLE " + c + " (id int, v int)");
  Exec(conn, "INSERT INTO " + c + " VALUES (1, 0), (2, 0), (3, 0)");
  Exec(conn, "UPDATE " + c + " SET v = (SELECT count(*) FROM " + t.b + " b WHERE b.x = " + c + ".id)");
  CHECK(Rows(conn, "SELECT id, v FROM " + c + " ORDER BY id") == Strings{"1|2", "2|0", "3|1"});
  Exec(conn, "DELETE FROM " + c + " WHERE NOT EXISTS (SELECT 1 FROM " + t.b + " b WHERE b.x = " + c + ".id)");
  CHECK(Rows(conn, "SELECT id FROM " + c + " ORDER BY id") == Strings{"1", "3"});
}

TEST_CASE("psql's \\du query: a correlated ARRAY subquery over the catalogs") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string group = TableName("du_group");
  const std::string member = TableName("du_member");
  Exec(conn, "DROP ROLE IF EXISTS " + member);
  Exec(conn, "DROP ROLE IF EXISTS " + group);
  Exec(conn, "CREATE ROLE " + group);
  Exec(conn, "CREATE ROLE " + member + " LOGIN");
  Exec(conn, "GRANT " + group + " TO " + member);
  // The query psql 15 sends for \du (/work/shared/client-capture/raw/psql.sql #40), for our two roles.
  const std::string du =
      "SELECT r.rolname, r.rolcanlogin, ARRAY(SELECT b.rolname FROM pg_catalog.pg_auth_members m "
      "JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid) WHERE m.member = r.oid) as memberof "
      "FROM pg_catalog.pg_roles r WHERE r.rolname IN ('" +
      group + "', '" + member + "') ORDER BY 1";
  CHECK(Rows(conn, du) == Strings{group + "|f|{}", member + "|t|{" + group + "}"});
  Exec(conn, "DROP ROLE " + member);
  Exec(conn, "DROP ROLE " + group);
}

}  // namespace
}  // namespace lumadb::integration

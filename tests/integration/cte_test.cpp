// WITH and WITH RECURSIVE: several queries referencing earlier ones, one referenced twice, column lists,
// UNION and UNION ALL recursion, WITH in subqueries and in INSERT/UPDATE/DELETE, and the 42P19 / 42P10 /
// 42712 errors, as PostgreSQL 15 gives them (checked with LUMADB_TEST_EXTERNAL against PostgreSQL 15).
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

TEST_CASE("WITH: plain common table expressions") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("cte");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int, grp text, v int)");
  Exec(conn, "INSERT INTO " + t + " VALUES (1, 'a', 10), (2, 'a', 20), (3, 'b', 5)");
  CHECK(Rows(conn, "WITH x AS (SELECT 1 AS a) SELECT a FROM x") == Strings{"1"});
  CHECK(Rows(conn, "WITH s AS (SELECT grp, sum(v) AS total FROM " + t +
                       " GROUP BY grp), big AS (SELECT grp FROM s WHERE total > 10) "
                       "SELECT s.grp, total FROM s JOIN big ON s.grp = big.grp") == Strings{"a|30"});
  // Referenced twice, with a column list.
  CHECK(Rows(conn, "WITH n(k) AS (SELECT id FROM " + t +
                       ") SELECT a.k, b.k FROM n a, n b WHERE a.k + 1 = b.k ORDER BY 1") == Strings{"1|2", "2|3"});
  CHECK(Rows(conn, "SELECT (WITH m AS (SELECT max(v) AS mx FROM " + t + ") SELECT mx FROM m)") == Strings{"20"});
  CHECK(Rows(conn, "SELECT * FROM (WITH q AS (SELECT 2 AS z) SELECT z FROM q) s") == Strings{"2"});
  // An inner WITH hides an outer one of the same name.
  CHECK(Rows(conn, "WITH x AS (SELECT 1 AS a) SELECT * FROM (WITH x AS (SELECT 2 AS a) SELECT a FROM x) s") ==
        Strings{"2"});
  // WITH in INSERT, UPDATE and DELETE.
  Exec(conn, "WITH src AS (SELECT 4 AS id, 'c' AS grp, 1 AS v) INSERT INTO " + t + " SELECT * FROM src");
  Exec(conn, "WITH lim AS (SELECT 15 AS l) UPDATE " + t + " SET v = v + 1 WHERE v > (SELECT l FROM lim)");
  Exec(conn, "WITH gone AS (SELECT 3 AS id) DELETE FROM " + t + " WHERE id IN (SELECT id FROM gone)");
  CHECK(Rows(conn, "SELECT id, v FROM " + t + " ORDER BY id") == Strings{"1|10", "2|21", "4|1"});

  CHECK(SqlStateOf(conn, "WITH x AS (SELECT 1), x AS (SELECT 2) SELECT * FROM x") == "42712");
  CHECK(ErrorMessage(conn, "WITH x AS (SELECT 1), x AS (SELECT 2) SELECT * FROM x") ==
        "WITH query name \"x\" specified more than once");
  CHECK(ErrorMessage(conn, "WITH x(a, b) AS (SELECT 1) SELECT * FROM x") ==
        "WITH query \"x\" has 1 columns available but 2 columns specified");
  // A non-recursive WITH query cannot see the ones after it.
  CHECK(SqlStateOf(conn, "WITH a AS (SELECT * FROM b), b AS (SELECT 1) SELECT * FROM a") == "42P01");
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("WITH RECURSIVE") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Rows(conn,
             "WITH RECURSIVE t(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM t WHERE n < 5) "
             "SELECT sum(n) FROM t") == Strings{"15"});
  CHECK(Rows(conn, "WITH RECURSIVE t(n) AS (SELECT 1 UNION SELECT n % 3 + 1 FROM t) SELECT n FROM t ORDER BY n") ==
        Strings{"1", "2", "3"});
  const std::string tree = TableName("tree");
  Exec(conn, "DROP TABLE IF EXISTS " + tree);
  Exec(conn, "CREATE TABLE " + tree + " (id int, parent int)");
  Exec(conn, "INSERT INTO " + tree + " VALUES (1, NULL), (2, 1), (3, 1), (4, 2), (5, 4)");
  CHECK(Rows(conn, "WITH RECURSIVE sub AS (SELECT id, 0 AS depth FROM " + tree +
                       " WHERE id = 2 UNION ALL SELECT c.id, s.depth + 1 FROM " + tree +
                       " c JOIN sub s ON c.parent = s.id) SELECT id, depth FROM sub ORDER BY id") ==
        Strings{"2|0", "4|1", "5|2"});
  // A recursive query next to a plain one that uses it.
  CHECK(Rows(conn,
             "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 3), "
             "d AS (SELECT i * 2 AS j FROM r) SELECT j FROM d ORDER BY j") == Strings{"2", "4", "6"});
  CHECK(SqlStateOf(conn, "WITH RECURSIVE t(n) AS (SELECT n FROM t) SELECT * FROM t") == "42P19");
  CHECK(ErrorMessage(conn, "WITH RECURSIVE t(n) AS (SELECT n FROM t) SELECT * FROM t") ==
        "recursive query \"t\" does not have the form non-recursive-term UNION [ALL] recursive-term");
  CHECK(ErrorMessage(conn, "WITH RECURSIVE t(n) AS (SELECT n FROM t UNION SELECT 1) SELECT * FROM t") ==
        "recursive reference to query \"t\" must not appear within its non-recursive term");
  CHECK(ErrorMessage(conn,
                     "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n::bigint + 1 FROM t WHERE n < 3) "
                     "SELECT * FROM t") ==
        "recursive query \"t\" column 1 has type integer in non-recursive term but type bigint overall");
  Exec(conn, "DROP TABLE " + tree);
}

}  // namespace
}  // namespace lumadb::integration

// WITH queries evaluated once (CTE Scan): data-modifying WITH (run once, to completion, on the statement's
// snapshot), MATERIALIZED / NOT MATERIALIZED and inlining, volatile functions, EXPLAIN's plan shapes, and
// the recursion and placement errors, as PostgreSQL 15 gives them (checked with LUMADB_TEST_EXTERNAL
// against PostgreSQL 15).
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

using Strings = std::vector<std::string>;

TEST_CASE("WITH: data-modifying queries") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string y = TableName("wy");
  Exec(conn, "DROP TABLE IF EXISTS " + y);
  Exec(conn, "CREATE TABLE " + y + " (a int)");
  Exec(conn, "INSERT INTO " + y + " VALUES (1), (2), (3)");
  CHECK(Rows(conn, "WITH t AS (INSERT INTO " + y + " VALUES (10), (11) RETURNING a) SELECT a FROM t ORDER BY a") ==
        Strings{"10", "11"});
  // The main query reads the snapshot the statement started with.
  CHECK(Rows(conn, "WITH t AS (INSERT INTO " + y + " VALUES (20) RETURNING a) SELECT count(*) FROM " + y) ==
        Strings{"5"});
  CHECK(Rows(conn, "SELECT count(*) FROM " + y) == Strings{"6"});
  // Not read at all, still run.
  CHECK(Rows(conn, "WITH t AS (UPDATE " + y + " SET a = a + 100 WHERE a < 3 RETURNING a) SELECT 1") == Strings{"1"});
  CHECK(Rows(conn, "SELECT a FROM " + y + " ORDER BY a") == Strings{"3", "10", "11", "20", "101", "102"});
  // Read by a modifying statement.
  CHECK(Rows(conn, "WITH t AS (DELETE FROM " + y + " WHERE a > 100 RETURNING a) INSERT INTO " + y +
                       " SELECT -a FROM t RETURNING a") == Strings{"-101", "-102"});
  CHECK(Rows(conn, "SELECT a FROM " + y + " ORDER BY a") == Strings{"-102", "-101", "3", "10", "11", "20"});
  // Run to completion although the main query stops after one row.
  CHECK(Rows(conn, "WITH t AS (UPDATE " + y + " SET a = a * 2 WHERE a = 3 RETURNING a) SELECT a FROM t LIMIT 1") ==
        Strings{"6"});
  CHECK(
      Rows(conn, "WITH t AS (UPDATE " + y + " SET a = a * 2 WHERE a > 9 RETURNING a) SELECT a FROM t LIMIT 1").size() ==
      1);
  CHECK(Rows(conn, "SELECT a FROM " + y + " ORDER BY a") == Strings{"-102", "-101", "6", "20", "22", "40"});

  CHECK(ErrorOf(conn, "SELECT * FROM (WITH t AS (UPDATE " + y + " SET a = a + 1 RETURNING a) SELECT * FROM t) s") ==
        "0A000: WITH clause containing a data-modifying statement must be at the top level");
  CHECK(ErrorOf(conn, "WITH t AS (INSERT INTO " + y + " VALUES (0)) SELECT * FROM t") ==
        "0A000: WITH query \"t\" does not have a RETURNING clause");
  CHECK(ErrorOf(conn, "WITH RECURSIVE t AS (INSERT INTO " + y + " SELECT * FROM t) VALUES (false)") ==
        "42P19: recursive query \"t\" must not contain data-modifying statements");
  CHECK(Rows(conn, "SELECT count(*) FROM " + y) == Strings{"6"});
  Exec(conn, "DROP TABLE " + y);
}

TEST_CASE("WITH: a query referenced twice runs once") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string sq = TableName("wsq");
  Exec(conn, "DROP SEQUENCE IF EXISTS " + sq);
  Exec(conn, "CREATE SEQUENCE " + sq);
  CHECK(Rows(conn, "WITH s AS (SELECT nextval('" + sq + "') AS v) SELECT a.v = b.v FROM s a, s b") == Strings{"t"});
  // A volatile query is never inlined, NOT MATERIALIZED or not.
  CHECK(Rows(conn, "WITH s AS NOT MATERIALIZED (SELECT nextval('" + sq + "') AS v) SELECT a.v = b.v FROM s a, s b") ==
        Strings{"t"});
  CHECK(Rows(conn, "WITH s AS (SELECT nextval('" + sq + "') AS v) SELECT v FROM s") == Strings{"3"});
  Exec(conn, "DROP SEQUENCE " + sq);
}

TEST_CASE("WITH: EXPLAIN shows CTE Scans") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("wt");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int, v int)");
  CHECK(Column(conn, "EXPLAIN (COSTS OFF) WITH x AS MATERIALIZED (SELECT * FROM " + t + ") SELECT * FROM x") ==
        Strings{"CTE Scan on x", "  CTE x", "    ->  Seq Scan on " + t});
  // Referenced once and side-effect free: inlined.
  CHECK(Column(conn, "EXPLAIN (COSTS OFF) WITH x AS (SELECT * FROM " + t + ") SELECT * FROM x WHERE id = 1") ==
        Strings{"Seq Scan on " + t, "  Filter: (id = 1)"});
  CHECK(Column(conn, "EXPLAIN (COSTS OFF) WITH d AS (DELETE FROM " + t + " RETURNING *) SELECT 1") ==
        Strings{"Result", "  CTE d", "    ->  Delete on " + t, "          ->  Seq Scan on " + t});
  CHECK(Column(conn, "EXPLAIN (COSTS OFF) WITH d AS (DELETE FROM " + t + " RETURNING *) SELECT * FROM d") ==
        Strings{"CTE Scan on d", "  CTE d", "    ->  Delete on " + t, "          ->  Seq Scan on " + t});
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("WITH RECURSIVE: ill-formed recursion") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(ErrorOf(conn,
                "WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT x.n + 1 FROM (VALUES (1)) y(a) "
                "LEFT JOIN x ON x.n = y.a) SELECT * FROM x") ==
        "42P19: recursive reference to query \"x\" must not appear within an outer join");
  CHECK(ErrorOf(conn, "WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT count(*) FROM x) SELECT * FROM x") ==
        "42P19: aggregate functions are not allowed in a recursive query's recursive term");
  CHECK(ErrorOf(conn, "WITH RECURSIVE a AS (SELECT * FROM b), b AS (SELECT * FROM a) SELECT * FROM a") ==
        "0A000: mutual recursion between WITH items is not implemented");
  CHECK(ErrorOf(conn,
                "WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE n < 3 ORDER BY 1) "
                "SELECT * FROM x") == "0A000: ORDER BY in a recursive query is not implemented");
  CHECK(ErrorOf(conn,
                "WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL (SELECT n + 1 FROM x WHERE n < 3 "
                "UNION ALL SELECT n + 1 FROM x WHERE n < 2)) SELECT * FROM x") ==
        "42P19: recursive reference to query \"x\" must not appear more than once");
  CHECK(ErrorOf(conn, "WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT (SELECT n FROM x) FROM x) SELECT * FROM x") ==
        "42P19: recursive reference to query \"x\" must not appear within a subquery");
  // The UNION's type keeps no type modifier the two terms do not share.
  CHECK(ErrorOf(conn,
                "WITH RECURSIVE f(i) AS (SELECT i::numeric(3,0) FROM (VALUES (1)) t(i) UNION ALL "
                "SELECT (i + 1)::numeric(10,0) FROM f WHERE i < 3) SELECT * FROM f") ==
        "42804: recursive query \"f\" column 1 has type numeric(3,0) in non-recursive term but type numeric overall");
  // WITH queries reading an outer column, inline and materialized.
  CHECK(Rows(conn,
             "SELECT (WITH c(v) AS (VALUES (a)) SELECT (SELECT v FROM c)) FROM (VALUES (1), (2)) t(a) "
             "ORDER BY 1") == Strings{"1", "2"});
  CHECK(Rows(conn,
             "SELECT (WITH c(v) AS MATERIALIZED (VALUES (a)) SELECT (SELECT v FROM c) FROM c) "
             "FROM (VALUES (1), (2)) t(a) ORDER BY 1") == Strings{"1", "2"});
  // A recursive query read through a WITH query of its recursive term.
  CHECK(Rows(conn,
             "WITH RECURSIVE q(n) AS (SELECT 1 UNION ALL (WITH w AS (SELECT n FROM q) SELECT n + 1 FROM w "
             "WHERE n < 4)) SELECT n FROM q") == Strings{"1", "2", "3", "4"});
}

}  // namespace
}  // namespace lumadb::integration

// GROUPING SETS / ROLLUP / CUBE / GROUPING(), IS [NOT] DISTINCT FROM and the regr_*/covar/corr aggregates:
// values, SQLSTATEs and messages as PostgreSQL 15 gives them (checked with LUMADB_TEST_EXTERNAL against a
// PostgreSQL 15 server).
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

struct Data {
  pqxx::connection conn{SharedTarget::Get().ConnString()};
  std::string t = TableName("gsets");
  Data() {
    Exec(conn, "DROP TABLE IF EXISTS " + t);
    Exec(conn, "CREATE TABLE " + t + " (a int, b text, c int, x float8, y float8)");
    Exec(conn, "INSERT INTO " + t +
                   " VALUES (1, 'p', 1, 1, 2), (1, 'q', 2, 2, 3.5), (2, 'p', 3, 3, 1), (2, 'q', 4, 4, 8),"
                   " (NULL, 'p', 5, NULL, 7), (3, NULL, 6, 5.5, NULL)");
  }
  ~Data() { Exec(conn, "DROP TABLE IF EXISTS " + t); }
};

TEST_CASE("ROLLUP, CUBE and GROUPING SETS with GROUPING()") {
  Data d;
  CHECK(Rows(d.conn, "SELECT a, b, sum(c), grouping(a, b) FROM " + d.t + " GROUP BY rollup(a, b) ORDER BY 1, 2, 4") ==
        std::vector<std::string>{"1|p|1|0", "1|q|2|0", "1|NULL|3|1", "2|p|3|0", "2|q|4|0", "2|NULL|7|1", "3|NULL|6|0",
                                 "3|NULL|6|1", "NULL|p|5|0", "NULL|NULL|5|1", "NULL|NULL|21|3"});
  CHECK(Rows(d.conn, "SELECT a, b, count(*) FROM " + d.t + " GROUP BY cube(a, b) HAVING count(*) > 1 ORDER BY 1, 2") ==
        std::vector<std::string>{"1|NULL|2", "2|NULL|2", "NULL|p|3", "NULL|q|2", "NULL|NULL|6"});
  CHECK(
      Rows(d.conn, "SELECT a, b, count(*) FROM " + d.t + " GROUP BY grouping sets ((a, b), a, ()) ORDER BY 1, 2, 3") ==
      std::vector<std::string>{"1|p|1", "1|q|1", "1|NULL|2", "2|p|1", "2|q|1", "2|NULL|2", "3|NULL|1", "3|NULL|1",
                               "NULL|p|1", "NULL|NULL|1", "NULL|NULL|6"});
  CHECK(Rows(d.conn, "SELECT a, b, count(*) FROM " + d.t + " GROUP BY a, rollup(b) ORDER BY 1, 2, 3") ==
        std::vector<std::string>{"1|p|1", "1|q|1", "1|NULL|2", "2|p|1", "2|q|1", "2|NULL|2", "3|NULL|1", "3|NULL|1",
                                 "NULL|p|1", "NULL|NULL|1"});
  CHECK(Rows(d.conn, "SELECT a, rank() OVER (ORDER BY sum(c) DESC), sum(c) FROM " + d.t +
                         " GROUP BY rollup(a) ORDER BY 2, 1") ==
        std::vector<std::string>{"NULL|1|21", "2|2|7", "3|3|6", "NULL|4|5", "1|5|3"});
}

TEST_CASE("GROUP BY DISTINCT, the empty grouping set and no input") {
  Data d;
  CHECK(Scalar(d.conn, "SELECT count(*) FROM (SELECT count(*) FROM " + d.t +
                           " GROUP BY DISTINCT rollup(a, b), rollup(a, b)) s") == "11");
  CHECK(Scalar(d.conn, "SELECT count(*) FROM (SELECT count(*) FROM " + d.t +
                           " GROUP BY rollup(a, b), rollup(a, b)) s") == "43");
  CHECK(Scalar(d.conn, "SELECT count(*) FROM " + d.t + " WHERE false GROUP BY ()") == "0");
  CHECK(Rows(d.conn, "SELECT a, count(*) FROM " + d.t + " WHERE false GROUP BY rollup(a)") ==
        std::vector<std::string>{"NULL|0"});
}

TEST_CASE("GROUPING() and CUBE errors") {
  Data d;
  CHECK(ErrorOf(d.conn, "SELECT grouping(a) FROM " + d.t) ==
        "42803: arguments to GROUPING must be grouping expressions of the associated query level");
  CHECK(ErrorOf(d.conn, "SELECT a FROM " + d.t + " WHERE grouping(a) = 0 GROUP BY rollup(a)") ==
        "42803: grouping operations are not allowed in WHERE");
  CHECK(ErrorOf(d.conn, "SELECT sum(grouping(a)) FROM " + d.t + " GROUP BY rollup(a)") ==
        "42803: aggregate function calls cannot be nested");
  CHECK(ErrorOf(d.conn, "SELECT a FROM " + d.t + " GROUP BY grouping(a)") ==
        "42803: grouping operations are not allowed in GROUP BY");
  CHECK(ErrorOf(d.conn, "SELECT a FROM " + d.t + " GROUP BY cube(a,a,a,a,a,a,a,a,a,a,a,a,a)") ==
        "54011: CUBE is limited to 12 elements");
}

TEST_CASE("IS [NOT] DISTINCT FROM") {
  Data d;
  CHECK(Rows(d.conn, "SELECT c FROM " + d.t + " WHERE a IS DISTINCT FROM 1 ORDER BY c") ==
        std::vector<std::string>{"3", "4", "5", "6"});
  CHECK(Rows(d.conn, "SELECT c FROM " + d.t + " WHERE a IS NOT DISTINCT FROM NULL ORDER BY c") ==
        std::vector<std::string>{"5"});
  CHECK(Rows(d.conn, "SELECT c, a IS DISTINCT FROM 2, b IS NOT DISTINCT FROM 'p' FROM " + d.t + " ORDER BY c") ==
        std::vector<std::string>{"1|t|t", "2|t|f", "3|f|t", "4|f|f", "5|t|t", "6|t|f"});
  CHECK(Rows(d.conn, "SELECT null IS DISTINCT FROM null, 1 IS DISTINCT FROM null, NOT 1 IS DISTINCT FROM 2") ==
        std::vector<std::string>{"f|t|f"});
  CHECK(ErrorOf(d.conn, "SELECT 1 IS DISTINCT FROM '1'::text") == "42883: operator does not exist: integer = text");
}

TEST_CASE("regr_*, covar_* and corr follow float8_regr_accum") {
  Data d;
  CHECK(Rows(d.conn,
             "SELECT regr_count(y, x), regr_sxx(y, x), regr_syy(y, x), regr_sxy(y, x), regr_avgx(y, x),"
             " regr_avgy(y, x) FROM " +
                 d.t) == std::vector<std::string>{"4|5|28.6875|7.75|2.5|3.625"});
  CHECK(Rows(d.conn,
             "SELECT regr_r2(y, x), regr_slope(y, x), regr_intercept(y, x), covar_pop(y, x),"
             " covar_samp(y, x), corr(y, x) FROM " +
                 d.t) ==
        std::vector<std::string>{"0.41873638344226577|1.55|-0.25|1.9375|2.5833333333333335|0.6470984341213211"});
  CHECK(Rows(d.conn, "SELECT a, corr(y, x), covar_samp(y, x) FROM " + d.t + " GROUP BY a ORDER BY a") ==
        std::vector<std::string>{"1|1|0.75", "2|1|3.5", "3|NULL|NULL", "NULL|NULL|NULL"});
  CHECK(Rows(d.conn, "SELECT regr_count(y, x), regr_sxx(y, x), corr(y, x) FROM " + d.t + " WHERE false") ==
        std::vector<std::string>{"0|NULL|NULL"});
  CHECK(Rows(d.conn, "SELECT var_pop(x), var_samp(x) FROM (VALUES ('inf'::float8), (1)) v(x)") ==
        std::vector<std::string>{"NaN|NaN"});
}

}  // namespace
}  // namespace lumadb::integration

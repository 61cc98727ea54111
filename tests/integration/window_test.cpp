// Window functions, FILTER, ordered-set and other aggregates, DISTINCT ON: values, SQLSTATEs and
// messages as PostgreSQL 15 gives them (checked with LUMADB_TEST_EXTERNAL against a PostgreSQL 15 server).
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

// Every row as its fields joined by '|' (NULL as ""), rows joined by ';'.
std::string Table(pqxx::connection& conn, const std::string& sql) {
  std::string out;
  for (const auto& row : Exec(conn, sql)) {
    bool first = true;
    for (const auto& field : row) {
      out += (first ? "" : "|") + std::string(field.is_null() ? "" : field.c_str());
      first = false;
    }
    out += ";";
  }
  return out;
}

struct Emp {
  pqxx::connection conn{SharedTarget::Get().ConnString()};
  std::string t = TableName("wemp");
  Emp() {
    Exec(conn, "DROP TABLE IF EXISTS " + t);
    Exec(conn, "CREATE TABLE " + t + " (id integer, name text, dept text, salary integer, hired date)");
    Exec(conn, "INSERT INTO " + t +
                   " VALUES (1, 'ann', 'eng', 120, '2020-01-10'), (2, 'ben', 'eng', 100, '2020-03-01'),"
                   " (3, 'cat', 'ops', 90, '2021-06-15'), (4, 'dan', 'ops', 90, '2019-11-30'),"
                   " (5, 'eve', 'eng', 100, '2022-02-02'), (6, 'fay', NULL, 70, '2020-01-12'),"
                   " (7, 'gus', 'ops', NULL, '2023-05-05')");
  }
  ~Emp() { Exec(conn, "DROP TABLE IF EXISTS " + t); }
};

TEST_CASE("ranking, running sums and named windows") {
  Emp e;
  CHECK(Table(e.conn, "SELECT id, row_number() OVER w, rank() OVER w, dense_rank() OVER w, sum(salary) OVER w FROM " +
                          e.t + " WINDOW w AS (PARTITION BY dept ORDER BY salary) ORDER BY id") ==
        "1|3|3|2|320;2|2|1|1|200;3|2|1|1|180;4|1|1|1|180;5|1|1|1|200;6|1|1|1|70;7|3|3|2|180;");
}

TEST_CASE("lag, lead, first_value over ROWS, ntile") {
  Emp e;
  CHECK(Table(e.conn,
              "SELECT id, lag(id) OVER (ORDER BY id), lead(id, 2, 0) OVER (ORDER BY id), first_value(id) "
              "OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING), ntile(2) OVER (ORDER BY id) FROM " +
                  e.t + " ORDER BY id") == "1||3|2|1;2|1|4|3|1;3|2|5|4|1;4|3|6|5|1;5|4|7|6|2;6|5|0|7|2;7|6|0||2;");
}

TEST_CASE("RANGE with an interval offset, GROUPS with EXCLUDE TIES") {
  Emp e;
  CHECK(Table(e.conn,
              "SELECT id, count(*) OVER (ORDER BY hired RANGE BETWEEN '6 months' PRECEDING AND '6 months' "
              "FOLLOWING), sum(id) OVER (ORDER BY salary GROUPS BETWEEN CURRENT ROW AND 1 FOLLOWING EXCLUDE "
              "TIES) FROM " +
                  e.t + " ORDER BY id") == "1|4|8;2|4|3;3|1|10;4|4|11;5|1|6;6|4|13;7|1|7;");
}

TEST_CASE("FILTER, ORDER BY inside aggregates, ordered-set and statistics aggregates") {
  Emp e;
  CHECK(Table(e.conn,
              "SELECT dept, count(*) FILTER (WHERE salary > 90), string_agg(name, ',' ORDER BY name), "
              "percentile_cont(0.5) WITHIN GROUP (ORDER BY salary), mode() WITHIN GROUP (ORDER BY salary) "
              "FROM " +
                  e.t + " GROUP BY dept ORDER BY dept") ==
        "eng|3|ann,ben,eve|100|100;ops|0|cat,dan,gus|90|90;|0|fay|70|70;");
  CHECK(Table(e.conn,
              "SELECT stddev(salary), variance(salary), var_pop(salary::float8), bool_and(salary > 60), "
              "bit_or(id) FROM " +
                  e.t) == "16.4316767251549834|270.0000000000000000|225|t|7;");
}

TEST_CASE("DISTINCT ON") {
  Emp e;
  CHECK(Table(e.conn, "SELECT DISTINCT ON (dept) dept, name FROM " + e.t +
                          " ORDER BY dept, salary DESC NULLS LAST, id") == "eng|ann;ops|cat;|fay;");
  CHECK(ErrorOf(e.conn, "SELECT DISTINCT ON (dept) dept, name FROM " + e.t + " ORDER BY name") ==
        "42P10: SELECT DISTINCT ON expressions must match initial ORDER BY expressions");
}

TEST_CASE("window errors") {
  Emp e;
  CHECK(ErrorOf(e.conn, "SELECT id FROM " + e.t + " WHERE row_number() OVER () > 1") ==
        "42P20: window functions are not allowed in WHERE");
  CHECK(ErrorOf(e.conn, "SELECT sum(row_number() OVER ()) FROM " + e.t) ==
        "42803: aggregate function calls cannot contain window function calls");
  CHECK(ErrorOf(e.conn, "SELECT row_number() FROM " + e.t) ==
        "42809: window function row_number requires an OVER clause");
  CHECK(ErrorOf(e.conn, "SELECT count(*) OVER w2 FROM " + e.t) == "42704: window \"w2\" does not exist");
  CHECK(ErrorOf(e.conn, "SELECT sum(id) OVER (RANGE 1 PRECEDING) FROM " + e.t) ==
        "42P20: RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column");
  CHECK(ErrorOf(e.conn, "SELECT sum(id) OVER (ORDER BY id ROWS -1 PRECEDING) FROM " + e.t) ==
        "22013: frame starting offset must not be negative");
  CHECK(ErrorOf(e.conn, "SELECT ntile(0) OVER () FROM " + e.t) == "22014: argument of ntile must be greater than zero");
}

}  // namespace
}  // namespace lumadb::integration

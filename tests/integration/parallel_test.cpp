// Parallel aggregation (planner/src/parallel_plan.cpp, exec/src/parallel_aggregate_executor.cpp): the plan
// PostgreSQL 15 makes (Finalize Aggregate -> Gather -> Partial Aggregate -> Parallel Seq Scan) when the
// settings allow it, the same answers as the serial plan, a worker's error, statement_timeout during a
// parallel scan, and a writer on the table (rows that need a lock go through the leader).
#include <chrono>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

using Strings = std::vector<std::string>;

// The EXPLAIN (COSTS OFF) lines of sql.
Strings Plan(pqxx::connection& conn, const std::string& sql) {
  return Column(conn, "EXPLAIN (COSTS OFF) " + sql);
}

// Settings under which any table is worth two workers (select_parallel.sql's).
void ForceParallel(pqxx::connection& conn) {
  Exec(conn, "SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0");
}

// A table of `rows` rows with NULLs in n (every 7th) and v (every 11th) and 10 groups g, analyzed.
std::string MakeTable(pqxx::connection& conn, const std::string& stem, int rows) {
  const std::string t = TableName(stem);
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int PRIMARY KEY, g int, n int, v numeric(10,2), b boolean, f float8)");
  Exec(conn, "INSERT INTO " + t +
                 " SELECT i, i % 10, CASE WHEN i % 7 = 0 THEN NULL ELSE i % 1000 - 300 END,"
                 " CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 997) / 4.0 END, i % 5 <> 0, i * 0.5"
                 " FROM generate_series(1, " +
                 std::to_string(rows) + ") i");
  Exec(conn, "ANALYZE " + t);
  return t;
}

TEST_CASE("parallel plans: chosen for a large enough table, not for a small one, not when disabled") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = MakeTable(conn, "par_plan", 20000);
  // With the default costs a table this small is scanned serially.
  CHECK(Plan(conn, "SELECT count(*) FROM " + t) == Strings{"Aggregate", "  ->  Seq Scan on " + t});
  ForceParallel(conn);
  CHECK(Plan(conn, "SELECT count(*) FROM " + t) ==
        Strings{"Finalize Aggregate", "  ->  Gather", "        Workers Planned: 2", "        ->  Partial Aggregate",
                "              ->  Parallel Seq Scan on " + t});
  CHECK(Plan(conn, "SELECT sum(v) FROM " + t + " WHERE g < 3") ==
        Strings{"Finalize Aggregate", "  ->  Gather", "        Workers Planned: 2", "        ->  Partial Aggregate",
                "              ->  Parallel Seq Scan on " + t, "                    Filter: (g < 3)"});
  Exec(conn, "SET max_parallel_workers_per_gather = 1");
  CHECK(Plan(conn, "SELECT count(*) FROM " + t)[2] == "        Workers Planned: 1");
  Exec(conn, "SET max_parallel_workers_per_gather = 0");
  CHECK(Plan(conn, "SELECT count(*) FROM " + t) == Strings{"Aggregate", "  ->  Seq Scan on " + t});
  Exec(conn, "RESET max_parallel_workers_per_gather");
  // Not parallel safe: a subquery, a volatile call, DISTINCT, FOR UPDATE's row locks.
  CHECK(Plan(conn, "SELECT count(*) FROM " + t + " WHERE id > (SELECT 5)")[0] == "Aggregate");
  CHECK(Plan(conn, "SELECT count(*) FROM " + t + " WHERE random() < 2")[0] == "Aggregate");
  CHECK(Plan(conn, "SELECT count(DISTINCT g) FROM " + t)[0] == "Aggregate");
  CHECK(Plan(conn, "SELECT string_agg(g::text, ',') FROM " + t)[0] == "Aggregate");
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("parallel plans give the serial plan's answers") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = MakeTable(conn, "par_same", 200000);
  const std::string empty = TableName("par_empty");
  Exec(conn, "DROP TABLE IF EXISTS " + empty);
  Exec(conn, "CREATE TABLE " + empty + " (id int, g int, n int, v numeric(10,2), b boolean, f float8)");
  const Strings queries = {
      "SELECT count(*), count(n), sum(n), avg(n), min(n), max(n) FROM ",
      "SELECT sum(v), avg(v), min(v), max(v), count(v), bool_and(b), bool_or(b) FROM ",
      "SELECT sum(id::int8), avg(id::int8), sum(f), max(f) FROM ",
      "SELECT count(*), sum(v) FROM %s WHERE g < 3 AND n IS NOT NULL",
      "SELECT g, count(*), sum(v), avg(n), min(v) FROM %s GROUP BY g ORDER BY g",
      "SELECT n % 3, count(*) FROM %s GROUP BY 1 HAVING count(*) > 10 ORDER BY 1",
  };
  for (const std::string& table : {t, empty}) {
    for (std::string q : queries) {
      const auto at = q.find("%s");
      q = at == std::string::npos ? q + table : q.replace(at, 2, table);
      CAPTURE(q);
      Exec(conn, "RESET ALL");
      const Strings serial = Rows(conn, q);
      ForceParallel(conn);
      // (Over the empty table, never analyzed, the grouped queries' serial plans cost less.)
      if (table == t) REQUIRE(Plan(conn, q)[0].find("Finalize") != std::string::npos);
      CHECK(Rows(conn, q) == serial);
    }
  }
  Exec(conn, "DROP TABLE " + t);
  Exec(conn, "DROP TABLE " + empty);
}

TEST_CASE("parallel scans: EXPLAIN ANALYZE, a worker's error, statement_timeout, a writer on the table") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  pqxx::connection writer(SharedTarget::Get().ConnString());
  const std::string t = MakeTable(conn, "par_run", 100000);
  ForceParallel(conn);
  const Strings analyzed =
      Column(conn, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM " + t);
  REQUIRE(analyzed.size() == 6);
  CHECK(analyzed[0] == "Finalize Aggregate (actual rows=1 loops=1)");
  CHECK(analyzed[1] == "  ->  Gather (actual rows=3 loops=1)");
  CHECK(analyzed[2] == "        Workers Planned: 2");
  CHECK(analyzed[3] == "        Workers Launched: 2");
  CHECK(analyzed[4] == "        ->  Partial Aggregate (actual rows=1 loops=3)");
  CHECK(analyzed[5].rfind("              ->  Parallel Seq Scan on " + t + " (actual rows=", 0) == 0);
  CHECK(analyzed[5].find("loops=3)") != std::string::npos);
  // The structured formats list the Gather's properties in explain.c's order.
  const std::string json =
      Scalar(conn, "EXPLAIN (ANALYZE, FORMAT JSON, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM " + t);
  const auto planned = json.find("\"Workers Planned\": 2,");
  const auto launched = json.find("\"Workers Launched\": 2,");
  const auto single = json.find("\"Single Copy\": false");
  CHECK(planned != std::string::npos);
  CHECK(planned < launched);
  CHECK(launched < single);
  CHECK(single != std::string::npos);
  CHECK(json.find("\"Parallel Aware\": true") != std::string::npos);

  // Whichever participant meets the bad row, the statement fails with its error, and the session goes on.
  CHECK(ErrorOf(conn, "SELECT count(*) FROM " + t + " WHERE 1 / (id - 77777) > 0") == "22012: division by zero");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "100000");

  Exec(conn, "SET statement_timeout = '200ms'");
  const auto start = std::chrono::steady_clock::now();
  CHECK(ErrorOf(conn, "SELECT count(*) FROM " + t + " WHERE repeat(id::text, 3000) LIKE '%x%'") ==
        "57014: canceling statement due to statement timeout");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  Exec(conn, "RESET statement_timeout");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "100000");

  // An uncommitted change: the pages are no longer quiet, so their rows are read under row locks by the
  // leader, which waits for the writer exactly as the serial scan does.
  Exec(writer, "BEGIN");
  Exec(writer, "UPDATE " + t + " SET n = -5000 WHERE id = 5");
  Exec(conn, "SET lock_timeout = '100ms'");
  CHECK(ErrorOf(conn, "SELECT count(*) FROM " + t).rfind("55P03", 0) == 0);
  Exec(writer, "COMMIT");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE n = -5000") == "1");
  Exec(writer, "BEGIN");
  Exec(writer, "INSERT INTO " + t + " VALUES (100001, 1, 1, 1, true, 1)");
  Exec(writer, "DELETE FROM " + t + " WHERE id = 6");
  CHECK(ErrorOf(conn, "SELECT count(*) FROM " + t).rfind("55P03", 0) == 0);
  Exec(writer, "ROLLBACK");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "100000");
  Exec(conn, "RESET lock_timeout");
  Exec(conn, "DROP TABLE " + t);
}

}  // namespace
}  // namespace lumadb::integration

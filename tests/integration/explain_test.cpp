// EXPLAIN ANALYZE and the structured formats through the real server: the per-node rows and loops (exact),
// the times (masked, but non-negative and ordered), TIMING/SUMMARY/COSTS, FORMAT JSON parsed back, YAML
// and XML layouts, the column type, DML under ANALYZE and the option errors, as PostgreSQL 15 gives them
// (checked with LUMADB_TEST_EXTERNAL against PostgreSQL 15).
#include <regex>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"
#include <nlohmann/json.hpp>

namespace lumadb::integration {
namespace {

using Strings = std::vector<std::string>;

// The figures that vary between runs become "N": actual times and the summary's milliseconds.
std::string Mask(const std::string& line) {
  static const std::regex time(R"(actual time=[0-9]+\.[0-9]{3}\.\.[0-9]+\.[0-9]{3})");
  static const std::regex ms(R"((Planning|Execution) Time: [0-9]+\.[0-9]{3} ms)");
  return std::regex_replace(std::regex_replace(line, time, "actual time=N..N"), ms, "$1 Time: N ms");
}

Strings Masked(pqxx::connection& conn, const std::string& sql) {
  Strings out;
  for (const auto& line : Column(conn, sql)) out.push_back(Mask(line));
  return out;
}

// Every node of a FORMAT JSON plan as "Node Type rows/loops", depth first; checks each node's times.
void Walk(const nlohmann::json& node, Strings* out) {
  const double startup = node.at("Actual Startup Time").get<double>();
  const double total = node.at("Actual Total Time").get<double>();
  CHECK(startup >= 0);
  CHECK(startup <= total);
  out->push_back(node.at("Node Type").get<std::string>() + " " + std::to_string(node.at("Actual Rows").get<int>()) +
                 "/" + std::to_string(node.at("Actual Loops").get<int>()));
  if (node.contains("Plans")) {
    for (const auto& child : node.at("Plans")) Walk(child, out);
  }
}

struct Tables {
  explicit Tables(pqxx::connection& conn) : ex(TableName("ex")), ey(TableName("ey")) {
    Exec(conn, "DROP TABLE IF EXISTS " + ex + ", " + ey);
    Exec(conn, "CREATE TABLE " + ex + " (a int PRIMARY KEY, b text, c int)");
    Exec(conn, "INSERT INTO " + ex + " SELECT g, 'x' || g, g % 10 FROM generate_series(1, 100) g");
    Exec(conn, "CREATE TABLE " + ey + " (a int, d int)");
    Exec(conn, "INSERT INTO " + ey + " SELECT g % 20, g FROM generate_series(1, 50) g");
  }
  std::string ex, ey;
};

TEST_CASE("EXPLAIN ANALYZE: actual times, rows, loops and the summary") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Tables t(conn);
  CHECK(Masked(conn, "EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM " + t.ex + " WHERE c = 3 LIMIT 2") ==
        Strings{"Limit (actual time=N..N rows=2 loops=1)",
                "  ->  Seq Scan on " + t.ex + " (actual time=N..N rows=2 loops=1)", "        Filter: (c = 3)",
                "        Rows Removed by Filter: 11", "Planning Time: N ms", "Execution Time: N ms"});
  // Costs come first, two spaces before them and one before the actual figures.
  const Strings costs = Masked(conn, "EXPLAIN ANALYZE SELECT 1");
  REQUIRE(costs.size() == 3);
  CHECK(std::regex_match(costs[0], std::regex(R"(Result  \(cost=0\.00\.\.0\.01 rows=1 width=4\) )"
                                              R"(\(actual time=N\.\.N rows=1 loops=1\))")));
  // The rows of each loop are averaged: the worktable is scanned once per round.
  CHECK(Masked(conn,
               "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY OFF) WITH RECURSIVE r(n) AS "
               "(SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r") ==
        Strings{"CTE Scan on r (actual rows=5 loops=1)", "  CTE r", "    ->  Recursive Union (actual rows=5 loops=1)",
                "          ->  Result (actual rows=1 loops=1)",
                "          ->  WorkTable Scan on r r_1 (actual rows=1 loops=5)", "                Filter: (n < 5)",
                "                Rows Removed by Filter: 0"});
  // SUMMARY ON without ANALYZE shows the planning time alone; SUMMARY OFF hides both.
  CHECK(Masked(conn, "EXPLAIN (SUMMARY ON, COSTS OFF) SELECT 1") == Strings{"Result", "Planning Time: N ms"});
  CHECK(Masked(conn, "EXPLAIN (ANALYZE, SUMMARY OFF, TIMING OFF, COSTS OFF) SELECT 1") ==
        Strings{"Result (actual rows=1 loops=1)"});
}

TEST_CASE("EXPLAIN ANALYZE: InitPlans, nodes never executed and DML") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Tables t(conn);
  CHECK(Masked(conn, "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY OFF) SELECT * FROM " + t.ex +
                         " WHERE c = (SELECT max(a) FROM " + t.ey + ") - 10") ==
        Strings{"Seq Scan on " + t.ex + " (actual rows=10 loops=1)", "  Filter: (c = ($0 - 10))",
                "  Rows Removed by Filter: 90", "  InitPlan 1 (returns $0)",
                "    ->  Aggregate (actual rows=1 loops=1)",
                "          ->  Seq Scan on " + t.ey + " (actual rows=50 loops=1)"});
  // The subquery's value is never needed.
  const Strings never = Masked(conn,
                               "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY OFF) SELECT CASE WHEN c > 100 "
                               "THEN (SELECT max(d) FROM " +
                                   t.ey + ") END FROM " + t.ex);
  REQUIRE(never.size() == 4);
  CHECK(never[1] == "  InitPlan 1 (returns $0)");
  CHECK(never[2] == "    ->  Aggregate (never executed)");
  CHECK(never[3] == "          ->  Seq Scan on " + t.ey + " (never executed)");
  // ANALYZE really runs the statement.
  CHECK(Masked(conn, "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY OFF) DELETE FROM " + t.ey + " WHERE d <= 2") ==
        Strings{"Delete on " + t.ey + " (actual rows=0 loops=1)",
                "  ->  Seq Scan on " + t.ey + " (actual rows=2 loops=1)", "        Filter: (d <= 2)",
                "        Rows Removed by Filter: 48"});
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t.ey) == "48");
}

TEST_CASE("EXPLAIN (FORMAT JSON): parses, with PostgreSQL's keys and exact rows and loops") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Tables t(conn);
  pqxx::result r = Exec(conn, "EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM " + t.ex +
                                  " WHERE c = (SELECT max(a) FROM " + t.ey + ") - 10 OR b = 'x5'");
  REQUIRE(r.size() == 1);
  CHECK(std::string(r.column_name(0)) == "QUERY PLAN");
  CHECK(r.column_type(0) == 114);  // json
  const auto doc = nlohmann::json::parse(r[0][0].c_str());
  REQUIRE(doc.is_array());
  const auto& query = doc.at(0);
  CHECK(query.at("Planning Time").get<double>() >= 0);
  CHECK(query.at("Execution Time").get<double>() >= 0);
  CHECK(query.at("Triggers").empty());
  Strings nodes;
  Walk(query.at("Plan"), &nodes);
  CHECK(nodes == Strings{"Seq Scan 11/1", "Aggregate 1/1", "Seq Scan 50/1"});
  const auto& scan = query.at("Plan");
  CHECK(scan.at("Relation Name") == t.ex);
  CHECK(scan.at("Alias") == t.ex);
  CHECK(scan.at("Rows Removed by Filter") == 89);
  CHECK(scan.at("Filter") == "((c = ($0 - 10)) OR (b = 'x5'::text))");
  const auto& init = scan.at("Plans").at(0);
  CHECK(init.at("Parent Relationship") == "InitPlan");
  CHECK(init.at("Subplan Name") == "InitPlan 1 (returns $0)");
  CHECK(init.at("Strategy") == "Plain");
  CHECK(init.at("Plans").at(0).at("Parent Relationship") == "Outer");
  // YAML and XML are text, one row.
  CHECK(Exec(conn, "EXPLAIN (FORMAT YAML) SELECT 1").column_type(0) == 25);
  CHECK(Exec(conn, "EXPLAIN (FORMAT XML) SELECT 1").size() == 1);
}

TEST_CASE("EXPLAIN (FORMAT YAML / XML) layouts") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Tables t(conn);
  const std::string yaml = Scalar(
      conn, "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, FORMAT YAML) SELECT count(*) FROM " + t.ex + " WHERE c < 3");
  CHECK(std::regex_replace(yaml, std::regex(R"(Time: [0-9.]+)"), "Time: N") ==
        "- Plan: \n"
        "    Node Type: \"Aggregate\"\n    Strategy: \"Plain\"\n    Partial Mode: \"Simple\"\n"
        "    Parallel Aware: false\n    Async Capable: false\n    Actual Rows: 1\n    Actual Loops: 1\n"
        "    Plans: \n"
        "      - Node Type: \"Seq Scan\"\n        Parent Relationship: \"Outer\"\n"
        "        Parallel Aware: false\n        Async Capable: false\n        Relation Name: \"" +
            t.ex + "\"\n        Alias: \"" + t.ex +
            "\"\n        Actual Rows: 30\n        Actual Loops: 1\n        Filter: \"(c < 3)\"\n"
            "        Rows Removed by Filter: 70\n"
            "  Planning Time: N\n  Triggers: \n  Execution Time: N");
  CHECK(
      Scalar(conn, "EXPLAIN (COSTS OFF, FORMAT XML) SELECT * FROM " + t.ex + " WHERE b <> 'a<b' ORDER BY b, a DESC") ==
      "<explain xmlns=\"http://www.postgresql.org/2009/explain\">\n  <Query>\n    <Plan>\n"
      "      <Node-Type>Sort</Node-Type>\n      <Parallel-Aware>false</Parallel-Aware>\n"
      "      <Async-Capable>false</Async-Capable>\n      <Sort-Key>\n        <Item>b</Item>\n"
      "        <Item>a DESC</Item>\n      </Sort-Key>\n      <Plans>\n        <Plan>\n"
      "          <Node-Type>Seq Scan</Node-Type>\n          <Parent-Relationship>Outer</Parent-Relationship>\n"
      "          <Parallel-Aware>false</Parallel-Aware>\n          <Async-Capable>false</Async-Capable>\n"
      "          <Relation-Name>" +
          t.ex + "</Relation-Name>\n          <Alias>" + t.ex +
          "</Alias>\n          <Filter>(b &lt;&gt; 'a&lt;b'::text)</Filter>\n        </Plan>\n"
          "      </Plans>\n    </Plan>\n  </Query>\n</explain>");
}

TEST_CASE("EXPLAIN option errors") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(ErrorOf(conn, "EXPLAIN (FORMAT foo) SELECT 1") ==
        "22023: unrecognized value for EXPLAIN option \"format\": \"foo\"");
  CHECK(ErrorOf(conn, "EXPLAIN (TIMING) SELECT 1") == "22023: EXPLAIN option TIMING requires ANALYZE");
  CHECK(ErrorOf(conn, "EXPLAIN (WAL) SELECT 1") == "22023: EXPLAIN option WAL requires ANALYZE");
  CHECK(ErrorOf(conn, "EXPLAIN (FOO) SELECT 1") == "42601: unrecognized EXPLAIN option \"foo\"");
  CHECK(ErrorOf(conn, "EXPLAIN (ANALYZE 'x') SELECT 1") == "42601: analyze requires a Boolean value");
  CHECK(ErrorOf(conn, "EXPLAIN (TIMING OFF, BUFFERS, SETTINGS) SELECT 1").empty());
}

}  // namespace
}  // namespace lumadb::integration

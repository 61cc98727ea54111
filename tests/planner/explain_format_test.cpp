// EXPLAIN's structured formats and relation names (planner/explain.h): the JSON, YAML and XML documents of
// fixed plans with costs, as PostgreSQL 15's explain.c lays them out, the summary keys, and the "_1"
// suffix of a relation named twice.
#include <string>
#include <vector>

#include "binder_fixture.h"

namespace lumadb::planner::testing {
namespace {

using Lines = std::vector<std::string>;

std::string Document(Fixture& f, const std::string& sql, const ExplainOptions& options,
                     const ExplainSummary& summary = {}) {
  auto lines = ExplainDocument(*f.BindAny(sql), options, nullptr, summary);
  REQUIRE(lines.size() == 1);
  return lines[0];
}

TEST_CASE_FIXTURE(Fixture, "EXPLAIN (FORMAT JSON) nests Plans with PostgreSQL's keys") {
  ExplainOptions options{false, false, false};
  options.format = ExplainFormat::kJson;
  CHECK(Document(*this, "SELECT * FROM t WHERE a = 1 ORDER BY b", options) ==
        "[\n  {\n    \"Plan\": {\n      \"Node Type\": \"Sort\",\n      \"Parallel Aware\": false,\n"
        "      \"Async Capable\": false,\n      \"Sort Key\": [\"b\"],\n      \"Plans\": [\n        {\n"
        "          \"Node Type\": \"Seq Scan\",\n          \"Parent Relationship\": \"Outer\",\n"
        "          \"Parallel Aware\": false,\n          \"Async Capable\": false,\n"
        "          \"Relation Name\": \"t\",\n          \"Alias\": \"t\",\n"
        "          \"Filter\": \"(a = 1)\"\n        }\n      ]\n    }\n  }\n]");
  ExplainSummary summary;
  summary.planning_ms = 0.25;
  options.summary = true;
  const std::string doc = Document(*this, "SELECT 1", options, summary);
  CHECK(doc.find("    },\n    \"Planning Time\": 0.250\n  }\n]") != std::string::npos);
}

TEST_CASE_FIXTURE(Fixture, "EXPLAIN (FORMAT YAML / XML) with costs") {
  ExplainOptions options;
  options.format = ExplainFormat::kYaml;
  CHECK(Document(*this, "SELECT 1", options) ==
        "- Plan: \n    Node Type: \"Result\"\n    Parallel Aware: false\n    Async Capable: false\n"
        "    Startup Cost: 0.00\n    Total Cost: 0.01\n    Plan Rows: 1\n    Plan Width: 4");
  options.format = ExplainFormat::kXml;
  options.costs = false;
  options.settings = true;
  CHECK(Document(*this, "SELECT 1", options, ExplainSummary{{{"work_mem", "8MB"}}, {}, {}}) ==
        "<explain xmlns=\"http://www.postgresql.org/2009/explain\">\n  <Query>\n    <Plan>\n"
        "      <Node-Type>Result</Node-Type>\n      <Parallel-Aware>false</Parallel-Aware>\n"
        "      <Async-Capable>false</Async-Capable>\n    </Plan>\n    <Settings>\n"
        "      <work_mem>8MB</work_mem>\n    </Settings>\n  </Query>\n</explain>");
}

TEST_CASE_FIXTURE(Fixture, "EXPLAIN names a relation read twice <name>_1") {
  CHECK(Explain("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r") ==
        Lines{"CTE Scan on r", "  CTE r", "    ->  Recursive Union", "          ->  Result",
              "          ->  WorkTable Scan on r r_1", "                Filter: (n < 3)"});
  CHECK(Explain("INSERT INTO t SELECT * FROM t")[1] == "  ->  Seq Scan on t t_1");
  CHECK(Explain("DELETE FROM t WHERE a = 1")[1] == "  ->  Seq Scan on t");
}

}  // namespace
}  // namespace lumadb::planner::testing

// Sort, hash aggregation and hash join beyond work_mem: the answers equal the in-memory ones, EXPLAIN
// ANALYZE shows the spill, and base/pgsql_tmp is empty after every statement, failed ones included.

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "test_session.h"

namespace lumadb::exec {
namespace {

using testing::TestSession;

size_t TempFileCount(const TestSession& s) {
  const auto dir = s.data_dir() / "base" / "pgsql_tmp";
  if (!std::filesystem::exists(dir)) return 0;
  return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

// The rows of sql with work_mem at 64kB and at 64MB (sorted when `sorted`: hashing changes the order).
std::pair<std::vector<std::string>, std::vector<std::string>> BothWays(TestSession& s, const std::string& sql,
                                                                       bool sorted) {
  s.work_mem_kb = 64;
  auto small = s.Rows(sql);
  CHECK(TempFileCount(s) == 0);
  s.work_mem_kb = 65536;
  auto big = s.Rows(sql);
  if (sorted) {
    std::sort(small.begin(), small.end());
    std::sort(big.begin(), big.end());
  }
  return {small, big};
}

// The EXPLAIN ANALYZE lines of sql that contain `what`, at 64kB.
std::vector<std::string> ExplainLines(TestSession& s, const std::string& sql, const std::string& what) {
  s.work_mem_kb = 64;
  std::vector<std::string> lines;
  for (const auto& line : s.Rows("EXPLAIN (ANALYZE, COSTS OFF) " + sql)) {
    if (line.find(what) != std::string::npos) lines.push_back(line);
  }
  CHECK(TempFileCount(s) == 0);
  return lines;
}

void Load(TestSession& s) {
  s.Run("CREATE TABLE big (id int, grp int, name text, amount numeric)");
  s.Run(
      "INSERT INTO big SELECT g, g % 7000, CASE WHEN g % 101 = 0 THEN NULL ELSE 'name ' || (g * 7919 % 30011) END, "
      "(g % 1000) / 7.0 FROM generate_series(1, 30000) g");
  s.Run("CREATE TABLE small (k int, label text)");
  s.Run(
      "INSERT INTO small SELECT CASE WHEN g % 50 = 0 THEN NULL ELSE g * 3 END, 'label ' || g "
      "FROM generate_series(1, 12000) g");
}

TEST_CASE("external merge sort gives the in-memory order") {
  TestSession s;
  Load(s);
  for (const char* sql :
       {"SELECT id, name FROM big ORDER BY name, id", "SELECT name, id FROM big ORDER BY name DESC NULLS LAST, id DESC",
        "SELECT amount, id FROM big ORDER BY amount, id"}) {
    auto [small, big] = BothWays(s, sql, false);
    CHECK(small.size() == 30000);
    CHECK(small == big);
  }
  auto lines = ExplainLines(s, "SELECT * FROM big ORDER BY name", "Sort Method");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("Sort Method: external merge  Disk: ") != std::string::npos);
  s.work_mem_kb = 65536;
  lines = ExplainLines(s, "SELECT * FROM big ORDER BY name LIMIT 5", "Sort Method");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("Sort Method: top-N heapsort  Memory: ") != std::string::npos);
}

TEST_CASE("hash aggregation spills new groups and aggregates them in later batches") {
  TestSession s;
  Load(s);
  for (const char* sql :
       {"SELECT grp, count(*), sum(amount), min(name), max(id) FROM big GROUP BY grp",
        "SELECT name, count(DISTINCT grp), string_agg(id::text, ',' ORDER BY id) FROM big GROUP BY name",
        "SELECT DISTINCT grp % 3000 FROM big",
        "SELECT grp, name, count(*), sum(amount) FROM big GROUP BY ROLLUP (grp, name)",
        "SELECT grp % 10, id % 4000, string_agg(name, ',' ORDER BY id) FROM big "
        "GROUP BY GROUPING SETS ((grp % 10, id % 4000), (id % 4000), ())"}) {
    auto [small, big] = BothWays(s, sql, true);
    CHECK(!small.empty());
    CHECK(small == big);
  }
  CHECK(s.Rows("SELECT count(*) FROM (SELECT grp, name FROM big GROUP BY ROLLUP (grp, name)) x") ==
        std::vector<std::string>{"37001"});
  auto lines = ExplainLines(s, "SELECT grp, count(*) FROM big GROUP BY grp", "Batches");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("Disk Usage: ") != std::string::npos);
  CHECK(lines[0].find("Batches: 1 ") == std::string::npos);
}

TEST_CASE("hash join batches give every join kind's rows") {
  TestSession s;
  Load(s);
  const std::vector<std::string> joins = {
      "SELECT b.id, s.label FROM big b JOIN small s ON s.k = b.id",
      "SELECT b.id, s.label FROM big b LEFT JOIN small s ON s.k = b.id",
      "SELECT b.id, s.label FROM big b RIGHT JOIN small s ON s.k = b.id AND b.grp > 10",
      "SELECT b.id, s.label FROM big b FULL JOIN small s ON s.k = b.id",
      "SELECT b.id FROM big b WHERE EXISTS (SELECT 1 FROM small s WHERE s.k = b.id)",
      "SELECT b.id FROM big b WHERE NOT EXISTS (SELECT 1 FROM small s WHERE s.k = b.id)",
  };
  for (const auto& sql : joins) {
    CAPTURE(sql);
    auto [small, big] = BothWays(s, sql, true);
    CHECK(!small.empty());
    CHECK(small.size() == big.size());
    CHECK(small == big);
  }
  auto lines = ExplainLines(s, "SELECT * FROM big b JOIN small s ON s.k = b.id", "Buckets:");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("(originally 1)") != std::string::npos);
}

TEST_CASE("temporary files go when a statement fails, and temp_file_limit holds") {
  TestSession s;
  Load(s);
  s.work_mem_kb = 64;
  // The division fails on the last row, after every sort run and partition was written.
  CHECK(s.Error("SELECT id, 1 / (30000 - id) FROM (SELECT * FROM big ORDER BY name) x").code() ==
        sqlstate::kDivisionByZero);
  CHECK(TempFileCount(s) == 0);
  CHECK(s.Error("SELECT grp, sum(1 / (30000 - id)) FROM big GROUP BY grp").code() == sqlstate::kDivisionByZero);
  CHECK(TempFileCount(s) == 0);
  s.temp_file_limit_kb = 100;
  DbError e = s.Error("SELECT * FROM big ORDER BY name");
  CHECK(e.code().View() == "53400");
  CHECK(e.message() == "temporary file size exceeds temp_file_limit (100kB)");
  CHECK(TempFileCount(s) == 0);
  // Every spilling executor writes through the limit (so each of them does spill here).
  for (const char* sql :
       {"SELECT grp, count(*) FROM big GROUP BY grp", "SELECT * FROM big b JOIN small s ON s.k = b.id",
        "SELECT grp, name, count(*) FROM big GROUP BY ROLLUP (grp, name)"}) {
    CAPTURE(sql);
    CHECK(s.Error(sql).code().View() == "53400");
  }
  CHECK(TempFileCount(s) == 0);
}

}  // namespace
}  // namespace lumadb::exec

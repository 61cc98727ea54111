// Sort under a LIMIT (top-N heapsort, exec/src/sort_executor.cpp): a row is compared with the bounded
// heap's largest entry before anything is built for it, and the answer must be the first rows of the
// full sort, for every key direction, NULL placement and computed key.

#include <algorithm>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "test_session.h"

namespace lumadb::exec {
namespace {

using testing::TestSession;

void Load(TestSession& s) {
  s.Run("CREATE TABLE t (id int, amount numeric(12,2), name text)");
  s.Run(
      "INSERT INTO t SELECT g, CASE WHEN g % 13 = 0 THEN NULL ELSE ((g * 7919) % 1009) / 4.0 END, "
      "CASE WHEN g % 17 = 0 THEN NULL ELSE 'n' || (g * 31 % 211) END FROM generate_series(1, 3000) g");
}

// The first n rows of the full sort (no LIMIT: a plain quicksort).
std::vector<std::string> Prefix(TestSession& s, const std::string& order, size_t n) {
  auto rows = s.Rows("SELECT id, amount, name FROM t ORDER BY " + order);
  rows.resize(std::min(rows.size(), n));
  return rows;
}

TEST_CASE("top-N heapsort gives the full sort's first rows") {
  TestSession s;
  Load(s);
  const std::vector<std::string> orders = {
      "amount DESC, id",
      "amount, id",
      "amount NULLS FIRST, id DESC",
      "amount DESC NULLS LAST, id",
      "name, id",
      "name DESC, amount, id",
      "amount * -1 + 3, id",  // a computed key, evaluated once per row
      "length(name) DESC NULLS LAST, id",
  };
  for (const auto& order : orders) {
    for (int limit : {1, 10, 100}) {
      CAPTURE(order);
      CAPTURE(limit);
      CHECK(s.Rows("SELECT id, amount, name FROM t ORDER BY " + order + " LIMIT " + std::to_string(limit)) ==
            Prefix(s, order, static_cast<size_t>(limit)));
    }
  }
  CHECK(s.Rows("SELECT id FROM t ORDER BY amount DESC, id LIMIT 0").empty());
  auto page = s.Rows("SELECT id, amount, name FROM t ORDER BY amount DESC, id LIMIT 5 OFFSET 20");
  auto full = Prefix(s, "amount DESC, id", 25);
  CHECK(page == std::vector<std::string>(full.begin() + 20, full.end()));
  auto lines = s.Rows("EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM t ORDER BY amount DESC, id LIMIT 10");
  bool heapsort = false;
  for (const auto& line : lines) heapsort |= line.find("Sort Method: top-N heapsort") != std::string::npos;
  CHECK(heapsort);
}

}  // namespace
}  // namespace lumadb::exec

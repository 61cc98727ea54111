// generate_series in FROM (PostgreSQL 15's int4/int8/numeric forms), as pgbench -i's server-side data
// generation uses it.
#include <doctest/doctest.h>

#include "test_session.h"

using lumadb::exec::testing::TestSession;
using Rows = std::vector<std::string>;

TEST_CASE("generate_series: values, steps, names") {
  TestSession s;
  CHECK(s.Rows("SELECT * FROM generate_series(1, 3)") == Rows{"1", "2", "3"});
  CHECK(s.sink().columns_.at(0).name == "generate_series");
  CHECK(s.sink().columns_.at(0).type.id == lumadb::TypeId::kInt4);
  CHECK(s.Rows("SELECT g FROM generate_series(1, 10, 4) AS g") == Rows{"1", "5", "9"});
  CHECK(s.sink().columns_.at(0).name == "g");
  CHECK(s.Rows("SELECT * FROM generate_series(1, 10, 4) g(x)") == Rows{"1", "5", "9"});
  CHECK(s.sink().columns_.at(0).name == "x");
  CHECK(s.Rows("SELECT * FROM generate_series(5, 1, -2)") == Rows{"5", "3", "1"});
  CHECK(s.Rows("SELECT * FROM generate_series(3, 1)").empty());
  CHECK(s.Rows("SELECT * FROM generate_series(NULL::int, 3)").empty());
  CHECK(s.Rows("SELECT * FROM generate_series(1::int8, 3)") == Rows{"1", "2", "3"});
  CHECK(s.sink().columns_.at(0).type.id == lumadb::TypeId::kInt8);
  // No wrap-around at the end of the type's range.
  CHECK(s.Rows("SELECT * FROM generate_series(2147483646, 2147483647)") == Rows{"2147483646", "2147483647"});
  CHECK(s.Rows("SELECT * FROM generate_series(1.5, 3.5, 0.5)") == Rows{"1.5", "2.0", "2.5", "3.0", "3.5"});
  CHECK(s.Rows("SELECT count(*), sum(g) FROM generate_series(1, 100000) AS g") == Rows{"100000|5000050000"});
  auto e = s.Error("SELECT * FROM generate_series(1, 3, 0)");
  CHECK(e.code().View() == "22023");
  CHECK(e.message() == "step size cannot equal zero");
}

TEST_CASE("INSERT ... SELECT FROM generate_series, as pgbench -i -I G sends it") {
  TestSession s;
  s.Run("CREATE TABLE acc (aid int NOT NULL, bid int, abalance int, filler char(84))");
  CHECK(s.Run("INSERT INTO acc (aid, bid, abalance, filler) SELECT aid, (aid - 1) / 100 + 1, 0, '' "
              "FROM generate_series(1, 1000) AS aid") == "INSERT 0 1000");
  CHECK(s.Rows("SELECT count(*), max(bid) FROM acc") == Rows{"1000|10"});
}

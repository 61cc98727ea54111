// INSERT/UPDATE/DELETE ... RETURNING: one row per changed row (new row for INSERT/UPDATE, old for DELETE),
// the tag still counting rows, as PostgreSQL.
#include <doctest/doctest.h>

#include "test_session.h"

using lumadb::exec::testing::TestSession;
using Rows = std::vector<std::string>;

TEST_CASE("RETURNING rows and tags") {
  TestSession s;
  s.Run("CREATE TABLE t (id int PRIMARY KEY, v text DEFAULT 'dflt', n int)");
  CHECK(s.Run("INSERT INTO t (id, n) VALUES (1, 10), (2, 20) RETURNING *") == "INSERT 0 2");
  CHECK(s.sink().rows_ == Rows{"1|dflt|10", "2|dflt|20"});
  REQUIRE(s.sink().columns_.size() == 3);
  CHECK(s.sink().columns_[1].name == "v");
  CHECK(s.Run("UPDATE t SET n = n + 1 WHERE id = 2 RETURNING id, n * 2 AS twice") == "UPDATE 1");
  CHECK(s.sink().rows_ == Rows{"2|42"});
  CHECK(s.sink().columns_[1].name == "twice");
  CHECK(s.Run("DELETE FROM t WHERE id = 1 RETURNING v, n") == "DELETE 1");
  CHECK(s.sink().rows_ == Rows{"dflt|10"});
  CHECK(s.Run("DELETE FROM t WHERE id = 99 RETURNING id") == "DELETE 0");
  CHECK(s.sink().rows_.empty());
  CHECK(s.Rows("SELECT id, v, n FROM t") == Rows{"2|dflt|21"});
}

TEST_CASE("RETURNING of a serial column gives the generated values") {
  TestSession s;
  s.Run("CREATE TABLE ser (id serial PRIMARY KEY, v text)");
  CHECK(s.Run("INSERT INTO ser (v) VALUES ('a'), ('b') RETURNING id") == "INSERT 0 2");
  CHECK(s.sink().rows_ == Rows{"1", "2"});
  CHECK(s.Run("INSERT INTO ser (v) SELECT 'c' RETURNING id, v") == "INSERT 0 1");
  CHECK(s.sink().rows_ == Rows{"3|c"});
}

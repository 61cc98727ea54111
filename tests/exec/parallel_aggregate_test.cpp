// Parallel aggregation in exec (parallel_aggregate_executor.cpp, heap_scanner.cpp): a table large enough for
// a worker by the default settings gives the answers a serial scan gives, under READ COMMITTED (worker
// threads) and REPEATABLE READ (the leader alone), and a worker's error or a cancel ends the statement.
#include <doctest/doctest.h>

#include "test_session.h"

using lumadb::DbError;
using lumadb::exec::testing::TestSession;
using Rows = std::vector<std::string>;

namespace {

constexpr int kRows = 600000;  // enough pages for workers by the default settings

void MakeBig(TestSession& s) {
  s.Run("CREATE TABLE big (id int, g int, v numeric(10,2))");
  s.Run(
      "INSERT INTO big SELECT i, i % 7, CASE WHEN i % 13 = 0 THEN NULL ELSE (i % 100) / 4.0 END "
      "FROM generate_series(1, 600000) i");
  s.Run("ANALYZE big");
}

// count(*), count(v), sum(id), sum(v) as a serial computation gives them.
std::string Expected() {
  int64_t count_v = 0, sum_id = 0, sum_v_quarters = 0;
  for (int64_t i = 1; i <= kRows; ++i) {
    sum_id += i;
    if (i % 13 == 0) continue;
    ++count_v;
    sum_v_quarters += i % 100;
  }
  const std::string v = std::to_string(sum_v_quarters / 4) + "." + std::to_string(sum_v_quarters % 4 * 25);
  return std::to_string(kRows) + "|" + std::to_string(count_v) + "|" + std::to_string(sum_id) + "|" +
         (v.back() == '.' ? v + "00" : v);
}

}  // namespace

TEST_CASE("a parallel aggregation gives the serial answers, with workers or with the leader alone") {
  TestSession s;
  MakeBig(s);
  const Rows plan = s.Rows("EXPLAIN (COSTS OFF) SELECT count(*) FROM big");
  REQUIRE(plan.size() == 5);
  CHECK(plan[0] == "Finalize Aggregate");
  CHECK(plan[2].rfind("        Workers Planned: ", 0) == 0);
  const std::string q = "SELECT count(*), count(v), sum(id::int8), sum(v) FROM big";
  CHECK(s.Rows(q) == Rows{Expected()});
  const Rows groups = s.Rows("SELECT g, count(*) FROM big GROUP BY g ORDER BY g");
  REQUIRE(groups.size() == 7);
  for (int g = 0; g < 7; ++g) {
    const int count = kRows / 7 + (g >= 1 && g <= kRows % 7 ? 1 : 0);
    CHECK(groups[g] == std::to_string(g) + "|" + std::to_string(count));
  }
  // REPEATABLE READ keeps its row locks: no workers, the same answer.
  s.Begin(false, lumadb::txn::IsolationLevel::kRepeatableRead);
  CHECK(s.Rows(q) == Rows{Expected()});
  s.Rollback();
  // Our own uncommitted change: no page is quiet, the leader reads every row under its locks.
  s.Begin();
  s.Run("UPDATE big SET v = NULL WHERE id = 1");
  CHECK(s.Rows("SELECT count(v) FROM big") == Rows{std::to_string(kRows - kRows / 13 - 1)});
  s.Rollback();
}

TEST_CASE("a parallel aggregation stops with a participant's error or a cancel") {
  TestSession s;
  MakeBig(s);
  CHECK(s.Error("SELECT count(*) FROM big WHERE 1 / (id - 550000) > 0").code().View() == "22012");
  CHECK(s.Error("SELECT count(*) FROM big WHERE 1 / (id - 3) > 0").code().View() == "22012");
  s.Begin();
  auto calls = std::make_shared<int>(0);
  s.Transaction()->SetInterruptCheck([calls] {
    if (++*calls == 3) throw DbError(lumadb::sqlstate::kQueryCanceled, "canceling statement due to user request");
  });
  const DbError e = s.Error("SELECT count(*) FROM big WHERE id % 5 = 1");
  CHECK(e.code().View() == "57014");
  CHECK(*calls == 3);
  s.Rollback();
  CHECK(s.Rows("SELECT count(*) FROM big") == Rows{std::to_string(kRows)});
}

namespace {

// big2: 600,000 rows with the even ids 2..1,200,000, so that half of big's rows find one match.
void MakeBig2(TestSession& s) {
  s.Run("CREATE TABLE big2 (id int, w int)");
  s.Run("INSERT INTO big2 SELECT i * 2, i % 11 FROM generate_series(1, 600000) i");
  s.Run("ANALYZE big2");
}

// SELECT b.g, count(*), sum(c.w) FROM big b JOIN big2 c ON c.id = b.id GROUP BY b.g ORDER BY b.g, computed.
Rows ExpectedJoin() {
  std::vector<int64_t> count(7), sum(7);
  for (int64_t id = 2; id <= kRows; id += 2) {
    ++count[id % 7];
    sum[id % 7] += id / 2 % 11;
  }
  Rows out;
  for (int g = 0; g < 7; ++g)
    out.push_back(std::to_string(g) + "|" + std::to_string(count[g]) + "|" + std::to_string(sum[g]));
  return out;
}

}  // namespace

TEST_CASE("a parallel hash join below a partial aggregation gives the serial join's answers") {
  TestSession s;
  MakeBig(s);
  MakeBig2(s);
  const std::string q =
      "SELECT b.g, count(*), sum(c.w) FROM big b JOIN big2 c ON c.id = b.id GROUP BY b.g ORDER BY b.g";
  const Rows plan = s.Rows("EXPLAIN (COSTS OFF) " + q);
  REQUIRE(plan.size() == 13);
  CHECK(plan[0] == "Finalize GroupAggregate");
  CHECK(plan[8].find("->  Parallel Hash Join") != std::string::npos);
  CHECK(plan[11].find("->  Parallel Hash") != std::string::npos);
  CHECK(s.Rows(q) == ExpectedJoin());
  // A plain aggregate over the join, and NULL keys (which match nothing).
  s.Run("UPDATE big2 SET id = NULL WHERE id = 4");
  CHECK(s.Rows("SELECT count(*), sum(c.w) FROM big b JOIN big2 c ON c.id = b.id") ==
        Rows{std::to_string(kRows / 2 - 1) + "|1499994"});
  s.Run("UPDATE big2 SET id = 4 WHERE id IS NULL");
  // REPEATABLE READ, and our own uncommitted change: the leader runs the serial hash join.
  s.Begin(false, lumadb::txn::IsolationLevel::kRepeatableRead);
  CHECK(s.Rows(q) == ExpectedJoin());
  s.Rollback();
  s.Begin();
  s.Run("DELETE FROM big2 WHERE id = 2");
  CHECK(s.Rows("SELECT count(*) FROM big b JOIN big2 c ON c.id = b.id") == Rows{std::to_string(kRows / 2 - 1)});
  s.Rollback();
  // A participant's error ends the statement.
  CHECK(s.Error("SELECT count(*) FROM big b JOIN big2 c ON c.id = b.id AND 1 / (b.id - 550000) > 0").code().View() ==
        "22012");
}

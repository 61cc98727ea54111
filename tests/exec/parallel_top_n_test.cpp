// Parallel top-N (parallel_top_n_executor.cpp): Limit -> Gather Merge -> Sort -> Parallel Seq Scan gives
// the rows and order a serial sort gives (computed here): OFFSET, ties broken by a later key, NULLs first
// or last, fewer rows than the limit, the leader alone under REPEATABLE READ, and a worker's error.
#include <algorithm>
#include <optional>

#include <doctest/doctest.h>

#include "test_session.h"

using lumadb::exec::testing::TestSession;
using Rows = std::vector<std::string>;

namespace {

constexpr int kRows = 600000;  // enough pages for workers by the default settings

// k: NULL for every 11th id, else id % 1000 (600 ids share each value).
std::optional<int> K(int id) {
  return id % 11 == 0 ? std::nullopt : std::optional<int>(id % 1000);
}

void MakeBig(TestSession& s) {
  s.Run("CREATE TABLE big (id int, k int, pad text)");
  s.Run(
      "INSERT INTO big SELECT i, CASE WHEN i % 11 = 0 THEN NULL ELSE i % 1000 END, 'x' "
      "FROM generate_series(1, 600000) i");
  s.Run("ANALYZE big");
}

// "id|k" of ORDER BY k [DESC] NULLS FIRST/LAST, id OFFSET offset LIMIT limit, of the ids that `keep`.
Rows Expected(bool desc, bool nulls_first, int offset, int limit, bool (*keep)(int) = nullptr) {
  std::vector<int> ids;
  for (int id = 1; id <= kRows; ++id) {
    if (keep == nullptr || keep(id)) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end(), [&](int a, int b) {
    const auto ka = K(a), kb = K(b);
    if (!ka || !kb) {
      if (!ka && !kb) return a < b;
      return !ka == nulls_first;
    }
    if (*ka != *kb) return desc ? *ka > *kb : *ka < *kb;
    return a < b;
  });
  Rows out;
  for (size_t i = offset; i < ids.size() && out.size() < static_cast<size_t>(limit); ++i) {
    const auto k = K(ids[i]);
    out.push_back(std::to_string(ids[i]) + "|" + (k ? std::to_string(*k) : "NULL"));
  }
  return out;
}

}  // namespace

TEST_CASE("a parallel top-N gives the serial sort's rows in its order") {
  TestSession s;
  MakeBig(s);
  // One worker: the table is over min_parallel_table_scan_size but not three times it.
  CHECK(s.Rows("EXPLAIN (COSTS OFF) SELECT id, k FROM big ORDER BY k DESC, id LIMIT 10") ==
        Rows{"Limit", "  ->  Gather Merge", "        Workers Planned: 1", "        ->  Sort",
             "              Sort Key: k DESC, id", "              ->  Parallel Seq Scan on big"});
  const std::string analyze = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ";
  CHECK(s.Rows(analyze + "SELECT id FROM big ORDER BY k LIMIT 3")[3] == "        Workers Launched: 1");
  // DESC puts NULLs first by default.
  const Rows desc = s.Rows("SELECT id, k FROM big ORDER BY k DESC, id LIMIT 10");
  CHECK(desc == Expected(true, true, 0, 10));
  CHECK(desc.front() == "11|NULL");
  const Rows last = s.Rows("SELECT id, k FROM big ORDER BY k DESC NULLS LAST, id LIMIT 10");
  CHECK(last == Expected(true, false, 0, 10));
  CHECK(last.front() == "999|999");
  CHECK(s.Rows("SELECT id, k FROM big ORDER BY k NULLS FIRST, id LIMIT 5 OFFSET 54540") ==
        Expected(false, true, 54540, 5));
  // Ties on k across several values of it, broken by id; OFFSET past the first participant's share.
  CHECK(s.Rows("SELECT id, k FROM big ORDER BY k, id LIMIT 1300 OFFSET 700") == Expected(false, false, 700, 1300));
  // Fewer rows than the limit.
  const Rows few = s.Rows("SELECT id, k FROM big WHERE id % 100000 = 7 ORDER BY k DESC, id LIMIT 10");
  CHECK(few == Expected(true, true, 0, 10, [](int id) { return id % 100000 == 7; }));
  CHECK(few.size() == 6);
  CHECK(s.Rows("SELECT id, k FROM big ORDER BY k DESC, id LIMIT 0").empty());
}

TEST_CASE("a parallel top-N under REPEATABLE READ, over our own change, and with a worker's error") {
  TestSession s;
  MakeBig(s);
  const std::string q = "SELECT id, k FROM big ORDER BY k DESC NULLS LAST, id LIMIT 10 OFFSET 3";
  s.Begin(false, lumadb::txn::IsolationLevel::kRepeatableRead);
  CHECK(s.Rows(q) == Expected(true, false, 3, 10));
  CHECK(s.Rows("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + q)[3] == "        Workers Launched: 0");
  s.Rollback();
  // Our own uncommitted change: the leader reads every row the workers may not, under its locks.
  s.Begin();
  s.Run("UPDATE big SET k = 5000 WHERE id = 424242");
  // It sorts first and is skipped by the OFFSET with two others.
  CHECK(s.Rows(q) == Expected(true, false, 2, 10));
  CHECK(s.Rows("SELECT id, k FROM big ORDER BY k DESC, id LIMIT 1 OFFSET 54545") == Rows{"424242|5000"});
  s.Rollback();
  CHECK(s.Error("SELECT id FROM big ORDER BY 1 / (id - 550000), id LIMIT 3").code().View() == "22012");
  CHECK(s.Error("SELECT id FROM big ORDER BY 1 / (id - 3), id LIMIT 3").code().View() == "22012");
}

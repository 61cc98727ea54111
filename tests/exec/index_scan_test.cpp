// Index scans return exactly what a sequential scan returns: the same random rows live in an indexed and
// an unindexed table, and every query must give equal results on both, before and after updates and
// deletes (whose old index entries stay until COMMIT), and through index nested loop joins.
#include <random>

#include <doctest/doctest.h>

#include "../../exec/src/index_keys.h"
#include "test_session.h"

using lumadb::exec::testing::TestSession;
using Rows = std::vector<std::string>;

namespace {

/// Inserts the same random rows (k int with NULLs and duplicates, s text, n serial-like int numbering
/// every row of the table from `first` on) into both. n is unique so that ORDER BY n is a total order:
/// ties would come out of an index scan and a seq scan in different orders.
void Fill(TestSession& s, std::mt19937& rng, int first, int count) {
  std::string values;
  for (int i = first; i < first + count; ++i) {
    int k = static_cast<int>(rng() % 60) - 10;
    std::string kv = rng() % 15 == 0 ? "NULL" : std::to_string(k);
    std::string sv = rng() % 20 == 0 ? "NULL" : "'" + std::string(1, static_cast<char>('a' + rng() % 6)) + "'";
    values += (i > first ? ", (" : "(") + kv + ", " + sv + ", " + std::to_string(i) + ")";
  }
  s.Run("INSERT INTO idx VALUES " + values);
  s.Run("INSERT INTO plain VALUES " + values);
}

/// Checks that `where` selects the same rows from both tables.
void Compare(TestSession& s, const std::string& where) {
  CAPTURE(where);
  auto indexed = s.Rows("SELECT k, s, n FROM idx WHERE " + where + " ORDER BY n");
  auto scanned = s.Rows("SELECT k, s, n FROM plain WHERE " + where + " ORDER BY n");
  CHECK(indexed == scanned);
}

void CompareAll(TestSession& s, std::mt19937& rng) {
  for (int round = 0; round < 6; ++round) {
    int c = static_cast<int>(rng() % 70) - 15;
    int d = c + static_cast<int>(rng() % 20);
    std::string cs = std::to_string(c), ds = std::to_string(d);
    std::string letter = std::string(1, static_cast<char>('a' + rng() % 6));
    for (const std::string& w :
         std::vector<std::string>{"k = " + cs, "k < " + cs, "k <= " + cs, "k > " + cs, "k >= " + cs,
                                  "k BETWEEN " + cs + " AND " + ds, "k > " + cs + " AND k < " + ds,
                                  "s = '" + letter + "'", "s = '" + letter + "' AND k >= " + cs, "s > '" + letter + "'",
                                  "s <= '" + letter + "'", "k = " + cs + " OR k = " + ds, std::string("k IS NULL")}) {
      Compare(s, w);
    }
    // ORDER BY ... LIMIT in the reverse of an index's order: a backward scan, with the key values (ties
    // aside, which both sides may order differently) equal to a sort's.
    for (const std::string& q :
         std::vector<std::string>{"SELECT k FROM %t ORDER BY k DESC LIMIT 40",
                                  "SELECT k FROM %t WHERE k < " + cs + " ORDER BY k DESC LIMIT 7",
                                  "SELECT s, k FROM %t ORDER BY s, k DESC LIMIT 40"}) {
      CAPTURE(q);
      auto on = [&](const std::string& table) {
        std::string sql = q;
        sql.replace(sql.find("%t"), 2, table);
        return s.Rows(sql);
      };
      CHECK(on("idx") == on("plain"));
    }
  }
}

}  // namespace

TEST_CASE("index scans agree with sequential scans over random data") {
  TestSession s;
  std::mt19937 rng(4242);
  s.Run("CREATE TABLE idx (k int, s text, n int)");
  s.Run("CREATE TABLE plain (k int, s text, n int)");
  s.Run("CREATE INDEX idx_k ON idx (k)");
  Fill(s, rng, 0, 300);
  s.Run("CREATE INDEX idx_s_k ON idx (s DESC, k)");  // built over existing rows
  Fill(s, rng, 300, 200);                            // maintained by INSERT
  CompareAll(s, rng);

  // Old versions' entries remain until COMMIT: updated keys must be found once, under their new value.
  s.Begin();
  for (const char* change : {"UPDATE %t SET k = k + 7 WHERE n % 3 = 0", "DELETE FROM %t WHERE n % 5 = 1",
                             "UPDATE %t SET s = 'z', k = NULL WHERE n % 11 = 2"}) {
    for (const char* table : {"idx", "plain"}) {
      std::string sql = change;
      sql.replace(sql.find("%t"), 2, table);
      s.Run(sql);
    }
  }
  CompareAll(s, rng);
  s.Commit();
  CompareAll(s, rng);
  CHECK(s.Rows("SELECT count(*) FROM idx") == s.Rows("SELECT count(*) FROM plain"));
}

TEST_CASE("the planner's index scan is used for equality on the key") {
  TestSession s;
  s.Run("CREATE TABLE t (id int PRIMARY KEY, v text)");
  s.Run("INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 500) AS g");
  CHECK(s.Rows("EXPLAIN (COSTS OFF) SELECT v FROM t WHERE id = 42").at(0) == "Index Scan using t_pkey on t");
  CHECK(s.Rows("SELECT v FROM t WHERE id = 42") == Rows{"v42"});
  CHECK(s.Rows("SELECT v FROM t WHERE id = NULL").empty());
  CHECK(s.Rows("SELECT id FROM t WHERE id > 497 ORDER BY id") == Rows{"498", "499", "500"});
  CHECK(s.Rows("SELECT id FROM t WHERE id < 2 OR id > 499 ORDER BY id") == Rows{"1", "500"});
  CHECK(s.Rows("SELECT id FROM t ORDER BY id DESC LIMIT 2") == Rows{"500", "499"});
  CHECK(s.Rows("EXPLAIN (COSTS OFF) SELECT id FROM t ORDER BY id DESC LIMIT 2") ==
        Rows{"Limit", "  ->  Index Scan Backward using t_pkey on t"});
  CHECK(s.Rows("SELECT id FROM t WHERE id < 300 AND id >= 297 ORDER BY id DESC") == Rows{"299", "298", "297"});
  CHECK(s.Rows("SELECT id FROM t WHERE id > 498 ORDER BY id DESC") == Rows{"500", "499"});
  CHECK(s.Rows("SELECT id FROM t WHERE id < 1 ORDER BY id DESC").empty());
  // UPDATE and DELETE through the index: the rows are locked and rechecked.
  CHECK(s.Run("UPDATE t SET v = 'x' WHERE id = 7") == "UPDATE 1");
  CHECK(s.Run("DELETE FROM t WHERE id >= 499") == "DELETE 2");
  CHECK(s.Rows("SELECT count(*) FROM t WHERE id > 400") == Rows{"98"});
}

TEST_CASE("equality on a whole unique key finds the one live row past stale entries") {
  TestSession s;
  s.Run("CREATE TABLE u (a int, b int, v text, UNIQUE (a, b))");
  s.Run("INSERT INTO u SELECT g / 10, g % 10, 'v' || g FROM generate_series(0, 199) AS g");
  s.Begin();
  // Each update leaves the old entry for (3, 4) in the index until COMMIT; the scan must skip them.
  for (int i = 0; i < 5; ++i) s.Run("UPDATE u SET v = 'w" + std::to_string(i) + "' WHERE a = 3 AND b = 4");
  s.Run("DELETE FROM u WHERE a = 5 AND b = 5");
  s.Run("INSERT INTO u VALUES (5, 5, 'again')");
  CHECK(s.Rows("SELECT v FROM u WHERE a = 3 AND b = 4") == Rows{"w4"});
  CHECK(s.Rows("SELECT v FROM u WHERE a = 5 AND b = 5") == Rows{"again"});
  s.Commit();
  CHECK(s.Rows("SELECT v FROM u WHERE a = 3 AND b = 4") == Rows{"w4"});
  // A prefix of the key or a NULL in it is not a single match.
  CHECK(s.Rows("SELECT count(*) FROM u WHERE a = 3") == Rows{"10"});
  s.Run("INSERT INTO u VALUES (30, NULL, 'n1'), (30, NULL, 'n2')");
  CHECK(s.Rows("SELECT v FROM u WHERE a = 30 AND b IS NULL ORDER BY v") == Rows{"n1", "n2"});
  // Inner side of an index nested loop: rescanned per outer row, one match each.
  CHECK(s.Rows("SELECT count(*) FROM generate_series(0, 19) AS g JOIN u ON u.a = g AND u.b = 4") == Rows{"20"});
}

TEST_CASE("joins through an index agree with plain joins") {
  TestSession s;
  s.Run("CREATE TABLE acc (id int PRIMARY KEY, owner int)");
  s.Run("CREATE TABLE acc_copy (id int, owner int)");
  s.Run("CREATE TABLE ops (acc int, amount int)");
  s.Run("INSERT INTO acc SELECT g, g % 7 FROM generate_series(1, 200) AS g");
  s.Run("INSERT INTO acc_copy SELECT g, g % 7 FROM generate_series(1, 200) AS g");
  s.Run("INSERT INTO ops SELECT (g * 37) % 250, g FROM generate_series(1, 120) AS g");
  auto a = s.Rows("SELECT o.amount, a.owner FROM ops o JOIN acc a ON a.id = o.acc ORDER BY 1, 2");
  auto b = s.Rows("SELECT o.amount, a.owner FROM ops o JOIN acc_copy a ON a.id = o.acc ORDER BY 1, 2");
  CHECK(a.size() > 50);
  CHECK(a == b);
  a = s.Rows("SELECT o.amount, a.owner FROM ops o LEFT JOIN acc a ON a.id = o.acc ORDER BY 1, 2");
  b = s.Rows("SELECT o.amount, a.owner FROM ops o LEFT JOIN acc_copy a ON a.id = o.acc ORDER BY 1, 2");
  CHECK(a.size() == 120);
  CHECK(a == b);
}

TEST_CASE("KeyDescription formats as PostgreSQL's BuildIndexValueDescription") {
  lumadb::catalog::TableInfo table;
  table.name = "t";
  for (auto [name, type] : {std::pair{"id", lumadb::TypeId::kInt4}, std::pair{"Name", lumadb::TypeId::kText},
                            std::pair{"d", lumadb::TypeId::kNumeric}}) {
    lumadb::catalog::ColumnInfo column;
    column.name = name;
    column.type = {type, -1};
    column.attnum = static_cast<int16_t>(table.columns.size() + 1);
    table.columns.push_back(column);
  }
  lumadb::catalog::IndexInfo index;
  index.columns = {lumadb::catalog::IndexColumn{1, false, false}, lumadb::catalog::IndexColumn{2, true, true}};
  lumadb::Row row{lumadb::Value::Int4(7), lumadb::Value::Null(lumadb::TypeId::kText),
                  lumadb::Value::Num(lumadb::Numeric::Parse("1.50"))};
  CHECK(lumadb::exec::KeyDescription(table, index, row) == "Key (id, \"Name\")=(7, null)");
  CHECK(lumadb::exec::KeyDescription(table, std::vector<int16_t>{3, 1}, row) == "Key (d, id)=(1.50, 7)");
  CHECK(lumadb::exec::KeyHasNull(index, row));
  CHECK(lumadb::exec::IndexKeyOf(table, index, row) ==
        lumadb::EncodeKey({row[0], row[1]}, lumadb::exec::IndexKeyOrders(table, index)));
}

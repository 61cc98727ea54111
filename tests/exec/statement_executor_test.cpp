#include <unistd.h>

#include <doctest/doctest.h>

#include "test_session.h"

using lumadb::exec::testing::TestSession;
using Rows = std::vector<std::string>;

TEST_CASE("SELECT without FROM returns one row with PostgreSQL's names and types") {
  TestSession s;
  CHECK(s.Run("SELECT 1, 'a' AS x, 1.5 + 1") == "SELECT 1");
  REQUIRE(s.sink().columns_.size() == 3);
  CHECK(s.sink().columns_[0].name == "?column?");
  CHECK(s.sink().columns_[0].type.id == lumadb::TypeId::kInt4);
  CHECK(s.sink().columns_[1].name == "x");
  CHECK(s.sink().columns_[1].type.id == lumadb::TypeId::kText);
  CHECK(s.sink().columns_[2].type.id == lumadb::TypeId::kNumeric);
  CHECK(s.sink().rows_ == Rows{"1|a|2.5"});
}

TEST_CASE("create, insert, select with WHERE and ORDER BY") {
  TestSession s;
  CHECK(s.Run("CREATE TABLE t (a int NOT NULL, b text, c numeric(10,2) DEFAULT 1.5)") == "CREATE TABLE");
  CHECK(s.Run("INSERT INTO t VALUES (1, 'one', 2), (2, 'two', 3.333), (3, NULL, NULL)") == "INSERT 0 3");
  CHECK(s.Run("INSERT INTO t (a, b) VALUES (4, 'four')") == "INSERT 0 1");
  CHECK(s.Rows("SELECT * FROM t WHERE a >= 2 ORDER BY a DESC") == Rows{"4|four|1.50", "3|NULL|NULL", "2|two|3.33"});
  CHECK(s.sink().columns_[0].name == "a");
  CHECK(s.sink().columns_[0].attnum == 1);
  CHECK(s.sink().columns_[0].table_oid >= 16384);
  CHECK(s.Rows("SELECT b FROM t ORDER BY b NULLS FIRST") == Rows{"NULL", "four", "one", "two"});
  CHECK(s.Rows("SELECT a FROM t WHERE b LIKE '%o' ORDER BY 1") == Rows{"2"});
  CHECK(s.Rows("SELECT a FROM t WHERE b ILIKE 'O%' OR b IS NULL ORDER BY 1") == Rows{"1", "3"});
  CHECK(s.Rows("SELECT a FROM t ORDER BY a LIMIT 2 OFFSET 1") == Rows{"2", "3"});
}

TEST_CASE("aggregates, GROUP BY and HAVING") {
  TestSession s;
  s.Run("CREATE TABLE g (k text, v int)");
  s.Run("INSERT INTO g VALUES ('a', 1), ('a', 2), ('b', 5), ('b', 5), ('c', NULL)");
  CHECK(s.Rows("SELECT count(*), count(v), sum(v), avg(v), min(v), max(v) FROM g") ==
        Rows{"5|4|13|3.2500000000000000|1|5"});
  CHECK(s.sink().columns_[0].name == "count");
  CHECK(s.sink().columns_[2].type.id == lumadb::TypeId::kInt8);
  CHECK(s.sink().columns_[3].type.id == lumadb::TypeId::kNumeric);
  CHECK(s.Rows("SELECT k, sum(v) FROM g GROUP BY k HAVING count(v) > 0 ORDER BY k") == Rows{"a|3", "b|10"});
  CHECK(s.Rows("SELECT count(DISTINCT v) FROM g") == Rows{"3"});
  CHECK(s.Rows("SELECT count(*), sum(v) FROM g WHERE false") == Rows{"0|NULL"});
  auto e = s.Error("SELECT k, v FROM g GROUP BY k");
  CHECK(e.code().View() == "42803");
  CHECK(e.message() == "column \"g.v\" must appear in the GROUP BY clause or be used in an aggregate function");
  CHECK(e.position() == 11);
}

TEST_CASE("joins") {
  TestSession s;
  s.Run("CREATE TABLE l (id int, x text); CREATE TABLE r (id int, y text)");
  s.Run("INSERT INTO l VALUES (1, 'l1'), (2, 'l2'); INSERT INTO r VALUES (2, 'r2'), (3, 'r3')");
  CHECK(s.Rows("SELECT l.x, r.y FROM l JOIN r ON l.id = r.id") == Rows{"l2|r2"});
  CHECK(s.Rows("SELECT x, y FROM l LEFT JOIN r ON l.id = r.id ORDER BY x") == Rows{"l1|NULL", "l2|r2"});
  CHECK(s.Rows("SELECT x, y FROM l RIGHT JOIN r ON l.id = r.id ORDER BY y") == Rows{"l2|r2", "NULL|r3"});
  CHECK(s.Rows("SELECT x, y FROM l FULL JOIN r USING (id) ORDER BY x, y") == Rows{"l1|NULL", "l2|r2", "NULL|r3"});
  CHECK(s.Rows("SELECT * FROM l JOIN r USING (id)") == Rows{"2|l2|r2"});
  CHECK(s.Rows("SELECT count(*) FROM l, r") == Rows{"4"});
  CHECK(s.Rows("SELECT x, y FROM l, r WHERE l.id = r.id AND y <> 'zz'") == Rows{"l2|r2"});
  CHECK(s.Rows("SELECT x, y FROM l LEFT JOIN r ON l.id = r.id WHERE y IS NULL") == Rows{"l1|NULL"});
  auto e = s.Error("SELECT id FROM l, r");
  CHECK(e.code().View() == "42702");
  CHECK(e.position() == 8);
}

TEST_CASE("update, delete and rollback") {
  TestSession s;
  s.Run("CREATE TABLE u (a int, b varchar(3))");
  s.Run("INSERT INTO u VALUES (1, 'x'), (2, 'y'), (3, 'z')");
  CHECK(s.Run("UPDATE u SET a = a * 10 WHERE a > 1") == "UPDATE 2");
  CHECK(s.Rows("SELECT a FROM u ORDER BY a") == Rows{"1", "20", "30"});
  CHECK(s.Run("DELETE FROM u WHERE a = 20") == "DELETE 1");
  CHECK(s.Rows("SELECT a FROM u ORDER BY a") == Rows{"1", "30"});
  s.Begin();
  s.Run("DELETE FROM u");
  s.Run("INSERT INTO u VALUES (99, 'q')");
  CHECK(s.Rows("SELECT a FROM u") == Rows{"99"});
  s.Rollback();
  CHECK(s.Rows("SELECT a FROM u ORDER BY a") == Rows{"1", "30"});
  auto too_long = s.Error("INSERT INTO u VALUES (1, 'long')");
  CHECK(too_long.code().View() == "22001");
  CHECK(too_long.message() == "value too long for type character varying(3)");
  CHECK(too_long.position() == 0);
  CHECK(s.Error("UPDATE u SET b = 'long'").code().View() == "22001");
  CHECK(s.Rows("SELECT b FROM u ORDER BY a") == Rows{"x", "z"});
}

TEST_CASE("constraint and type errors on INSERT") {
  TestSession s;
  s.Run("CREATE TABLE n (a int NOT NULL, b text)");
  auto e = s.Error("INSERT INTO n VALUES (NULL, 'x')");
  CHECK(e.code().View() == "23502");
  CHECK(e.message() == "null value in column \"a\" of relation \"n\" violates not-null constraint");
  CHECK(e.detail().value_or("") == "Failing row contains (null, x).");
  e = s.Error("INSERT INTO n VALUES ('x'::text)");
  CHECK(e.code().View() == "42804");
  CHECK(e.message() == "column \"a\" is of type integer but expression is of type text");
  CHECK(e.position() == 23);
  e = s.Error("INSERT INTO n (zz) VALUES (1)");
  CHECK(e.code().View() == "42703");
  CHECK(e.position() == 16);
  e = s.Error("SELECT * FROM missing");
  CHECK(e.code().View() == "42P01");
  CHECK(e.position() == 15);
}

TEST_CASE("DDL notices and read-only transactions") {
  TestSession s;
  s.Run("CREATE TABLE d (a int)");
  CHECK(s.Run("CREATE TABLE IF NOT EXISTS d (a int)") == "CREATE TABLE");
  CHECK(s.sink().notices_ == Rows{"42P07 relation \"d\" already exists, skipping"});
  CHECK(s.Run("DROP TABLE IF EXISTS nope, d") == "DROP TABLE");
  CHECK(s.sink().notices_ == Rows{"00000 table \"nope\" does not exist, skipping"});
  CHECK(s.Error("DROP TABLE d").message() == "table \"d\" does not exist");
  CHECK(s.Run("CREATE SCHEMA sch") == "CREATE SCHEMA");
  CHECK(s.Run("CREATE TABLE sch.t (a int)") == "CREATE TABLE");
  CHECK(s.Run("INSERT INTO sch.t VALUES (1)") == "INSERT 0 1");
  CHECK(s.Run("TRUNCATE sch.t") == "TRUNCATE TABLE");
  CHECK(s.Rows("SELECT count(*) FROM sch.t") == Rows{"0"});
  s.Begin(true);
  auto e = s.Error("INSERT INTO sch.t VALUES (1)");
  CHECK(e.code().View() == "25006");
  CHECK(e.message() == "cannot execute INSERT in a read-only transaction");
  s.Rollback();
  // EXPLAIN ANALYZE runs its statement, so it names it as PostgreSQL's CreateCommandName does.
  s.Begin(true);
  CHECK(s.Error("EXPLAIN ANALYZE SELECT * FROM sch.t FOR UPDATE").message() ==
        "cannot execute SELECT FOR UPDATE in a read-only transaction");
  s.Rollback();
  s.Begin(true);
  CHECK(s.Rows("EXPLAIN (COSTS OFF) DELETE FROM sch.t").at(0) == "Delete on t");  // not run: allowed
  CHECK(s.Error("EXPLAIN ANALYZE DELETE FROM sch.t").message() == "cannot execute DELETE in a read-only transaction");
  s.Rollback();
}

TEST_CASE("INSERT forms: DEFAULT, DEFAULT VALUES, INSERT ... SELECT") {
  TestSession s;
  s.Run("CREATE TABLE f (a int DEFAULT 7, b text DEFAULT 'x' || 'y', c date)");
  CHECK(s.Run("INSERT INTO f DEFAULT VALUES") == "INSERT 0 1");
  CHECK(s.Run("INSERT INTO f VALUES (DEFAULT, 'z', '2020-01-31')") == "INSERT 0 1");
  CHECK(s.Run("INSERT INTO f (c, a) SELECT c + 1, a * 2 FROM f WHERE c IS NOT NULL") == "INSERT 0 1");
  CHECK(s.Rows("SELECT a, b, c FROM f ORDER BY a, b") == Rows{"7|xy|NULL", "7|z|2020-01-31", "14|xy|2020-02-01"});
  CHECK(s.Run("UPDATE f SET b = DEFAULT WHERE b = 'z'") == "UPDATE 1");
  CHECK(s.Rows("SELECT count(*) FROM f WHERE b = 'xy'") == Rows{"3"});
  auto e = s.Error("INSERT INTO f (a) VALUES (1, 2)");
  CHECK(e.code().View() == "42601");
  CHECK(e.message() == "INSERT has more expressions than target columns");
  CHECK(e.position() == 30);
  e = s.Error("INSERT INTO f SELECT 'notint'");
  CHECK(e.code().View() == "22P02");
  CHECK(e.message() == "invalid input syntax for type integer: \"notint\"");
  CHECK(e.position() == 22);
  CHECK(s.Run("INSERT INTO f (b, c) SELECT 'lit', '2021-03-04'") == "INSERT 0 1");
  CHECK(s.Rows("SELECT c FROM f WHERE b = 'lit'") == Rows{"2021-03-04"});
  e = s.Error("CREATE TABLE bad (a int DEFAULT 'x'::text)");
  CHECK(e.code().View() == "42804");
  CHECK(e.message() == "column \"a\" is of type integer but default expression is of type text");
}

TEST_CASE("ORDER BY alias, position and expressions outside the select list") {
  TestSession s;
  s.Run("CREATE TABLE o (a int, b int)");
  s.Run("INSERT INTO o VALUES (1, 30), (2, 20), (3, 10)");
  CHECK(s.Rows("SELECT a AS x FROM o ORDER BY x DESC") == Rows{"3", "2", "1"});
  CHECK(s.Rows("SELECT a FROM o ORDER BY b") == Rows{"3", "2", "1"});
  CHECK(s.Rows("SELECT a, b FROM o ORDER BY 2 LIMIT 1") == Rows{"3|10"});
  CHECK(s.Rows("SELECT a % 2 AS p, sum(b) FROM o GROUP BY p ORDER BY sum(b)") == Rows{"0|20", "1|40"});
  CHECK(s.Error("SELECT a FROM o ORDER BY 3").code().View() == "42P10");
  auto e = s.Error("SELECT 1 AS x, 2 AS x ORDER BY x");
  CHECK(e.code().View() == "42702");
  CHECK(e.message() == "ORDER BY \"x\" is ambiguous");
  CHECK(e.position() == 32);
}

TEST_CASE("row locks: a REPEATABLE READ reader's S locks keep writers waiting to its end") {
  TestSession s;
  s.Run("CREATE TABLE k (a int)");
  s.Run("INSERT INTO k VALUES (1)");
  s.Begin(false, lumadb::txn::IsolationLevel::kRepeatableRead);
  CHECK(s.Rows("SELECT a FROM k") == Rows{"1"});
  auto other = s.BeginOther();
  // Another reader shares the row S lock; a writer must wait for row X and times out.
  CHECK(s.Run("SELECT count(*) FROM k", other.get(), 50) == "SELECT 1");
  try {
    s.Run("DELETE FROM k", other.get(), 50);
    FAIL("DELETE should have waited for the reader's lock");
  } catch (const lumadb::DbError& e) {
    CHECK(e.code().View() == "55P03");
  }
  s.EndOther(*other);
  s.Commit();
  auto writer = s.BeginOther();
  CHECK(s.Run("DELETE FROM k", writer.get(), 50) == "DELETE 1");
  s.EndOther(*writer);
  CHECK(s.Rows("SELECT count(*) FROM k") == Rows{"1"});
}

TEST_CASE("hash join on equi-keys keeps outer-join and NULL semantics") {
  TestSession s;
  s.Run("CREATE TABLE hl (k int, v text); CREATE TABLE hr (k bigint, w text)");
  s.Run("INSERT INTO hl VALUES (1, 'a'), (2, 'b'), (NULL, 'n'), (2, 'b2')");
  s.Run("INSERT INTO hr VALUES (2, 'x'), (2, 'y'), (NULL, 'rn'), (3, 'z')");
  CHECK(s.Rows("SELECT v, w FROM hl JOIN hr ON hl.k = hr.k ORDER BY v, w") == Rows{"b|x", "b|y", "b2|x", "b2|y"});
  CHECK(s.Rows("SELECT v, w FROM hl JOIN hr ON hl.k = hr.k AND w > 'x' ORDER BY v") == Rows{"b|y", "b2|y"});
  CHECK(s.Rows("SELECT v, w FROM hl FULL JOIN hr ON hl.k + 0 = hr.k ORDER BY v, w") ==
        Rows{"a|NULL", "b|x", "b|y", "b2|x", "b2|y", "n|NULL", "NULL|rn", "NULL|z"});
}

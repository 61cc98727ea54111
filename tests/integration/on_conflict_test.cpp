// INSERT ... ON CONFLICT, UPDATE ... FROM and DELETE ... USING as PostgreSQL 15 runs them: values, command
// counts, RETURNING, the inference errors, and a second session racing for the same key under strict 2PL
// (a DO NOTHING / DO UPDATE inserter waits for the other transaction and never sees 23505).
#include <chrono>
#include <future>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

using namespace std::chrono_literals;
using Strings = std::vector<std::string>;

// A connection whose lock waits end in 55P03 after a minute, so a locking bug fails instead of hanging.
struct Session : pqxx::connection {
  Session() : pqxx::connection(SharedTarget::Get().ConnString()) { Exec(*this, "SET lock_timeout = '60s'"); }
};

// A table (key int PRIMARY KEY, fruit text, n int UNIQUE) holding (1, 'apple', 10).
std::string FruitTable(pqxx::connection& conn, const std::string& stem) {
  const std::string t = TableName(stem);
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (key int PRIMARY KEY, fruit text, n int UNIQUE)");
  Exec(conn, "INSERT INTO " + t + " VALUES (1, 'apple', 10)");
  return t;
}

TEST_CASE("ON CONFLICT DO NOTHING skips conflicting rows, also within one statement") {
  Session c;
  const std::string t = FruitTable(c, "oc_nothing");
  auto r =
      Exec(c, "INSERT INTO " + t + " VALUES (1, 'pear', 11), (2, 'fig', 12), (2, 'kiwi', 13) ON CONFLICT DO NOTHING");
  CHECK(r.affected_rows() == 1);
  // n's unique index is no arbiter here: its conflict is an error.
  CHECK(ErrorOf(c, "INSERT INTO " + t + " VALUES (3, 'plum', 10) ON CONFLICT (key) DO NOTHING")
            .rfind("23505: duplicate key value violates unique constraint", 0) == 0);
  CHECK(Rows(c, "INSERT INTO " + t + " VALUES (3, 'plum', 15) ON CONFLICT ON CONSTRAINT " + t +
                    "_n_key DO NOTHING RETURNING key") == Strings{"3"});
  CHECK(Rows(c,
             "INSERT INTO " + t + " VALUES (3, 'x', 16), (4, 'lime', 17) ON CONFLICT (key) DO NOTHING RETURNING key") ==
        Strings{"4"});
  CHECK(Rows(c, "SELECT * FROM " + t + " ORDER BY key") == Strings{"1|apple|10", "2|fig|12", "3|plum|15", "4|lime|17"});
}

TEST_CASE("ON CONFLICT DO UPDATE with EXCLUDED, an alias, WHERE and RETURNING") {
  Session c;
  const std::string t = FruitTable(c, "oc_update");
  CHECK(Rows(c, "INSERT INTO " + t + " AS x VALUES (1, 'pear', 20), (2, 'fig', 22) ON CONFLICT (key) DO UPDATE " +
                    "SET fruit = x.fruit || '+' || excluded.fruit, n = excluded.n + 1 RETURNING key, fruit, n") ==
        Strings{"1|apple+pear|21", "2|fig|22"});
  auto r = Exec(c, "INSERT INTO " + t + " VALUES (1, 'kiwi', 0) ON CONFLICT (key) DO UPDATE SET fruit = 'kiwi' WHERE " +
                       t + ".n > 100");
  CHECK(r.affected_rows() == 0);
  CHECK(Scalar(c, "SELECT fruit FROM " + t + " WHERE key = 1") == "apple+pear");
  CHECK(ErrorOf(c, "INSERT INTO " + t + " VALUES (5, 'a', 1), (5, 'b', 2) ON CONFLICT (key) DO UPDATE SET n = 0") ==
        "21000: ON CONFLICT DO UPDATE command cannot affect row a second time");
  CHECK(Scalar(c, "SELECT count(*) FROM " + t) == "2");
}

TEST_CASE("ON CONFLICT inference errors are PostgreSQL's") {
  Session c;
  const std::string t = FruitTable(c, "oc_errors");
  const std::string ins = "INSERT INTO " + t + " VALUES (1, 'x', 1) ";
  CHECK(ErrorOf(c, ins + "ON CONFLICT DO UPDATE SET n = 1") ==
        "42601: ON CONFLICT DO UPDATE requires inference specification or constraint name");
  CHECK(ErrorOf(c, ins + "ON CONFLICT (fruit) DO NOTHING") ==
        "42P10: there is no unique or exclusion constraint matching the ON CONFLICT specification");
  CHECK(ErrorOf(c, ins + "ON CONFLICT (key, n) DO NOTHING").rfind("42P10", 0) == 0);
  CHECK(ErrorOf(c, ins + "ON CONFLICT (keyy) DO NOTHING") == "42703: column \"keyy\" does not exist");
  CHECK(ErrorOf(c, ins + "ON CONFLICT ON CONSTRAINT nope DO NOTHING") ==
        "42704: constraint \"nope\" for table \"" + t + "\" does not exist");
  CHECK(ErrorOf(c, ins + "ON CONFLICT (key) DO UPDATE SET n = excluded.nn") ==
        "42703: column excluded.nn does not exist");
  CHECK(ErrorOf(c, "INSERT INTO " + t + " AS x VALUES (1, 'x', 1) ON CONFLICT (key) DO UPDATE SET n = " + t + ".n") ==
        "42P01: invalid reference to FROM-clause entry for table \"" + t + "\"");
  CHECK(ErrorOf(
            c, "INSERT INTO " + t + " AS excluded VALUES (1, 'x', 1) ON CONFLICT (key) DO UPDATE SET n = excluded.n") ==
        "42P09: table reference \"excluded\" is ambiguous");
}

TEST_CASE("EXPLAIN shows the conflict resolution and the arbiter indexes") {
  Session c;
  const std::string t = FruitTable(c, "oc_explain");
  CHECK(Column(c, "EXPLAIN (COSTS OFF) INSERT INTO " + t + " AS x VALUES (1, 'a', 1) ON CONFLICT (key) DO UPDATE " +
                      "SET fruit = excluded.fruit WHERE x.n > 0") ==
        Strings{"Insert on " + t + " x", "  Conflict Resolution: UPDATE", "  Conflict Arbiter Indexes: " + t + "_pkey",
                "  Conflict Filter: (x.n > 0)", "  ->  Result"});
}

// Session a inserts key 7 and keeps its transaction open; b's INSERT ... ON CONFLICT must wait for it.
void RaceForKey(bool commit, const std::string& action, const std::string& expected_fruit) {
  Session a, b;
  const std::string t = FruitTable(a, "oc_race");
  Exec(a, "BEGIN");
  Exec(a, "INSERT INTO " + t + " VALUES (7, 'first', 70)");
  auto inserted = std::async(std::launch::async, [&] {
    return Exec(b, "INSERT INTO " + t + " VALUES (7, 'second', 71) ON CONFLICT (key) " + action).affected_rows();
  });
  CHECK(inserted.wait_for(500ms) == std::future_status::timeout);
  Exec(a, commit ? "COMMIT" : "ROLLBACK");
  REQUIRE(inserted.wait_for(60s) == std::future_status::ready);
  CHECK(inserted.get() == (commit && action == "DO NOTHING" ? 0 : 1));
  CHECK(Scalar(a, "SELECT fruit FROM " + t + " WHERE key = 7") == expected_fruit);
}

TEST_CASE("a concurrent insert of the same key: the ON CONFLICT inserter waits and resolves") {
  SUBCASE("DO NOTHING, other commits") {
    RaceForKey(true, "DO NOTHING", "first");
  }
  SUBCASE("DO NOTHING, other aborts") {
    RaceForKey(false, "DO NOTHING", "second");
  }
  SUBCASE("DO UPDATE, other commits") {
    RaceForKey(true, "DO UPDATE SET fruit = excluded.fruit || '-after-' || " + TableName("oc_race") + ".fruit",
               "second-after-first");
  }
  SUBCASE("DO UPDATE, other aborts") {
    RaceForKey(false, "DO UPDATE SET fruit = 'updated'", "second");
  }
}

TEST_CASE("UPDATE ... FROM and DELETE ... USING join other tables") {
  Session c;
  const std::string t = FruitTable(c, "uf_target");
  const std::string s = TableName("uf_source");
  Exec(c, "INSERT INTO " + t + " VALUES (2, 'fig', 20), (3, 'plum', 30)");
  Exec(c, "DROP TABLE IF EXISTS " + s);
  Exec(c, "CREATE TABLE " + s + " (k int, label text)");
  Exec(c, "INSERT INTO " + s + " VALUES (1, 'one'), (2, 'two'), (2, 'deux')");
  auto updated = Rows(c, "UPDATE " + t + " x SET fruit = s.label FROM " + s +
                             " s WHERE x.key = s.k RETURNING x.key, s.k, x.fruit = s.label");
  CHECK(updated.size() == 2);
  CHECK(Scalar(c, "SELECT fruit FROM " + t + " WHERE key = 1") == "one");
  CHECK(Scalar(c, "SELECT fruit IN ('two', 'deux') FROM " + t + " WHERE key = 2") == "t");
  CHECK(ErrorOf(c, "UPDATE " + t + " SET n = 1 FROM " + t) ==
        "42712: table name \"" + t + "\" specified more than once");
  CHECK(Rows(c, "DELETE FROM " + t + " USING " + s + " WHERE " + t + ".key = " + s + ".k AND " + s +
                    ".label <> 'one' RETURNING " + t + ".key") == Strings{"2"});
  CHECK(Column(c, "SELECT key FROM " + t + " ORDER BY key") == Strings{"1", "3"});
}

}  // namespace
}  // namespace lumadb::integration

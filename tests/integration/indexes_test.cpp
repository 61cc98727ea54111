// CREATE INDEX on populated tables (used by the planner, same results as a scan of the heap), DROP INDEX,
// REINDEX, VACUUM, EXPLAIN, RETURNING, and pgbench's initialisation and select-only run.
#include <cstdlib>
#include <string>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

std::string Plan(pqxx::connection& conn, const std::string& sql) {
  std::string out;
  for (const auto& row : Exec(conn, "EXPLAIN (COSTS OFF) " + sql)) out += std::string(row[0].c_str()) + "\n";
  return out;
}

TEST_CASE("CREATE INDEX on a populated table is used and returns what the heap holds") {
  PqConnection raw(SharedTarget::Get().ConnString());
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("idx");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int, k int, s text)");
  Exec(conn, "INSERT INTO " + t + " SELECT g, g % 100, 's' || g FROM generate_series(1, 20000) AS g");
  const std::string count_before = Scalar(conn, "SELECT count(*) FROM " + t + " WHERE k = 42");
  const std::string sum_before = Scalar(conn, "SELECT sum(id) FROM " + t + " WHERE k = 42");
  CHECK(raw.Run("CREATE INDEX " + t + "_k ON " + t + " (k)") == "");
  CHECK(raw.tag() == "CREATE INDEX");
  CHECK(raw.Run("CREATE INDEX IF NOT EXISTS " + t + "_k ON " + t + " (k)") == "");
  REQUIRE(raw.notice_messages().size() == 1);
  CHECK(raw.notice_messages()[0] == "relation \"" + t + "_k\" already exists, skipping");
  CHECK(raw.Run("CREATE UNIQUE INDEX " + t + "_id ON " + t + " (id)") == "");
  const std::string plan = Plan(conn, "SELECT * FROM " + t + " WHERE k = 42");
  CAPTURE(plan);
  CHECK(plan.find("Index Scan using " + t + "_k on " + t) != std::string::npos);
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE k = 42") == count_before);
  CHECK(Scalar(conn, "SELECT sum(id) FROM " + t + " WHERE k = 42") == sum_before);
  CHECK(Scalar(conn, "SELECT s FROM " + t + " WHERE id = 12345") == "s12345");
  // The unique index is enforced from now on; a duplicate-building one fails as PostgreSQL's.
  CHECK(raw.Run("INSERT INTO " + t + " VALUES (7, 0, 'dup')") == "23505");
  CHECK(raw.Run("CREATE UNIQUE INDEX " + t + "_k_u ON " + t + " (k)") == "23505");
  CHECK(raw.error_message() == "could not create unique index \"" + t + "_k_u\"");
  CHECK(raw.error_detail() == "Key (k)=(0) is duplicated.");
  CHECK(raw.Run("CREATE INDEX " + t + "_e ON " + t + " ((k + 1))") == "0A000");
  CHECK(raw.Run("CREATE INDEX " + t + "_n ON " + t + " (nope)") == "42703");
  // Changes after the build go through the index; REINDEX and VACUUM keep it right.
  Exec(conn, "UPDATE " + t + " SET k = 1000 WHERE id <= 10");
  Exec(conn, "DELETE FROM " + t + " WHERE id BETWEEN 11 AND 20");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE k = 1000") == "10");
  CHECK(raw.Run("REINDEX TABLE " + t) == "");
  CHECK(raw.tag() == "REINDEX");
  CHECK(raw.Run("VACUUM " + t) == "");
  CHECK(raw.tag() == "VACUUM");
  CHECK(raw.Run("ANALYZE " + t) == "");
  CHECK(raw.tag() == "ANALYZE");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE k = 1000") == "10");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE id BETWEEN 1 AND 30") == "20");
  CHECK(raw.Run("DROP INDEX " + t + "_k") == "");
  CHECK(raw.tag() == "DROP INDEX");
  CHECK(raw.Run("DROP INDEX " + t + "_k") == "42704");
  CHECK(raw.Run("DROP INDEX IF EXISTS " + t + "_k") == "");
  CHECK(Plan(conn, "SELECT * FROM " + t + " WHERE k = 42").find("Seq Scan on " + t) != std::string::npos);
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("INSERT, UPDATE and DELETE ... RETURNING") {
  PqConnection raw(SharedTarget::Get().ConnString());
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("ret");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id serial PRIMARY KEY, v int)");
  pqxx::result r = Exec(conn, "INSERT INTO " + t + " (v) VALUES (10), (20), (30) RETURNING id, v * 2 AS doubled");
  REQUIRE(r.size() == 3);
  CHECK(r.column_name(1) == std::string("doubled"));
  CHECK(std::string(r[2][0].c_str()) == "3");
  CHECK(std::string(r[2][1].c_str()) == "60");
  CHECK(raw.Run("INSERT INTO " + t + " (v) VALUES (40) RETURNING *") == "");
  CHECK(raw.tag() == "INSERT 0 1");
  r = Exec(conn, "UPDATE " + t + " SET v = v + 1 WHERE id <= 2 RETURNING v");
  CHECK(r.size() == 2);
  r = Exec(conn, "DELETE FROM " + t + " WHERE id = 1 RETURNING *");
  REQUIRE(r.size() == 1);
  CHECK(std::string(r[0][1].c_str()) == "11");
  CHECK(raw.Run("DELETE FROM " + t + " RETURNING id") == "");
  CHECK(raw.tag() == "DELETE 3");
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("EXPLAIN shows the plan; EXPLAIN ANALYZE runs the statement") {
  PqConnection raw(SharedTarget::Get().ConnString());
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("expl");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int PRIMARY KEY, v int)");
  Exec(conn, "INSERT INTO " + t + " SELECT g, g FROM generate_series(1, 100) AS g");
  CHECK(Plan(conn, "SELECT * FROM " + t + " WHERE id = 5") ==
        "Index Scan using " + t + "_pkey on " + t + "\n  Index Cond: (id = 5)\n");
  CHECK(raw.Run("EXPLAIN SELECT * FROM " + t) == "");
  CHECK(raw.tag() == "EXPLAIN");
  pqxx::result r = Exec(conn, "EXPLAIN ANALYZE DELETE FROM " + t + " WHERE v > 90");
  CHECK(r.column_name(0) == std::string("QUERY PLAN"));
  CHECK(std::string(r[r.size() - 1][0].c_str()).rfind("Execution Time: ", 0) == 0);
  CHECK(std::string(r[r.size() - 2][0].c_str()).rfind("Planning Time: ", 0) == 0);
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "90");
  Exec(conn, "DROP TABLE " + t);
}

std::string PgBench() {
  const char* dir = std::getenv("PGBENCH_DIR");
  return std::string(dir != nullptr ? dir : "/usr/lib/postgresql/15/bin") + "/pgbench";
}

TEST_CASE("pgbench -i -I dtGvp and a select-only run" * doctest::skip(IsExternal())) {
  ServerProcess server;
  const std::string base = PgBench() + " -h 127.0.0.1 -p " + std::to_string(server.endpoint().port) + " -U postgres ";
  REQUIRE(std::system((base + "-i -I dtGvp -s 1 postgres > /dev/null 2>&1").c_str()) == 0);
  pqxx::connection conn(ConnString(server.endpoint(), "postgres", "postgres"));
  CHECK(Scalar(conn, "SELECT count(*) FROM pgbench_accounts") == "100000");
  CHECK(Scalar(conn, "SELECT sum(abalance) FROM pgbench_accounts") == "0");
  CHECK(Scalar(conn, "SELECT count(*) FROM pgbench_branches") == "1");
  CHECK(Scalar(conn, "SELECT count(*) FROM pgbench_tellers") == "10");
  CHECK(Plan(conn, "SELECT abalance FROM pgbench_accounts WHERE aid = 77")
            .find("Index Scan using pgbench_accounts_pkey") != std::string::npos);
  CHECK(std::system((base + "-S -M simple -t 200 postgres > /dev/null 2>&1").c_str()) == 0);
  CHECK(Scalar(conn, "SELECT count(*) FROM pgbench_accounts") == "100000");
}

}  // namespace
}  // namespace lumadb::integration

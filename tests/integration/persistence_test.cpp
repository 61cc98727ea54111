// Data on disk: thousands of rows survive SIGTERM + restart, and tables larger than the buffer pool work.
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

constexpr int kRows = 20000;
constexpr int kBatch = 1000;

/// Inserts ids [1, kRows] with a ~100-byte payload in multi-row INSERTs of kBatch rows.
void LoadRows(pqxx::connection& conn, const std::string& table) {
  const std::string pad(90, 'x');
  for (int first = 1; first <= kRows; first += kBatch) {
    std::string sql = "INSERT INTO " + table + " VALUES ";
    for (int id = first; id < first + kBatch; ++id) {
      if (id != first) sql += ", ";
      sql += "(" + std::to_string(id) + ", 'row" + std::to_string(id) + pad + "')";
    }
    CHECK(Exec(conn, sql).affected_rows() == kBatch);
  }
}

/// The checks both tests run before and after a restart: count, sum and a few point reads.
void CheckRows(pqxx::connection& conn, const std::string& table) {
  CHECK(Scalar(conn, "SELECT count(*) FROM " + table) == std::to_string(kRows));
  const long long sum = static_cast<long long>(kRows) * (kRows + 1) / 2;
  CHECK(Scalar(conn, "SELECT sum(id) FROM " + table) == std::to_string(sum));
  CHECK(Scalar(conn, "SELECT payload FROM " + table + " WHERE id = 12345") == "row12345" + std::string(90, 'x'));
  CHECK(Scalar(conn, "SELECT max(length(payload)) FROM " + table) == "98");
}

TEST_CASE("20000 rows survive kill -TERM and a restart" * doctest::skip(IsExternal())) {
  ServerProcess server;
  const std::string conninfo = ConnString(server.endpoint(), "postgres", "postgres");
  {
    pqxx::connection conn(conninfo);
    Exec(conn, "CREATE TABLE durable (id integer NOT NULL, payload text)");
    LoadRows(conn, "durable");
    Exec(conn, "BEGIN");
    Exec(conn, "DELETE FROM durable WHERE id > 10");  // rolled back: must not reach the disk as committed
    Exec(conn, "ROLLBACK");
    CheckRows(conn, "durable");
  }
  REQUIRE_MESSAGE(server.Stop() == 0, server.Log());
  server.Start();
  {
    pqxx::connection conn(ConnString(server.endpoint(), "postgres", "postgres"));
    CheckRows(conn, "durable");
    // The catalog survived too: the table still has its columns and NOT NULL.
    CHECK(SqlStateOf(conn, "INSERT INTO durable (payload) VALUES ('no id')") == "23502");
    CHECK(SqlStateOf(conn, "CREATE TABLE durable (x integer)") == "42P07");
    Exec(conn, "DELETE FROM durable WHERE id > 100");
  }
  REQUIRE_MESSAGE(server.Stop() == 0, server.Log());
  server.Start();
  pqxx::connection conn(ConnString(server.endpoint(), "postgres", "postgres"));
  CHECK(Scalar(conn, "SELECT count(*) FROM durable") == "100");
  CHECK(Scalar(conn, "SELECT sum(id) FROM durable") == "5050");
}

TEST_CASE("a table larger than a small buffer pool") {
  // 32 pages of 8 KiB hold 256 kB; the table below is about 2.4 MB of heap. Against an external server the
  // setting cannot be chosen, but the same statements still run.
  std::unique_ptr<ServerProcess> server;
  std::string conninfo;
  if (IsExternal()) {
    conninfo = SharedTarget::Get().ConnString();
  } else {
    server = std::make_unique<ServerProcess>(std::vector<std::string>{"shared_buffers=256kB"});
    conninfo = ConnString(server->endpoint(), "postgres", "postgres");
  }
  {
    pqxx::connection conn(conninfo);
    const std::string t = TableName("big");
    Exec(conn, "DROP TABLE IF EXISTS " + t);
    Exec(conn, "CREATE TABLE " + t + " (id integer NOT NULL, payload text)");
    LoadRows(conn, t);
    CheckRows(conn, t);
    // Updates touch every page while the pool can hold only a few of them.
    CHECK(Exec(conn, "UPDATE " + t + " SET payload = 'u' || payload WHERE id % 2 = 0").affected_rows() == kRows / 2);
    CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE payload LIKE 'urow%'") == std::to_string(kRows / 2));
    CHECK(Exec(conn, "SELECT id % 7, count(*) FROM " + t + " GROUP BY id % 7").size() == 7);
    Exec(conn, "DROP TABLE " + t);
  }
  // The session is closed first: PostgreSQL (as a stand-in) waits for sessions on SIGTERM.
  if (server != nullptr) CHECK_MESSAGE(server->Stop() == 0, server->Log());
}

}  // namespace
}  // namespace lumadb::integration

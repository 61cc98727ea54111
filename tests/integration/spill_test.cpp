// work_mem through the server: ORDER BY, GROUP BY with many groups and a big hash join over 200,000 rows
// at work_mem = '64kB' give the answers they give at '64MB', and leave base/pgsql_tmp empty, after an
// error in the middle too; a restart empties what a crash left there.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

size_t TempFiles(const ServerProcess& server) {
  const auto dir = server.data_dir() / "base" / "pgsql_tmp";
  if (!std::filesystem::exists(dir)) return 0;
  return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

// sql's rows at work_mem.
std::vector<std::string> RowsAt(pqxx::connection& conn, const std::string& work_mem, const std::string& sql) {
  Exec(conn, "SET work_mem = '" + work_mem + "'");
  return Rows(conn, sql);
}

TEST_CASE("queries over 200,000 rows at work_mem = 64kB answer as at 64MB and leave no temporary files") {
  if (IsExternal()) return;
  ServerProcess server;
  pqxx::connection conn(ConnString(server.endpoint(), "postgres", "postgres"));
  Exec(conn, "CREATE TABLE facts (id int, grp int, name text, amount numeric)");
  Exec(conn,
       "INSERT INTO facts SELECT g, g % 120000, 'n' || (g * 7919 % 200003), (g % 997) / 3.0 "
       "FROM generate_series(1, 200000) g");
  Exec(conn, "CREATE TABLE dims (k int, label text)");
  Exec(conn, "INSERT INTO dims SELECT g * 2, 'd' || g FROM generate_series(1, 150000) g");
  const std::vector<std::string> queries = {
      "SELECT id, name FROM facts ORDER BY name, id",
      "SELECT * FROM (SELECT grp, count(*), sum(amount), max(name) FROM facts GROUP BY grp) a ORDER BY grp",
      "SELECT * FROM (SELECT f.id, d.label FROM facts f JOIN dims d ON d.k = f.id) j ORDER BY id",
      "SELECT * FROM (SELECT f.id, d.label FROM facts f FULL JOIN dims d ON d.k = f.id) j ORDER BY id, label",
  };
  for (const auto& sql : queries) {
    CAPTURE(sql);
    auto small = RowsAt(conn, "64kB", sql);
    CHECK(small.size() >= 100000);
    CHECK(small == RowsAt(conn, "64MB", sql));
    CHECK(TempFiles(server) == 0);
  }
  Exec(conn, "SET work_mem = '64kB'");
  CHECK(SqlStateOf(conn, "SELECT id / (200000 - id) FROM (SELECT * FROM facts ORDER BY name) s") == "22012");
  CHECK(SqlStateOf(conn, "SELECT f.grp, sum(1 / (200000 - f.id)) FROM facts f JOIN dims d ON d.k = f.id GROUP BY 1") ==
        "22012");
  CHECK(TempFiles(server) == 0);
  Exec(conn, "SET statement_timeout = '100ms'");  // a cancel in the middle of a spilling join and sort
  CHECK(SqlStateOf(conn, "SELECT count(*) FROM (SELECT * FROM facts f JOIN dims d ON d.k = f.id ORDER BY name) x") ==
        "57014");
  Exec(conn, "SET statement_timeout = 0");
  CHECK(TempFiles(server) == 0);
  CHECK(Scalar(conn, "SHOW temp_file_limit") == "-1");
  Exec(conn, "SET temp_file_limit = '200kB'");
  CHECK(ErrorOf(conn, "SELECT * FROM facts ORDER BY name") ==
        "53400: temporary file size exceeds temp_file_limit (200kB)");
  CHECK(TempFiles(server) == 0);

  // A stale file (a crash in the middle of a sort) is gone after a restart.
  server.Stop();
  std::filesystem::create_directories(server.data_dir() / "base" / "pgsql_tmp");
  std::ofstream(server.data_dir() / "base" / "pgsql_tmp" / "pgsql_tmp999.0") << "left over";
  server.Start();
  CHECK(TempFiles(server) == 0);
}

}  // namespace
}  // namespace lumadb::integration

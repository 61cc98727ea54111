// View options in pg_class.reloptions (text[]), as PostgreSQL 15 keeps them: what CREATE VIEW WITH (...),
// WITH CHECK OPTION and ALTER VIEW SET/RESET store, read back as an array, and kept across a restart.
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

using Strings = std::vector<std::string>;

std::string Options(pqxx::connection& conn, const std::string& relation) {
  return Scalar(conn, "SELECT reloptions FROM pg_class WHERE relname = '" + relation + "'");
}

TEST_CASE("view options are pg_class.reloptions items and survive a restart" * doctest::skip(IsExternal())) {
  ServerProcess server;
  {
    pqxx::connection conn(ConnString(server.endpoint(), "postgres", "postgres"));
    Exec(conn, "CREATE TABLE vo_t (a int, b int) WITH (fillfactor = 70)");
    Exec(conn, "CREATE VIEW vo_v WITH (security_barrier, check_option = local) AS SELECT a, b FROM vo_t WHERE a > 0");
    Exec(conn, "CREATE VIEW vo_c AS SELECT a FROM vo_t WHERE a < 10 WITH CASCADED CHECK OPTION");
    CHECK(Options(conn, "vo_v") == "{security_barrier=true,check_option=local}");
    CHECK(Scalar(conn, "SELECT reloptions[2] FROM pg_class WHERE relname = 'vo_v'") == "check_option=local");
    CHECK(Scalar(conn, "SELECT pg_typeof(reloptions)::text FROM pg_class WHERE relname = 'vo_v'") == "text[]");
    Exec(conn, "ALTER VIEW vo_v RESET (security_barrier)");
    Exec(conn, "ALTER VIEW vo_v SET (security_invoker = true)");
  }
  REQUIRE_MESSAGE(server.Stop() == 0, server.Log());
  server.Start();
  pqxx::connection conn(ConnString(server.endpoint(), "postgres", "postgres"));
  CHECK(Options(conn, "vo_t") == "{fillfactor=70}");
  CHECK(Options(conn, "vo_v") == "{check_option=local,security_invoker=true}");
  CHECK(Options(conn, "vo_c") == "{check_option=cascaded}");
  // The options still act: the check options reject rows outside the views.
  CHECK(ErrorOf(conn, "INSERT INTO vo_v VALUES (-1, 0)") == "44000: new row violates check option for view \"vo_v\"");
  CHECK(ErrorOf(conn, "INSERT INTO vo_c VALUES (10)") == "44000: new row violates check option for view \"vo_c\"");
  Exec(conn, "INSERT INTO vo_c VALUES (5)");
  // The stored query holds no trace of them.
  CHECK(Rows(conn, "SELECT a FROM vo_v") == Strings{"5"});
  Exec(conn, "ALTER VIEW vo_v RESET (check_option, security_invoker)");
  CHECK(Options(conn, "vo_v") == "NULL");
}

}  // namespace
}  // namespace lumadb::integration

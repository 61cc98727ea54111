// ALTER ROLE / ALTER DATABASE ... SET and RESET: pg_db_role_setting, pg_roles.rolconfig, the values a new
// session starts with (database < role < role in database < startup packet), and PostgreSQL 15's errors.
#include <chrono>
#include <string>
#include <thread>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

TEST_CASE("ALTER ROLE and ALTER DATABASE ... SET: stored, applied at login in PostgreSQL's order, RESET") {
  const SharedTarget& target = SharedTarget::Get();
  pqxx::connection admin(target.ConnString("postgres"));
  const std::string db = "rs_db_" + TableName("rs");
  Exec(admin, "DROP DATABASE IF EXISTS " + db);
  Exec(admin, "DROP ROLE IF EXISTS rs_user");
  Exec(admin, "CREATE USER rs_user");
  Exec(admin, "CREATE DATABASE " + db);
  PqConnection raw(target.ConnString("postgres"));
  CHECK(raw.Run("ALTER ROLE rs_user SET work_mem = '8MB'") == "");
  CHECK(raw.tag() == "ALTER ROLE");
  CHECK(raw.Run("ALTER ROLE rs_user SET search_path = a, \"B\"") == "");
  CHECK(raw.Run("ALTER ROLE rs_user IN DATABASE " + db + " SET statement_timeout = '3s'") == "");
  CHECK(raw.Run("ALTER DATABASE " + db + " SET DateStyle = 'German'") == "");
  CHECK(raw.tag() == "ALTER DATABASE");
  CHECK(raw.Run("ALTER DATABASE " + db + " SET statement_timeout = 1000") == "");
  CHECK(raw.Run("ALTER ROLE rs_user SET work_mem = '9MB'") == "");  // replaced in place
  CHECK(Scalar(admin, "SELECT rolconfig::text FROM pg_roles WHERE rolname = 'rs_user'") ==
        "{work_mem=9MB,\"search_path=a, \\\"B\\\"\"}");
  CHECK(Scalar(admin,
               "SELECT string_agg(setconfig::text, ' ' ORDER BY setconfig::text) FROM pg_db_role_setting s JOIN "
               "pg_database d ON d.oid = s.setdatabase WHERE d.datname = '" +
                   db + "'") == "{DateStyle=German,statement_timeout=1000} {statement_timeout=3s}");

  // PostgreSQL's errors, as SET gives them.
  CHECK(raw.Run("ALTER ROLE rs_user SET shared_buffers = '64MB'") == "55P02");
  CHECK(raw.error_message() == "parameter \"shared_buffers\" cannot be changed without restarting the server");
  CHECK(raw.Run("ALTER ROLE rs_user SET fsync = off") == "55P02");
  CHECK(raw.error_message() == "parameter \"fsync\" cannot be changed now");
  CHECK(raw.Run("ALTER ROLE rs_user SET work_mem = 'lots'") == "22023");
  CHECK(raw.Run("ALTER ROLE rs_user SET no_such_parameter = 1") == "42704");
  CHECK(raw.Run("ALTER DATABASE rs_no_such_db SET work_mem = '1MB'") == "3D000");
  CHECK(raw.Run("ALTER ROLE rs_user SET LOCAL work_mem = '1MB'") == "42601");

  // A new session: the database's, then the role's, then the role-in-database's values.
  {
    pqxx::connection user(target.ConnString("rs_user", db));
    CHECK(Scalar(user, "SHOW work_mem") == "9MB");
    CHECK(Scalar(user, "SHOW statement_timeout") == "3s");
    CHECK(Scalar(user, "SHOW DateStyle") == "German, DMY");
    CHECK(Scalar(user, "SHOW search_path") == "a, \"B\"");
    Exec(user, "SET work_mem = '1MB'");
    Exec(user, "RESET work_mem");
    CHECK(Scalar(user, "SHOW work_mem") == "9MB");  // RESET returns to the role's value
    PqConnection as_user(target.ConnString("rs_user", db));
    CHECK(as_user.Run("ALTER ROLE rs_user SET work_mem = '2MB'") == "");  // its own settings
    CHECK(as_user.Run("ALTER ROLE ALL SET work_mem = '2MB'") == "42501");
    CHECK(as_user.error_message() == "must be superuser to alter settings globally");
    CHECK(as_user.Run("ALTER DATABASE " + db + " SET work_mem = '2MB'") == "42501");
    CHECK(as_user.error_message() == "must be owner of database " + db);
    CHECK(as_user.Run("ALTER ROLE postgres SET work_mem = '2MB'") == "42501");
    CHECK(as_user.error_message() == "must be superuser to alter superusers");
  }
  {
    // The startup packet outranks them all.
    pqxx::connection user(target.ConnString("rs_user", db) + " options='-c work_mem=16MB'");
    CHECK(Scalar(user, "SHOW work_mem") == "16MB");
  }
  CHECK(raw.Run("ALTER ROLE rs_user RESET work_mem") == "");
  CHECK(Scalar(admin, "SELECT rolconfig::text FROM pg_roles WHERE rolname = 'rs_user'") ==
        "{\"search_path=a, \\\"B\\\"\"}");
  CHECK(raw.Run("ALTER ROLE rs_user RESET ALL") == "");
  CHECK(Scalar(admin, "SELECT coalesce(rolconfig::text, 'null') FROM pg_roles WHERE rolname = 'rs_user'") == "null");
  CHECK(raw.Run("DROP ROLE rs_user") == "");
  for (int attempt = 0; attempt < 100 && raw.Run("DROP DATABASE " + db) == "55006"; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(Scalar(admin, "SELECT count(*) FROM pg_db_role_setting WHERE setdatabase <> 0 OR setrole <> 0") == "0");
}

}  // namespace
}  // namespace lumadb::integration

// The startup exchange as a client sees it: ParameterStatus values, BackendKeyData, ReadyForQuery, and the
// FATAL errors for an unknown database or role.
#include <string>

#include <doctest/doctest.h>

#include "raw_client.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

TEST_CASE("startup reports the parameters PostgreSQL 15 reports") {
  const auto& target = SharedTarget::Get();
  RawConnection raw(target.endpoint());
  const StartupResult r = RawStartup(raw, "postgres", target.database());
  const std::string error_message = r.error.count('M') != 0 ? r.error.at('M') : "";
  REQUIRE_MESSAGE(r.error.empty(), error_message);
  CHECK(r.got_auth_ok);
  CHECK(r.got_backend_key);
  CHECK(r.ready_status == 'I');
  const auto& p = r.parameters;
  const auto value = [&p](const std::string& name) { return p.count(name) != 0 ? p.at(name) : "<missing>"; };
  CHECK(value("server_version").rfind("15.", 0) == 0);  // psql and drivers parse the major version
  CHECK(value("client_encoding") == "UTF8");
  CHECK(value("server_encoding") == "UTF8");
  CHECK(value("DateStyle") == "ISO, MDY");
  CHECK(value("IntervalStyle") == "postgres");
  CHECK(value("integer_datetimes") == "on");
  CHECK(value("standard_conforming_strings") == "on");
  CHECK(value("is_superuser") == "on");
  CHECK(value("session_authorization") == "postgres");
  CHECK(value("application_name") == "lumadb_raw");
  CHECK(value("default_transaction_read_only") == "off");
  CHECK(value("in_hot_standby") == "off");
  CHECK(p.count("TimeZone") == 1);
}

TEST_CASE("unknown database is FATAL 3D000") {
  RawConnection raw(SharedTarget::Get().endpoint());
  const StartupResult r = RawStartup(raw, "postgres", "no_such_database_xyz");
  REQUIRE(!r.error.empty());
  CHECK(r.error.at('C') == "3D000");
  CHECK(r.error.at('S') == "FATAL");
  CHECK(r.error.at('M') == "database \"no_such_database_xyz\" does not exist");
  CHECK(r.ready_status == 0);
  CHECK(raw.WaitClosed());
}

TEST_CASE("unknown role is FATAL 28000") {
  RawConnection raw(SharedTarget::Get().endpoint());
  const StartupResult r = RawStartup(raw, "no_such_role_xyz", "postgres");
  REQUIRE(!r.error.empty());
  CHECK(r.error.at('C') == "28000");
  CHECK(r.error.at('S') == "FATAL");
  CHECK(r.error.at('M') == "role \"no_such_role_xyz\" does not exist");
  CHECK(raw.WaitClosed());
}

}  // namespace
}  // namespace lumadb::integration

// Reloading lumadb.conf and the TLS files by pg_reload_conf() and SIGHUP, as PostgreSQL 15's
// ProcessConfigFile: sessions take new defaults before their next command unless they SET the parameter,
// postmaster parameters and -c values stay, bad lines are logged and skipped, a syntax error applies
// nothing, and a TLS context that fails to load leaves the old one in force.
#include <signal.h>

#include <fstream>
#include <string>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"
#include <libpq-fe.h>

namespace lumadb::integration {
namespace {

std::string Conn(const ServerProcess& server, const std::string& ssl = "disable") {
  return ConnString(server.endpoint(), "postgres", "postgres") + " sslmode=" + ssl;
}

void AppendConfig(const ServerProcess& server, const std::string& lines) {
  std::ofstream(server.data_dir() / "lumadb.conf", std::ios::app) << lines;
}

std::string ReadConfig(const ServerProcess& server) {
  std::ifstream in(server.data_dir() / "lumadb.conf");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteConfig(const ServerProcess& server, const std::string& text) {
  std::ofstream(server.data_dir() / "lumadb.conf", std::ios::trunc) << text;
}

bool ConnectsWithTls(const ServerProcess& server) {
  PGconn* conn = PQconnectdb(Conn(server, "require").c_str());
  bool ok = PQstatus(conn) == CONNECTION_OK && PQsslInUse(conn) == 1;
  PQfinish(conn);
  return ok;
}

TEST_CASE("lumadb.conf reloads into running sessions; SET, postmaster parameters and -c keep theirs" *
          doctest::skip(IsExternal())) {
  ServerProcess server({"lock_timeout=1s"});
  const std::string original = ReadConfig(server);
  pqxx::connection setter(Conn(server));
  pqxx::connection follower(Conn(server));
  Exec(setter, "SET statement_timeout = '7s'");
  AppendConfig(server,
               "statement_timeout = '5s'\nDateStyle = 'German, DMY'\nshared_buffers = 64MB\nlock_timeout = 2s\n"
               "no_such_parameter = 1\nwork_mem = 'lots'\n");
  CHECK(Scalar(follower, "SELECT pg_reload_conf()") == "t");
  CHECK(WaitForLog(server, "LOG:  parameter \"statement_timeout\" changed to \"5s\""));
  CHECK(WaitForLog(server, "LOG:  parameter \"DateStyle\" changed to \"German, DMY\""));
  CHECK(WaitForLog(server, "LOG:  parameter \"shared_buffers\" cannot be changed without restarting the server"));
  CHECK(WaitForLog(server, "LOG:  unrecognized configuration parameter \"no_such_parameter\""));
  CHECK(WaitForLog(server, "LOG:  invalid value for parameter \"work_mem\": \"lots\""));
  CHECK(WaitForLog(server, "contains errors; unaffected changes were applied"));
  CHECK(server.Log().find("\"lock_timeout\" changed") == std::string::npos);    // -c outranks the file
  CHECK(server.Log().find("\"port\" cannot be changed") == std::string::npos);  // -p is not the file's

  CHECK(Scalar(follower, "SHOW statement_timeout") == "5s");
  CHECK(Scalar(follower, "SHOW DateStyle") == "German, DMY");
  CHECK(Scalar(follower, "SHOW shared_buffers") == "128MB");
  CHECK(Scalar(follower, "SHOW lock_timeout") == "1s");
  CHECK(Scalar(setter, "SHOW statement_timeout") == "7s");  // the session's SET outranks the file
  Exec(setter, "RESET statement_timeout");
  CHECK(Scalar(setter, "SHOW statement_timeout") == "5s");
  pqxx::connection fresh(Conn(server));
  CHECK(Scalar(fresh, "SHOW statement_timeout") == "5s");

  // A syntax error applies nothing; SIGHUP reloads as pg_reload_conf() does.
  AppendConfig(server, "statement_timeout = = 3\n");
  server.Signal(SIGHUP);
  CHECK(WaitForLog(server, "contains errors; no changes were applied"));
  CHECK(Scalar(follower, "SHOW statement_timeout") == "5s");

  WriteConfig(server, original);
  server.Signal(SIGHUP);
  CHECK(WaitForLog(server, "LOG:  parameter \"statement_timeout\" removed from configuration file, reset to default"));
  CHECK(Scalar(follower, "SHOW statement_timeout") == "0");
  CHECK(Scalar(follower, "SHOW DateStyle") == "ISO, MDY");
}

TEST_CASE("a reload turns TLS on and off; a certificate that fails to load keeps the old context" *
          doctest::skip(IsExternal())) {
  ServerProcess server;
  const std::string original = ReadConfig(server);
  server.Stop();
  AppendConfig(server, "ssl = off\n");
  server.Start();
  CHECK_FALSE(ConnectsWithTls(server));
  WriteConfig(server, original + "ssl = on\n");
  server.Signal(SIGHUP);
  REQUIRE(WaitForLog(server, "LOG:  parameter \"ssl\" changed to \"on\""));
  CHECK(ConnectsWithTls(server));
  pqxx::connection plain(Conn(server));
  CHECK(Scalar(plain, "SHOW ssl") == "on");

  WriteConfig(server, original + "ssl_cert_file = 'missing.crt'\n");
  server.Signal(SIGHUP);
  CHECK(WaitForLog(server, "LOG:  SSL configuration was not reloaded"));
  CHECK(ConnectsWithTls(server));
}

}  // namespace
}  // namespace lumadb::integration

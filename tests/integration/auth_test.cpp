// Client authentication end to end with libpq and psql: SCRAM-SHA-256 from `lumadb init -A scram-sha-256
// --pwfile`, md5, password, reject, no matching pg_hba.conf line, and reloading pg_hba.conf by
// pg_reload_conf() and SIGHUP (a bad line keeps the old rules). Messages are PostgreSQL 15's.
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "raw_client.h"
#include "sql_helpers.h"
#include "test_server.h"
#include <libpq-fe.h>

namespace lumadb::integration {
namespace {

constexpr const char* kPassword = "s3cret-pw";

// sslmode=disable: the messages below say "no encryption" whether or not the server offers TLS.
std::string Conn(const ServerProcess& server, const std::string& user, const std::string& password = "") {
  std::string conninfo = ConnString(server.endpoint(), user, "postgres") + " sslmode=disable";
  if (!password.empty()) conninfo += " password=" + password;
  return conninfo;
}

// "" when the connection succeeds, else libpq's message after "FATAL:  " (first line).
std::string ConnectError(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  std::string message = PQstatus(conn) == CONNECTION_OK ? "" : PQerrorMessage(conn);
  PQfinish(conn);
  size_t fatal = message.find("FATAL:  ");
  if (fatal != std::string::npos) message = message.substr(fatal + 8);
  return message.substr(0, message.find('\n'));
}

// The output (stdout and stderr) of a shell command.
std::string RunShell(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
  pclose(pipe);
  return output;
}

// A server whose superuser `postgres` has kPassword (stored as `lumadb init` stores it) and pg_hba.conf
// lines from `method`.
std::unique_ptr<ServerProcess> PasswordServer(const std::string& method, const std::string& stored = kPassword,
                                              std::vector<std::string> settings = {}) {
  testing::TempDir pw_dir;
  std::filesystem::path pwfile = pw_dir.path() / "pwfile";
  std::ofstream(pwfile) << stored << "\n";
  return std::make_unique<ServerProcess>(std::move(settings),
                                         std::vector<std::string>{"-A", method, "--pwfile", pwfile.string()});
}

void WriteHba(const ServerProcess& server, const std::string& text) {
  std::ofstream(server.data_dir() / "pg_hba.conf", std::ios::trunc) << text;
}

void ReloadBySql(const ServerProcess& server) {
  pqxx::connection conn(Conn(server, "postgres", kPassword));
  CHECK(Scalar(conn, "SELECT pg_reload_conf()") == "t");
}

TEST_CASE("scram-sha-256: right and wrong password, unknown user, stored verifier" * doctest::skip(IsExternal())) {
  auto server = PasswordServer("scram-sha-256", kPassword, {"log_connections=on"});
  pqxx::connection conn(Conn(*server, "postgres", kPassword));
  CHECK(Scalar(conn, "SELECT rolpassword LIKE 'SCRAM-SHA-256$4096:%' FROM pg_authid WHERE rolname = 'postgres'") ==
        "t");
  std::string hba = (server->data_dir() / "pg_hba.conf").string();
  CHECK(WaitForLog(*server,
                   "LOG:  connection authenticated: identity=\"postgres\" method=scram-sha-256 (" + hba + ":9)"));
  CHECK(Scalar(conn, "SHOW password_encryption") == "scram-sha-256");
  CHECK(ConnectError(Conn(*server, "postgres", "wrong")) == "password authentication failed for user \"postgres\"");
  // An unknown role goes through the same (mock) exchange and gets the same message.
  CHECK(ConnectError(Conn(*server, "nobody", "wrong")) == "password authentication failed for user \"nobody\"");
  CHECK(ConnectError(Conn(*server, "nobody", kPassword)) == "password authentication failed for user \"nobody\"");
  // Why, and which line matched, is told to the server log only.
  CHECK(WaitForLog(*server,
                   "DETAIL:  Role \"nobody\" does not exist.\n\tConnection matched pg_hba.conf line 9: "
                   "\"host    all             all             127.0.0.1/32            scram-sha-256\""));
}

TEST_CASE("psql takes the password from PGPASSWORD" * doctest::skip(IsExternal())) {
  auto server = PasswordServer("scram-sha-256");
  std::string port = std::to_string(server->endpoint().port);
  std::string psql = "/usr/lib/postgresql/15/bin/psql";
  if (!std::filesystem::exists(psql)) psql = "psql";
  std::string base = psql + " -X -At -h 127.0.0.1 -p " + port + " -U postgres -d postgres -c 'SELECT 40 + 2' 2>&1";
  std::string ok = RunShell("PGPASSWORD=" + std::string(kPassword) + " " + base);
  CHECK(ok == "42\n");
  std::string bad = RunShell("PGPASSWORD=nope " + base);
  CHECK(bad.find("FATAL:  password authentication failed for user \"postgres\"") != std::string::npos);
}

TEST_CASE("md5: an md5-stored password, and SCRAM when the stored form is a verifier" * doctest::skip(IsExternal())) {
  // A pre-hashed password in --pwfile is stored as given, as initdb's ALTER ROLE ... PASSWORD does.
  char* md5 = PQencryptPassword(kPassword, "postgres");
  auto server = PasswordServer("md5", md5);
  PQfreemem(md5);
  pqxx::connection conn(Conn(*server, "postgres", kPassword));
  CHECK(Scalar(conn, "SELECT rolpassword LIKE 'md5%' FROM pg_authid WHERE rolname = 'postgres'") == "t");
  CHECK(ConnectError(Conn(*server, "postgres", "wrong")) == "password authentication failed for user \"postgres\"");
  CHECK(ConnectError(Conn(*server, "nobody", "wrong")) == "password authentication failed for user \"nobody\"");

  auto scram = PasswordServer("scram-sha-256");
  WriteHba(*scram, "host all all 127.0.0.1/32 md5\n");
  ReloadBySql(*scram);
  CHECK(ConnectError(Conn(*scram, "postgres", kPassword)).empty());
  CHECK(ConnectError(Conn(*scram, "postgres", "wrong")) == "password authentication failed for user \"postgres\"");
}

TEST_CASE("password (cleartext) against the stored verifier; a role without a password fails" *
          doctest::skip(IsExternal())) {
  auto server = PasswordServer("password");
  CHECK(ConnectError(Conn(*server, "postgres", kPassword)).empty());
  CHECK(ConnectError(Conn(*server, "postgres", "wrong")) == "password authentication failed for user \"postgres\"");

  ServerProcess trust_init;  // `lumadb serve` initialised it: trust, and no password for postgres
  WriteHba(trust_init, "host all all 127.0.0.1/32 scram-sha-256\n");
  trust_init.Signal(SIGHUP);
  REQUIRE(WaitForLog(trust_init, "received SIGHUP"));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(ConnectError(Conn(trust_init, "postgres", "anything")) ==
        "password authentication failed for user \"postgres\"");
}

TEST_CASE("reject and no matching line" * doctest::skip(IsExternal())) {
  auto server = PasswordServer("scram-sha-256");
  WriteHba(*server,
           "host all rejected 127.0.0.1/32 reject\n"
           "host all postgres 127.0.0.1/32 scram-sha-256\n");
  ReloadBySql(*server);
  CHECK(ConnectError(Conn(*server, "rejected", "x")) ==
        "pg_hba.conf rejects connection for host \"127.0.0.1\", user \"rejected\", database \"postgres\", no "
        "encryption");
  CHECK(ConnectError(Conn(*server, "other", "x")) ==
        "no pg_hba.conf entry for host \"127.0.0.1\", user \"other\", database \"postgres\", no encryption");
  CHECK(ConnectError(Conn(*server, "postgres", kPassword)).empty());
}

TEST_CASE("a bad line keeps the old rules on reload and refuses a start" * doctest::skip(IsExternal())) {
  auto server = PasswordServer("scram-sha-256");
  WriteHba(*server,
           "host all postgres 127.0.0.1/32 scram-sha-256\n"
           "hots all all 127.0.0.1/32 trust\n");
  ReloadBySql(*server);
  CHECK(WaitForLog(*server, "LOG:  invalid connection type \"hots\""));
  CHECK(WaitForLog(*server,
                   "CONTEXT:  line 2 of configuration file \"" + (server->data_dir() / "pg_hba.conf").string() + "\""));
  CHECK(WaitForLog(*server, "LOG:  pg_hba.conf was not reloaded"));
  // initdb's rules are still in force: any role may try, and an unknown one fails its password.
  CHECK(ConnectError(Conn(*server, "other", "x")) == "password authentication failed for user \"other\"");

  WriteHba(*server, "host all postgres 127.0.0.1/32 scram-sha-256\n");
  server->Signal(SIGHUP);
  REQUIRE(WaitForLog(*server, "received SIGHUP", 2));  // pg_reload_conf() logged the first
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(ConnectError(Conn(*server, "other", "x")) ==
        "no pg_hba.conf entry for host \"127.0.0.1\", user \"other\", database \"postgres\", no encryption");

  server->Stop();
  WriteHba(*server, "host all all 127.0.0.1/33 trust\n");
  CHECK_THROWS(server->Start());
  CHECK(server->Log().find("invalid CIDR mask in address \"127.0.0.1/33\"") != std::string::npos);
  CHECK(server->Log().find("could not load pg_hba.conf") != std::string::npos);
}

// Sends SASLInitialResponse(mechanism, client-first) on a fresh raw connection and returns the error
// fields of the reply ("C" and "M" and "D"), or "R" when the server went on with the exchange.
std::string SaslReply(const ServerProcess& server, const std::string& mechanism, const std::string& first) {
  RawConnection conn(server.endpoint());
  conn.Send(StartupPacket({{"user", "postgres"}, {"database", "postgres"}}));
  auto sasl = conn.Read();
  REQUIRE(sasl);
  CHECK(sasl->body == std::string("\0\0\0\x0aSCRAM-SHA-256\0\0", 19));
  std::string body = mechanism + '\0';
  uint32_t length = static_cast<uint32_t>(first.size());
  body += {static_cast<char>(length >> 24), static_cast<char>(length >> 16), static_cast<char>(length >> 8),
           static_cast<char>(length)};
  body += first;
  uint32_t total = static_cast<uint32_t>(body.size() + 4);
  conn.Send(std::string("p") + static_cast<char>(total >> 24) + static_cast<char>(total >> 16) +
            static_cast<char>(total >> 8) + static_cast<char>(total) + body);
  auto reply = conn.Read();
  REQUIRE(reply);
  if (reply->type != 'E') return std::string(1, reply->type);
  auto fields = ErrorFields(reply->body);
  return fields['S'] + " " + fields['C'] + " " + fields['M'] + " / " + fields['D'];
}

TEST_CASE("malformed SCRAM messages get PostgreSQL's FATAL 08P01 on the wire" * doctest::skip(IsExternal())) {
  auto server = PasswordServer("scram-sha-256");
  CHECK(SaslReply(*server, "SCRAM-SHA-256", "x,,n=,r=abc") ==
        "FATAL 08P01 malformed SCRAM message / Unexpected channel-binding flag \"'x'\".");
  CHECK(SaslReply(*server, "SCRAM-SHA-256-PLUS", "n,,n=,r=abc") ==
        "FATAL 08P01 client selected an invalid SASL authentication mechanism / ");
  CHECK(SaslReply(*server, "SCRAM-SHA-256", "n,a=bob,n=,r=a") ==
        "FATAL 0A000 client uses authorization identity, but it is not supported / ");
  CHECK(SaslReply(*server, "SCRAM-SHA-256", "n,,n=*,r=abc") == "R");  // pgjdbc's n=*: the exchange goes on
}

TEST_CASE("lumadb init: trust warning, password methods need --pwfile, methods checked per connection type" *
          doctest::skip(IsExternal())) {
  testing::TempDir dir;
  std::string output;
  CHECK(RunLumadb({"init", "-D", (dir.path() / "a").string()}, output) == 0);
  CHECK(output.find("WARNING:  enabling \"trust\" authentication for local connections") != std::string::npos);
  CHECK(RunLumadb({"init", "-D", (dir.path() / "b").string(), "-A", "scram-sha-256"}, output) == 1);
  CHECK(output.find("must specify a password for the superuser to enable password authentication") !=
        std::string::npos);
  CHECK(RunLumadb({"init", "-D", (dir.path() / "c").string(), "--auth-host", "peer"}, output) == 1);
  CHECK(output.find("invalid authentication method \"peer\" for \"host\" connections") != std::string::npos);
  CHECK(RunLumadb({"init", "-D", (dir.path() / "d").string(), "--auth-local", "peer", "--auth-host", "reject"},
                  output) == 0);
  std::ifstream hba(dir.path() / "d" / "pg_hba.conf");
  std::string text((std::istreambuf_iterator<char>(hba)), std::istreambuf_iterator<char>());
  CHECK(text.find("local   all             all                                     peer\n") != std::string::npos);
  CHECK(text.find("host    all             all             127.0.0.1/32            reject\n") != std::string::npos);
  CHECK(text.find("host    all             all             ::1/128                 reject\n") != std::string::npos);
}

}  // namespace
TEST_CASE("roles at login: VALID UNTIL, CONNECTION LIMIT, +role lines, CREATE ROLE passwords" *
          doctest::skip(IsExternal())) {
  auto server = PasswordServer("scram-sha-256", kPassword, {"log_connections=on"});
  pqxx::connection admin(Conn(*server, "postgres", kPassword));
  pqxx::nontransaction run(admin);
  run.exec("CREATE ROLE bob LOGIN PASSWORD 'bob-pw' VALID UNTIL '2001-01-01'");
  run.exec("CREATE ROLE carol LOGIN PASSWORD 'carol-pw' CONNECTION LIMIT 1");
  run.exec("CREATE ROLE staff");
  run.exec("CREATE ROLE dave LOGIN IN ROLE staff");
  run.exec("CREATE ROLE eve LOGIN");
  run.exec("SET password_encryption = 'md5'");
  run.exec("CREATE ROLE fred LOGIN PASSWORD 'fred-pw'");
  CHECK(run.exec1("SELECT rolpassword LIKE 'md5%' FROM pg_authid WHERE rolname = 'fred'")[0].as<std::string>() == "t");
  // An md5 hash cannot answer a SCRAM exchange (PostgreSQL 15 the same).
  CHECK(ConnectError(Conn(*server, "fred", "fred-pw")) == "password authentication failed for user \"fred\"");

  // An expired password fails like a wrong one; the reason goes to the log only.
  CHECK(ConnectError(Conn(*server, "bob", "bob-pw")) == "password authentication failed for user \"bob\"");
  CHECK(WaitForLog(*server, "DETAIL:  User \"bob\" has an expired password."));
  run.exec("ALTER ROLE bob VALID UNTIL 'infinity'");
  CHECK(ConnectError(Conn(*server, "bob", "bob-pw")) == "");

  auto first = std::make_unique<pqxx::connection>(Conn(*server, "carol", "carol-pw"));
  CHECK(ConnectError(Conn(*server, "carol", "carol-pw")) == "too many connections for role \"carol\"");
  first.reset();
  for (int i = 0; i < 100 && !ConnectError(Conn(*server, "carol", "carol-pw")).empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(ConnectError(Conn(*server, "carol", "carol-pw")) == "");

  // +staff matches members of staff (here through IN ROLE); everyone else falls to the reject line.
  WriteHba(*server,
           "host all postgres 127.0.0.1/32 scram-sha-256\n"
           "host all +staff 127.0.0.1/32 trust\n"
           "host all all 127.0.0.1/32 reject\n");
  ReloadBySql(*server);
  CHECK(ConnectError(Conn(*server, "dave")) == "");
  CHECK(ConnectError(Conn(*server, "eve")) ==
        "pg_hba.conf rejects connection for host \"127.0.0.1\", user \"eve\", database \"postgres\", no "
        "encryption");
  run.exec("GRANT staff TO eve");
  CHECK(ConnectError(Conn(*server, "eve")) == "");
}

}  // namespace lumadb::integration

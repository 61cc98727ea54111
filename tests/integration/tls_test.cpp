// TLS and the Unix-domain socket against a real `lumadb serve`: libpq's sslmodes against init's self-signed
// certificate, ssl=off, client certificates checked against ssl_ca_file (made here with the openssl
// command), the CVE-2021-23214 check through a raw socket with OpenSSL as the client, and psql over the
// socket in the data directory. Each test starts its own server, so none runs against an external one.
#include <pwd.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include <doctest/doctest.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "raw_client.h"
#include "support/temp_dir.h"
#include "test_server.h"
#include <arpa/inet.h>
#include <libpq-fe.h>
#include <sys/socket.h>
#include <sys/stat.h>

namespace lumadb::integration {
namespace {

namespace fs = std::filesystem;

using Conn = std::unique_ptr<PGconn, decltype(&PQfinish)>;

Conn Connect(const std::string& conninfo) {
  return Conn(PQconnectdb(conninfo.c_str()), PQfinish);
}

bool Ok(const Conn& c) {
  return PQstatus(c.get()) == CONNECTION_OK;
}

// The first column of the first row of `sql`, or "ERROR: message".
std::string Value(const Conn& c, const std::string& sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(c.get(), sql.c_str()), PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) return std::string("ERROR: ") + PQresultErrorMessage(r.get());
  return PQgetvalue(r.get(), 0, 0);
}

std::string Base(const ServerProcess& server, const std::string& host = "127.0.0.1") {
  return "host=" + host + " port=" + std::to_string(server.endpoint().port) +
         " user=postgres dbname=postgres connect_timeout=10";
}

// Runs a shell command; returns its stdout (stderr included) and requires exit status 0 when `must_pass`.
std::string Shell(const std::string& command, bool must_pass = true) {
  std::string out;
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  REQUIRE(p != nullptr);
  std::array<char, 512> buf{};
  while (std::fgets(buf.data(), buf.size(), p) != nullptr) out += buf.data();
  int status = ::pclose(p);
  if (must_pass) REQUIRE_MESSAGE(status == 0, std::string(command + "\n" + out));
  return out;
}

// A CA and a client certificate for CN=`user` signed by it, in `dir` as <ca>.crt and <user>.crt/.key.
void MakeClientCertificate(const fs::path& dir, const std::string& ca, const std::string& user) {
  const std::string d = dir.string() + "/";
  const std::string ec = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes ";
  Shell("openssl req -x509" + ec + "-days 2 -subj /CN=" + ca + " -keyout " + d + ca + ".key -out " + d + ca + ".crt");
  Shell("openssl req" + ec + "-subj /CN=" + user + " -keyout " + d + user + ".key -out " + d + user + ".csr");
  Shell("openssl x509 -req -days 2 -in " + d + user + ".csr -CA " + d + ca + ".crt -CAkey " + d + ca +
        ".key -CAcreateserial -out " + d + user + ".crt");
}

// The server writes its log from the session thread while the client already sees the failure: wait a little.
bool LogShows(const ServerProcess& server, const std::string& text) {
  for (int i = 0; i < 100; ++i) {
    if (server.Log().find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::string Int32(int32_t v) {
  uint32_t be = htonl(static_cast<uint32_t>(v));
  return std::string(reinterpret_cast<const char*>(&be), 4);
}

TEST_CASE("a fresh server accepts TLS: sslmode=require and verify-full against init's certificate" *
          doctest::skip(IsExternal())) {
  ServerProcess server({"log_connections=on"});
  const fs::path crt = server.data_dir() / "server.crt";
  Conn require = Connect(Base(server) + " sslmode=require");
  REQUIRE_MESSAGE(Ok(require), PQerrorMessage(require.get()));
  CHECK(PQsslInUse(require.get()) == 1);
  CHECK(std::string(PQsslAttribute(require.get(), "protocol")) == "TLSv1.3");
  CHECK(Value(require, "SELECT 40 + 2") == "42");
  CHECK(Value(require, "SHOW ssl") == "on");
  CHECK(LogShows(server,
                 "connection authorized: user=postgres database=postgres SSL enabled (protocol=TLSv1.3, "
                 "cipher=TLS_AES_256_GCM_SHA384, bits=256)"));

  Conn full = Connect(Base(server, "localhost") + " sslmode=verify-full sslrootcert=" + crt.string());
  REQUIRE_MESSAGE(Ok(full), PQerrorMessage(full.get()));
  CHECK(PQsslInUse(full.get()) == 1);
  CHECK(Value(full, "SELECT 'verified'") == "verified");
  // 127.0.0.1 is in subjectAltName too.
  Conn by_ip = Connect(Base(server) + " sslmode=verify-full sslrootcert=" + crt.string());
  CHECK_MESSAGE(Ok(by_ip), PQerrorMessage(by_ip.get()));

  // The default sslmode=prefer now ends up encrypted as well.
  Conn prefer = Connect(Base(server));
  REQUIRE(Ok(prefer));
  CHECK(PQsslInUse(prefer.get()) == 1);

  struct stat st {};
  REQUIRE(::stat((server.data_dir() / "server.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("TLS 1.2 clients are served by default; ssl_min_protocol_version=TLSv1.3 refuses them" *
          doctest::skip(IsExternal())) {
  ServerProcess server;
  Conn tls12 = Connect(Base(server) + " sslmode=require ssl_max_protocol_version=TLSv1.2");
  REQUIRE_MESSAGE(Ok(tls12), PQerrorMessage(tls12.get()));
  CHECK(std::string(PQsslAttribute(tls12.get(), "protocol")) == "TLSv1.2");
  CHECK(Value(tls12, "SELECT 'tls 1.2'") == "tls 1.2");
  tls12.reset();

  ServerProcess strict({"ssl_min_protocol_version=TLSv1.3"});
  Conn refused = Connect(Base(strict) + " sslmode=require ssl_max_protocol_version=TLSv1.2");
  CHECK_FALSE(Ok(refused));
  CHECK(std::string(PQerrorMessage(refused.get())).find("SSL error: tlsv1 alert protocol version") !=
        std::string::npos);
  CHECK(LogShows(strict,
                 "LOG:  could not accept SSL connection: unsupported protocol\nHINT:  This may indicate "
                 "that the client does not support any SSL protocol version between TLSv1.3 and TLSv1.3."));
  Conn tls13 = Connect(Base(strict) + " sslmode=require");
  CHECK(Ok(tls13));
}

TEST_CASE("ssl=off: sslmode=require fails, prefer falls back to plaintext, a WARNING at start" *
          doctest::skip(IsExternal())) {
  ServerProcess server({"ssl=off"});
  CHECK(server.Log().find("WARNING:  SSL is off") != std::string::npos);
  Conn require = Connect(Base(server) + " sslmode=require");
  CHECK_FALSE(Ok(require));
  CHECK(std::string(PQerrorMessage(require.get())).find("server does not support SSL, but SSL was required") !=
        std::string::npos);
  Conn prefer = Connect(Base(server) + " sslmode=prefer");
  REQUIRE(Ok(prefer));
  CHECK(PQsslInUse(prefer.get()) == 0);
  CHECK(Value(prefer, "SHOW ssl") == "off");
}

TEST_CASE("an idle TLS session is ended by the shutdown: FATAL 57P01 over TLS, exit 0" * doctest::skip(IsExternal())) {
  ServerProcess server;
  Conn idle = Connect(Base(server) + " sslmode=require");
  REQUIRE(Ok(idle));
  REQUIRE(PQsslInUse(idle.get()) == 1);
  const auto start = std::chrono::steady_clock::now();
  CHECK(server.Stop() == 0);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));  // the blocked SSL_read woke
  CHECK(server.Log().find("FATAL:  terminating connection due to administrator command") != std::string::npos);
  CHECK(Value(idle, "SELECT 1").rfind("ERROR: ", 0) == 0);
  // libpq keeps the FATAL it found waiting (as against PostgreSQL: then "SSL connection has been closed").
  CHECK(std::string(PQerrorMessage(idle.get())).find("FATAL:  terminating connection due to administrator command") !=
        std::string::npos);
}

TEST_CASE("a data directory without certificate files (made before init wrote them) serves plaintext" *
          doctest::skip(IsExternal())) {
  ServerProcess server;
  server.Stop();
  fs::remove(server.data_dir() / "server.crt");
  fs::remove(server.data_dir() / "server.key");
  server.Start();
  CHECK(server.Log().find("WARNING:  SSL is disabled: the data directory has no server.crt and server.key") !=
        std::string::npos);
  Conn prefer = Connect(Base(server));
  REQUIRE(Ok(prefer));
  CHECK(PQsslInUse(prefer.get()) == 0);
  Conn require = Connect(Base(server) + " sslmode=require");
  CHECK_FALSE(Ok(require));
}

TEST_CASE("plaintext sent along with SSLRequest is FATAL 08P01 after the handshake (CVE-2021-23214)" *
          doctest::skip(IsExternal())) {
  ServerProcess server;
  RawConnection raw(server.endpoint());
  const std::string ssl_request = Int32(8) + Int32(80877103);
  REQUIRE(raw.Send(ssl_request + StartupPacket({{"user", "postgres"}, {"database", "postgres"}})));
  char answer = 0;
  REQUIRE(::recv(raw.native_handle(), &answer, 1, 0) == 1);
  CHECK(answer == 'S');

  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
  SSL_set_fd(ssl.get(), raw.native_handle());
  REQUIRE(SSL_connect(ssl.get()) == 1);
  std::string reply;
  char buf[512];
  int n = 0;
  while ((n = SSL_read(ssl.get(), buf, sizeof(buf))) > 0) reply.append(buf, static_cast<size_t>(n));
  REQUIRE(reply.size() > 5);
  CHECK(reply[0] == 'E');
  auto fields = ErrorFields(reply.substr(5));
  CHECK(fields['S'] == "FATAL");
  CHECK(fields['C'] == "08P01");
  CHECK(fields['M'] == "received unencrypted data after SSL request");
  CHECK(fields['D'] ==
        "This could be either a client-software bug or evidence of an attempted man-in-the-middle attack.");
}

TEST_CASE("client certificates: one signed by ssl_ca_file is accepted, one from another CA is refused" *
          doctest::skip(IsExternal())) {
  lumadb::testing::TempDir certs;
  MakeClientCertificate(certs.path(), "trusted_ca", "alice");
  MakeClientCertificate(certs.path(), "other_ca", "mallory");
  ServerProcess server({"ssl_ca_file=" + (certs.path() / "trusted_ca.crt").string()});
  const std::string d = certs.path().string() + "/";

  Conn alice = Connect(Base(server) + " sslmode=require sslcert=" + d + "alice.crt sslkey=" + d + "alice.key");
  REQUIRE_MESSAGE(Ok(alice), PQerrorMessage(alice.get()));
  CHECK(PQsslInUse(alice.get()) == 1);
  CHECK(Value(alice, "SELECT 'alice in'") == "alice in");
  // pg_stat_ssl: the handshake's protocol and cipher, the certificate's subject, serial and issuer.
  CHECK(Value(alice,
              "SELECT ssl::text || ' ' || version || ' ' || (bits >= 128)::text || ' ' || (cipher <> '')::text || ' ' "
              "|| client_dn || ' ' || issuer_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()") ==
        "true TLSv1.3 true true CN=alice CN=trusted_ca");
  const std::string serial_hex = Shell("openssl x509 -noout -serial -in " + d + "alice.crt | cut -d= -f2");
  const std::string serial =
      Shell("python3 -c 'print(int(\"" + serial_hex.substr(0, serial_hex.find('\n')) + "\", 16))'");
  CHECK(Value(alice, "SELECT client_serial FROM pg_stat_ssl WHERE pid = pg_backend_pid()") + "\n" == serial);
  Conn plain = Connect(Base(server) + " sslmode=disable");
  REQUIRE(Ok(plain));
  CHECK(Value(plain,
              "SELECT ssl::text || coalesce(version, '-') || coalesce(client_dn, '-') FROM pg_stat_ssl WHERE pid = "
              "pg_backend_pid()") == "false--");
  CHECK(Value(plain, "SELECT count(*) FROM pg_stat_ssl") == "2");

  Conn mallory = Connect(Base(server) + " sslmode=require sslcert=" + d + "mallory.crt sslkey=" + d + "mallory.key");
  CHECK_FALSE(Ok(mallory));
  CHECK(std::string(PQerrorMessage(mallory.get())).find("SSL error: tlsv1 alert unknown ca") != std::string::npos);
  CHECK(LogShows(server, "LOG:  could not accept SSL connection: certificate verify failed"));

  // Without a certificate the handshake still succeeds: pg_hba.conf decides (no FAIL_IF_NO_PEER_CERT).
  Conn anonymous = Connect(Base(server) + " sslmode=require sslcert=" + d + "none.crt");
  CHECK_MESSAGE(Ok(anonymous), PQerrorMessage(anonymous.get()));
  CHECK(Value(anonymous,
              "SELECT ssl::text || coalesce(client_dn, '-') || coalesce(client_serial::text, '-') FROM pg_stat_ssl "
              "WHERE pid = pg_backend_pid()") == "true--");
}

// A server whose superuser has `password` (SCRAM verifier), with pg_hba.conf replaced by `hba` and reloaded.
std::unique_ptr<ServerProcess> ScramServer(const fs::path& pw_dir, const std::string& password,
                                           std::vector<std::string> settings = {}) {
  const fs::path pwfile = pw_dir / "pwfile";
  Shell("printf '%s\\n' '" + password + "' > " + pwfile.string());
  return std::make_unique<ServerProcess>(std::move(settings),
                                         std::vector<std::string>{"-A", "scram-sha-256", "--pwfile", pwfile.string()});
}

void ReplaceHba(const ServerProcess& server, const std::string& hba) {
  Shell("printf '" + hba + "' > " + (server.data_dir() / "pg_hba.conf").string());
  server.Signal(SIGHUP);
  REQUIRE(LogShows(server, "received SIGHUP, reloading configuration files"));
}

TEST_CASE("SCRAM-SHA-256-PLUS over TLS: channel_binding=require binds to init's certificate" *
          doctest::skip(IsExternal())) {
  lumadb::testing::TempDir dir;
  auto server = ScramServer(dir.path(), "s3cret");
  const std::string crt = (server->data_dir() / "server.crt").string();
  Conn bound = Connect(Base(*server, "localhost") + " password=s3cret sslmode=verify-full sslrootcert=" + crt +
                       " channel_binding=require");
  REQUIRE_MESSAGE(Ok(bound), PQerrorMessage(bound.get()));
  CHECK(PQsslInUse(bound.get()) == 1);
  CHECK(Value(bound, "SELECT current_user") == "postgres");
  // Without TLS the server offers no -PLUS mechanism, so libpq refuses channel_binding=require.
  Conn plain = Connect(Base(*server) + " password=s3cret sslmode=disable channel_binding=require");
  CHECK_FALSE(Ok(plain));
  CHECK(std::string(PQerrorMessage(plain.get())).find("channel binding") != std::string::npos);
  Conn wrong = Connect(Base(*server) + " password=nope sslmode=require channel_binding=require");
  CHECK_FALSE(Ok(wrong));
  CHECK(std::string(PQerrorMessage(wrong.get())).find("password authentication failed for user \"postgres\"") !=
        std::string::npos);
}

TEST_CASE("pg_hba.conf hostssl and hostnossl lines choose by encryption" * doctest::skip(IsExternal())) {
  lumadb::testing::TempDir dir;
  auto server = ScramServer(dir.path(), "s3cret");
  ReplaceHba(*server, "hostssl all all 127.0.0.1/32 trust\\nhostnossl all all 127.0.0.1/32 reject\\n");
  Conn tls = Connect(Base(*server) + " sslmode=require");
  REQUIRE_MESSAGE(Ok(tls), PQerrorMessage(tls.get()));
  Conn plain = Connect(Base(*server) + " sslmode=disable");
  CHECK_FALSE(Ok(plain));
  CHECK(std::string(PQerrorMessage(plain.get()))
            .find("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"postgres\", database "
                  "\"postgres\", no encryption") != std::string::npos);
}

TEST_CASE("cert authentication: the client certificate's CN must be the user" * doctest::skip(IsExternal())) {
  lumadb::testing::TempDir certs;
  MakeClientCertificate(certs.path(), "trusted_ca", "postgres");
  MakeClientCertificate(certs.path(), "trusted_ca2", "alice");
  // alice's certificate must verify too, so both CAs are trusted; only the CN differs.
  Shell("cat " + (certs.path() / "trusted_ca.crt").string() + " " + (certs.path() / "trusted_ca2.crt").string() +
        " > " + (certs.path() / "cas.crt").string());
  lumadb::testing::TempDir dir;
  auto server = ScramServer(dir.path(), "s3cret", {"ssl_ca_file=" + (certs.path() / "cas.crt").string()});
  ReplaceHba(*server, "hostssl all all 127.0.0.1/32 cert\\n");
  const std::string d = certs.path().string() + "/";
  Conn good = Connect(Base(*server) + " sslmode=require sslcert=" + d + "postgres.crt sslkey=" + d + "postgres.key");
  REQUIRE_MESSAGE(Ok(good), PQerrorMessage(good.get()));
  CHECK(Value(good, "SELECT 'by certificate'") == "by certificate");
  Conn other = Connect(Base(*server) + " sslmode=require sslcert=" + d + "alice.crt sslkey=" + d + "alice.key");
  CHECK_FALSE(Ok(other));
  CHECK(std::string(PQerrorMessage(other.get())).find("certificate authentication failed for user \"postgres\"") !=
        std::string::npos);
}

TEST_CASE("a bad certificate file stops the start with PostgreSQL's message" * doctest::skip(IsExternal())) {
  try {
    ServerProcess server({"ssl_cert_file=missing.crt"});
    FAIL("the server started");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("could not load server certificate file \"missing.crt\": No such file or "
                                     "directory") != std::string::npos);
  }
}

TEST_CASE("Unix-domain socket in the data directory: psql -h DATADIR, no SSL, files removed at shutdown" *
          doctest::skip(IsExternal())) {
  ServerProcess server({"log_connections=on"});
  const int port = server.endpoint().port;
  const fs::path socket = server.data_dir() / (".s.PGSQL." + std::to_string(port));
  CHECK(fs::is_socket(socket));
  CHECK(fs::exists(socket.string() + ".lock"));
  CHECK((fs::status(socket).permissions() & fs::perms::all) == fs::perms::all);  // unix_socket_permissions 0777

  const std::string psql = "/usr/lib/postgresql/15/bin/psql";
  CHECK(Shell(psql + " -X -A -t -h " + server.data_dir().string() + " -p " + std::to_string(port) +
              " -U postgres -d postgres -c \"SELECT 'over the socket'\"") == "over the socket\n");
  CHECK(LogShows(server, "connection received: host=[local]"));

  Conn local = Connect("host=" + server.data_dir().string() + " port=" + std::to_string(port) +
                       " user=postgres dbname=postgres sslmode=prefer");
  REQUIRE(Ok(local));
  CHECK(PQsslInUse(local.get()) == 0);  // PostgreSQL answers 'N' to SSLRequest on a Unix socket
  local.reset();

  // A crash leaves both files behind; the next start replaces them.
  server.Kill();
  CHECK(fs::exists(socket.string() + ".lock"));
  server.Start();
  const fs::path socket2 = server.data_dir() / (".s.PGSQL." + std::to_string(server.endpoint().port));
  Conn again = Connect("host=" + server.data_dir().string() + " port=" + std::to_string(server.endpoint().port) +
                       " user=postgres dbname=postgres");
  CHECK_MESSAGE(Ok(again), PQerrorMessage(again.get()));
  again.reset();
  CHECK(server.Stop() == 0);
  CHECK_FALSE(fs::exists(socket2));
  CHECK_FALSE(fs::exists(socket2.string() + ".lock"));
}

TEST_CASE("peer authentication on the Unix socket: the client's OS user must be the role" *
          doctest::skip(IsExternal())) {
  ServerProcess server;
  const std::string os_user = ::getpwuid(::geteuid())->pw_name;
  const std::string other = os_user == "postgres" ? "someone_else" : "postgres";
  Conn admin = Connect(Base(server) + " sslmode=disable");
  REQUIRE(Ok(admin));
  if (os_user != "postgres") CHECK(Value(admin, "CREATE ROLE \"" + os_user + "\" LOGIN; SELECT 1") == "1");
  if (other != "postgres") CHECK(Value(admin, "CREATE ROLE " + other + " LOGIN; SELECT 1") == "1");
  ReplaceHba(server, "local all all peer\\nhost all all 127.0.0.1/32 trust\\n");
  const std::string psql = "/usr/lib/postgresql/15/bin/psql -X -A -t -h " + server.data_dir().string() + " -p " +
                           std::to_string(server.endpoint().port) + " -d postgres";
  CHECK(Shell(psql + " -U " + os_user + " -c 'SELECT current_user'") == os_user + "\n");
  const std::string refused = Shell(psql + " -U " + other + " -c 'SELECT 1'", false);
  CHECK(refused.find("FATAL:  Peer authentication failed for user \"" + other + "\"") != std::string::npos);
}

TEST_CASE("unix_socket_directories = '' listens on TCP only" * doctest::skip(IsExternal())) {
  ServerProcess server({"unix_socket_directories="});
  CHECK(server.Log().find("listening on Unix socket") == std::string::npos);
  CHECK_FALSE(fs::exists(server.data_dir() / (".s.PGSQL." + std::to_string(server.endpoint().port))));
}

TEST_CASE("a socket path over 107 bytes: logged; with no other socket directory the start fails" *
          doctest::skip(IsExternal())) {
  const std::string deep = "/tmp/" + std::string(110, 'd');
  try {
    ServerProcess server({"unix_socket_directories=" + deep});
    FAIL("the server started");
  } catch (const std::runtime_error& e) {
    const std::string log = e.what();
    CHECK(log.find("Unix-domain socket path \"" + deep + "/.s.PGSQL.") != std::string::npos);
    CHECK(log.find("is too long (maximum 107 bytes)") != std::string::npos);
    CHECK(log.find("could not create any Unix-domain sockets") != std::string::npos);
  }
}

}  // namespace
}  // namespace lumadb::integration

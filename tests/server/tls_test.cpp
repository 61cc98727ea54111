// The TLS pieces that need no network: the certificate `lumadb init` writes (parsed back with OpenSSL),
// TlsContext::Load's start-up checks in PostgreSQL's wording, and the ssl / Unix-socket settings.
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <doctest/doctest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "server/self_signed_cert.h"
#include "server/settings.h"
#include "server/tls_context.h"
#include "server/unix_socket_file.h"
#include "support/error_of.h"
#include "support/temp_dir.h"

using namespace lumadb;
using namespace lumadb::server;
using lumadb::testing::ErrorOf;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<X509, decltype(&X509_free)> ReadCertificate(const fs::path& file) {
  FILE* f = std::fopen(file.c_str(), "r");
  REQUIRE(f != nullptr);
  X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  REQUIRE(cert != nullptr);
  return {cert, X509_free};
}

std::string CommonName(X509* cert) {
  char cn[256] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof(cn));
  return cn;
}

std::string LoadError(const Settings& settings, const fs::path& dir) {
  try {
    TlsContext::Load(settings, dir);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("init's certificate: CN and subjectAltName localhost/127.0.0.1, ten years, key 0600") {
  lumadb::testing::TempDir dir;
  WriteSelfSignedCertificate(dir.path() / "server.crt", dir.path() / "server.key");
  CHECK((fs::status(dir.path() / "server.key").permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  auto cert = ReadCertificate(dir.path() / "server.crt");
  CHECK(CommonName(cert.get()) == "localhost");
  CHECK(X509_check_host(cert.get(), "localhost", 0, 0, nullptr) == 1);
  CHECK(X509_check_ip_asc(cert.get(), "127.0.0.1", 0) == 1);
  CHECK(X509_check_host(cert.get(), "example.com", 0, 0, nullptr) == 0);
  CHECK(X509_cmp_time(X509_get0_notBefore(cert.get()), nullptr) < 0);  // already valid
  std::time_t in_nine_years = std::time(nullptr) + 9L * 365 * 86400;
  std::time_t in_eleven_years = std::time(nullptr) + 11L * 365 * 86400;
  CHECK(X509_cmp_time(X509_get0_notAfter(cert.get()), &in_nine_years) > 0);
  CHECK(X509_cmp_time(X509_get0_notAfter(cert.get()), &in_eleven_years) < 0);
  // Self-signed: it verifies with its own key, which is what sslrootcert=server.crt relies on.
  CHECK(X509_verify(cert.get(), X509_get0_pubkey(cert.get())) == 1);
  CHECK(X509_check_issued(cert.get(), cert.get()) == X509_V_OK);
  // Never overwrites: a second init into the same files fails.
  CHECK_THROWS_AS(WriteSelfSignedCertificate(dir.path() / "server.crt", dir.path() / "server.key"), std::runtime_error);
}

TEST_CASE("TlsContext::Load accepts init's files and refuses what PostgreSQL refuses") {
  lumadb::testing::TempDir dir;
  Settings settings;
  SUBCASE("no certificate files at the default names: plaintext only, no error") {
    CHECK(TlsContext::Load(settings, dir.path()) == nullptr);
  }
  WriteSelfSignedCertificate(dir.path() / "server.crt", dir.path() / "server.key");
  SUBCASE("the generated pair loads") {
    CHECK(TlsContext::Load(settings, dir.path()) != nullptr);
  }
  SUBCASE("ssl = off") {
    settings.SetDefault("ssl", "off", SettingSource::kServerStart);
    CHECK(TlsContext::Load(settings, dir.path()) == nullptr);
  }
  SUBCASE("a missing certificate named in the settings stops the start") {
    settings.SetDefault("ssl_cert_file", "missing.crt", SettingSource::kServerStart);
    CHECK(LoadError(settings, dir.path()) ==
          "could not load server certificate file \"missing.crt\": No such file or directory");
  }
  SUBCASE("a key readable by the group stops the start") {
    fs::permissions(dir.path() / "server.key", fs::perms::group_read, fs::perm_options::add);
    CHECK(LoadError(settings, dir.path()).rfind("private key file \"server.key\" has group or world access", 0) == 0);
  }
  SUBCASE("a key that is not the certificate's") {
    lumadb::testing::TempDir other;
    WriteSelfSignedCertificate(other.path() / "server.crt", other.path() / "server.key");
    settings.SetDefault("ssl_key_file", (other.path() / "server.key").string(), SettingSource::kServerStart);
    CHECK(LoadError(settings, dir.path()).rfind("could not load private key file", 0) == 0);
  }
  SUBCASE("ssl_ca_file that does not exist") {
    settings.SetDefault("ssl_ca_file", "root.crt", SettingSource::kServerStart);
    CHECK(LoadError(settings, dir.path()) ==
          "could not load root certificate file \"root.crt\": No such file or directory");
  }
  SUBCASE("ssl_ciphers that name no cipher") {
    settings.SetDefault("ssl_ciphers", "NO-SUCH-CIPHER", SettingSource::kServerStart);
    CHECK(LoadError(settings, dir.path()) == "could not set the cipher list (no valid ciphers available)");
  }
  SUBCASE("ssl_ca_file loads (any PEM certificate, here the server's own)") {
    settings.SetDefault("ssl_ca_file", "server.crt", SettingSource::kServerStart);
    CHECK(TlsContext::Load(settings, dir.path()) != nullptr);
  }
}

TEST_CASE("ssl settings: PostgreSQL 15's defaults, contexts and spellings") {
  Settings s;
  CHECK(s.Show("ssl") == "on");
  CHECK(s.Show("ssl_cert_file") == "server.crt");
  CHECK(s.Show("ssl_key_file") == "server.key");
  CHECK(s.Show("ssl_ca_file").empty());
  CHECK(s.Show("ssl_min_protocol_version") == "TLSv1.2");
  CHECK(s.Show("ssl_ciphers") == "HIGH:MEDIUM:+3DES:!aNULL");
  CHECK(s.Show("ssl_prefer_server_ciphers") == "on");
  CHECK(s.Show("ssl_library") == "OpenSSL");
  CHECK(s.Show("unix_socket_permissions") == "0777");
  CHECK(ErrorOf([&] { s.Set("ssl", {"off"}, false); }) ==
        std::pair<std::string, std::string>{"55P02", "parameter \"ssl\" cannot be changed now"});
  CHECK(ErrorOf([&] { s.Set("ssl_min_protocol_version", {"x"}, false); }).second ==
        "parameter \"ssl_min_protocol_version\" cannot be changed now");
  CHECK(ErrorOf([&] { s.Set("unix_socket_permissions", {"0700"}, false); }).second ==
        "parameter \"unix_socket_permissions\" cannot be changed without restarting the server");
  s.SetDefault("ssl_min_protocol_version", "tlsv1.3", SettingSource::kServerStart);
  CHECK(s.Show("ssl_min_protocol_version") == "TLSv1.3");
  CHECK(ErrorOf([&] { s.SetDefault("ssl_min_protocol_version", "SSLv3", SettingSource::kServerStart); }).second ==
        "invalid value for parameter \"ssl_min_protocol_version\": \"SSLv3\"");
  s.SetDefault("unix_socket_permissions", "0770", SettingSource::kServerStart);  // octal, as parse_int
  CHECK(s.GetInt("unix_socket_permissions") == 0770);
  CHECK(s.Show("unix_socket_permissions") == "0770");
  s.SetDefault("unix_socket_permissions", "0x1ff", SettingSource::kServerStart);
  CHECK(s.Show("unix_socket_permissions") == "0777");
  CHECK(ErrorOf([&] { s.SetDefault("unix_socket_permissions", "01000", SettingSource::kServerStart); }).second ==
        "512 is outside the valid range for parameter \"unix_socket_permissions\" (0 .. 511)");
}

TEST_CASE("unix_socket_directories: relative to the data directory, quoted items, empty disables") {
  fs::path data = "/srv/data";
  CHECK(UnixSocketDirectories("", data).empty());
  CHECK(UnixSocketDirectories(".", data) == std::vector<fs::path>{"/srv/data"});
  CHECK(UnixSocketDirectories("/tmp, sock ,\"/My Dir\"", data) ==
        std::vector<fs::path>{"/tmp", "/srv/data/sock", "/My Dir"});
}

TEST_CASE("the socket lock file: a stale socket file is replaced, a live server's lock refuses") {
  lumadb::testing::TempDir dir;
  {
    std::FILE* stale = std::fopen((dir.path() / ".s.PGSQL.5999").c_str(), "w");
    std::fclose(stale);
  }
  {
    UnixSocketFile file(dir.path(), 5999);
    CHECK(file.path() == dir.path() / ".s.PGSQL.5999");
    CHECK_FALSE(fs::exists(file.path()));  // the crash leftover is gone, ready for bind
    CHECK(fs::exists(dir.path() / ".s.PGSQL.5999.lock"));
    try {
      UnixSocketFile second(dir.path(), 5999);
      FAIL("a second claim succeeded");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()).find("already exists") != std::string::npos);
    }
  }
  CHECK_FALSE(fs::exists(dir.path() / ".s.PGSQL.5999.lock"));
}

// SocketTransport's TLS upgrade over a socketpair, with OpenSSL as the client on another thread: the data
// goes through, the channel-binding hash is the SHA-256 of the server certificate, the client certificate's
// CN is seen, and plaintext sent before the handshake is counted (the session turns it into 08P01).
#include <unistd.h>

#include <cstdio>
#include <string>
#include <thread>

#include <doctest/doctest.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "server/self_signed_cert.h"
#include "server/settings.h"
#include "server/socket_transport.h"
#include "server/tls_context.h"
#include "support/temp_dir.h"
#include <sys/socket.h>

using namespace lumadb::server;
namespace fs = std::filesystem;

namespace {

std::string Sha256Of(const fs::path& cert_file) {
  FILE* f = std::fopen(cert_file.c_str(), "r");
  REQUIRE(f != nullptr);
  X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  X509_digest(cert, EVP_sha256(), hash, &len);
  X509_free(cert);
  return std::string(reinterpret_cast<const char*>(hash), len);
}

// The client side: `plaintext` first (as a client pipelining after SSLRequest would), then, after the
// server's 'S', a handshake with `dir`/client.crt, "ping" out and 4 bytes back.
void RunClient(int fd, const fs::path& dir, const std::string& plaintext, std::string& reply) {
  if (!plaintext.empty()) ::send(fd, plaintext.data(), plaintext.size(), MSG_NOSIGNAL);
  char answer = 0;
  if (::recv(fd, &answer, 1, 0) != 1 || answer != 'S') return;
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_use_certificate_file(ctx, (dir / "client.crt").c_str(), SSL_FILETYPE_PEM);
  SSL_CTX_use_PrivateKey_file(ctx, (dir / "client.key").c_str(), SSL_FILETYPE_PEM);
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  if (SSL_connect(ssl) == 1 && SSL_write(ssl, "ping", 4) == 4) {
    char buf[4];
    if (SSL_read(ssl, buf, 4) == 4) reply.assign(buf, 4);
  }
  SSL_free(ssl);
  SSL_CTX_free(ctx);
}

}  // namespace

TEST_CASE("SocketTransport::StartTls: data, tls-server-end-point, client CN, plaintext before it counted") {
  lumadb::testing::TempDir dir;
  WriteSelfSignedCertificate(dir.path() / "server.crt", dir.path() / "server.key");
  WriteSelfSignedCertificate(dir.path() / "client.crt", dir.path() / "client.key");  // CN localhost
  Settings settings;
  settings.SetDefault("ssl_ca_file", "client.crt", SettingSource::kServerStart);  // self-signed: its own CA
  auto context = TlsContext::Load(settings, dir.path());
  REQUIRE(context != nullptr);

  std::string plaintext;
  SUBCASE("a clean handshake") {}
  SUBCASE("plaintext pipelined before the handshake") {
    plaintext = "junk";
  }
  int sv[2];
  REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  std::string reply;
  std::thread client([&] { RunClient(sv[1], dir.path(), plaintext, reply); });
  {
    SocketTransport transport(sv[0], context.get());
    CHECK(transport.TlsAvailable());
    CHECK_FALSE(transport.IsTls());
    if (!plaintext.empty()) {
      char first[1];
      REQUIRE(transport.ReadExact(first, 1));  // the rest of "junk" is now buffered, unencrypted
    }
    transport.Write("S", 1);
    CHECK(transport.StartTls() == (plaintext.empty() ? 0 : plaintext.size() - 1));
    CHECK(transport.IsTls());
    CHECK_FALSE(transport.TlsAvailable());
    char ping[4];
    REQUIRE(transport.ReadExact(ping, 4));
    CHECK(std::string(ping, 4) == "ping");
    transport.Write("pong", 4);
    transport.Flush();
    CHECK(transport.TlsServerEndPoint() == Sha256Of(dir.path() / "server.crt"));
    CHECK(transport.PeerCertificateCommonName() == "localhost");
    REQUIRE(transport.Tls());
    CHECK(transport.Tls()->version == "TLSv1.3");
    CHECK(transport.Tls()->bits >= 128);
    CHECK(transport.Tls()->client_dn == "CN=localhost");
    CHECK(transport.Tls()->issuer_dn == "CN=localhost");  // self-signed
    CHECK_FALSE(transport.Tls()->client_serial.empty());
    client.join();
  }
  CHECK(reply == "pong");
  ::close(sv[1]);
}

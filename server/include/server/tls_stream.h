#pragma once
// TlsStream: the server side of one TLS connection, Asio's ssl::stream over the client's TCP socket used
// synchronously on the session's thread (be-secure-openssl.c be_tls_open_server / be_tls_read /
// be_tls_write). The only Asio SSL translation unit; callers see no Asio.

#include <cstddef>
#include <memory>
#include <string>

#include "pgwire/transport.h"
#include "server/tls_context.h"

namespace lumadb::server {

class TlsStream {
 public:
  /// Runs the handshake on the connected socket `fd` (not taken over: Asio works on a dup, and
  /// shutdown(SHUT_RD) on either descriptor still wakes a blocked read). Throws pgwire::StartupRejected
  /// ("could not accept SSL connection: <reason>") when it fails, e.g. an untrusted client certificate.
  TlsStream(int fd, const TlsContext& context);
  ~TlsStream();
  TlsStream(const TlsStream&) = delete;
  TlsStream& operator=(const TlsStream&) = delete;

  /// Reads up to n decrypted bytes, blocking; 0 when the peer closed, the connection broke or the
  /// reader was woken for shutdown.
  size_t ReadSome(void* buf, size_t n);
  /// Encrypts and sends all n bytes. Throws pgwire::ConnectionLost.
  void WriteAll(const void* data, size_t n);

  /// RFC 5929 tls-server-end-point: the server certificate hashed with its signature's digest, SHA-256
  /// in place of MD5 or SHA-1 (be_tls_get_certificate_hash). Raw bytes.
  std::string ServerEndPoint() const;
  /// The negotiated protocol, cipher and its secret bits, and the client certificate's subject, serial and
  /// issuer (empty when the client sent none).
  pgwire::TlsInfo Info() const;
  /// The Common Name of the client certificate the handshake verified against ssl_ca_file; empty when
  /// the client sent none.
  std::string PeerCommonName() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lumadb::server

#pragma once
// TlsContext: the server's one OpenSSL SSL_CTX, built at server start from the ssl* settings as
// PostgreSQL's be_tls_init (be-secure-openssl.c) does: certificate chain and private key (the key file
// must not be group/world accessible), minimum protocol version, ssl_ciphers and
// ssl_prefer_server_ciphers, no compression, no renegotiation, no session resumption, and, when ssl_ca_file is set, a request for a client certificate verified
// against it (SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE: a client without a certificate is still let in,
// pg_hba.conf decides). Pure OpenSSL: the Asio stream (tls_stream.cpp) wraps the SSL_CTX per connection.

#include <filesystem>
#include <memory>

#include "server/settings.h"

struct ssl_ctx_st;

namespace lumadb::server {

class TlsContext {
 public:
  /// The context for `settings` (file names relative to `data_dir`, as PostgreSQL resolves them after
  /// chdir to the data directory). Returns nullptr, after a WARNING, when ssl is off, and also when ssl
  /// is on but neither default file (server.crt, server.key) exists: a data directory initialised before
  /// `lumadb init` wrote them keeps serving plaintext. Throws std::runtime_error in PostgreSQL's wording
  /// ('could not load server certificate file "server.crt": ...', 'private key file "server.key" has
  /// group or world access', 'could not load root certificate file ...', 'check of private key failed',
  /// 'could not set the cipher list (no valid ciphers available)').
  static std::unique_ptr<TlsContext> Load(const Settings& settings, const std::filesystem::path& data_dir);

  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  /// The SSL_CTX; it lives as long as this object.
  ssl_ctx_st* native() const { return ctx_; }

 private:
  explicit TlsContext(ssl_ctx_st* ctx) : ctx_(ctx) {}

  ssl_ctx_st* ctx_;
};

}  // namespace lumadb::server

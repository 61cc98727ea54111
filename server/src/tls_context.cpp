#include "server/tls_context.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "server/log.h"
#include <sys/stat.h>

namespace lumadb::server {

namespace {

namespace fs = std::filesystem;

// SSLerrmessage: the reason of the newest OpenSSL error, or strerror for a system error (a missing file).
std::string OpenSslReason() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "no SSL error reported";
  if (ERR_SYSTEM_ERROR(code)) return std::strerror(static_cast<int>(ERR_GET_REASON(code)));
  const char* reason = ERR_reason_error_string(code);
  return reason != nullptr ? reason : "SSL error code " + std::to_string(code);
}

// ssl_protocol_version_to_openssl; the setting's check hook spells the value canonically.
int ProtocolVersion(const std::string& setting) {
  if (setting == "TLSv1") return TLS1_VERSION;
  if (setting == "TLSv1.1") return TLS1_1_VERSION;
  if (setting == "TLSv1.3") return TLS1_3_VERSION;
  return TLS1_2_VERSION;
}

fs::path Resolve(const fs::path& data_dir, const std::string& name) {
  fs::path p(name);
  return p.is_absolute() ? p : data_dir / p;
}

// check_ssl_key_file_permissions: a key readable by others is refused, as PostgreSQL does.
void CheckKeyFilePermissions(const fs::path& path, const std::string& shown) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    throw std::runtime_error("could not access private key file \"" + shown + "\": " + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) throw std::runtime_error("private key file \"" + shown + "\" is not a regular file");
  if (st.st_uid != ::geteuid() && st.st_uid != 0) {
    throw std::runtime_error("private key file \"" + shown + "\" must be owned by the database user or root");
  }
  mode_t forbidden = st.st_uid == ::geteuid() ? (S_IRWXG | S_IRWXO) : (S_IWGRP | S_IXGRP | S_IRWXO);
  if ((st.st_mode & forbidden) != 0) {
    throw std::runtime_error("private key file \"" + shown +
                             "\" has group or world access\nDETAIL:  File must have permissions u=rw (0600) or "
                             "less if owned by the database user, or permissions u=rw,g=r (0640) or less if "
                             "owned by root.");
  }
}

// Certificate, key, protocol floor, ciphers and options; throws with the failing step's PostgreSQL message.
void Configure(SSL_CTX* ctx, const Settings& settings, const fs::path& data_dir) {
  const std::string& cert = settings.Get("ssl_cert_file");
  const std::string& key = settings.Get("ssl_key_file");
  if (SSL_CTX_use_certificate_chain_file(ctx, Resolve(data_dir, cert).c_str()) != 1) {
    throw std::runtime_error("could not load server certificate file \"" + cert + "\": " + OpenSslReason());
  }
  CheckKeyFilePermissions(Resolve(data_dir, key), key);
  if (SSL_CTX_use_PrivateKey_file(ctx, Resolve(data_dir, key).c_str(), SSL_FILETYPE_PEM) != 1) {
    throw std::runtime_error("could not load private key file \"" + key + "\": " + OpenSslReason());
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    throw std::runtime_error("check of private key failed: " + OpenSslReason());
  }
  SSL_CTX_set_min_proto_version(ctx, ProtocolVersion(settings.Get("ssl_min_protocol_version")));
  // be_tls_init: no compression (CRIME), no client renegotiation, no session cache or tickets.
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_TICKET);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  if (settings.GetBool("ssl_prefer_server_ciphers")) SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
  // ssl_ciphers governs TLS 1.2 and below; TLS 1.3 suites stay OpenSSL's, as in PostgreSQL 15.
  if (SSL_CTX_set_cipher_list(ctx, settings.Get("ssl_ciphers").c_str()) != 1) {
    throw std::runtime_error("could not set the cipher list (no valid ciphers available)");
  }
}

// ssl_ca_file: ask for a client certificate and verify it against these CAs; none at all is let through.
void ConfigureClientCertificates(SSL_CTX* ctx, const Settings& settings, const fs::path& data_dir) {
  const std::string& ca = settings.Get("ssl_ca_file");
  if (ca.empty()) return;
  std::string ca_path = Resolve(data_dir, ca).string();
  STACK_OF(X509_NAME)* names = nullptr;
  if (SSL_CTX_load_verify_locations(ctx, ca_path.c_str(), nullptr) != 1 ||
      (names = SSL_load_client_CA_file(ca_path.c_str())) == nullptr) {
    throw std::runtime_error("could not load root certificate file \"" + ca + "\": " + OpenSslReason());
  }
  SSL_CTX_set_client_CA_list(ctx, names);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE, nullptr);
}

}  // namespace

std::unique_ptr<TlsContext> TlsContext::Load(const Settings& settings, const fs::path& data_dir) {
  if (!settings.GetBool("ssl")) {
    LogServer("WARNING", "SSL is off: connections and passwords travel unencrypted");
    return nullptr;
  }
  if (settings.Get("ssl_cert_file") == "server.crt" && settings.Get("ssl_key_file") == "server.key" &&
      !fs::exists(data_dir / "server.crt") && !fs::exists(data_dir / "server.key")) {
    LogServer("WARNING",
              "SSL is disabled: the data directory has no server.crt and server.key (it was initialised "
              "before lumadb init wrote them); connections are plaintext only");
    return nullptr;
  }
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (ctx == nullptr) throw std::runtime_error("could not create SSL context: " + OpenSslReason());
  std::unique_ptr<TlsContext> context(new TlsContext(ctx));
  Configure(ctx, settings, data_dir);
  ConfigureClientCertificates(ctx, settings, data_dir);
  return context;
}

TlsContext::~TlsContext() {
  SSL_CTX_free(ctx_);
}

}  // namespace lumadb::server

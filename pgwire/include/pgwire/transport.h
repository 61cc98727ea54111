#pragma once
// Transport: the byte stream between the server and one client. The protocol code (startup, message
// framing, the session loop) talks only to this interface, so it is tested without sockets through
// MemoryTransport (hyrise's mock socket idea, architecture-anchors §3.9). A transport may be upgraded to TLS
// in place after SSLRequest (StartTls), so the session and its BackendWriter keep the same object.

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>

namespace lumadb::pgwire {

/// Thrown when the peer is gone while we write (broken pipe, reset). The session ends quietly, as
/// PostgreSQL's backend does when the client disappears; it is not a DbError because nothing can be reported.
class ConnectionLost : public std::runtime_error {
 public:
  explicit ConnectionLost(const std::string& what) : std::runtime_error(what) {}
};

/// What a TLS connection negotiated, as pg_stat_ssl shows it (be-secure-openssl.c be_tls_get_*).
struct TlsInfo {
  std::string version;        // "TLSv1.3"
  std::string cipher;         // "TLS_AES_256_GCM_SHA384"
  int bits = 0;               // the cipher's secret bits
  std::string client_dn;      // the client certificate's subject, RFC 2253 ("CN=alice"); empty: none
  std::string client_serial;  // its serial number in decimal; empty: no certificate
  std::string issuer_dn;      // its issuer, RFC 2253; empty: no certificate
};

/// A blocking, buffered byte stream to one client.
class Transport {
 public:
  virtual ~Transport() = default;

  /// Reads exactly n bytes into buf, blocking. Returns false when the peer closed the stream (or the
  /// read was interrupted by shutdown) before all n bytes arrived.
  virtual bool ReadExact(void* buf, size_t n) = 0;

  /// Queues n bytes for the client; they may stay buffered until Flush. Throws ConnectionLost.
  virtual void Write(const void* data, size_t n) = 0;

  /// Sends everything queued. Throws ConnectionLost.
  virtual void Flush() = 0;

  /// Whether SSLRequest may be answered 'S': TLS is configured and this is a TCP connection (PostgreSQL
  /// answers 'N' on a Unix-domain socket and with ssl=off).
  virtual bool TlsAvailable() const { return false; }

  /// Runs the server side of the TLS handshake after 'S' was sent; every later read and write is
  /// encrypted. Returns how many plaintext bytes had already arrived after the SSLRequest (they are
  /// dropped: the caller must end the connection, CVE-2021-23214). Throws StartupRejected ("could not
  /// accept SSL connection: <OpenSSL's reason>", logged only, as PostgreSQL's COMMERROR) when it fails.
  virtual size_t StartTls() { throw std::logic_error("TLS is not available on this transport"); }

  /// True once a TLS handshake has succeeded on this stream (pg_hba.conf hostssl/hostnossl).
  virtual bool IsTls() const { return false; }

  /// The tls-server-end-point channel-binding data (RFC 5929 §4.1): the hash of the server's
  /// certificate with its signature's digest (SHA-256 for MD5/SHA-1). Empty without TLS.
  virtual std::string TlsServerEndPoint() const { return {}; }

  /// The negotiated protocol, cipher and client certificate (log_connections, pg_stat_ssl); nullopt
  /// without TLS.
  virtual std::optional<TlsInfo> Tls() const { return std::nullopt; }

  /// The Common Name of the client certificate the TLS handshake verified; empty when the client
  /// sent none (or without TLS). `cert` authentication compares it with the user name.
  virtual std::string PeerCertificateCommonName() const { return {}; }
};

/// An in-memory Transport for tests: reads come from Feed()'s bytes, flushed writes collect in Output().
class MemoryTransport : public Transport {
 public:
  /// Appends bytes the "client" sends.
  void Feed(const std::string& bytes) { input_ += bytes; }
  /// Everything flushed so far.
  const std::string& Output() const { return output_; }
  /// Bytes written but not yet flushed.
  const std::string& Pending() const { return pending_; }
  /// Forgets the flushed output (to look at the next reply alone).
  void ClearOutput() { output_.clear(); }

  bool ReadExact(void* buf, size_t n) override;
  void Write(const void* data, size_t n) override { pending_.append(static_cast<const char*>(data), n); }
  void Flush() override;

 private:
  std::string input_;
  size_t read_pos_ = 0;
  std::string pending_;
  std::string output_;
};

}  // namespace lumadb::pgwire

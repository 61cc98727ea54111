#include "server/tls_stream.h"

#include <unistd.h>

#include <boost/asio/ssl.hpp>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "asio.h"
#include "pgwire/startup.h"
#include "pgwire/transport.h"
#include <sys/socket.h>

namespace lumadb::server {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

// Asio's ssl::context frees its SSL_CTX, so each stream wraps the shared one with a reference of its own.
SSL_CTX* SharedReference(const TlsContext& context) {
  SSL_CTX_up_ref(context.native());
  return context.native();
}

// A failed version negotiation (be_tls_open_server's give_proto_hint list).
bool IsVersionMismatch(unsigned long code) {
  switch (ERR_GET_REASON(code)) {
    case SSL_R_NO_PROTOCOLS_AVAILABLE:
    case SSL_R_UNSUPPORTED_PROTOCOL:
    case SSL_R_BAD_PROTOCOL_VERSION_NUMBER:
    case SSL_R_UNKNOWN_PROTOCOL:
    case SSL_R_UNKNOWN_SSL_VERSION:
    case SSL_R_UNSUPPORTED_SSL_VERSION:
    case SSL_R_WRONG_SSL_VERSION:
    case SSL_R_WRONG_VERSION_NUMBER:
    case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
    case SSL_R_VERSION_TOO_HIGH:
    case SSL_R_VERSION_TOO_LOW:
      return true;
    default:
      return false;
  }
}

std::string VersionName(long version) {
  switch (version) {
    case TLS1_VERSION:
      return "TLSv1";
    case TLS1_1_VERSION:
      return "TLSv1.1";
    case TLS1_3_VERSION:
      return "TLSv1.3";
    default:
      return "TLSv1.2";
  }
}

// be_tls_open_server's reasons: OpenSSL's own ("certificate verify failed"), with PostgreSQL's HINT for
// a version mismatch; "EOF detected" when the client hung up; else the system error.
std::string HandshakeError(const boost::system::error_code& ec, const TlsContext& context) {
  if (ec.category() == asio::error::get_ssl_category()) {
    auto code = static_cast<unsigned long>(ec.value());
    const char* reason = ERR_reason_error_string(code);
    if (reason != nullptr && IsVersionMismatch(code)) {
      return std::string(reason) +
             "\nHINT:  This may indicate that the client does not support any SSL protocol version between " +
             VersionName(SSL_CTX_get_min_proto_version(context.native())) + " and TLSv1.3.";
    }
    if (reason != nullptr) return reason;
  }
  if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated) return "EOF detected";
  return ec.message();
}

tcp ProtocolOf(int fd) {
  sockaddr_storage address{};
  socklen_t len = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &len);
  return address.ss_family == AF_INET6 ? tcp::v6() : tcp::v4();
}

}  // namespace

struct TlsStream::Impl {
  Impl(int fd, const TlsContext& context)
      : ssl_context(SharedReference(context)), socket(io), stream(socket, ssl_context) {
    socket.assign(ProtocolOf(fd), ::dup(fd));
  }

  asio::io_context io;  // never run: only synchronous operations
  asio::ssl::context ssl_context;
  tcp::socket socket;
  asio::ssl::stream<tcp::socket&> stream;
};

TlsStream::TlsStream(int fd, const TlsContext& context) : impl_(std::make_unique<Impl>(fd, context)) {
  boost::system::error_code ec;
  impl_->stream.handshake(asio::ssl::stream_base::server, ec);
  if (ec) throw pgwire::StartupRejected("could not accept SSL connection: " + HandshakeError(ec, context));
}

TlsStream::~TlsStream() {
  // be_tls_close sends close_notify without waiting for the peer's. Asio's shutdown would wait, so the
  // receive side is shut first: the wait then ends at once. A peer that is gone changes nothing.
  boost::system::error_code ec;
  ::shutdown(impl_->socket.native_handle(), SHUT_RD);
  impl_->stream.shutdown(ec);
  impl_->socket.close(ec);
}

size_t TlsStream::ReadSome(void* buf, size_t n) {
  // An EOF from the socket (the peer, or the shutdown wake's SHUT_RD) comes back from Asio as an error
  // without reaching OpenSSL, so the connection can still send the FATAL 57P01 that follows a wake.
  boost::system::error_code ec;
  size_t got = impl_->stream.read_some(asio::buffer(buf, n), ec);
  return ec ? 0 : got;
}

void TlsStream::WriteAll(const void* data, size_t n) {
  boost::system::error_code ec;
  asio::write(impl_->stream, asio::buffer(data, n), ec);
  if (ec) throw pgwire::ConnectionLost(ec.message());
}

std::string TlsStream::ServerEndPoint() const {
  X509* cert = SSL_get_certificate(impl_->stream.native_handle());
  int digest_nid = NID_undef;
  if (cert == nullptr || OBJ_find_sigid_algs(X509_get_signature_nid(cert), &digest_nid, nullptr) == 0) return {};
  if (digest_nid == NID_md5 || digest_nid == NID_sha1) digest_nid = NID_sha256;
  const EVP_MD* digest = EVP_get_digestbynid(digest_nid);
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (digest == nullptr || X509_digest(cert, digest, hash, &len) != 1) return {};
  return std::string(reinterpret_cast<const char*>(hash), len);
}

namespace {

// X509_NAME_to_cstring: RFC 2253 without escaping multi-byte characters.
std::string NameText(X509_NAME* name) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) return {};
  X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string text(data, len > 0 ? static_cast<size_t>(len) : 0);
  BIO_free(bio);
  return text;
}

std::string SerialText(X509* cert) {
  BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get_serialNumber(cert), nullptr);
  if (serial == nullptr) return {};
  char* decimal = BN_bn2dec(serial);
  std::string text = decimal != nullptr ? decimal : "";
  OPENSSL_free(decimal);
  BN_free(serial);
  return text;
}

}  // namespace

pgwire::TlsInfo TlsStream::Info() const {
  SSL* ssl = impl_->stream.native_handle();
  pgwire::TlsInfo info;
  info.version = SSL_get_version(ssl);
  info.cipher = SSL_get_cipher_name(ssl);
  info.bits = SSL_get_cipher_bits(ssl, nullptr);
  if (X509* peer = SSL_get0_peer_certificate(ssl)) {
    info.client_dn = NameText(X509_get_subject_name(peer));
    info.client_serial = SerialText(peer);
    info.issuer_dn = NameText(X509_get_issuer_name(peer));
  }
  return info;
}

std::string TlsStream::PeerCommonName() const {
  SSL* ssl = impl_->stream.native_handle();
  X509* peer = SSL_get0_peer_certificate(ssl);
  if (peer == nullptr || SSL_get_verify_result(ssl) != X509_V_OK) return {};
  X509_NAME* subject = X509_get_subject_name(peer);
  int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (index < 0) return {};
  ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
  unsigned char* utf8 = nullptr;
  int len = ASN1_STRING_to_UTF8(&utf8, data);
  if (len < 0) return {};
  std::string cn(reinterpret_cast<const char*>(utf8), static_cast<size_t>(len));
  OPENSSL_free(utf8);
  // A CN with an embedded NUL could pass for a shorter name (be_tls_open_server refuses it too).
  return cn.find('\0') == std::string::npos ? cn : std::string();
}

}  // namespace lumadb::server

#pragma once
// SocketTransport: pgwire::Transport over a connected TCP or Unix-domain socket, with blocking recv/send
// on the session's own thread (architecture-anchors §2.5). Reads are buffered; writes go out on Flush.
// After SSLRequest it can switch to TLS in place (StartTls): reads and writes then go through a
// TlsStream on the same descriptor.

#include <cstddef>
#include <memory>
#include <string>

#include "pgwire/transport.h"
#include "server/tls_context.h"
#include "server/tls_stream.h"

namespace lumadb::server {

class SocketTransport : public pgwire::Transport {
 public:
  /// Takes ownership of the connected socket `fd` (closed by the destructor). `tls` is the server's TLS
  /// context when SSLRequest may be accepted on this socket (TCP with ssl on), else nullptr.
  explicit SocketTransport(int fd, const TlsContext* tls = nullptr) : fd_(fd), tls_context_(tls) {}
  ~SocketTransport() override;
  SocketTransport(const SocketTransport&) = delete;
  SocketTransport& operator=(const SocketTransport&) = delete;

  bool ReadExact(void* buf, size_t n) override;
  void Write(const void* data, size_t n) override;
  /// Sends the queued bytes; throws pgwire::ConnectionLost when the peer is gone.
  void Flush() override;

  bool TlsAvailable() const override { return tls_context_ != nullptr && !tls_; }
  /// The handshake (TlsStream); the plaintext bytes buffered before it are dropped and counted.
  size_t StartTls() override;
  bool IsTls() const override { return tls_ != nullptr; }
  std::string TlsServerEndPoint() const override { return tls_ ? tls_->ServerEndPoint() : std::string(); }
  std::optional<pgwire::TlsInfo> Tls() const override { return tls_ ? std::optional(tls_->Info()) : std::nullopt; }
  std::string PeerCertificateCommonName() const override { return tls_ ? tls_->PeerCommonName() : std::string(); }

  /// Makes a blocked ReadExact return false (shutdown(SHUT_RD)); safe from any thread.
  static void WakeReader(int fd);

 private:
  /// Refills in_ from the socket or the TLS stream; false at EOF.
  bool Fill();

  int fd_;
  const TlsContext* tls_context_;
  std::unique_ptr<TlsStream> tls_;
  std::string in_;     // kept at its full size: resizing it per read zero-filled 8 KiB per message
  size_t in_pos_ = 0;  // next unread byte of in_
  size_t in_end_ = 0;  // end of the bytes the last read delivered
  std::string out_;
};

}  // namespace lumadb::server

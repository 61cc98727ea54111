#include "server/socket_transport.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <sys/socket.h>

namespace lumadb::server {

SocketTransport::~SocketTransport() {
  tls_.reset();  // its close_notify goes out before the descriptor closes
  ::close(fd_);
}

bool SocketTransport::Fill() {
  if (in_.size() < 8192) in_.resize(8192);
  in_pos_ = 0;
  in_end_ = 0;
  while (true) {
    ssize_t got =
        tls_ ? static_cast<ssize_t>(tls_->ReadSome(in_.data(), in_.size())) : ::recv(fd_, in_.data(), in_.size(), 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    in_end_ = static_cast<size_t>(got);
    return true;
  }
}

bool SocketTransport::ReadExact(void* buf, size_t n) {
  auto* dest = static_cast<char*>(buf);
  while (n > 0) {
    if (in_pos_ == in_end_ && !Fill()) return false;
    size_t take = std::min(n, in_end_ - in_pos_);
    std::memcpy(dest, in_.data() + in_pos_, take);
    in_pos_ += take;
    dest += take;
    n -= take;
  }
  return true;
}

void SocketTransport::Write(const void* data, size_t n) {
  out_.append(static_cast<const char*>(data), n);
}

void SocketTransport::Flush() {
  if (tls_) {
    std::string pending = std::move(out_);
    out_.clear();
    tls_->WriteAll(pending.data(), pending.size());
    return;
  }
  size_t sent = 0;
  while (sent < out_.size()) {
    ssize_t r = ::send(fd_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      out_.clear();
      throw pgwire::ConnectionLost(std::strerror(errno));
    }
    sent += static_cast<size_t>(r);
  }
  out_.clear();
}

size_t SocketTransport::StartTls() {
  Flush();
  // The handshake reads the socket itself, so bytes already buffered here were sent in plaintext.
  size_t plaintext = in_end_ - in_pos_;
  in_pos_ = 0;
  in_end_ = 0;
  tls_ = std::make_unique<TlsStream>(fd_, *tls_context_);
  return plaintext;
}

void SocketTransport::WakeReader(int fd) {
  ::shutdown(fd, SHUT_RD);
}

}  // namespace lumadb::server

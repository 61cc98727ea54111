#include "server/socket_transport.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <sys/socket.h>

namespace lumadb::server {

SocketTransport::~SocketTransport() {
  ::close(fd_);
}

bool SocketTransport::ReadExact(void* buf, size_t n) {
  auto* dest = static_cast<char*>(buf);
  while (n > 0) {
    if (in_pos_ == in_.size()) {
      in_.resize(8192);
      in_pos_ = 0;
      ssize_t got = ::recv(fd_, in_.data(), in_.size(), 0);
      if (got < 0 && errno == EINTR) {
        in_.clear();
        continue;
      }
      if (got <= 0) {
        in_.clear();
        return false;
      }
      in_.resize(static_cast<size_t>(got));
    }
    size_t take = std::min(n, in_.size() - in_pos_);
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

void SocketTransport::WakeReader(int fd) {
  ::shutdown(fd, SHUT_RD);
}

}  // namespace lumadb::server

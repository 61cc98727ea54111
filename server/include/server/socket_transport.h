#pragma once
// SocketTransport: pgwire::Transport over a connected TCP socket, with blocking recv/send on the
// session's own thread (architecture-anchors §2.5). Reads are buffered; writes go out on Flush.

#include <cstddef>
#include <string>

#include "pgwire/transport.h"

namespace lumadb::server {

class SocketTransport : public pgwire::Transport {
 public:
  /// Takes ownership of the connected socket `fd` (closed by the destructor).
  explicit SocketTransport(int fd) : fd_(fd) {}
  ~SocketTransport() override;
  SocketTransport(const SocketTransport&) = delete;
  SocketTransport& operator=(const SocketTransport&) = delete;

  bool ReadExact(void* buf, size_t n) override;
  void Write(const void* data, size_t n) override;
  /// Sends the queued bytes; throws pgwire::ConnectionLost when the peer is gone.
  void Flush() override;

  /// Makes a blocked ReadExact return false (shutdown(SHUT_RD)); safe from any thread.
  static void WakeReader(int fd);

 private:
  int fd_;
  std::string in_;
  size_t in_pos_ = 0;
  std::string out_;
};

}  // namespace lumadb::server

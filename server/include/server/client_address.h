#pragma once
// ClientAddress: where a connection comes from, as PostgreSQL's Port (libpq-be.h) keeps it: the
// family (TCP or Unix-domain socket), the remote IP and port, and for a Unix socket the peer's uid
// (SO_PEERCRED). pg_hba.conf matching, `peer` authentication and the connection log lines read it.

#include <cstdint>
#include <optional>
#include <string>

namespace lumadb::server {

/// The remote end of one client connection.
struct ClientAddress {
  /// TCP (host lines of pg_hba.conf) or a Unix-domain socket (local lines).
  enum class Family { kTcp, kUnix };

  Family family = Family::kTcp;
  /// Numeric remote address for TCP ("127.0.0.1", "::1"); empty for a Unix socket.
  std::string ip;
  /// Remote TCP port; 0 for a Unix socket.
  uint16_t port = 0;
  /// The connecting process's uid on a Unix socket (SO_PEERCRED), when the kernel told us.
  std::optional<uint32_t> peer_uid;

  /// The form PostgreSQL's log_connections prints: "host=127.0.0.1 port=5432" or "host=[local]".
  std::string LogForm() const {
    if (family == Family::kUnix) return "host=[local]";
    return "host=" + ip + " port=" + std::to_string(port);
  }
};

}  // namespace lumadb::server

#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "test_server.h"

namespace lumadb::integration {

/// One backend message as framed on the wire: a type byte, then Int32 length (self included), then the body.
struct BackendMessage {
  char type = 0;
  std::string body;
};

/// A bare TCP connection speaking raw protocol-3.0 bytes, for what libpq will not send (garbage startup
/// packets) or will not show (every ParameterStatus, the SQLSTATE of a FATAL during startup).
/// Throws std::runtime_error on socket errors and read timeouts.
class RawConnection {
 public:
  /// Connects to `endpoint` over TCP.
  explicit RawConnection(const Endpoint& endpoint);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  /// Writes all of `bytes`; returns false if the peer already closed the connection.
  bool Send(std::string_view bytes);
  /// Reads one message; nullopt when the peer closed the connection first.
  std::optional<BackendMessage> Read(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// Reads and discards messages until the peer closes; true if that happens within `timeout`.
  bool WaitClosed(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// The socket, for a test that speaks TLS on it after SSLRequest.
  int native_handle() const { return fd_; }

 private:
  /// Reads exactly `n` bytes; false on EOF (or a reset, which is a close too).
  bool ReadExact(char* out, size_t n, std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
};

/// A StartupMessage for protocol 3.0 with the given parameters (user, database, ...).
std::string StartupPacket(const std::vector<std::pair<std::string, std::string>>& params);

/// The fields of an ErrorResponse/NoticeResponse body, keyed by field type ('S', 'V', 'C', 'M', ...).
std::map<char, std::string> ErrorFields(const std::string& body);

/// The startup exchange of one raw connection, up to the first ReadyForQuery or ErrorResponse.
struct StartupResult {
  std::map<std::string, std::string> parameters;  ///< ParameterStatus name -> value
  bool got_auth_ok = false;                       ///< AuthenticationOk ('R', code 0) seen
  bool got_backend_key = false;                   ///< BackendKeyData ('K') seen
  char ready_status = 0;                          ///< ReadyForQuery status byte, 0 if none
  std::map<char, std::string> error;              ///< ErrorResponse fields, empty if none
};

/// Sends a StartupMessage for `user`/`database` plus `extra` parameters (trust auth assumed) and collects
/// the reply.
StartupResult RawStartup(RawConnection& conn, const std::string& user, const std::string& database,
                         const std::vector<std::pair<std::string, std::string>>& extra = {});

}  // namespace lumadb::integration

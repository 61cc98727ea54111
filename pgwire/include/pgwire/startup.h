#pragma once
// Parsing of the first packet of a connection (PostgreSQL backend_startup.c ProcessStartupPacket and
// protocol §55.2.1). Startup packets have no type byte:
//
//   +--------------+------------------+-----------------------------------------------+
//   | int32 length | int32 code       | body                                          |
//   | (8 .. 10000) |                  |                                               |
//   +--------------+------------------+-----------------------------------------------+
//   code 196608   (3.0)       StartupMessage: (String name, String value)*, then a NUL byte
//   code 80877103             SSLRequest      (no body)  -> answered 'N' until TLS exists
//   code 80877104             GSSENCRequest   (no body)  -> answered 'N'
//   code 80877102             CancelRequest:  int32 process id, int32 secret key (length 16)

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "pgwire/transport.h"

namespace lumadb::pgwire {

inline constexpr int32_t kProtocol30 = 196608;  // 3 << 16 | 0
inline constexpr int32_t kSslRequestCode = 80877103;
inline constexpr int32_t kGssEncRequestCode = 80877104;
inline constexpr int32_t kCancelRequestCode = 80877102;
inline constexpr int32_t kMaxStartupPacketLength = 10000;

/// A startup packet that is dropped without an answer: PostgreSQL reports these as COMMERROR, i.e. logged
/// only, because the peer may not speak the protocol at all. The server logs what() and closes.
class StartupRejected : public std::runtime_error {
 public:
  explicit StartupRejected(const std::string& what) : std::runtime_error(what) {}
};

/// The decoded first packet.
struct StartupPacket {
  enum class Kind { kStartup, kSslRequest, kGssEncRequest, kCancel };
  Kind kind = Kind::kStartup;
  int32_t protocol = 0;                                     // kStartup: the version code
  std::vector<std::pair<std::string, std::string>> params;  // kStartup: in packet order, `_pq_.` ones excluded
  std::vector<std::string> protocol_options;                // kStartup: `_pq_.` option names
  int32_t cancel_pid = 0;                                   // kCancel
  int32_t cancel_secret = 0;                                // kCancel

  /// The value of a startup parameter, if sent.
  std::optional<std::string> Param(const std::string& name) const;
};

/// Reads and decodes one startup packet. Returns nullopt when the peer closed the connection before
/// sending anything (a connection probe; PostgreSQL closes silently).
/// Throws StartupRejected "invalid length of startup packet" (length < 8 or > 10000), "incomplete startup
/// packet" (EOF inside it), "invalid length of cancel request packet" (never answered);
/// DbError FATAL 0A000 "unsupported frontend protocol 2.0: server supports 3.0 to 3.0" and FATAL 08P01
/// "invalid startup packet layout: expected terminator as last byte" (sent to the client).
/// A 3.x version with x > 0 is accepted; the caller answers NegotiateProtocolVersion.
std::optional<StartupPacket> ReadStartupPacket(Transport& transport);

}  // namespace lumadb::pgwire

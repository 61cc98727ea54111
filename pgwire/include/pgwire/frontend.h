#pragma once
// Reading frontend (client -> server) messages after startup (PostgreSQL protocol §55.7; postgres.c
// SocketBackend). Every message is framed as
//
//   +------+-------------------------+-------------------------+
//   | type | int32 length            | body (length - 4 bytes) |
//   +------+-------------------------+-------------------------+
//   'Q' Query            String query text
//   'X' Terminate        (no body)
//   'p' PasswordMessage  String password
//       SASLInitialResponse  String mechanism, int32 length of data (-1 = none), Byten data
//       SASLResponse         Byten data      (the same type byte: the server knows which it expects)
//   'P' Parse, 'B' Bind, 'D' Describe, 'E' Execute, 'C' Close, 'H' Flush, 'S' Sync  (extended protocol)
//   'F' FunctionCall, 'd' CopyData, 'c' CopyDone, 'f' CopyFail

#include <cstddef>
#include <optional>
#include <string>

#include "pgwire/transport.h"

namespace lumadb::pgwire {

/// The largest message body accepted (PostgreSQL's PQ_LARGE_MESSAGE_LIMIT is 1 GB; 256 MB is plenty for
/// one query string and bounds a garbage length).
inline constexpr size_t kMaxMessageLength = 256u * 1024 * 1024;

/// One frontend message: its type byte and its body (without the length word).
struct FrontendMessage {
  char type = 0;
  std::string body;
};

/// True for the message types a PostgreSQL 15 backend accepts after startup.
bool IsKnownFrontendMessageType(char type);

/// Reads one message. Returns nullopt when the peer closed the connection.
/// Throws FATAL 08P01 "invalid frontend message type 78" (the type as a number, as PostgreSQL prints it)
/// for an unknown type, and FATAL 08P01 "invalid message length" for a length < 4 or above kMaxMessageLength.
std::optional<FrontendMessage> ReadFrontendMessage(Transport& transport);

/// The query text of a 'Q' message (08P01 "invalid string in message" when malformed).
std::string ParseQuery(const FrontendMessage& message);

/// The password of a 'p' message (08P01 "invalid string in message" when malformed).
std::string ParsePasswordMessage(const FrontendMessage& message);

/// The body of a SASLInitialResponse: the mechanism the client chose and its first message (nullopt when
/// the client sent length -1).
struct SaslInitialResponse {
  std::string mechanism;
  std::optional<std::string> data;
};

/// Parses a 'p' message as SASLInitialResponse (auth.c CheckSASLAuth); 08P01 "invalid message format"
/// when the lengths do not add up.
SaslInitialResponse ParseSaslInitialResponse(const FrontendMessage& message);

}  // namespace lumadb::pgwire

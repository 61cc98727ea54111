#include "pgwire/frontend.h"

#include <string_view>

#include "common/error.h"
#include "pgwire/message_buffer.h"

namespace lumadb::pgwire {

bool IsKnownFrontendMessageType(char type) {
  constexpr std::string_view kKnown = "QXpPBDECHSFdcf";
  return kKnown.find(type) != std::string_view::npos;
}

std::optional<FrontendMessage> ReadFrontendMessage(Transport& transport) {
  char type = 0;
  if (!transport.ReadExact(&type, 1)) return std::nullopt;
  if (!IsKnownFrontendMessageType(type)) {
    // We have lost message boundary sync: there is no way to recover, so this is FATAL (postgres.c).
    throw DbError(sqlstate::kProtocolViolation,
                  "invalid frontend message type " + std::to_string(static_cast<unsigned char>(type)),
                  Severity::kFatal);
  }
  unsigned char len_bytes[4];
  if (!transport.ReadExact(len_bytes, 4)) return std::nullopt;
  uint32_t length =
      (uint32_t{len_bytes[0]} << 24) | (uint32_t{len_bytes[1]} << 16) | (uint32_t{len_bytes[2]} << 8) | len_bytes[3];
  if (length < 4 || length - 4 > kMaxMessageLength) {
    throw DbError(sqlstate::kProtocolViolation, "invalid message length", Severity::kFatal);
  }
  FrontendMessage message;
  message.type = type;
  message.body.resize(length - 4);
  if (!transport.ReadExact(message.body.data(), message.body.size())) return std::nullopt;
  return message;
}

namespace {
std::string SingleString(const FrontendMessage& message) {
  MessageReader reader(message.body);
  std::string s = reader.ReadCString();
  if (!reader.AtEnd()) {
    throw DbError(sqlstate::kProtocolViolation, "invalid message format", Severity::kFatal);
  }
  return s;
}
}  // namespace

std::string ParseQuery(const FrontendMessage& message) {
  return SingleString(message);
}

std::string ParsePasswordMessage(const FrontendMessage& message) {
  return SingleString(message);
}

SaslInitialResponse ParseSaslInitialResponse(const FrontendMessage& message) {
  MessageReader reader(message.body);
  SaslInitialResponse out;
  out.mechanism = reader.ReadCString();
  int32_t length = reader.ReadInt32();
  if (length >= 0) {
    if (static_cast<size_t>(length) != reader.Remaining()) {
      throw DbError(sqlstate::kProtocolViolation, "invalid message format", Severity::kFatal);
    }
    out.data = std::string(reader.ReadBytes(static_cast<size_t>(length)));
  } else if (!reader.AtEnd()) {
    throw DbError(sqlstate::kProtocolViolation, "invalid message format", Severity::kFatal);
  }
  return out;
}

}  // namespace lumadb::pgwire

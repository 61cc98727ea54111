#include "pgwire/startup.h"

#include <string_view>

#include "common/error.h"
#include "pgwire/message_buffer.h"

namespace lumadb::pgwire {

std::optional<std::string> StartupPacket::Param(const std::string& name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return std::nullopt;
}

namespace {

int32_t DecodeInt32(const unsigned char* p) {
  return static_cast<int32_t>((uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3]);
}

// Parses the name/value list of a StartupMessage (ProcessStartupPacket's "else" branch).
void ParseParams(std::string_view body, StartupPacket& packet) {
  if (body.empty() || body.back() != '\0') {
    throw DbError(sqlstate::kProtocolViolation, "invalid startup packet layout: expected terminator as last byte",
                  Severity::kFatal);
  }
  MessageReader reader(body);
  while (reader.Remaining() > 1) {
    std::string name = reader.ReadCString();
    if (reader.Remaining() < 1) break;
    std::string value = reader.ReadCString();
    if (name.rfind("_pq_.", 0) == 0) {
      packet.protocol_options.push_back(std::move(name));
    } else {
      packet.params.emplace_back(std::move(name), std::move(value));
    }
  }
  if (reader.Remaining() != 1) {
    throw DbError(sqlstate::kProtocolViolation, "invalid startup packet layout: expected terminator as last byte",
                  Severity::kFatal);
  }
}

}  // namespace

std::optional<StartupPacket> ReadStartupPacket(Transport& transport) {
  unsigned char header[4];
  if (!transport.ReadExact(header, 1)) return std::nullopt;
  if (!transport.ReadExact(header + 1, 3)) throw StartupRejected("incomplete startup packet");
  int32_t length = DecodeInt32(header);
  if (length < 8 || length > kMaxStartupPacketLength) throw StartupRejected("invalid length of startup packet");

  std::string rest(static_cast<size_t>(length - 4), '\0');
  if (!transport.ReadExact(rest.data(), rest.size())) throw StartupRejected("incomplete startup packet");
  int32_t code = DecodeInt32(reinterpret_cast<const unsigned char*>(rest.data()));
  std::string_view body = std::string_view(rest).substr(4);

  StartupPacket packet;
  if (code == kCancelRequestCode) {
    if (body.size() != 8) throw StartupRejected("invalid length of cancel request packet");
    packet.kind = StartupPacket::Kind::kCancel;
    packet.cancel_pid = DecodeInt32(reinterpret_cast<const unsigned char*>(body.data()));
    packet.cancel_secret = DecodeInt32(reinterpret_cast<const unsigned char*>(body.data() + 4));
    return packet;
  }
  if (code == kSslRequestCode || code == kGssEncRequestCode) {
    packet.kind = code == kSslRequestCode ? StartupPacket::Kind::kSslRequest : StartupPacket::Kind::kGssEncRequest;
    return packet;
  }
  int major = code >> 16;
  if (major != 3) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  "unsupported frontend protocol " + std::to_string(major) + "." + std::to_string(code & 0xffff) +
                      ": server supports 3.0 to 3.0",
                  Severity::kFatal);
  }
  packet.kind = StartupPacket::Kind::kStartup;
  packet.protocol = code;
  ParseParams(body, packet);
  return packet;
}

}  // namespace lumadb::pgwire

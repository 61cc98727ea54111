#pragma once
// Framing of backend messages with back-patched lengths (NoisePage network/packet_writer.h): BeginMessage
// reserves the length word, each Append* adds bytes, EndMessage writes the length, so no message length
// is ever computed by hand. Every integer is big-endian (network order), as PostgreSQL protocol §55.7.
//
//   +------+-----------------+---------------------------+
//   | type | int32 length    | body (length - 4 bytes)   |
//   | 1 B  | counts itself   |                           |
//   +------+-----------------+---------------------------+

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lumadb::pgwire {

/// An output buffer holding zero or more complete backend messages.
class MessageBuffer {
 public:
  /// Starts a message of the given type byte. Messages do not nest (XX000 if one is open).
  void BeginMessage(char type);
  void AppendByte(uint8_t v) { data_.push_back(static_cast<char>(v)); }
  void AppendInt16(int16_t v);
  void AppendInt32(int32_t v);
  /// Appends s and its NUL terminator (a protocol "String").
  void AppendCString(std::string_view s);
  /// Appends raw bytes (a protocol "Byten").
  void AppendBytes(std::string_view bytes) { data_.append(bytes); }
  /// Closes the open message, patching its length. XX000 if none is open.
  void EndMessage();

  /// Drops everything from byte `size` on, an open message included: how a message whose content failed
  /// half-way (a value that cannot be encoded) is taken back so the buffer holds only complete messages.
  void Truncate(size_t size);

  /// Appends one unframed byte (the 'N' answer to SSLRequest has no type or length).
  void AppendRawByte(char c);

  const std::string& data() const { return data_; }
  size_t size() const { return data_.size(); }
  void Clear() { data_.clear(); }

 private:
  std::string data_;
  size_t open_at_ = kNoMessage;  // offset of the open message's length word
  static constexpr size_t kNoMessage = static_cast<size_t>(-1);
};

/// Reads the body of one frontend message field by field. Running past the end throws FATAL 08P01
/// "insufficient data left in message" (PostgreSQL pqformat.c pq_getmsgbytes); a String without its
/// terminator throws 08P01 "invalid string in message" (pq_getmsgstring).
class MessageReader {
 public:
  explicit MessageReader(std::string_view body) : body_(body) {}
  uint8_t ReadByte();
  int16_t ReadInt16();
  int32_t ReadInt32();
  /// Reads a NUL-terminated String.
  std::string ReadCString();
  /// Reads n raw bytes.
  std::string_view ReadBytes(size_t n);
  size_t Remaining() const { return body_.size() - pos_; }
  bool AtEnd() const { return pos_ == body_.size(); }

 private:
  std::string_view body_;
  size_t pos_ = 0;
};

}  // namespace lumadb::pgwire

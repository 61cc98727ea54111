#include "pgwire/message_buffer.h"

#include "common/error.h"

namespace lumadb::pgwire {

void MessageBuffer::BeginMessage(char type) {
  LUMADB_ASSERT(open_at_ == kNoMessage, "nested backend message");
  data_.push_back(type);
  open_at_ = data_.size();
  AppendInt32(0);  // patched by EndMessage
}

void MessageBuffer::AppendInt16(int16_t v) {
  auto u = static_cast<uint16_t>(v);
  data_.push_back(static_cast<char>(u >> 8));
  data_.push_back(static_cast<char>(u & 0xff));
}

void MessageBuffer::AppendInt32(int32_t v) {
  auto u = static_cast<uint32_t>(v);
  for (int shift = 24; shift >= 0; shift -= 8) data_.push_back(static_cast<char>((u >> shift) & 0xff));
}

void MessageBuffer::AppendCString(std::string_view s) {
  data_.append(s);
  data_.push_back('\0');
}

void MessageBuffer::EndMessage() {
  LUMADB_ASSERT(open_at_ != kNoMessage, "EndMessage without BeginMessage");
  auto len = static_cast<uint32_t>(data_.size() - open_at_);
  for (int i = 0; i < 4; ++i) data_[open_at_ + i] = static_cast<char>((len >> (24 - 8 * i)) & 0xff);
  open_at_ = kNoMessage;
}

void MessageBuffer::Truncate(size_t size) {
  if (size < data_.size()) data_.resize(size);
  if (open_at_ != kNoMessage && open_at_ > data_.size()) open_at_ = kNoMessage;
}

void MessageBuffer::AppendRawByte(char c) {
  LUMADB_ASSERT(open_at_ == kNoMessage, "raw byte inside a message");
  data_.push_back(c);
}

namespace {
[[noreturn]] void ThrowShort() {
  throw DbError(sqlstate::kProtocolViolation, "insufficient data left in message", Severity::kFatal);
}
}  // namespace

uint8_t MessageReader::ReadByte() {
  if (Remaining() < 1) ThrowShort();
  return static_cast<uint8_t>(body_[pos_++]);
}

int16_t MessageReader::ReadInt16() {
  if (Remaining() < 2) ThrowShort();
  auto hi = static_cast<uint8_t>(body_[pos_]);
  auto lo = static_cast<uint8_t>(body_[pos_ + 1]);
  pos_ += 2;
  return static_cast<int16_t>((hi << 8) | lo);
}

int32_t MessageReader::ReadInt32() {
  if (Remaining() < 4) ThrowShort();
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(body_[pos_ + i]);
  pos_ += 4;
  return static_cast<int32_t>(v);
}

std::string MessageReader::ReadCString() {
  size_t end = body_.find('\0', pos_);
  if (end == std::string_view::npos) {
    throw DbError(sqlstate::kProtocolViolation, "invalid string in message", Severity::kFatal);
  }
  std::string s(body_.substr(pos_, end - pos_));
  pos_ = end + 1;
  return s;
}

std::string_view MessageReader::ReadBytes(size_t n) {
  if (Remaining() < n) ThrowShort();
  std::string_view v = body_.substr(pos_, n);
  pos_ += n;
  return v;
}

}  // namespace lumadb::pgwire

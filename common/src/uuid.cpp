#include "common/uuid.h"

#include <cerrno>
#include <string>

#include "common/error.h"
#include <sys/random.h>

namespace lumadb {

namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

// string_to_uuid: two hex digits per byte, a hyphen accepted after every second byte but the last.
std::string ParseUuid(std::string_view text) {
  auto syntax_error = [&] {
    return DbError(sqlstate::kInvalidTextRepresentation,
                   "invalid input syntax for type uuid: \"" + std::string(text) + "\"");
  };
  size_t pos = 0;
  auto at = [&](size_t i) { return i < text.size() ? text[i] : '\0'; };
  const bool braces = at(0) == '{';
  if (braces) ++pos;
  std::string bytes(kUuidLength, '\0');
  for (size_t i = 0; i < kUuidLength; ++i) {
    const int hi = HexDigit(at(pos)), lo = HexDigit(at(pos + 1));
    if (hi < 0 || lo < 0) throw syntax_error();
    bytes[i] = static_cast<char>(hi * 16 + lo);
    pos += 2;
    if (at(pos) == '-' && i % 2 == 1 && i < kUuidLength - 1) ++pos;
  }
  if (braces) {
    if (at(pos) != '}') throw syntax_error();
    ++pos;
  }
  if (pos != text.size()) throw syntax_error();
  return bytes;
}

std::string FormatUuid(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    const auto b = static_cast<unsigned char>(bytes[i]);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

std::string GenerateRandomUuid() {
  std::string bytes(kUuidLength, '\0');
  size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = getrandom(bytes.data() + got, bytes.size() - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw DbError(sqlstate::kInternalError, "could not generate random values");
    }
    got += static_cast<size_t>(n);
  }
  bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return bytes;
}

}  // namespace lumadb

#include "string_util.h"

#include <algorithm>
#include <cstdio>

#include "common/error.h"

namespace lumadb {

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// hex_decode() in encode.c.
std::string DecodeHex(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (IsSpace(s[i])) {
      ++i;
      continue;
    }
    int hi = HexValue(s[i]);
    if (hi < 0) {
      throw DbError(sqlstate::kInvalidParameterValue, "invalid hexadecimal digit: \"" + std::string(1, s[i]) + "\"");
    }
    if (i + 1 >= s.size()) {
      throw DbError(sqlstate::kInvalidParameterValue, "invalid hexadecimal data: odd number of digits");
    }
    int lo = HexValue(s[i + 1]);
    if (lo < 0) {
      throw DbError(sqlstate::kInvalidParameterValue,
                    "invalid hexadecimal digit: \"" + std::string(1, s[i + 1]) + "\"");
    }
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

bool IsOctal(char c, char max) {
  return c >= '0' && c <= max;
}

// pg_utf_mblen: the length a lead byte announces.
size_t Utf8SequenceLength(unsigned char c) {
  if ((c & 0x80) == 0) return 1;
  if ((c & 0xe0) == 0xc0) return 2;
  if ((c & 0xf0) == 0xe0) return 3;
  if ((c & 0xf8) == 0xf0) return 4;
  return 1;
}

// pg_utf8_islegal: no overlong forms, no surrogates, nothing above U+10FFFF.
bool Utf8IsLegal(const unsigned char* s, size_t length) {
  if (length > 4) return false;
  for (size_t i = length; i-- > 2;) {
    if (s[i] < 0x80 || s[i] > 0xbf) return false;
  }
  if (length >= 2) {
    const unsigned char a = s[1];
    unsigned char lo = 0x80, hi = 0xbf;
    if (s[0] == 0xe0) lo = 0xa0;
    if (s[0] == 0xed) hi = 0x9f;
    if (s[0] == 0xf0) lo = 0x90;
    if (s[0] == 0xf4) hi = 0x8f;
    if (a < lo || a > hi) return false;
  }
  return !(s[0] >= 0x80 && s[0] < 0xc2) && s[0] <= 0xf4;
}

}  // namespace

void CheckUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    if (p[i] != 0 && p[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t len = Utf8SequenceLength(p[i]);
    if (p[i] != 0 && len <= s.size() - i && Utf8IsLegal(p + i, len)) {
      i += len;
      continue;
    }
    std::string bytes;  // report_invalid_encoding: the character's bytes that are present, at most 8
    for (size_t j = 0; j < std::min(len, s.size() - i); ++j) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%s0x%02x", j == 0 ? "" : " ", p[i + j]);
      bytes += buf;
    }
    throw DbError(sqlstate::kCharacterNotInRepertoire, "invalid byte sequence for encoding \"UTF8\": " + bytes);
  }
}

std::string_view TrimSpace(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsSpace(s[b])) ++b;
  while (e > b && IsSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

size_t Utf8PrefixBytes(std::string_view s, size_t chars) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == chars) return i;
      ++seen;
    }
  }
  return s.size();
}

std::string ApplyCharTypmod(std::string s, TypeDesc type, bool explicit_cast) {
  if (type.typmod < 4) return s;
  const size_t max_len = static_cast<size_t>(type.typmod - 4);
  const size_t len = Utf8Length(s);
  if (len > max_len) {
    const size_t cut = Utf8PrefixBytes(s, max_len);
    if (!explicit_cast && s.find_first_not_of(' ', cut) != std::string::npos) {
      const bool is_varchar = type.id == TypeId::kVarchar;
      throw DbError(sqlstate::kStringDataRightTruncation, std::string("value too long for type ") +
                                                              (is_varchar ? "character varying(" : "character(") +
                                                              std::to_string(max_len) + ")");
    }
    s.resize(cut);
  } else if (type.id == TypeId::kBpchar) {
    s.append(max_len - len, ' ');
  }
  return s;
}

std::string TruncateName(std::string_view s) {
  constexpr size_t kMaxNameBytes = 63;
  if (s.size() <= kMaxNameBytes) return std::string(s);
  size_t cut = kMaxNameBytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut));
}

std::string ParseBytea(std::string_view text) {
  if (text.size() >= 2 && text[0] == '\\' && (text[1] == 'x' || text[1] == 'X')) return DecodeHex(text.substr(2));
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] != '\\') {
      out += text[i++];
    } else if (i + 1 < text.size() && text[i + 1] == '\\') {
      out += '\\';
      i += 2;
    } else if (i + 3 < text.size() && IsOctal(text[i + 1], '3') && IsOctal(text[i + 2], '7') &&
               IsOctal(text[i + 3], '7')) {
      out += static_cast<char>((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 + (text[i + 3] - '0'));
      i += 4;
    } else {
      throw DbError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type bytea");
    }
  }
  return out;
}

std::string FormatByteaHex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace lumadb

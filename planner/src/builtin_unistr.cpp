// unistr(text): Unicode escapes \XXXX, \+XXXXXX, \uXXXX, \UXXXXXXXX and \\ (PostgreSQL 15 varlena.c),
// UTF-16 surrogate pairs combined.
#include <cctype>
#include <cstdio>

#include "builtins.h"
#include "common/error.h"

namespace lumadb::planner {

namespace {

bool HexDigits(const std::string& s, size_t at, size_t n) {
  if (at + n > s.size()) return false;
  for (size_t i = at; i < at + n; ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

[[noreturn]] void InvalidPair() {
  throw DbError(sqlstate::kSyntaxError, "invalid Unicode surrogate pair");
}

}  // namespace

void AppendUtf8(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

Value Unistr(const std::vector<Value>& a, const FunctionEnv&) {
  const std::string& s = a[0].GetString();
  std::string out;
  uint32_t pair_first = 0;
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '\\') {
      if (pair_first) InvalidPair();
      out += s[i++];
      continue;
    }
    size_t offset = 0, digits = 0;
    if (i + 1 < s.size() && s[i + 1] == '\\') {
      if (pair_first) InvalidPair();
      out += '\\';
      i += 2;
      continue;
    }
    if (HexDigits(s, i + 1, 4)) {
      offset = 1, digits = 4;
    } else if (i + 1 < s.size() && s[i + 1] == 'u' && HexDigits(s, i + 2, 4)) {
      offset = 2, digits = 4;
    } else if (i + 1 < s.size() && s[i + 1] == '+' && HexDigits(s, i + 2, 6)) {
      offset = 2, digits = 6;
    } else if (i + 1 < s.size() && s[i + 1] == 'U' && HexDigits(s, i + 2, 8)) {
      offset = 2, digits = 8;
    } else {
      throw DbError(sqlstate::kSyntaxError, "invalid Unicode escape")
          .Hint("Unicode escapes must be \\XXXX, \\+XXXXXX, \\uXXXX, or \\UXXXXXXXX.");
    }
    uint32_t c = static_cast<uint32_t>(std::stoul(s.substr(i + offset, digits), nullptr, 16));
    if (c == 0 || c > 0x10FFFF) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "invalid Unicode code point: %04X", c);
      throw DbError(sqlstate::kInvalidParameterValue, buf);
    }
    const bool first = c >= 0xD800 && c <= 0xDBFF, second = c >= 0xDC00 && c <= 0xDFFF;
    if (pair_first) {
      if (!second) InvalidPair();
      c = ((pair_first & 0x3FF) << 10) + (c & 0x3FF) + 0x10000;
      pair_first = 0;
    } else if (second) {
      InvalidPair();
    }
    if (first)
      pair_first = c;
    else
      AppendUtf8(out, c);
    i += offset + digits;
  }
  if (pair_first) InvalidPair();
  return Value::String(out);
}

}  // namespace lumadb::planner

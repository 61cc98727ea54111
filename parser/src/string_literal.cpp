// String literal decoding: scan.l's xq/xe/xus states and parser.c's str_udeescape (PostgreSQL 15).

#include "string_literal.h"

#include <cctype>
#include <cstdint>

#include "common/error.h"
#include "error_lexer.h"

namespace lumadb::parser {
namespace {

/// Appends code point cp as UTF-8.
void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int DigitValue(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (std::isdigit(u)) return c - '0';
  if (std::isxdigit(u)) return std::tolower(u) - 'a' + 10;
  return 99;
}

/// Reads up to max_digits digits of the given base at s[i...], advancing i.
uint32_t ReadDigits(std::string_view s, std::size_t& i, int base, int max_digits) {
  uint32_t v = 0;
  for (int k = 0; k < max_digits && i < s.size() && DigitValue(s[i]) < base; ++k) {
    v = v * static_cast<uint32_t>(base) + static_cast<uint32_t>(DigitValue(s[i]));
    ++i;
  }
  return v;
}

bool IsValidCodePoint(uint32_t c) {
  return c > 0 && c <= 0x10FFFF;
}
bool IsHighSurrogate(uint32_t c) {
  return c >= 0xD800 && c <= 0xDBFF;
}
bool IsLowSurrogate(uint32_t c) {
  return c >= 0xDC00 && c <= 0xDFFF;
}
uint32_t CombineSurrogates(uint32_t high, uint32_t low) {
  return ((high & 0x3FF) << 10) + 0x10000 + (low & 0x3FF);
}

[[noreturn]] void ThrowAt(std::string_view sql, std::size_t byte, SqlState code, const std::string& message) {
  throw DbError(code, message).Position(CharacterPosition(sql, byte));
}

/// scan.l's yyerror inside a literal: the message names the token the lexer was at.
[[noreturn]] void ThrowNear(std::string_view sql, std::size_t byte, std::size_t length, const char* message) {
  ThrowAt(sql, byte, sqlstate::kSyntaxError,
          std::string(message) + " at or near \"" + std::string(sql.substr(byte, length)) + "\"");
}

/// Skips blanks and comments from i in s.
std::size_t SkipBlanks(std::string_view s, std::size_t i) {
  for (;;) {
    if (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else if (s.substr(i, 2) == "--") {
      while (i < s.size() && s[i] != '\n' && s[i] != '\r') ++i;
    } else if (s.substr(i, 2) == "/*") {
      const std::size_t end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 2;
    } else {
      return i;
    }
  }
}

/// The segments 'a' 'b' ... of a continued literal starting at s[i] == q, with doubled quotes undone and
/// (for E strings) backslash pairs kept for the caller; returns the index after the last segment.
std::size_t JoinSegments(std::string_view s, std::size_t i, char q, bool backslash, std::string* body) {
  for (;;) {
    ++i;  // the opening quote
    while (i < s.size()) {
      if (backslash && s[i] == '\\' && i + 1 < s.size()) {
        body->append(s.substr(i, 2));
        i += 2;
      } else if (s[i] == q && i + 1 < s.size() && s[i + 1] == q) {
        *body += q;
        i += 2;
      } else if (s[i] == q) {
        break;
      } else {
        *body += s[i++];
      }
    }
    ++i;  // the closing quote
    const std::size_t next = SkipBlanks(s, i);
    if (next >= s.size() || s[next] != q) return i;
    i = next;
  }
}

/// E'...': the backslash escapes of scan.l's xe state over the token text, so errors point into the query.
std::string UnescapeE(std::string_view sql, std::size_t begin, std::size_t end) {
  std::string out;
  uint32_t pending_high = 0;  // a high surrogate waiting for its low half
  std::size_t i = begin + 2;  // after E'
  while (i < end) {
    const char c = sql[i];
    const bool unicode = c == '\\' && i + 1 < end && (sql[i + 1] == 'u' || sql[i + 1] == 'U');
    if (pending_high != 0 && !unicode) ThrowNear(sql, i, 1, "invalid Unicode surrogate pair");
    if (c == '\'') {
      if (i + 1 < end && sql[i + 1] == '\'') {
        out += '\'';
        i += 2;
        continue;
      }
      // The end of a segment: skip to the next one's first character (the grammar matched them).
      i = i + 1 >= end ? end : SkipBlanks(sql.substr(0, end), i + 1) + 1;
      continue;
    }
    if (c != '\\' || i + 1 >= end) {
      out += c;
      ++i;
      continue;
    }
    const char e = sql[i + 1];
    std::size_t j = i + 2;
    switch (e) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'x': {
        const uint32_t v = ReadDigits(sql.substr(0, end), j, 16, 2);
        out += j == i + 2 ? 'x' : static_cast<char>(v);
        break;
      }
      case 'u':
      case 'U': {
        const std::size_t width = e == 'u' ? 4 : 8;
        const uint32_t v = ReadDigits(sql.substr(0, end), j, 16, static_cast<int>(width));
        if (j - i - 2 != width) {
          throw DbError(sqlstate::kInvalidEscapeSequence, "invalid Unicode escape")
              .Hint("Unicode escapes must be \\uXXXX or \\UXXXXXXXX.")
              .Position(CharacterPosition(sql, i));
        }
        if (pending_high != 0) {
          if (!IsLowSurrogate(v)) ThrowNear(sql, i, j - i, "invalid Unicode surrogate pair");
          AppendUtf8(out, CombineSurrogates(pending_high, v));
          pending_high = 0;
        } else if (IsHighSurrogate(v)) {
          pending_high = v;
        } else if (IsLowSurrogate(v)) {
          ThrowNear(sql, i, j - i, "invalid Unicode surrogate pair");
        } else if (!IsValidCodePoint(v)) {
          ThrowNear(sql, i, j - i, "invalid Unicode escape value");
        } else {
          AppendUtf8(out, v);
        }
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          j = i + 1;
          out += static_cast<char>(ReadDigits(sql.substr(0, end), j, 8, 3));
        } else {
          out += e;
        }
    }
    i = j;
  }
  return out;
}

/// parser.c str_udeescape: `escape`XXXX and `escape`+XXXXXX over body; errors at token + 3 + offset (the
/// offset into the joined body, as PostgreSQL computes it).
std::string Udeescape(std::string_view sql, std::size_t token, std::string_view body, char escape) {
  std::string out;
  uint32_t pending_high = 0;
  std::size_t i = 0;
  auto throw_at = [&](std::size_t at, const char* message) {
    ThrowAt(sql, token + 3 + at, sqlstate::kSyntaxError, message);
  };
  while (i < body.size()) {
    if (body[i] != escape) {
      if (pending_high != 0) throw_at(i, "invalid Unicode surrogate pair");
      out += body[i++];
      continue;
    }
    if (i + 1 < body.size() && body[i + 1] == escape) {
      if (pending_high != 0) throw_at(i, "invalid Unicode surrogate pair");
      out += escape;
      i += 2;
      continue;
    }
    std::size_t j = i + 1;
    const bool wide = j < body.size() && body[j] == '+';
    if (wide) ++j;
    const std::size_t width = wide ? 6 : 4;
    const std::size_t digits_at = j;
    const uint32_t v = ReadDigits(body, j, 16, static_cast<int>(width));
    if (j - digits_at != width) {
      throw DbError(sqlstate::kSyntaxError, "invalid Unicode escape")
          .Hint("Unicode escapes must be \\XXXX or \\+XXXXXX.")
          .Position(CharacterPosition(sql, token + 3 + i));
    }
    if (!IsValidCodePoint(v)) throw_at(i, "invalid Unicode escape value");
    if (pending_high != 0) {
      if (!IsLowSurrogate(v)) throw_at(i, "invalid Unicode surrogate pair");
      AppendUtf8(out, CombineSurrogates(pending_high, v));
      pending_high = 0;
    } else if (IsLowSurrogate(v)) {
      throw_at(i, "invalid Unicode surrogate pair");
    } else if (IsHighSurrogate(v)) {
      pending_high = v;
    } else {
      AppendUtf8(out, v);
    }
    i = j;
  }
  if (pending_high != 0) throw_at(body.size(), "invalid Unicode surrogate pair");
  return out;
}

/// The escape character of an optional UESCAPE 'c' clause starting at s[i] (after the body), or '\'.
char UescapeChar(std::string_view sql, std::size_t token, std::string_view s, std::size_t i) {
  i = SkipBlanks(s, i);
  if (i >= s.size()) return '\\';
  i = SkipBlanks(s, i + 7);  // the UESCAPE keyword (the grammar matched it)
  std::string value;
  const std::size_t end = JoinSegments(s, i, '\'', false, &value);
  const auto c = value.empty() ? 0 : static_cast<unsigned char>(value[0]);
  // parser.c check_uescapechar: not a hex digit, +, a quote or white space.
  if (value.size() != 1 || std::isxdigit(c) || c == '+' || c == '\'' || c == '"' || std::isspace(c)) {
    ThrowNear(sql, token + i, end - i, "invalid Unicode escape character");
  }
  return value[0];
}

}  // namespace

std::string DecodeStringLiteral(std::string_view sql, std::size_t offset, std::size_t size, StringLiteralKind kind) {
  const std::string_view t = sql.substr(offset, size);
  if (kind == StringLiteralKind::kEscape) return UnescapeE(sql, offset, offset + size);
  std::string body;
  const std::size_t quote = kind == StringLiteralKind::kUnicode ? 2 : 0;
  const std::size_t after = JoinSegments(t, quote, '\'', false, &body);
  if (kind == StringLiteralKind::kPlain) return body;
  return Udeescape(sql, offset, body, UescapeChar(sql, offset, t, after));
}

std::string DecodeUnicodeIdentifier(std::string_view sql, std::size_t offset, std::size_t size) {
  const std::string_view t = sql.substr(offset, size);
  std::string body;
  const std::size_t after = JoinSegments(t, 2, '"', false, &body);
  return Udeescape(sql, offset, body, UescapeChar(sql, offset, t, after));
}

}  // namespace lumadb::parser

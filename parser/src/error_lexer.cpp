// Scans the single token PostgreSQL's lexer would produce at an error position (scan.l rules), to name it
// in the syntax error or to raise the lexical error found there.

#include "error_lexer.h"

#include <cctype>
#include <string>

#include "common/error.h"

namespace lumadb::parser {
namespace {

bool IsIdentStart(unsigned char c) {
  return std::isalpha(c) || c == '_' || c >= 0x80;
}
bool IsIdentCont(unsigned char c) {
  return IsIdentStart(c) || std::isdigit(c) || c == '$';
}
bool IsOpChar(char c) {
  return std::string_view("~!@#^&|`?+-*/%<>=").find(c) != std::string_view::npos;
}

[[noreturn]] void ThrowAt(std::string_view sql, std::size_t pos, const std::string& message) {
  throw DbError(sqlstate::kSyntaxError, message).Position(CharacterPosition(sql, pos));
}

[[noreturn]] void ThrowLexical(std::string_view sql, std::size_t pos, const char* what) {
  ThrowAt(sql, pos, std::string(what) + " at or near \"" + std::string(sql.substr(pos)) + "\"");
}

unsigned char At(std::string_view s, std::size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

/// Length of a quoted token starting at `pos` whose quote char is q, with doubled-quote escapes (and
/// backslash escapes when `backslash`); npos when unterminated.
std::size_t QuotedLength(std::string_view s, std::size_t pos, char q, bool backslash) {
  for (std::size_t i = pos + 1; i < s.size(); ++i) {
    if (backslash && s[i] == '\\') {
      ++i;
    } else if (s[i] == q) {
      if (At(s, i + 1) == static_cast<unsigned char>(q)) {
        ++i;
      } else {
        return i + 1 - pos;
      }
    }
  }
  return std::string_view::npos;
}

std::size_t NumberLength(std::string_view s, std::size_t pos) {
  std::size_t i = pos;
  while (std::isdigit(At(s, i))) ++i;
  if (At(s, i) == '.' && At(s, i + 1) != '.') {
    ++i;
    while (std::isdigit(At(s, i))) ++i;
  }
  if ((At(s, i) == 'e' || At(s, i) == 'E') &&
      (std::isdigit(At(s, i + 1)) || ((At(s, i + 1) == '+' || At(s, i + 1) == '-') && std::isdigit(At(s, i + 2))))) {
    i += 2;
    while (std::isdigit(At(s, i))) ++i;
  }
  return i - pos;
}

/// scan.l {operator}: stops before a comment start; trailing + and - are dropped unless the operator
/// contains one of ~!@#%^&|`? (so "=-" is "=" then "-").
std::size_t OperatorLength(std::string_view s, std::size_t pos) {
  std::size_t n = 0;
  while (IsOpChar(static_cast<char>(At(s, pos + n)))) {
    if (n > 0 && ((s[pos + n - 1] == '-' && s[pos + n] == '-') || (s[pos + n - 1] == '/' && s[pos + n] == '*'))) {
      --n;
      break;
    }
    ++n;
  }
  const std::string_view op = s.substr(pos, n);
  if (n > 1 && op.find_first_of("~!@#^&|`?%") == std::string_view::npos) {
    while (n > 1 && (s[pos + n - 1] == '+' || s[pos + n - 1] == '-')) --n;
  }
  return n;
}

std::size_t DollarLength(std::string_view s, std::size_t pos) {
  std::size_t n = pos + 1;
  while (n < s.size() && IsIdentStart(At(s, n))) {
    ++n;
    while (n < s.size() && IsIdentCont(At(s, n)) && s[n] != '$') ++n;
  }
  if (At(s, n) != '$') return 1;  // a lone '$' is a token of its own
  const std::string_view tag = s.substr(pos, n + 1 - pos);
  const std::size_t close = s.find(tag, n + 1);
  if (close == std::string_view::npos) ThrowLexical(s, pos, "unterminated dollar-quoted string");
  return close + tag.size() - pos;
}

/// Returns the length of the token at `pos`, throwing the lexical error PostgreSQL raises there, if any.
std::size_t TokenLength(std::string_view s, std::size_t pos) {
  const unsigned char c = At(s, pos);
  if (c == '/' && At(s, pos + 1) == '*') ThrowLexical(s, pos, "unterminated /* comment");
  if ((c == 'e' || c == 'E') && At(s, pos + 1) == '\'') {
    std::size_t n = QuotedLength(s, pos + 1, '\'', true);
    if (n == std::string_view::npos) ThrowLexical(s, pos, "unterminated quoted string");
    return n + 1;
  }
  if (IsIdentStart(c)) {
    std::size_t i = pos;
    while (IsIdentCont(At(s, i))) ++i;
    return i - pos;
  }
  if (std::isdigit(c) || (c == '.' && std::isdigit(At(s, pos + 1)))) {
    std::size_t n = NumberLength(s, pos);
    if (IsIdentStart(At(s, pos + n))) {
      while (IsIdentCont(At(s, pos + n))) ++n;
      ThrowAt(s, pos, "trailing junk after numeric literal at or near \"" + std::string(s.substr(pos, n)) + "\"");
    }
    return n;
  }
  if (c == '\'') {
    std::size_t n = QuotedLength(s, pos, '\'', false);
    if (n == std::string_view::npos) ThrowLexical(s, pos, "unterminated quoted string");
    return n;
  }
  if (c == '"') {
    std::size_t n = QuotedLength(s, pos, '"', false);
    if (n == std::string_view::npos) ThrowLexical(s, pos, "unterminated quoted identifier");
    if (n == 2) ThrowAt(s, pos, "zero-length delimited identifier at or near \"\"\"\"");
    return n;
  }
  if (c == '$') {
    if (std::isdigit(At(s, pos + 1))) {
      std::size_t i = pos + 1;
      while (std::isdigit(At(s, i))) ++i;
      if (IsIdentStart(At(s, i))) {
        while (IsIdentCont(At(s, i))) ++i;
        ThrowAt(s, pos, "trailing junk after parameter at or near \"" + std::string(s.substr(pos, i - pos)) + "\"");
      }
      return i - pos;
    }
    return DollarLength(s, pos);
  }
  if (c == ':' && At(s, pos + 1) == ':') return 2;
  if (IsOpChar(static_cast<char>(c))) return OperatorLength(s, pos);
  std::size_t n = 1;
  while (pos + n < s.size() && (At(s, pos + n) & 0xC0) == 0x80) ++n;  // one whole UTF-8 character
  return n;
}

}  // namespace

int CharacterPosition(std::string_view sql, std::size_t byte) {
  int chars = 0;
  for (std::size_t i = 0; i < byte && i < sql.size(); ++i) {
    if ((static_cast<unsigned char>(sql[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars + 1;
}

void ThrowSyntaxError(std::string_view sql, std::size_t furthest) {
  if (furthest >= sql.size()) ThrowAt(sql, sql.size(), "syntax error at end of input");
  const std::size_t n = TokenLength(sql, furthest);
  ThrowAt(sql, furthest, "syntax error at or near \"" + std::string(sql.substr(furthest, n)) + "\"");
}

}  // namespace lumadb::parser

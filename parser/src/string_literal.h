#pragma once
// Decoding of quoted string and U& identifier tokens (scan.l's xq, xe and xus states, parser.c's
// str_udeescape), after the grammar (grammar/lexical.hpp) has matched the token's extent.

#include <cstddef>
#include <string>
#include <string_view>

namespace lumadb::parser {

/// The quoted-string token forms: 'text', E'text' and U&'text' [UESCAPE 'c'].
enum class StringLiteralKind { kPlain, kEscape, kUnicode };

/// The value of the string literal token sql[offset, offset + size): one or more quoted segments joined by
/// whitespace that holds a newline (scan.l quotecontinue), with E's backslash escapes or U&'s Unicode
/// escapes applied. Errors carry PostgreSQL's positions: 22025 "invalid Unicode escape" (with its HINT) at
/// the escape; 42601 "invalid Unicode surrogate pair", "invalid Unicode escape value" and, for UESCAPE,
/// "invalid Unicode escape character".
std::string DecodeStringLiteral(std::string_view sql, std::size_t offset, std::size_t size, StringLiteralKind kind);

/// The name of the U&"..." [UESCAPE 'c'] identifier token sql[offset, offset + size), not yet truncated to
/// NAMEDATALEN. Same errors as a U& string.
std::string DecodeUnicodeIdentifier(std::string_view sql, std::size_t offset, std::size_t size);

}  // namespace lumadb::parser

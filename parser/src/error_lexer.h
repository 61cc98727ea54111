#pragma once
// Reports a syntax error the way PostgreSQL's scanner_yyerror does, once the grammar has failed: it scans
// the one token at the furthest position the grammar reached, so that the message names that token
// ("syntax error at or near \"foo\""), or reports the lexical error found there instead (unterminated
// quoted string, unterminated comment, zero-length identifier, trailing junk after a number), exactly as
// PostgreSQL's on-demand lexer would have raised it at that token.

#include <cstddef>
#include <string_view>

namespace lumadb::parser {

/// Throws DbError 42601 for a parse that failed with `furthest` as the furthest byte offset any token
/// rule was tried at. The error's position is the 1-based character (not byte) offset of the token, or
/// the text's length in characters + 1 at end of input. Follows scan.l (scanner_yyerror, lexer rules).
[[noreturn]] void ThrowSyntaxError(std::string_view sql, std::size_t furthest);

/// Returns the 1-based character position of byte offset `byte` in UTF-8 text `sql`.
int CharacterPosition(std::string_view sql, std::size_t byte);

}  // namespace lumadb::parser

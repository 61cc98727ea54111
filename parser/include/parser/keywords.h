#pragma once
// Keyword lookup for code outside the parser that must quote identifiers as PostgreSQL's quote_identifier
// does (ruleutils.c: every keyword but the unreserved ones is quoted).

#include <string_view>

namespace lumadb::parser {

/// True if `lower_word` is a reserved, column-name or type/function-name keyword of PostgreSQL 15.
bool IsQuotedKeyword(std::string_view lower_word);

}  // namespace lumadb::parser

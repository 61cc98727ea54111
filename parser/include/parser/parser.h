#pragma once
// Entry point of the parser module: SQL text in, AST out. Knows nothing of the catalog.

#include <string_view>
#include <vector>

#include "parser/ast.h"

namespace lumadb::parser {

/// Parses a query string that may hold several ';'-separated statements (empty statements are skipped,
/// so "" and ";" give an empty list, which the session answers with EmptyQueryResponse).
/// Throws DbError 42601 "syntax error at or near \"tok\"" (or "syntax error at end of input") with the
/// 1-based character position of the offending token, as PostgreSQL's scanner_yyerror does; 42601
/// "unterminated quoted string at or near ..." for an open quote; 22P02/42601 as PostgreSQL for bad
/// literals it rejects while scanning.
std::vector<ast::StatementPtr> Parse(std::string_view sql);

}  // namespace lumadb::parser

#pragma once
// SQL keyword categories, as PostgreSQL 15's src/include/parser/kwlist.h assigns them. The category decides
// where a keyword may stand in for an identifier (gram.y: ColId, type_function_name, ColLabel).

#include <string_view>

namespace lumadb::parser {

/// PostgreSQL's four keyword categories plus kNone for plain identifiers.
enum class KeywordCategory {
  kNone,          // not a keyword
  kUnreserved,    // usable anywhere an identifier is
  kColName,       // a column/table name but not a function or type name (BETWEEN, INT, COALESCE, ...)
  kTypeFuncName,  // a function or type name but not a column/table name (LEFT, JOIN, LIKE, IS, ...)
  kReserved,      // only after AS or as a qualified name's later part (SELECT, FROM, WHERE, ...)
};

/// Returns the category of `lower_word`, which must already be lower-cased. Only the keywords the
/// grammar gives meaning to, or that PostgreSQL reserves, are listed; any other word is kNone, which
/// behaves exactly like kUnreserved.
KeywordCategory LookupKeyword(std::string_view lower_word);

/// True if the keyword table is sorted, which LookupKeyword's binary search needs (for a unit test).
bool KeywordListIsSorted();

/// True if the word may be a column, table, alias or schema name (gram.y ColId).
inline bool IsColId(KeywordCategory c) {
  return c == KeywordCategory::kNone || c == KeywordCategory::kUnreserved || c == KeywordCategory::kColName;
}

/// True if the word may be a function or type name (gram.y type_function_name).
inline bool IsTypeFunctionName(KeywordCategory c) {
  return c == KeywordCategory::kNone || c == KeywordCategory::kUnreserved || c == KeywordCategory::kTypeFuncName;
}

}  // namespace lumadb::parser

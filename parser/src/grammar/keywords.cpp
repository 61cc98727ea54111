// The keyword list. Categories copied from PostgreSQL 15 src/include/parser/kwlist.h; unreserved keywords
// are omitted because they behave exactly like plain identifiers in every place this grammar looks.

#include "keywords.h"

#include <algorithm>
#include <array>
#include <iterator>

#include "parser/keywords.h"

namespace lumadb::parser {
namespace {

struct Keyword {
  std::string_view word;
  KeywordCategory category;
};

constexpr KeywordCategory kR = KeywordCategory::kReserved;
constexpr KeywordCategory kC = KeywordCategory::kColName;
constexpr KeywordCategory kT = KeywordCategory::kTypeFuncName;

// Sorted by word so that LookupKeyword can binary-search (checked by a unit test).
constexpr std::array kKeywords = {
    Keyword{"all", kR},
    Keyword{"analyse", kR},
    Keyword{"analyze", kR},
    Keyword{"and", kR},
    Keyword{"any", kR},
    Keyword{"array", kR},
    Keyword{"as", kR},
    Keyword{"asc", kR},
    Keyword{"asymmetric", kR},
    Keyword{"authorization", kT},
    Keyword{"between", kC},
    Keyword{"bigint", kC},
    Keyword{"binary", kT},
    Keyword{"bit", kC},
    Keyword{"boolean", kC},
    Keyword{"both", kR},
    Keyword{"case", kR},
    Keyword{"cast", kR},
    Keyword{"char", kC},
    Keyword{"character", kC},
    Keyword{"check", kR},
    Keyword{"coalesce", kC},
    Keyword{"collate", kR},
    Keyword{"collation", kT},
    Keyword{"column", kR},
    Keyword{"concurrently", kT},
    Keyword{"constraint", kR},
    Keyword{"create", kR},
    Keyword{"cross", kT},
    Keyword{"current_catalog", kR},
    Keyword{"current_date", kR},
    Keyword{"current_role", kR},
    Keyword{"current_schema", kT},
    Keyword{"current_time", kR},
    Keyword{"current_timestamp", kR},
    Keyword{"current_user", kR},
    Keyword{"dec", kC},
    Keyword{"decimal", kC},
    Keyword{"default", kR},
    Keyword{"deferrable", kR},
    Keyword{"desc", kR},
    Keyword{"distinct", kR},
    Keyword{"do", kR},
    Keyword{"else", kR},
    Keyword{"end", kR},
    Keyword{"except", kR},
    Keyword{"exists", kC},
    Keyword{"extract", kC},
    Keyword{"false", kR},
    Keyword{"fetch", kR},
    Keyword{"float", kC},
    Keyword{"for", kR},
    Keyword{"foreign", kR},
    Keyword{"freeze", kT},
    Keyword{"from", kR},
    Keyword{"full", kT},
    Keyword{"grant", kR},
    Keyword{"greatest", kC},
    Keyword{"group", kR},
    Keyword{"grouping", kC},
    Keyword{"having", kR},
    Keyword{"ilike", kT},
    Keyword{"in", kR},
    Keyword{"initially", kR},
    Keyword{"inner", kT},
    Keyword{"inout", kC},
    Keyword{"int", kC},
    Keyword{"integer", kC},
    Keyword{"intersect", kR},
    Keyword{"interval", kC},
    Keyword{"into", kR},
    Keyword{"is", kT},
    Keyword{"isnull", kT},
    Keyword{"join", kT},
    Keyword{"lateral", kR},
    Keyword{"leading", kR},
    Keyword{"least", kC},
    Keyword{"left", kT},
    Keyword{"like", kT},
    Keyword{"limit", kR},
    Keyword{"localtime", kR},
    Keyword{"localtimestamp", kR},
    Keyword{"national", kC},
    Keyword{"natural", kT},
    Keyword{"nchar", kC},
    Keyword{"none", kC},
    Keyword{"normalize", kC},
    Keyword{"not", kR},
    Keyword{"notnull", kT},
    Keyword{"null", kR},
    Keyword{"nullif", kC},
    Keyword{"numeric", kC},
    Keyword{"offset", kR},
    Keyword{"on", kR},
    Keyword{"only", kR},
    Keyword{"or", kR},
    Keyword{"order", kR},
    Keyword{"out", kC},
    Keyword{"outer", kT},
    Keyword{"overlaps", kT},
    Keyword{"overlay", kC},
    Keyword{"placing", kR},
    Keyword{"position", kC},
    Keyword{"precision", kC},
    Keyword{"primary", kR},
    Keyword{"real", kC},
    Keyword{"references", kR},
    Keyword{"returning", kR},
    Keyword{"right", kT},
    Keyword{"row", kC},
    Keyword{"select", kR},
    Keyword{"session_user", kR},
    Keyword{"setof", kC},
    Keyword{"similar", kT},
    Keyword{"smallint", kC},
    Keyword{"some", kR},
    Keyword{"substring", kC},
    Keyword{"symmetric", kR},
    Keyword{"table", kR},
    Keyword{"tablesample", kT},
    Keyword{"then", kR},
    Keyword{"time", kC},
    Keyword{"timestamp", kC},
    Keyword{"to", kR},
    Keyword{"trailing", kR},
    Keyword{"treat", kC},
    Keyword{"trim", kC},
    Keyword{"true", kR},
    Keyword{"union", kR},
    Keyword{"unique", kR},
    Keyword{"user", kR},
    Keyword{"using", kR},
    Keyword{"values", kC},
    Keyword{"varchar", kC},
    Keyword{"variadic", kR},
    Keyword{"verbose", kT},
    Keyword{"when", kR},
    Keyword{"where", kR},
    Keyword{"window", kR},
    Keyword{"with", kR},
};

}  // namespace

KeywordCategory LookupKeyword(std::string_view lower_word) {
  auto it = std::lower_bound(std::begin(kKeywords), std::end(kKeywords), lower_word,
                             [](const Keyword& k, std::string_view w) { return k.word < w; });
  if (it == std::end(kKeywords) || it->word != lower_word) return KeywordCategory::kNone;
  return it->category;
}

bool KeywordListIsSorted() {
  return std::is_sorted(std::begin(kKeywords), std::end(kKeywords),
                        [](const Keyword& a, const Keyword& b) { return a.word < b.word; });
}

}  // namespace lumadb::parser

namespace lumadb::parser {

bool IsQuotedKeyword(std::string_view lower_word) {
  KeywordCategory c = LookupKeyword(lower_word);
  return c != KeywordCategory::kNone && c != KeywordCategory::kUnreserved;
}

}  // namespace lumadb::parser

#pragma once
// Lexical rules: whitespace and comments, identifiers, keywords, literals, operators, punctuation. They
// follow PostgreSQL 15's scanner (src/backend/parser/scan.l). Every token rule starts with `mark`, whose
// action records how far the parse got (for the error position), and ends by skipping trailing blanks, so
// every token starts right after the previous one's trailing whitespace.

#include <cctype>
#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "keywords.h"

namespace lumadb::parser::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl;  // NOLINT: the grammar reads best with PEGTL's rule names unqualified

/// Base of the rules that become parse-tree nodes (the transformer reads only those).
struct Node {};
/// Base of node rules that collapse into their only child (precedence levels without an operator).
struct Fold : Node {};

// ---- whitespace and comments --------------------------------------------------------------------------

struct line_comment : seq<two<'-'>, until<eolf>> {};
/// A /* */ comment; PostgreSQL nests them.
struct block_comment : seq<string<'/', '*'>, until<string<'*', '/'>, sor<block_comment, any>>> {};
struct skip : star<sor<plus<space>, line_comment, block_comment>> {};

/// Records the start of a token attempt (see ParseDriver's furthest-position error tracking).
struct mark : success {};

/// A token: mark, the token's text R, then trailing blanks.
template <typename R>
struct tok : seq<mark, R, skip> {};

// ---- identifiers and keywords -------------------------------------------------------------------------

/// scan.l ident_start / ident_cont (bytes >= 0x80 are letters, which admits UTF-8).
struct ident_start : sor<alpha, one<'_'>, range<'\x80', '\xff'>> {};
struct ident_cont : sor<ident_start, digit, one<'$'>> {};
struct word_chars : seq<ident_start, star<ident_cont>> {};

/// A keyword matched case-insensitively and as a whole word.
template <typename Str>
struct word : seq<Str, not_at<ident_cont>> {};
template <typename Str>
struct kw : tok<word<Str>> {};

#define LUMADB_KW(name) kw<TAO_PEGTL_ISTRING(name)>

/// '...' with '' standing for one quote: one segment of a string literal, and UESCAPE's operand.
struct quoted_part : seq<one<'\''>, star<sor<two<'\''>, not_one<'\''>>>, one<'\''>> {};
/// The UESCAPE 'c' clause after a U& string or identifier (checked by the transformer).
struct uescape : seq<skip, word<TAO_PEGTL_ISTRING("uescape")>, skip, quoted_part> {};

/// The last word bare_word scanned. Alternatives try the same word again and again (an expression's
/// primary tries some 16 rules that start with a name), so its length and keyword category are computed
/// once per position. Parse() resets it: the same address may hold another text next time.
struct WordScan {
  const char* at = nullptr;
  std::size_t length = 0;
  KeywordCategory category = KeywordCategory::kNone;
};
inline thread_local WordScan last_word_scan;

/// The word at p (size bytes available): its length (0 when p does not start a word) and category.
inline const WordScan& ScanWord(const char* at, std::size_t size) {
  WordScan& scan = last_word_scan;
  if (scan.at == at) return scan;
  const auto* p = reinterpret_cast<const unsigned char*>(at);
  // ASCII tests, not <cctype>'s locale-dependent calls (the server never sets a locale, so they agree).
  auto is_start = [](unsigned char c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' || c >= 0x80; };
  auto is_cont = [&](unsigned char c) { return is_start(c) || (c >= '0' && c <= '9') || c == '$'; };
  std::size_t n = 0;
  if (size > 0 && is_start(p[0])) {
    while (n < size && is_cont(p[n])) ++n;
  }
  // E'...' is an escape string, not the identifier e followed by a string (scan.l xestart); U&'...' and
  // U&"..." are Unicode-escaped strings and identifiers (xusstart, xuistart).
  if (n == 1 && (p[0] == 'e' || p[0] == 'E') && size > 1 && p[1] == '\'') n = 0;
  if (n == 1 && (p[0] == 'u' || p[0] == 'U') && size > 2 && p[1] == '&' && (p[2] == '\'' || p[2] == '"')) n = 0;
  KeywordCategory category = KeywordCategory::kNone;
  // No keyword is 64 bytes long, so a longer word is a plain identifier.
  if (n > 0 && n < 64) {
    char lower[64];
    for (std::size_t i = 0; i < n; ++i) lower[i] = static_cast<char>(p[i] >= 'A' && p[i] <= 'Z' ? p[i] | 0x20 : p[i]);
    category = LookupKeyword(std::string_view(lower, n));
  }
  scan = WordScan{at, n, category};
  return scan;
}

/// An unquoted word accepted when Accept(category of its lower-cased spelling) holds.
template <bool (*Accept)(KeywordCategory)>
struct bare_word {
  using rule_t = bare_word;
  using subs_t = empty_list;
  template <apply_mode, rewind_mode, template <typename...> class Action, template <typename...> class Control,
            typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... /*unused*/) {
    // 256 bytes suffice: a word longer than 63 is an identifier whatever follows.
    const WordScan& scan = ScanWord(in.current(), in.size(256));
    if (scan.length == 0 || !Accept(scan.category)) return false;
    in.bump(scan.length);
    return true;
  }
};

inline bool AcceptAny(KeywordCategory) {
  return true;
}

/// "quoted" identifier: "" inside stands for one quote; empty is an error (reported by the error lexer).
/// U&"..." [UESCAPE 'c'] spells it with Unicode escapes.
struct double_quoted : seq<one<'"'>, plus<sor<two<'"'>, not_one<'"'>>>, one<'"'>> {};
struct quoted_ident : sor<double_quoted, seq<one<'u', 'U'>, one<'&'>, double_quoted, opt<uescape>>> {};

/// gram.y ColId: an identifier that may name a column, table, schema or alias.
struct col_id : tok<sor<quoted_ident, bare_word<IsColId>>>, Node {};
/// gram.y type_function_name.
struct type_func_name : tok<sor<quoted_ident, bare_word<IsTypeFunctionName>>>, Node {};
/// gram.y ColLabel: any word, even reserved (after AS, after a dot).
struct col_label : tok<sor<quoted_ident, bare_word<AcceptAny>>>, Node {};

// ---- literals -----------------------------------------------------------------------------------------

/// Digits with optional fraction and exponent; a number glued to a following letter is PostgreSQL's
/// "trailing junk" error, so it does not match here (the error lexer reports it).
struct exponent : seq<one<'e', 'E'>, opt<one<'+', '-'>>, plus<digit>> {};
struct decimal_digits : sor<seq<plus<digit>, one<'.'>, not_at<one<'.'>>, star<digit>>, seq<one<'.'>, plus<digit>>> {};
struct decimal_number : seq<decimal_digits, opt<exponent>>, Node {};
struct real_number : seq<plus<digit>, exponent>, Node {};
struct integer_number : plus<digit>, Node {};
struct number_literal : tok<seq<sor<decimal_number, real_number, integer_number>, not_at<ident_cont>>> {};

/// Whitespace that joins two quoted segments into one literal (scan.l quotecontinue): it holds a newline
/// and may hold -- comments, but no /* */ comment.
struct comment_text : seq<two<'-'>, star<not_one<'\n', '\r'>>> {};
struct quote_continue : seq<star<sor<one<' ', '\t', '\f'>, comment_text>>, one<'\n', '\r'>,
                            star<sor<space, seq<comment_text, one<'\n', '\r'>>>>, at<one<'\''>>> {};
/// 'text' with '' escapes (standard_conforming_strings on: backslash is literal).
struct plain_string : seq<quoted_part, star<quote_continue, quoted_part>>, Node {};
/// E'text' with backslash escapes and '' escapes.
struct escape_part : seq<one<'\''>, star<sor<two<'\''>, seq<one<'\\'>, any>, not_one<'\''>>>, one<'\''>> {};
struct escape_string : seq<one<'e', 'E'>, escape_part, star<quote_continue, escape_part>>, Node {};
/// U&'text' [UESCAPE 'c'] with Unicode escapes (scan.l xus; the escapes are decoded by the transformer).
struct unicode_string : seq<one<'u', 'U'>, one<'&'>, quoted_part, star<quote_continue, quoted_part>, opt<uescape>>,
                        Node {};
/// $tag$text$tag$ (the tag may be empty; it cannot start with a digit, which makes $1 a parameter).
struct dollar_body {
  using rule_t = dollar_body;
  using subs_t = empty_list;
  template <apply_mode, rewind_mode, template <typename...> class Action, template <typename...> class Control,
            typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... /*unused*/) {
    const std::string_view text(in.current(), in.size(1 << 30));
    if (text.empty() || text[0] != '$') return false;
    std::size_t n = 1;
    auto is_tag = [](unsigned char c, bool first) {
      return std::isalpha(c) || c == '_' || c >= 0x80 || (!first && std::isdigit(c));
    };
    while (n < text.size() && is_tag(static_cast<unsigned char>(text[n]), n == 1)) ++n;
    if (n >= text.size() || text[n] != '$') return false;
    const std::string_view tag = text.substr(0, n + 1);
    const std::size_t close = text.find(tag, tag.size());
    if (close == std::string_view::npos) return false;
    in.bump(close + tag.size());
    return true;
  }
};
struct dollar_string : dollar_body, Node {};
struct string_literal : tok<sor<escape_string, unicode_string, plain_string, dollar_string>> {};

struct param_ref : tok<seq<one<'$'>, plus<digit>, not_at<ident_cont>>>, Node {};

// ---- punctuation and operators ------------------------------------------------------------------------

/// Characters that may form an operator (scan.l op_chars).
struct op_char : one<'~', '!', '@', '#', '^', '&', '|', '`', '?', '+', '-', '*', '/', '%', '<', '>', '='> {};
/// An operator may be followed by + or - (scan.l strips trailing signs off an operator), not by other
/// operator characters, which would make it a longer operator.
struct op_end : not_at<minus<op_char, one<'+', '-'>>> {};
/// A one-character operator that is a whole operator token.
template <char C>
struct op1 : tok<seq<one<C>, op_end>> {};
/// An operator token whose text S becomes a parse-tree node (the transformer reads the operator there).
template <typename S>
struct op_tok : tok<seq<S, op_end>> {};
template <char C>
struct punct : tok<one<C>> {};

using lparen = punct<'('>;
using rparen = punct<')'>;
using comma = punct<','>;
using dot = tok<seq<one<'.'>, not_at<digit>>>;
using semicolon = punct<';'>;
using typecast = tok<two<':'>>;
using equals = op1<'='>;
using star_op = op1<'*'>;

}  // namespace lumadb::parser::grammar

// The custom rules consume input and have no sub-rules, which is what analyze<>() needs to know.
template <typename Name, bool (*Accept)(lumadb::parser::KeywordCategory)>
struct tao::pegtl::analyze_traits<Name, lumadb::parser::grammar::bare_word<Accept>> : analyze_any_traits<> {};
template <typename Name>
struct tao::pegtl::analyze_traits<Name, lumadb::parser::grammar::dollar_body> : analyze_any_traits<> {};

#pragma once
// Pieces shared by the DDL and utility statements: IF [NOT] EXISTS, CASCADE/RESTRICT, relation_expr,
// WITH (reloptions) and the parenthesised utility option list of EXPLAIN, VACUUM, ANALYZE and REINDEX.

#include "select.hpp"

namespace lumadb::parser::grammar {

struct if_not_exists : seq<LUMADB_KW("if"), LUMADB_KW("not"), LUMADB_KW("exists")>, Node {};
struct if_exists : seq<LUMADB_KW("if"), LUMADB_KW("exists")>, Node {};

struct cascade_word : LUMADB_WORD("cascade"), Node {};
/// gram.y opt_drop_behavior (RESTRICT is the default, so only CASCADE leaves a node).
struct drop_behavior : sor<tok<cascade_word>, LUMADB_KW("restrict")> {};

/// gram.y relation_expr: [ONLY] name [*] or ONLY (name); inheritance does not exist here, so ONLY and *
/// change nothing and leave no node.
struct relation_expr : sor<seq<LUMADB_KW("only"), sor<qualified_name, seq<lparen, qualified_name, rparen>>>,
                           seq<qualified_name, opt<star_op>>> {};

/// gram.y any_name: name[.name...] (OWNED BY s.t.c).
struct any_name : seq<col_id, star<dot, col_label>>, Node {};

struct option_value : sor<number_literal, string_literal, col_label>, Node {};
struct rel_option : seq<col_label, opt<equals, option_value>>, Node {};
/// WITH (name [= value], ...) (gram.y opt_reloptions).
struct with_options : seq<LUMADB_KW("with"), lparen, list<rel_option, comma>, rparen> {};

inline bool AcceptNonReserved(KeywordCategory c) {
  return c != KeywordCategory::kReserved;
}
/// gram.y utility_option_name: NonReservedWord, ANALYZE/ANALYSE or FORMAT.
struct utility_option_name : tok<sor<quoted_ident, word<TAO_PEGTL_ISTRING("analyze")>,
                                     word<TAO_PEGTL_ISTRING("analyse")>, bare_word<AcceptNonReserved>>>,
                             Node {};
/// gram.y utility_option_arg: TRUE, FALSE, ON, a non-reserved word, a string or a signed number.
struct utility_option_word : tok<sor<LUMADB_WORD("true"), LUMADB_WORD("false"), LUMADB_WORD("on"), quoted_ident,
                                     bare_word<AcceptNonReserved>>>,
                             Node {};
struct utility_option_arg : sor<seq<opt<op_tok<sign_op>>, number_literal>, string_literal, utility_option_word>,
                            Node {};
struct utility_option : seq<utility_option_name, opt<utility_option_arg>>, Node {};
/// '(' option [value], ... ')' (gram.y utility_option_list).
struct utility_option_list : seq<lparen, list<utility_option, comma>, rparen>, Node {};

}  // namespace lumadb::parser::grammar

#pragma once
// GROUP BY items (gram.y group_clause / group_by_item): expressions, the empty grouping set (), ROLLUP,
// CUBE and GROUPING SETS, which nest. A parenthesized list (a, b) is one composite element, as gram.y's
// implicit ROW the parser later flattens (parse_agg.c flatten_grouping_sets).

#include "expr.hpp"

namespace lumadb::parser::grammar {

struct grouping_empty : seq<lparen, rparen>, Node {};
struct grouping_row : seq<lparen, a_expr, plus<comma, a_expr>, rparen>, Node {};
struct grouping_element : sor<grouping_row, a_expr> {};
struct rollup_clause : seq<LUMADB_KW("rollup"), lparen, list<grouping_element, comma>, rparen>, Node {};
struct cube_clause : seq<LUMADB_KW("cube"), lparen, list<grouping_element, comma>, rparen>, Node {};
struct group_item;
struct grouping_sets_clause : seq<LUMADB_KW("grouping"), LUMADB_KW("sets"), lparen, list<group_item, comma>, rparen>,
                              Node {};
struct group_item : sor<grouping_empty, rollup_clause, cube_clause, grouping_sets_clause, grouping_row, a_expr> {};
struct group_distinct : seq<distinct_word>, Node {};
struct group_clause : seq<LUMADB_KW("group"), LUMADB_KW("by"), opt<sor<tok<group_distinct>, LUMADB_KW("all")>>,
                          list<group_item, comma>>,
                      Node {};

}  // namespace lumadb::parser::grammar

#pragma once
// INSERT's ON CONFLICT clause (gram.y opt_on_conflict, opt_conf_expr) and the SET list it shares with
// UPDATE (set_clause_list).

#include "index.hpp"
#include "select.hpp"

namespace lumadb::parser::grammar {

struct set_clause : seq<col_id, star<subscript_suffix>, equals, sor<tok<default_word>, a_expr>>, Node {};
/// (a, b) = ([ROW] (x, DEFAULT)) (gram.y set_clause's set_target_list form with a row constructor source).
struct multi_set_columns : seq<lparen, list<col_id, comma>, rparen>, Node {};
struct multi_set_values : seq<opt<LUMADB_KW("row")>, lparen, list<values_item, comma>, rparen>, Node {};
struct multi_set_clause : seq<multi_set_columns, equals, multi_set_values>, Node {};
struct set_item : sor<multi_set_clause, set_clause> {};

/// ( index_elem, ... ) [WHERE predicate]: the arbiter index inference specification.
struct conflict_where : seq<LUMADB_KW("where"), a_expr>, Node {};
struct conflict_target : seq<lparen, list<index_elem, comma>, rparen, opt<conflict_where>>, Node {};
/// ON CONSTRAINT name.
struct conflict_constraint : seq<LUMADB_KW("on"), LUMADB_KW("constraint"), col_id>, Node {};
struct conflict_nothing : seq<LUMADB_KW("do"), LUMADB_KW("nothing")>, Node {};
struct conflict_update
    : seq<LUMADB_KW("do"), LUMADB_KW("update"), LUMADB_KW("set"), list<set_item, comma>, opt<where_clause>>,
      Node {};
/// ON CONFLICT [target] DO NOTHING | DO UPDATE SET ... [WHERE ...].
struct on_conflict_clause : seq<LUMADB_KW("on"), LUMADB_KW("conflict"), opt<sor<conflict_target, conflict_constraint>>,
                                sor<conflict_nothing, conflict_update>>,
                            Node {};

/// DELETE's USING list (gram.y using_clause).
struct using_clause : seq<LUMADB_KW("using"), list<table_ref, comma>>, Node {};

}  // namespace lumadb::parser::grammar

#pragma once
// CREATE INDEX and REINDEX (gram.y IndexStmt, index_params, ReindexStmt). DROP INDEX is in ddl.hpp.

#include "ddl_common.hpp"

namespace lumadb::parser::grammar {

struct index_unique : LUMADB_WORD("unique"), Node {};
struct index_name : seq<col_id>, Node {};
/// USING method (gram.y access_method_clause).
struct index_method : seq<LUMADB_KW("using"), col_id>, Node {};
/// An expression key: f(x) or (expr) (gram.y index_elem's func_expr_windowless and '(' a_expr ')').
struct index_expr_key : sor<seq<lparen, a_expr, rparen>, special_call, func_call>, Node {};
/// One key: column or expression, [ASC|DESC] [NULLS FIRST|LAST].
struct index_elem : seq<sor<index_expr_key, col_id>, opt<sor<tok<asc_word>, tok<desc_word>>>,
                        opt<LUMADB_KW("nulls"), sor<tok<first_word>, tok<last_word>>>>,
                    Node {};
struct index_include : seq<LUMADB_KW("include"), lparen, list<index_elem, comma>, rparen>, Node {};
struct index_where : seq<LUMADB_KW("where"), a_expr>, Node {};
struct index_tablespace : seq<LUMADB_KW("tablespace"), col_id> {};
/// [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] t [USING m] (keys) [INCLUDE (..)]
/// [WITH (..)] [TABLESPACE x] [WHERE expr] (after CREATE). IF NOT EXISTS requires a name, as in gram.y.
struct create_index : seq<opt<tok<index_unique>>, LUMADB_KW("index"), opt<LUMADB_KW("concurrently")>,
                          sor<seq<if_not_exists, index_name>, opt<index_name>>, LUMADB_KW("on"), relation_expr,
                          opt<index_method>, lparen, list<index_elem, comma>, rparen, opt<index_include>,
                          opt<with_options>, opt<index_tablespace>, opt<index_where>>,
                      Node {};

struct reindex_table_word : LUMADB_WORD("table"), Node {};
/// REINDEX [(options)] {INDEX|TABLE} [CONCURRENTLY] name.
struct reindex_stmt
    : seq<LUMADB_KW("reindex"), opt<utility_option_list>, sor<tok<reindex_table_word>, LUMADB_KW("index")>,
          opt<LUMADB_KW("concurrently")>, qualified_name>,
      Node {};

}  // namespace lumadb::parser::grammar

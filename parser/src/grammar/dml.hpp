#pragma once
// INSERT, UPDATE, DELETE (gram.y InsertStmt, UpdateStmt, DeleteStmt).

#include "select.hpp"

namespace lumadb::parser::grammar {

/// [AS] alias after the target table of UPDATE/DELETE; SET stays a keyword there, as in gram.y.
struct target_alias : seq<opt<LUMADB_KW("as")>, not_at<LUMADB_KW("set")>, col_id>, Node {};

struct insert_columns : seq<lparen, list<col_id, comma>, rparen>, Node {};
struct default_values : seq<LUMADB_KW("default"), LUMADB_KW("values")>, Node {};
struct insert_stmt : seq<LUMADB_KW("insert"), LUMADB_KW("into"), qualified_name, opt<LUMADB_KW("as"), col_id>,
                         opt<insert_columns>, sor<default_values, select_stmt>>,
                     Node {};

struct set_clause : seq<col_id, equals, sor<tok<default_word>, a_expr>>, Node {};
struct update_stmt : seq<LUMADB_KW("update"), qualified_name, opt<target_alias>, LUMADB_KW("set"),
                         list<set_clause, comma>, opt<from_clause>, opt<where_clause>>,
                     Node {};

struct delete_stmt : seq<LUMADB_KW("delete"), LUMADB_KW("from"), qualified_name, opt<target_alias>, opt<where_clause>>,
                     Node {};

}  // namespace lumadb::parser::grammar

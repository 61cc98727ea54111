#pragma once
// INSERT, UPDATE, DELETE (gram.y InsertStmt, UpdateStmt, DeleteStmt) with RETURNING.

#include "on_conflict.hpp"

namespace lumadb::parser::grammar {

/// [AS] alias after the target table of UPDATE/DELETE; SET stays a keyword there, as in gram.y.
struct target_alias : seq<opt<LUMADB_KW("as")>, not_at<LUMADB_KW("set")>, col_id>, Node {};

/// RETURNING target_list (items as in a select list).
struct returning_clause : seq<LUMADB_KW("returning"), target_list>, Node {};

/// The column list of INSERT; a column may carry subscripts (gram.y insert_column_item's opt_indirection).
struct insert_columns : seq<lparen, list<seq<col_id, star<subscript_suffix>>, comma>, rparen>, Node {};
struct default_values : seq<LUMADB_KW("default"), LUMADB_KW("values")>, Node {};
struct override_kind : sor<LUMADB_WORD("system"), LUMADB_WORD("user")>, Node {};
/// OVERRIDING {SYSTEM | USER} VALUE (identity columns).
struct overriding_clause : seq<LUMADB_KW("overriding"), tok<override_kind>, LUMADB_KW("value")>, Node {};
struct insert_stmt : seq<LUMADB_KW("insert"), LUMADB_KW("into"), qualified_name, opt<LUMADB_KW("as"), col_id>,
                         opt<insert_columns>, sor<default_values, seq<opt<overriding_clause>, select_stmt>>,
                         opt<on_conflict_clause>, opt<returning_clause>>,
                     Node {};

struct update_stmt : seq<LUMADB_KW("update"), qualified_name, opt<target_alias>, LUMADB_KW("set"),
                         list<set_item, comma>, opt<from_clause>, opt<where_clause>, opt<returning_clause>>,
                     Node {};

struct delete_stmt : seq<LUMADB_KW("delete"), LUMADB_KW("from"), qualified_name, opt<target_alias>, opt<using_clause>,
                         opt<where_clause>, opt<returning_clause>>,
                     Node {};

}  // namespace lumadb::parser::grammar

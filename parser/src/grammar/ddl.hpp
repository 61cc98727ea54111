#pragma once
// CREATE TABLE/SCHEMA/DATABASE, DROP, TRUNCATE (gram.y CreateStmt, CreateSchemaStmt, CreatedbStmt,
// DropStmt, DropdbStmt, TruncateStmt).

#include "constraints.hpp"

namespace lumadb::parser::grammar {

struct table_element : sor<table_constraint, column_def> {};

/// gram.y OptTemp: [LOCAL | GLOBAL] TEMP[ORARY] leaves a temp_word node; UNLOGGED an unlogged_word.
struct temp_word : sor<LUMADB_WORD("temporary"), LUMADB_WORD("temp")>, Node {};
struct unlogged_word : LUMADB_WORD("unlogged"), Node {};
struct opt_temp : sor<seq<opt<sor<LUMADB_KW("local"), LUMADB_KW("global")>>, tok<temp_word>>, tok<unlogged_word>> {};
/// ON COMMIT {DROP | DELETE ROWS | PRESERVE ROWS} (gram.y OnCommitOption).
struct on_commit_action : sor<LUMADB_WORD("drop"), seq<LUMADB_WORD("delete"), skip, LUMADB_WORD("rows")>,
                              seq<LUMADB_WORD("preserve"), skip, LUMADB_WORD("rows")>>,
                          Node {};
struct on_commit : seq<LUMADB_KW("on"), LUMADB_KW("commit"), tok<on_commit_action>> {};

struct create_table : seq<opt<opt_temp>, LUMADB_KW("table"), opt<if_not_exists>, qualified_name, lparen,
                          opt<list<table_element, comma>>, rparen, opt<with_options>, opt<on_commit>>,
                      Node {};

struct create_schema : seq<LUMADB_KW("schema"), opt<if_not_exists>, col_id>, Node {};

/// CREATE DATABASE options: name [=] value; CONNECTION LIMIT is the one two-word name.
struct db_option_name : sor<seq<LUMADB_KW("connection"), LUMADB_KW("limit")>, col_label>, Node {};
struct db_option_value : sor<seq<opt<op_tok<sign_op>>, number_literal>, string_literal, col_label>, Node {};
struct db_option : seq<db_option_name, opt<equals>, db_option_value>, Node {};
struct create_database : seq<LUMADB_KW("database"), col_id, opt<LUMADB_KW("with")>, star<db_option>>, Node {};

struct drop_kind : sor<LUMADB_WORD("table"), LUMADB_WORD("schema"), LUMADB_WORD("sequence"), LUMADB_WORD("view"),
                       seq<LUMADB_WORD("materialized"), skip, LUMADB_WORD("view")>>,
                   Node {};
struct drop_index_word : LUMADB_WORD("index"), Node {};
struct database_word : LUMADB_WORD("database"), Node {};
/// DROP DATABASE takes exactly one name and no CASCADE (gram.y DropdbStmt); only DROP INDEX takes
/// CONCURRENTLY.
struct drop_stmt
    : seq<LUMADB_KW("drop"), sor<seq<tok<database_word>, opt<if_exists>, qualified_name>,
                                 seq<sor<seq<tok<drop_index_word>, opt<LUMADB_KW("concurrently")>>, tok<drop_kind>>,
                                     opt<if_exists>, list<qualified_name, comma>, opt<drop_behavior>>>>,
      Node {};

struct restart_identity : seq<LUMADB_KW("restart"), LUMADB_KW("identity")>, Node {};
struct truncate_stmt
    : seq<LUMADB_KW("truncate"), opt<LUMADB_KW("table")>, list<relation_expr, comma>,
          opt<sor<restart_identity, seq<LUMADB_KW("continue"), LUMADB_KW("identity")>>>, opt<drop_behavior>>,
      Node {};

}  // namespace lumadb::parser::grammar

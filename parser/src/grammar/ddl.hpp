#pragma once
// CREATE TABLE/SCHEMA/DATABASE, DROP, TRUNCATE (gram.y CreateStmt, CreateSchemaStmt, CreatedbStmt,
// DropStmt, DropdbStmt, TruncateStmt).

#include "select.hpp"

namespace lumadb::parser::grammar {

struct if_not_exists : seq<LUMADB_KW("if"), LUMADB_KW("not"), LUMADB_KW("exists")>, Node {};
struct if_exists : seq<LUMADB_KW("if"), LUMADB_KW("exists")>, Node {};

struct constraint_name : seq<LUMADB_KW("constraint"), col_id>, Node {};
struct not_null_constraint : seq<LUMADB_KW("not"), LUMADB_KW("null")>, Node {};
struct null_constraint : seq<LUMADB_KW("null")>, Node {};
/// DEFAULT takes a b_expr in gram.y (no boolean operators); other_expr is our closest level.
struct default_constraint : seq<LUMADB_KW("default"), other_expr>, Node {};
struct primary_key : seq<LUMADB_KW("primary"), LUMADB_KW("key")>, Node {};
struct unique_constraint : seq<LUMADB_KW("unique")>, Node {};
struct column_constraint
    : seq<opt<constraint_name>,
          sor<not_null_constraint, null_constraint, default_constraint, primary_key, unique_constraint>> {};
struct column_def : seq<col_id, type_name, star<column_constraint>>, Node {};

struct table_constraint : seq<opt<constraint_name>, sor<primary_key, unique_constraint>, lparen, name_list, rparen>,
                          Node {};
struct table_element : sor<table_constraint, column_def> {};

struct option_value : sor<number_literal, string_literal, col_label>, Node {};
struct rel_option : seq<col_label, opt<equals, option_value>>, Node {};
struct with_options : seq<LUMADB_KW("with"), lparen, list<rel_option, comma>, rparen> {};

struct create_table : seq<LUMADB_KW("table"), opt<if_not_exists>, qualified_name, lparen,
                          opt<list<table_element, comma>>, rparen, opt<with_options>>,
                      Node {};

struct create_schema : seq<LUMADB_KW("schema"), opt<if_not_exists>, col_id>, Node {};

/// CREATE DATABASE options: name [=] value; CONNECTION LIMIT is the one two-word name.
struct db_option_name : sor<seq<LUMADB_KW("connection"), LUMADB_KW("limit")>, col_label>, Node {};
struct db_option_value : sor<seq<opt<op_tok<sign_op>>, number_literal>, string_literal, col_label>, Node {};
struct db_option : seq<db_option_name, opt<equals>, db_option_value>, Node {};
struct create_database : seq<LUMADB_KW("database"), col_id, opt<LUMADB_KW("with")>, star<db_option>>, Node {};

struct create_stmt : seq<LUMADB_KW("create"), sor<create_table, create_schema, create_database>> {};

struct drop_kind : sor<LUMADB_WORD("table"), LUMADB_WORD("schema")>, Node {};
struct database_word : LUMADB_WORD("database"), Node {};
struct cascade_word : LUMADB_WORD("cascade"), Node {};
/// DROP DATABASE takes exactly one name and no CASCADE (gram.y DropdbStmt).
struct drop_stmt : seq<LUMADB_KW("drop"), sor<seq<tok<database_word>, opt<if_exists>, qualified_name>,
                                              seq<tok<drop_kind>, opt<if_exists>, list<qualified_name, comma>,
                                                  opt<sor<tok<cascade_word>, LUMADB_KW("restrict")>>>>>,
                   Node {};

struct truncate_stmt : seq<LUMADB_KW("truncate"), opt<LUMADB_KW("table")>, list<qualified_name, comma>,
                           opt<sor<LUMADB_KW("restart"), LUMADB_KW("continue")>, LUMADB_KW("identity")>,
                           opt<sor<LUMADB_KW("cascade"), LUMADB_KW("restrict")>>>,
                       Node {};

}  // namespace lumadb::parser::grammar

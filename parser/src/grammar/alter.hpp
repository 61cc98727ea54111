#pragma once
// ALTER TABLE, ALTER INDEX ... RENAME, ALTER SEQUENCE (gram.y AlterTableStmt, alter_table_cmd,
// RenameStmt, AlterSeqStmt).

#include "constraints.hpp"
#include "roles.hpp"
#include "utility.hpp"

namespace lumadb::parser::grammar {

// ---- renames ------------------------------------------------------------------------------------------

struct rename_to : seq<LUMADB_KW("rename"), LUMADB_KW("to"), col_id>, Node {};
struct rename_constraint : seq<LUMADB_KW("rename"), LUMADB_KW("constraint"), col_id, LUMADB_KW("to"), col_id>, Node {};
struct rename_column : seq<LUMADB_KW("rename"), opt<LUMADB_KW("column")>, col_id, LUMADB_KW("to"), col_id>, Node {};

// ---- ALTER [COLUMN] c ... -----------------------------------------------------------------------------

struct set_not_null_cmd : seq<LUMADB_KW("set"), LUMADB_KW("not"), LUMADB_KW("null")>, Node {};
struct drop_not_null_cmd : seq<LUMADB_KW("drop"), LUMADB_KW("not"), LUMADB_KW("null")>, Node {};
/// SET DEFAULT takes a full a_expr (gram.y alter_column_default), unlike the column constraint.
struct set_default_cmd : seq<LUMADB_KW("set"), LUMADB_KW("default"), a_expr>, Node {};
struct drop_default_cmd : seq<LUMADB_KW("drop"), LUMADB_KW("default")>, Node {};
struct alter_using : seq<LUMADB_KW("using"), a_expr>, Node {};
struct alter_type_cmd : seq<opt<LUMADB_KW("set"), LUMADB_KW("data")>, LUMADB_KW("type"), type_name, opt<alter_using>>,
                        Node {};
struct add_identity_cmd : seq<LUMADB_KW("add"), identity_constraint>, Node {};
struct drop_identity_cmd : seq<LUMADB_KW("drop"), LUMADB_KW("identity"), opt<if_exists>>, Node {};
struct alter_column_cmd : seq<LUMADB_KW("alter"), opt<LUMADB_KW("column")>, col_id,
                              sor<set_not_null_cmd, drop_not_null_cmd, set_default_cmd, drop_default_cmd,
                                  alter_type_cmd, add_identity_cmd, drop_identity_cmd>>,
                          Node {};

// ---- ADD / DROP ---------------------------------------------------------------------------------------

/// ADD followed by PRIMARY/UNIQUE/CHECK/FOREIGN/CONSTRAINT (all reserved, so never a column name) is a
/// table constraint, anything else a column: `alter table t add primary key (id)`.
struct add_constraint_cmd : seq<LUMADB_KW("add"), table_constraint>, Node {};
struct add_column_cmd : seq<LUMADB_KW("add"), opt<LUMADB_KW("column")>, opt<if_not_exists>, column_def>, Node {};
struct drop_constraint_cmd
    : seq<LUMADB_KW("drop"), LUMADB_KW("constraint"), opt<if_exists>, col_id, opt<drop_behavior>>,
      Node {};
struct drop_column_cmd
    : seq<LUMADB_KW("drop"), opt<LUMADB_KW("column")>, sor<seq<if_exists, col_id>, col_id>, opt<drop_behavior>>,
      Node {};
struct alter_table_cmd
    : sor<add_constraint_cmd, add_column_cmd, drop_constraint_cmd, drop_column_cmd, alter_column_cmd> {};

// ---- statements ---------------------------------------------------------------------------------------

struct alter_table : seq<LUMADB_KW("table"), opt<if_exists>, relation_expr,
                         sor<rename_to, rename_constraint, rename_column, list<alter_table_cmd, comma>>>,
                     Node {};
struct alter_index : seq<LUMADB_KW("index"), opt<if_exists>, qualified_name, rename_to>, Node {};
struct alter_sequence : seq<LUMADB_KW("sequence"), opt<if_exists>, qualified_name, sor<rename_to, seq_option_list>>,
                        Node {};
// ---- ALTER ROLE / DATABASE ... SET | RESET ---------------------------------------------------------------

struct role_all : LUMADB_WORD("all"), Node {};
struct in_database : seq<LUMADB_KW("in"), LUMADB_KW("database"), col_id>, Node {};
struct alter_role_set : seq<sor<LUMADB_KW("role"), LUMADB_KW("user")>, sor<tok<role_all>, role_spec>, opt<in_database>,
                            sor<set_stmt, reset_stmt>>,
                        Node {};
struct alter_database_set : seq<LUMADB_KW("database"), col_id, sor<set_stmt, reset_stmt>>, Node {};

struct alter_stmt
    : seq<LUMADB_KW("alter"),
          sor<alter_owner, alter_role_set, alter_role, alter_database_set, alter_table, alter_index, alter_sequence>> {
};

}  // namespace lumadb::parser::grammar

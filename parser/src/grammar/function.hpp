#pragma once
// CREATE [OR REPLACE] FUNCTION / PROCEDURE, DROP FUNCTION / PROCEDURE / ROUTINE and ALTER FUNCTION (gram.y
// CreateFunctionStmt, func_args_with_defaults, func_return, createfunc_opt_list, opt_routine_body,
// RemoveFuncStmt, AlterFunctionStmt); transformed by transform_function.cpp into parser/ast_functions.h.

#include "utility.hpp"
#include "view.hpp"

namespace lumadb::parser::grammar {

struct statement;  // statement.hpp: the statements of a BEGIN ATOMIC body

struct func_arg_mode : sor<seq<LUMADB_KW("in"), LUMADB_KW("out")>, LUMADB_KW("inout"), LUMADB_KW("in"),
                           LUMADB_KW("out"), LUMADB_KW("variadic")>,
                       Node {};
struct func_arg_name : seq<type_func_name>, Node {};
struct func_arg_default : seq<sor<LUMADB_KW("default"), equals>, a_expr>, Node {};
/// What may follow an argument's type: another argument, the list's end or a default.
struct func_arg_end : at<sor<comma, rparen, LUMADB_KW("default"), equals>> {};
/// [name] type, where a lone type wins when it stands alone (`character varying`, `int`), as gram.y's
/// func_arg resolves `name type` against multi-word type names.
struct func_arg_body : sor<seq<type_name, func_arg_end>, seq<func_arg_name, type_name>> {};
/// gram.y func_arg: [mode] [name] type, or name mode type; then [DEFAULT | =] expr.
struct func_arg
    : seq<sor<seq<func_arg_mode, func_arg_body>, seq<func_arg_name, func_arg_mode, type_name>, func_arg_body>,
          opt<func_arg_default>>,
      Node {};
struct func_args : seq<lparen, opt<list<func_arg, comma>>, rparen>, Node {};

struct setof_word : LUMADB_WORD("setof"), Node {};
struct func_return : seq<opt<tok<setof_word>>, type_name>, Node {};
struct table_column : seq<col_id, type_name>, Node {};
struct func_return_table : seq<LUMADB_KW("table"), lparen, list<table_column, comma>, rparen>, Node {};

struct func_option_word : sor<LUMADB_WORD("immutable"), LUMADB_WORD("stable"), LUMADB_WORD("volatile"),
                              LUMADB_WORD("strict"), LUMADB_WORD("leakproof"), LUMADB_WORD("window")>,
                          Node {};
struct func_called_on_null : seq<LUMADB_KW("called"), LUMADB_KW("on"), LUMADB_KW("null"), LUMADB_KW("input")>, Node {};
struct func_null_on_null
    : seq<LUMADB_KW("returns"), LUMADB_KW("null"), LUMADB_KW("on"), LUMADB_KW("null"), LUMADB_KW("input")>,
      Node {};
struct func_not_leakproof : seq<LUMADB_KW("not"), LUMADB_KW("leakproof")>, Node {};
struct definer_word : LUMADB_WORD("definer"), Node {};
struct func_security
    : seq<opt<LUMADB_KW("external")>, LUMADB_KW("security"), sor<tok<definer_word>, LUMADB_KW("invoker")>>,
      Node {};
struct func_language : seq<LUMADB_KW("language"), sor<string_literal, col_label>>, Node {};
struct func_parallel : seq<LUMADB_KW("parallel"), col_label>, Node {};
struct func_cost : seq<LUMADB_KW("cost"), number_literal>, Node {};
struct func_rows : seq<LUMADB_KW("rows"), number_literal>, Node {};
struct func_support : seq<LUMADB_KW("support"), any_name>, Node {};
struct func_as : seq<LUMADB_KW("as"), string_literal, opt<comma, string_literal>>, Node {};
struct func_set_current : seq<LUMADB_KW("from"), LUMADB_KW("current")>, Node {};
/// SET name {TO | =} value | SET name FROM CURRENT | RESET name | RESET ALL (FunctionSetResetClause).
struct func_set
    : seq<LUMADB_KW("set"), var_name, sor<func_set_current, seq<sor<LUMADB_KW("to"), equals>, list<var_value, comma>>>>,
      Node {};
struct func_reset : seq<LUMADB_KW("reset"), sor<LUMADB_KW("all"), var_name>>, Node {};
struct func_option
    : sor<func_as, func_language, func_called_on_null, func_null_on_null, func_not_leakproof, func_security,
          func_parallel, func_cost, func_rows, func_support, func_set, func_reset, tok<func_option_word>> {};

/// RETURN expr | BEGIN ATOMIC stmt; ... END (gram.y opt_routine_body: the SQL-standard body).
struct func_return_body : seq<LUMADB_KW("return"), a_expr>, Node {};
struct atomic_statement : seq<statement>, Node {};
struct func_atomic_body : seq<LUMADB_KW("begin"), LUMADB_KW("atomic"),
                              star<sor<semicolon, seq<not_at<LUMADB_KW("end")>, atomic_statement>>>, LUMADB_KW("end")>,
                          Node {};
struct procedure_word : LUMADB_WORD("procedure"), Node {};
struct create_function : seq<opt<or_replace>, sor<LUMADB_KW("function"), tok<procedure_word>>, func_name, func_args,
                             opt<LUMADB_KW("returns"), sor<func_return_table, func_return>>, star<func_option>,
                             opt<sor<func_return_body, func_atomic_body>>>,
                         Node {};

/// name [(args)]: the function a DROP / ALTER / COMMENT names (gram.y function_with_argtypes).
struct func_signature : seq<func_name, opt<func_args>>, Node {};
struct routine_kind : sor<LUMADB_WORD("function"), LUMADB_WORD("procedure"), LUMADB_WORD("routine")>, Node {};
struct drop_function
    : seq<LUMADB_KW("drop"), tok<routine_kind>, opt<if_exists>, list<func_signature, comma>, opt<drop_behavior>>,
      Node {};

struct func_rename : seq<LUMADB_KW("rename"), LUMADB_KW("to"), col_id>, Node {};
struct func_owner : seq<LUMADB_KW("owner"), LUMADB_KW("to"), col_label>, Node {};
struct func_set_schema : seq<LUMADB_KW("set"), LUMADB_KW("schema"), col_id>, Node {};
/// ALTER FUNCTION f[(args)] RENAME TO | OWNER TO | SET SCHEMA | options [RESTRICT] (AlterFunctionStmt & co).
struct alter_function
    : seq<LUMADB_KW("alter"), tok<routine_kind>, func_signature,
          sor<func_rename, func_owner, func_set_schema, seq<plus<func_option>, opt<LUMADB_KW("restrict")>>>>,
      Node {};

}  // namespace lumadb::parser::grammar

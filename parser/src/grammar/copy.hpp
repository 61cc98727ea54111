#pragma once
// COPY (gram.y CopyStmt, copy_options, copy_opt_item, copy_generic_opt_elem): the generic option list
// `WITH (FORMAT csv, HEADER, ...)` and the pre-9.0 syntax `WITH DELIMITER AS ',' NULL AS '' CSV HEADER`.
// COPY ... PROGRAM and COPY FROM ... WHERE are not accepted (a syntax error, as an unsupported feature).

#include "ddl_common.hpp"

namespace lumadb::parser::grammar {

struct copy_binary_word : LUMADB_WORD("binary"), Node {};
struct copy_from_word : LUMADB_WORD("from"), Node {};
struct copy_to_word : LUMADB_WORD("to") {};
/// 'file' or STDIN / STDOUT (the latter leave no node).
struct copy_file : sor<string_literal, LUMADB_KW("stdin"), LUMADB_KW("stdout")>, Node {};

// ---- generic options: (name [arg], ...) ---------------------------------------------------------------

struct copy_star : star_op, Node {};
struct copy_arg_list : seq<lparen, list<utility_option_arg, comma>, rparen>, Node {};
/// gram.y copy_generic_opt_elem: a ColLabel (NULL is reserved) and an optional argument.
struct copy_generic_option : seq<col_label, opt<sor<copy_star, copy_arg_list, utility_option_arg>>>, Node {};
struct copy_generic_options : seq<lparen, list<copy_generic_option, comma>, rparen> {};

// ---- old-style options: DELIMITER AS 'x' NULL AS 'y' CSV HEADER ... -----------------------------------

struct opt_as : opt<LUMADB_KW("as")> {};
/// The name of an old-style option (gram.y copy_opt_item); DELIMITER, NULL, QUOTE, ESCAPE and ENCODING
/// take a string after it.
struct copy_old_name : sor<LUMADB_WORD("binary"), LUMADB_WORD("freeze"), LUMADB_WORD("csv"), LUMADB_WORD("header"),
                           LUMADB_WORD("delimiter"), LUMADB_WORD("null"), LUMADB_WORD("quote"), LUMADB_WORD("escape"),
                           LUMADB_WORD("encoding")>,
                       Node {};
struct copy_force_quote : seq<LUMADB_KW("force"), LUMADB_KW("quote"), sor<copy_star, name_list>>, Node {};
struct copy_force_not_null : seq<LUMADB_KW("force"), LUMADB_KW("not"), LUMADB_KW("null"), name_list>, Node {};
struct copy_force_null : seq<LUMADB_KW("force"), LUMADB_KW("null"), name_list>, Node {};
struct copy_old_option
    : sor<copy_force_quote, copy_force_not_null, copy_force_null, seq<tok<copy_old_name>, opt<opt_as, string_literal>>>,
      Node {};
struct copy_old_options : star<copy_old_option> {};

/// [USING] DELIMITERS 'x' (gram.y copy_delimiter).
struct copy_delimiters : seq<opt<LUMADB_KW("using")>, LUMADB_KW("delimiters"), string_literal>, Node {};

struct copy_options : seq<opt<LUMADB_KW("with")>, sor<copy_generic_options, copy_old_options>> {};

struct copy_query : seq<lparen, select_stmt, rparen> {};
struct copy_columns : seq<lparen, name_list, rparen> {};

/// COPY [BINARY] t [(cols)] {FROM | TO} {'file' | STDIN | STDOUT} [[USING] DELIMITERS 'x'] [WITH] options,
/// COPY (query) TO {'file' | STDOUT} [WITH] options.
struct copy_stmt
    : seq<LUMADB_KW("copy"),
          sor<seq<copy_query, tok<copy_to_word>>, seq<opt<tok<copy_binary_word>>, qualified_name, opt<copy_columns>,
                                                      sor<tok<copy_from_word>, tok<copy_to_word>>>>,
          copy_file, opt<copy_delimiters>, copy_options>,
      Node {};

}  // namespace lumadb::parser::grammar

#pragma once
// SQL-level prepared statements and cursors (gram.y PrepareStmt, ExecuteStmt, DeallocateStmt,
// DeclareCursorStmt, FetchStmt, ClosePortalStmt).

#include "dml.hpp"

namespace lumadb::parser::grammar {

// ---- PREPARE / EXECUTE / DEALLOCATE -------------------------------------------------------------------

struct prepare_types : seq<lparen, list<type_name, comma>, rparen>, Node {};
/// gram.y PreparableStmt (MERGE aside).
struct preparable_stmt : sor<select_stmt, with_dml_stmt, insert_stmt, update_stmt, delete_stmt> {};
/// PREPARE name [(type, ...)] AS statement.
struct prepare_stmt : seq<LUMADB_KW("prepare"), col_id, opt<prepare_types>, LUMADB_KW("as"), preparable_stmt>, Node {};
struct execute_args : seq<lparen, expr_list, rparen>, Node {};
/// EXECUTE name [(expr, ...)].
struct execute_stmt : seq<LUMADB_KW("execute"), col_id, opt<execute_args>>, Node {};
/// DEALLOCATE [PREPARE] {name | ALL}.
struct deallocate_stmt : seq<LUMADB_KW("deallocate"), opt<LUMADB_KW("prepare")>, sor<tok<all_word>, col_id>>, Node {};

// ---- DECLARE / FETCH / MOVE / CLOSE -------------------------------------------------------------------

/// One of gram.y cursor_options; the transformer reads its words ("no scroll", "binary", ...).
struct cursor_option : sor<seq<LUMADB_KW("no"), LUMADB_KW("scroll")>, LUMADB_KW("scroll"), LUMADB_KW("binary"),
                           LUMADB_KW("asensitive"), LUMADB_KW("insensitive")>,
                       Node {};
/// WITH HOLD / WITHOUT HOLD (gram.y opt_hold).
struct cursor_hold : seq<sor<LUMADB_KW("without"), LUMADB_KW("with")>, LUMADB_KW("hold")>, Node {};
/// DECLARE name [options] CURSOR [{WITH | WITHOUT} HOLD] FOR query.
struct declare_stmt : seq<LUMADB_KW("declare"), col_id, star<cursor_option>, LUMADB_KW("cursor"), opt<cursor_hold>,
                          LUMADB_KW("for"), select_stmt>,
                      Node {};

struct fd_next : LUMADB_WORD("next"), Node {};
struct fd_prior : LUMADB_WORD("prior"), Node {};
struct fd_first : LUMADB_WORD("first"), Node {};
struct fd_last : LUMADB_WORD("last"), Node {};
struct fd_absolute : LUMADB_WORD("absolute"), Node {};
struct fd_relative : LUMADB_WORD("relative"), Node {};
struct fd_forward : LUMADB_WORD("forward"), Node {};
struct fd_backward : LUMADB_WORD("backward"), Node {};
/// gram.y SignedIconst.
struct fd_count : seq<opt<op_tok<sign_op>>, tok<seq<integer_number, not_at<ident_cont>>>>, Node {};
/// gram.y fetch_args without the cursor name.
struct fetch_direction
    : sor<tok<fd_next>, tok<fd_prior>, tok<fd_first>, tok<fd_last>,
          seq<sor<tok<fd_absolute>, tok<fd_relative>>, fd_count>,
          seq<sor<tok<fd_forward>, tok<fd_backward>>, opt<sor<fd_count, tok<all_word>>>>, fd_count, tok<all_word>> {};
struct from_in : sor<LUMADB_KW("from"), LUMADB_KW("in")> {};
/// A direction that turns out to be the cursor's name (`FETCH next`) is read as the name.
struct fetch_args : sor<seq<fetch_direction, opt<from_in>, col_id>, seq<from_in, col_id>, col_id> {};
struct move_word : LUMADB_WORD("move"), Node {};
/// FETCH [direction] [FROM | IN] name, MOVE [direction] [FROM | IN] name.
struct fetch_stmt : seq<sor<LUMADB_KW("fetch"), tok<move_word>>, fetch_args>, Node {};
/// CLOSE {name | ALL}.
struct close_stmt : seq<LUMADB_KW("close"), sor<tok<all_word>, col_id>>, Node {};

}  // namespace lumadb::parser::grammar

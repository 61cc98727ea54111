#pragma once
// Window calls and the clauses aggregates may carry (gram.y over_clause, window_specification,
// opt_frame_clause, within_group_clause, filter_clause, sort_clause inside func_application), and the
// WINDOW clause of a SELECT. Included at the end of select.hpp: it needs order_item.

#include "select.hpp"

namespace lumadb::parser::grammar {

/// ORDER BY inside a call (agg(x ORDER BY y)), in WITHIN GROUP (...) and in a window.
struct agg_order : seq<LUMADB_KW("order"), LUMADB_KW("by"), list<order_item, comma>>, Node {};
struct within_group : seq<LUMADB_KW("within"), LUMADB_KW("group"), lparen, agg_order, rparen>, Node {};
struct filter_clause : seq<LUMADB_KW("filter"), lparen, LUMADB_KW("where"), a_expr, rparen>, Node {};

struct partition_clause : seq<LUMADB_KW("partition"), LUMADB_KW("by"), expr_list>, Node {};

struct frame_unbounded_preceding : seq<LUMADB_KW("unbounded"), LUMADB_KW("preceding")>, Node {};
struct frame_unbounded_following : seq<LUMADB_KW("unbounded"), LUMADB_KW("following")>, Node {};
struct frame_current_row : seq<LUMADB_KW("current"), LUMADB_KW("row")>, Node {};
struct frame_offset_preceding : seq<a_expr, LUMADB_KW("preceding")>, Node {};
struct frame_offset_following : seq<a_expr, LUMADB_KW("following")>, Node {};
struct frame_bound : sor<frame_unbounded_preceding, frame_unbounded_following, frame_current_row,
                         frame_offset_preceding, frame_offset_following> {};
struct frame_between : seq<LUMADB_KW("between"), frame_bound, LUMADB_KW("and"), frame_bound> {};
struct frame_mode : sor<LUMADB_WORD("range"), LUMADB_WORD("rows"), LUMADB_WORD("groups")>, Node {};
struct exclude_current_row : seq<LUMADB_KW("current"), LUMADB_KW("row")>, Node {};
struct exclude_group : seq<LUMADB_KW("group")>, Node {};
struct exclude_ties : seq<LUMADB_KW("ties")>, Node {};
struct exclude_no_others : seq<LUMADB_KW("no"), LUMADB_KW("others")>, Node {};
struct frame_exclusion
    : seq<LUMADB_KW("exclude"), sor<exclude_current_row, exclude_group, exclude_ties, exclude_no_others>> {};
struct frame_clause : seq<tok<frame_mode>, sor<frame_between, frame_bound>, opt<frame_exclusion>>, Node {};

/// The existing window a specification starts from: any ColId but the words that begin the other parts.
struct window_refname : seq<not_at<sor<LUMADB_KW("partition"), LUMADB_KW("order"), LUMADB_KW("range"),
                                       LUMADB_KW("rows"), LUMADB_KW("groups")>>,
                            col_id>,
                        Node {};
struct window_spec : seq<lparen, opt<window_refname>, opt<partition_clause>, opt<agg_order>, opt<frame_clause>, rparen>,
                     Node {};
struct over_name : seq<col_id>, Node {};
struct over_clause : seq<LUMADB_KW("over"), sor<window_spec, over_name>>, Node {};

struct window_def : seq<col_id, LUMADB_KW("as"), window_spec>, Node {};
struct window_clause : seq<LUMADB_KW("window"), list<window_def, comma>>, Node {};

}  // namespace lumadb::parser::grammar

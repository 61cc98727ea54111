#pragma once
// SELECT, VALUES and set operations (gram.y select_no_parens / simple_select / table_ref).
// INTERSECT binds tighter than UNION and EXCEPT, which are left-associative (gram.y %left UNION EXCEPT,
// %left INTERSECT).

#include "expr.hpp"
#include "grouping.hpp"

namespace lumadb::parser::grammar {

struct select_stmt;
struct with_clause;    // view.hpp
struct into_clause;    // view.hpp
struct with_dml_stmt;  // view.hpp

// ---- target list --------------------------------------------------------------------------------------

struct alias_label : sor<seq<LUMADB_KW("as"), col_label>, col_id>, Node {};
struct target_star : seq<star_op>, Node {};
struct target_el : sor<target_star, seq<a_expr, opt<alias_label>>>, Node {};
struct target_list : list<target_el, comma> {};

// ---- FROM ---------------------------------------------------------------------------------------------

/// schema.name or name (gram.y qualified_name).
struct qualified_name : seq<col_id, opt<dot, col_label>>, Node {};
struct name_list : list<col_id, comma>, Node {};
/// [AS] alias [(col, ...)]
struct alias_clause : seq<opt<LUMADB_KW("as")>, col_id, opt<lparen, name_list, rparen>>, Node {};

struct table_ref;
struct subquery_ref : seq<select_ahead, select_with_parens, opt<alias_clause>>, Node {};
struct relation_ref : seq<qualified_name, opt<alias_clause>>, Node {};
/// A column definition list of a function returning record: [AS] [alias] (a int, b text) (gram.y
/// func_alias_clause's TableFuncElementList forms).
struct column_def_item : seq<col_id, type_name>, Node {};
struct column_def_list : seq<lparen, list<column_def_item, comma>, rparen>, Node {};
struct func_alias_clause : sor<seq<LUMADB_KW("as"), opt<col_id>, column_def_list>, seq<col_id, column_def_list>>,
                           Node {};
/// A set-returning function: f(...) [WITH ORDINALITY] [AS] alias[(columns)], or with a column definition
/// list (gram.y func_table opt_ordinality func_alias_clause).
struct with_ordinality : seq<LUMADB_KW("with"), LUMADB_KW("ordinality")>, Node {};
struct function_ref : seq<func_call, opt<with_ordinality>, opt<sor<func_alias_clause, alias_clause>>>, Node {};
/// LATERAL (SELECT ...) / LATERAL f(...) (gram.y table_ref's LATERAL_P forms).
struct lateral_ref : seq<LUMADB_KW("lateral"), sor<subquery_ref, function_ref>>, Node {};
/// ( joined_table ) [AS] alias [(col, ...)] (gram.y table_ref's joined_table forms).
struct paren_join_ref : seq<lparen, table_ref, rparen, opt<alias_clause>>, Node {};
struct table_primary : sor<lateral_ref, subquery_ref, paren_join_ref, function_ref, relation_ref> {};

struct cross_word : LUMADB_WORD("cross"), Node {};
struct natural_word : LUMADB_WORD("natural"), Node {};
struct join_kind : sor<LUMADB_WORD("inner"), LUMADB_WORD("left"), LUMADB_WORD("right"), LUMADB_WORD("full")>, Node {};
struct join_type : seq<tok<join_kind>, opt<LUMADB_KW("outer")>> {};
struct join_on : seq<LUMADB_KW("on"), a_expr>, Node {};
/// USING (...) AS name (gram.y opt_alias_clause_for_join_using, PostgreSQL 14+).
struct join_using_alias : seq<LUMADB_KW("as"), col_id>, Node {};
struct join_using : seq<LUMADB_KW("using"), lparen, name_list, rparen, opt<join_using_alias>>, Node {};
struct join_clause : sor<seq<tok<cross_word>, LUMADB_KW("join"), table_primary>,
                         seq<tok<natural_word>, opt<join_type>, LUMADB_KW("join"), table_primary>,
                         seq<opt<join_type>, LUMADB_KW("join"), table_primary, sor<join_on, join_using>>>,
                     Node {};
struct table_ref : seq<table_primary, star<join_clause>>, Node {};
struct from_clause : seq<LUMADB_KW("from"), list<table_ref, comma>>, Node {};

// ---- simple SELECT ------------------------------------------------------------------------------------

struct where_clause : seq<LUMADB_KW("where"), a_expr>, Node {};
struct having_clause : seq<LUMADB_KW("having"), a_expr>, Node {};
struct select_distinct : seq<distinct_word>, Node {};
struct distinct_on : seq<LUMADB_KW("on"), lparen, expr_list, rparen>, Node {};
struct window_clause;  // window.hpp
struct simple_select : seq<LUMADB_KW("select"), opt<sor<seq<tok<select_distinct>, opt<distinct_on>>, LUMADB_KW("all")>>,
                           opt<target_list>, opt<into_clause>, opt<from_clause>, opt<where_clause>, opt<group_clause>,
                           opt<having_clause>, opt<window_clause>>,
                       Node {};

struct default_word : LUMADB_WORD("default"), Node {};
/// A VALUES item; DEFAULT is only meaningful in INSERT, which the binder checks.
struct values_item : sor<tok<default_word>, a_expr> {};
struct values_row : seq<lparen, list<values_item, comma>, rparen>, Node {};
struct values_clause : seq<LUMADB_KW("values"), list<values_row, comma>>, Node {};

struct select_primary : sor<simple_select, values_clause, select_with_parens> {};

struct set_quantifier : sor<LUMADB_WORD("all"), LUMADB_WORD("distinct")>, Node {};
struct intersect_op : seq<LUMADB_KW("intersect"), opt<tok<set_quantifier>>>, Node {};
struct union_word : LUMADB_WORD("union"), Node {};
struct except_word : LUMADB_WORD("except"), Node {};
struct union_op : seq<sor<tok<union_word>, tok<except_word>>, opt<tok<set_quantifier>>>, Node {};
struct select_term : seq<select_primary, star<intersect_op, select_primary>>, Node {};
struct select_body : seq<select_term, star<union_op, select_term>>, Node {};

// ---- ORDER BY, LIMIT, OFFSET, FETCH -------------------------------------------------------------------

struct asc_word : LUMADB_WORD("asc"), Node {};
struct desc_word : LUMADB_WORD("desc"), Node {};
struct first_word : LUMADB_WORD("first"), Node {};
struct last_word : LUMADB_WORD("last"), Node {};
struct order_item : seq<a_expr, opt<sor<tok<asc_word>, tok<desc_word>>>,
                        opt<LUMADB_KW("nulls"), sor<tok<first_word>, tok<last_word>>>>,
                    Node {};
struct order_clause : seq<LUMADB_KW("order"), LUMADB_KW("by"), list<order_item, comma>>, Node {};

struct limit_all : LUMADB_WORD("all"), Node {};
struct limit_clause : seq<LUMADB_KW("limit"), sor<tok<limit_all>, a_expr>>, Node {};
struct row_or_rows : sor<LUMADB_KW("rows"), LUMADB_KW("row")> {};
struct fetch_clause : seq<LUMADB_KW("fetch"), sor<LUMADB_KW("first"), LUMADB_KW("next")>,
                          opt<not_at<row_or_rows>, cast_expr>, row_or_rows, LUMADB_KW("only")>,
                      Node {};
struct offset_clause : seq<LUMADB_KW("offset"), a_expr, opt<row_or_rows>>, Node {};
struct limit_part : sor<limit_clause, fetch_clause> {};
struct select_limit : sor<seq<limit_part, opt<offset_clause>>, seq<offset_clause, opt<limit_part>>> {};

// ---- FOR UPDATE / FOR SHARE (gram.y for_locking_clause) --------------------------------------------

struct lock_update : seq<LUMADB_KW("update")>, Node {};
struct lock_no_key_update : seq<LUMADB_KW("no"), LUMADB_KW("key"), LUMADB_KW("update")>, Node {};
struct lock_share : seq<LUMADB_KW("share")>, Node {};
struct lock_key_share : seq<LUMADB_KW("key"), LUMADB_KW("share")>, Node {};
struct locked_rels : seq<LUMADB_KW("of"), list<qualified_name, comma>>, Node {};
struct lock_nowait : seq<LUMADB_KW("nowait")>, Node {};
struct lock_skip_locked : seq<LUMADB_KW("skip"), LUMADB_KW("locked")>, Node {};
struct locking_item : seq<LUMADB_KW("for"), sor<lock_update, lock_no_key_update, lock_share, lock_key_share>,
                          opt<locked_rels>, opt<sor<lock_nowait, lock_skip_locked>>>,
                      Node {};
/// FOR READ ONLY is an empty locking clause (gram.y for_locking_clause; libpqxx's cursors send it).
struct for_read_only : seq<LUMADB_KW("for"), LUMADB_KW("read"), LUMADB_KW("only")> {};
struct locking_clause : sor<for_read_only, plus<locking_item>> {};
/// PostgreSQL accepts the locking clause before or after LIMIT/OFFSET.
struct select_options : sor<seq<select_limit, opt<locking_clause>>, seq<locking_clause, opt<select_limit>>> {};

struct select_stmt : seq<opt<with_clause>, select_body, opt<order_clause>, opt<select_options>>, Node {};
struct select_with_parens : seq<lparen, select_stmt, rparen> {};

}  // namespace lumadb::parser::grammar

#include "window.hpp"  // IWYU pragma: keep (defines the rules declared above)

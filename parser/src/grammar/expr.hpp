#pragma once
// Expressions (gram.y a_expr/b_expr/c_expr), one rule per precedence level, lowest first:
// OR < AND < NOT < IS < comparison < BETWEEN/IN/LIKE/ILIKE < other operators (||) < + - < * / % < ^
// < unary minus < :: (PostgreSQL 15 gram.y %left/%nonassoc/%right list). Levels are `Fold` nodes, so a
// level without an operator disappears from the parse tree.

#include "types.hpp"

namespace lumadb::parser::grammar {

struct a_expr;
struct select_with_parens;  // select.hpp

struct expr_list : list<a_expr, comma>, Node {};

// ---- primary expressions ------------------------------------------------------------------------------

struct null_word : LUMADB_WORD("null"), Node {};
struct true_word : LUMADB_WORD("true"), Node {};
struct false_word : LUMADB_WORD("false"), Node {};
struct const_literal : sor<number_literal, string_literal, tok<true_word>, tok<false_word>, tok<null_word>> {};

/// A parenthesised query ahead: the first token after the opening parentheses starts a SELECT/VALUES.
struct select_ahead : at<plus<lparen>, sor<LUMADB_KW("select"), LUMADB_KW("values"), LUMADB_KW("with")>> {};
struct scalar_subquery : seq<select_ahead, select_with_parens>, Node {};
struct star_suffix;
/// (expr).field and (expr).* (gram.y c_expr's '(' a_expr ')' opt_indirection; subscripts are cast_expr's
/// suffixes). Without a field the fold leaves the expression alone.
struct field_suffix : seq<dot, sor<star_suffix, col_label>>, Node {};
struct paren_expr : seq<lparen, a_expr, rparen, star<field_suffix>>, Fold {};
/// Row constructors (gram.y row / implicit_row): ROW(), ROW(a), ROW(a, b), and (a, b) with two or more
/// items. implicit_row is tried after paren_expr, so only a list re-parses its first item.
struct row_ctor : seq<LUMADB_KW("row"), lparen, opt<expr_list>, rparen>, Node {};
struct implicit_row : seq<lparen, a_expr, comma, expr_list, rparen>, Node {};
/// (a, b) OVERLAPS (c, d) (gram.y `row OVERLAPS row`), parsed where a row constructor is so the row is
/// parsed once; without OVERLAPS the fold leaves the row alone. The transformer makes it overlaps(a, b, c, d).
struct overlaps_rhs : seq<LUMADB_KW("overlaps"), sor<implicit_row, row_ctor>>, Node {};
struct row_or_overlaps : seq<sor<implicit_row, row_ctor>, opt<overlaps_rhs>>, Fold {};
struct exists_expr : seq<LUMADB_KW("exists"), select_with_parens>, Node {};

struct case_arg : seq<a_expr>, Node {};
struct case_when : seq<LUMADB_KW("when"), a_expr, LUMADB_KW("then"), a_expr>, Node {};
struct case_else : seq<LUMADB_KW("else"), a_expr>, Node {};
struct case_expr : seq<LUMADB_KW("case"), opt<case_arg>, plus<case_when>, opt<case_else>, LUMADB_KW("end")>, Node {};

struct cast_func : seq<LUMADB_KW("cast"), lparen, a_expr, LUMADB_KW("as"), type_name, rparen>, Node {};

/// COALESCE, NULLIF, GREATEST, LEAST, GROUPING: column-name keywords with ordinary call syntax.
struct special_call_name : sor<LUMADB_WORD("coalesce"), LUMADB_WORD("nullif"), LUMADB_WORD("greatest"),
                               LUMADB_WORD("least"), LUMADB_WORD("grouping")>,
                           Node {};
struct special_call : seq<tok<special_call_name>, lparen, expr_list, rparen>, Node {};

struct other_expr;
struct substring_from : seq<LUMADB_KW("from"), a_expr>, Node {};
struct substring_for : seq<LUMADB_KW("for"), a_expr>, Node {};
/// substring(x SIMILAR pattern ESCAPE e): the transformer passes the two expressions as arguments.
struct substring_similar : seq<LUMADB_KW("similar"), a_expr, LUMADB_KW("escape"), a_expr>, Node {};
struct substring_func : seq<LUMADB_KW("substring"), lparen, a_expr,
                            sor<seq<substring_from, opt<substring_for>>, seq<substring_for, opt<substring_from>>,
                                substring_similar, star<comma, a_expr>>,
                            rparen>,
                        Node {};
struct position_func : seq<LUMADB_KW("position"), lparen, other_expr, LUMADB_KW("in"), other_expr, rparen>, Node {};

struct trim_side : sor<LUMADB_WORD("both"), LUMADB_WORD("leading"), LUMADB_WORD("trailing")>, Node {};
struct trim_chars : seq<a_expr>, Node {};
struct trim_from : seq<LUMADB_KW("from"), expr_list>, Node {};
struct trim_func : seq<LUMADB_KW("trim"), lparen, opt<tok<trim_side>>,
                       sor<trim_from, seq<trim_chars, trim_from>, expr_list>, rparen>,
                   Node {};

struct extract_field : sor<col_label, string_literal>, Node {};
struct extract_func : seq<LUMADB_KW("extract"), lparen, extract_field, LUMADB_KW("from"), a_expr, rparen>, Node {};

/// Keyword-only SQL value functions (gram.y func_expr_common_subexpr without parentheses).
struct sql_value_func
    : tok<sor<LUMADB_WORD("current_timestamp"), LUMADB_WORD("current_date"), LUMADB_WORD("current_time"),
              LUMADB_WORD("localtimestamp"), LUMADB_WORD("localtime"), LUMADB_WORD("current_user"),
              LUMADB_WORD("session_user"), LUMADB_WORD("user"), LUMADB_WORD("current_role"),
              LUMADB_WORD("current_catalog"), LUMADB_WORD("current_schema")>>,
      Node {};

struct func_name : sor<seq<col_id, dot, col_label>, type_func_name>, Node {};
struct func_star : seq<star_op>, Node {};
struct distinct_word : LUMADB_WORD("distinct"), Node {};
// window.hpp
struct agg_order;
struct within_group;
struct filter_clause;
struct over_clause;
struct func_call
    : seq<func_name, lparen,
          opt<sor<func_star, seq<opt<sor<tok<distinct_word>, LUMADB_KW("all")>>, expr_list, opt<agg_order>>>>, rparen,
          opt<within_group>, opt<filter_clause>, opt<over_clause>>,
      Node {};

/// type 'string': date '2020-01-01', timestamp with time zone '...', interval '1 day'.
struct typed_literal : seq<type_name, string_literal>, Node {};

/// ARRAY[a, b], ARRAY[[1, 2], [3, 4]] (gram.y array_expr): inner brackets are sub-arrays.
/// Sub-arrays and elements do not mix (gram.y array_expr_list vs expr_list).
struct array_brackets : seq<punct<'['>, opt<sor<list<array_brackets, comma>, list<a_expr, comma>>>, punct<']'>>,
                        Node {};
struct array_ctor : seq<LUMADB_KW("array"), array_brackets>, Node {};
/// ARRAY(SELECT ...) (gram.y ARRAY select_with_parens): the subquery's one column as an array.
struct array_subquery : seq<LUMADB_KW("array"), select_with_parens>, Node {};

struct star_suffix : seq<star_op>, Node {};
struct column_ref : seq<col_id, star<dot, sor<star_suffix, col_label>>>, Node {};

struct primary : sor<scalar_subquery, paren_expr, row_or_overlaps, const_literal, param_ref, array_ctor, array_subquery,
                     case_expr, cast_func, exists_expr, special_call, substring_func, position_func, trim_func,
                     extract_func, typed_literal, func_call, sql_value_func, column_ref> {};

// ---- operator levels, highest precedence first ---------------------------------------------------------

struct typecast_op : two<':'>, Node {};
struct cast_suffix : seq<tok<typecast_op>, type_name>, Node {};
/// x[i] and the slice x[i:j], x[:j], x[i:], x[:] (gram.y indirection_el).
struct subscript_lower : seq<a_expr>, Node {};
struct subscript_upper : seq<a_expr>, Node {};
struct slice_colon : tok<seq<one<':'>, not_at<one<':'>>>>, Node {};
struct subscript_suffix : seq<punct<'['>, opt<subscript_lower>, opt<slice_colon, opt<subscript_upper>>, punct<']'>>,
                          Node {};
/// COLLATE name: only the collations that equal LumaDB's byte-order comparison are accepted (transformer).
struct collation_name : seq<col_id, opt<dot, col_label>>, Node {};
struct collate_suffix : seq<LUMADB_KW("collate"), collation_name>, Node {};
struct cast_expr : seq<primary, star<sor<cast_suffix, subscript_suffix, collate_suffix>>>, Fold {};

struct sign_op : one<'+', '-'>, Node {};
struct unary_expr : sor<seq<op_tok<sign_op>, unary_expr>, cast_expr>, Fold {};

/// x AT TIME ZONE zone (gram.y's %left AT: looser than unary minus and COLLATE, tighter than ^); the zone
/// binds as tightly as x does.
struct at_time_zone_suffix : seq<LUMADB_KW("at"), LUMADB_KW("time"), LUMADB_KW("zone"), unary_expr>, Node {};
struct at_zone_expr : seq<unary_expr, star<at_time_zone_suffix>>, Fold {};

struct exp_op : one<'^'>, Node {};
struct exp_expr : seq<at_zone_expr, star<op_tok<exp_op>, at_zone_expr>>, Fold {};

struct mul_op : one<'*', '/', '%'>, Node {};
struct mul_expr : seq<exp_expr, star<op_tok<mul_op>, exp_expr>>, Fold {};

struct add_op : one<'+', '-'>, Node {};
struct add_expr : seq<mul_expr, star<op_tok<add_op>, mul_expr>>, Fold {};

/// The "other operators" level (gram.y Op): ||, the array containment/overlap operators @> <@ && and the
/// regular-expression match operators, and the json operators -> ->> #> #>> #- ? ?| ?&.
struct concat_op : sor<two<'|'>, string<'@', '>'>, string<'<', '@'>, two<'&'>, string<'!', '~', '*'>, string<'!', '~'>,
                       string<'~', '*'>, one<'~'>, string<'-', '>', '>'>, string<'-', '>'>, string<'#', '>', '>'>,
                       string<'#', '>'>, string<'#', '-'>, string<'?', '|'>, string<'?', '&'>, one<'?'>>,
                   Node {};
/// OPERATOR(schema.op), as psql sends it: any operator, at the Op precedence level.
struct qual_op_symbol : plus<op_char>, Node {};
struct qualified_op : seq<LUMADB_KW("operator"), lparen, opt<col_id, dot>, tok<qual_op_symbol>, rparen>, Node {};
struct other_expr : seq<add_expr, star<sor<op_tok<concat_op>, qualified_op>, add_expr>>, Fold {};

struct not_word : LUMADB_WORD("not"), Node {};
struct symmetric_word : LUMADB_WORD("symmetric"), Node {};
struct between_suffix
    : seq<opt<tok<not_word>>, LUMADB_KW("between"), opt<sor<tok<symmetric_word>, LUMADB_KW("asymmetric")>>, other_expr,
          LUMADB_KW("and"), other_expr>,
      Node {};
struct in_suffix : seq<opt<tok<not_word>>, LUMADB_KW("in"),
                       sor<seq<select_ahead, select_with_parens>, seq<lparen, expr_list, rparen>>>,
                   Node {};
/// SIMILAR TO rides on LIKE's suffix; the transformer rewrites it as gram.y does (~ similar_to_escape()).
struct like_op : sor<LUMADB_WORD("like"), LUMADB_WORD("ilike"), seq<LUMADB_KW("similar"), LUMADB_WORD("to")>>, Node {};
struct like_escape : seq<LUMADB_KW("escape"), other_expr>, Node {};
struct like_suffix : seq<opt<tok<not_word>>, tok<like_op>, other_expr, opt<like_escape>>, Node {};
struct pred_expr : seq<other_expr, opt<sor<between_suffix, in_suffix, like_suffix>>>, Fold {};

struct cmp_op : sor<string<'<', '='>, string<'>', '='>, string<'<', '>'>, string<'!', '='>, one<'<', '>', '='>>,
                Node {};
struct any_word : sor<LUMADB_WORD("any"), LUMADB_WORD("some")>, Node {};
struct all_word : LUMADB_WORD("all"), Node {};
struct sublink_rhs : seq<sor<tok<any_word>, tok<all_word>>, select_with_parens>, Node {};
/// x op ANY (array) / ALL (array) (gram.y sub_type '(' a_expr ')', a ScalarArrayOpExpr).
struct array_op_rhs : seq<sor<tok<any_word>, tok<all_word>>, lparen, a_expr, rparen>, Node {};
/// Comparison is non-associative in PostgreSQL: a = b = c is a syntax error at the second operator.
struct cmp_expr : seq<pred_expr, opt<op_tok<cmp_op>, sor<sublink_rhs, array_op_rhs, pred_expr>>>, Fold {};

struct unknown_word : LUMADB_WORD("unknown"), Node {};
struct isnull_word : LUMADB_WORD("isnull"), Node {};
struct notnull_word : LUMADB_WORD("notnull"), Node {};
/// IS [NOT] DISTINCT FROM b: b binds like a comparison operand (gram.y `a_expr IS DISTINCT FROM a_expr %prec IS`).
struct distinct_from_rhs : seq<tok<distinct_word>, LUMADB_KW("from"), cmp_expr>, Node {};
struct is_suffix : sor<seq<LUMADB_KW("is"), opt<tok<not_word>>,
                           sor<tok<null_word>, tok<true_word>, tok<false_word>, tok<unknown_word>, distinct_from_rhs>>,
                       tok<isnull_word>, tok<notnull_word>>,
                   Node {};
struct is_expr : seq<cmp_expr, star<is_suffix>>, Fold {};

struct not_expr : sor<seq<tok<not_word>, not_expr>, is_expr>, Fold {};

struct and_word : LUMADB_WORD("and"), Node {};
struct and_expr : seq<not_expr, star<tok<and_word>, not_expr>>, Fold {};

struct or_word : LUMADB_WORD("or"), Node {};
struct or_expr : seq<and_expr, star<tok<or_word>, and_expr>>, Fold {};

struct a_expr : seq<or_expr> {};

}  // namespace lumadb::parser::grammar

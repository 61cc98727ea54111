#pragma once
// Column definitions with their constraints, and table constraints (gram.y columnDef, ColConstraint,
// ColConstraintElem, ConstraintAttr, TableConstraint, ConstraintElem, key_match, key_actions).

#include "sequence.hpp"

namespace lumadb::parser::grammar {

struct constraint_name : seq<LUMADB_KW("constraint"), col_id>, Node {};
struct not_null_constraint : seq<LUMADB_KW("not"), LUMADB_KW("null")>, Node {};
struct null_constraint : seq<LUMADB_KW("null")>, Node {};
/// DEFAULT takes a b_expr in gram.y (no boolean operators); other_expr is our closest level.
struct default_constraint : seq<LUMADB_KW("default"), other_expr>, Node {};
struct primary_key : seq<LUMADB_KW("primary"), LUMADB_KW("key")>, Node {};
struct unique_constraint : seq<LUMADB_KW("unique")>, Node {};
/// CHECK (expr) [NO INHERIT]; the transformer keeps the expression's source text.
struct check_constraint : seq<LUMADB_KW("check"), lparen, a_expr, rparen, opt<LUMADB_KW("no"), LUMADB_KW("inherit")>>,
                          Node {};

// ---- REFERENCES ---------------------------------------------------------------------------------------

/// MATCH PARTIAL parses but is rejected (0A000), as gram.y does.
struct match_partial : seq<LUMADB_KW("match"), LUMADB_KW("partial")>, Node {};
struct key_match : sor<match_partial, seq<LUMADB_KW("match"), sor<LUMADB_KW("full"), LUMADB_KW("simple")>>> {};
struct fk_no_action : seq<LUMADB_KW("no"), LUMADB_KW("action")>, Node {};
struct fk_restrict : seq<LUMADB_KW("restrict")>, Node {};
struct fk_cascade : seq<LUMADB_KW("cascade")>, Node {};
struct fk_set_null : seq<LUMADB_KW("set"), LUMADB_KW("null")>, Node {};
struct fk_set_default : seq<LUMADB_KW("set"), LUMADB_KW("default")>, Node {};
struct key_action : sor<fk_no_action, fk_restrict, fk_cascade, fk_set_null, fk_set_default> {};
struct on_delete : seq<LUMADB_KW("on"), LUMADB_KW("delete"), key_action>, Node {};
struct on_update : seq<LUMADB_KW("on"), LUMADB_KW("update"), key_action>, Node {};
/// REFERENCES t [(cols)] [MATCH FULL|SIMPLE] [ON DELETE a] [ON UPDATE a], the two actions in either order.
struct references_clause : seq<LUMADB_KW("references"), qualified_name, opt<lparen, name_list, rparen>, opt<key_match>,
                               opt<sor<seq<on_delete, opt<on_update>>, seq<on_update, opt<on_delete>>>>>,
                           Node {};

// ---- identity -----------------------------------------------------------------------------------------

struct generated_always : seq<LUMADB_KW("always")>, Node {};
struct generated_by_default : seq<LUMADB_KW("by"), LUMADB_KW("default")>, Node {};
/// GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(sequence options)].
struct identity_constraint : seq<LUMADB_KW("generated"), sor<generated_always, generated_by_default>, LUMADB_KW("as"),
                                 LUMADB_KW("identity"), opt<lparen, seq_option_list, rparen>>,
                             Node {};

// ---- attributes ---------------------------------------------------------------------------------------

/// INITIALLY DEFERRED would change when the check runs; the transformer rejects it (0A000).
struct initially_deferred : seq<LUMADB_KW("initially"), LUMADB_KW("deferred")>, Node {};
struct not_valid : seq<LUMADB_KW("not"), LUMADB_KW("valid")>, Node {};
/// gram.y ConstraintAttr: [NOT] DEFERRABLE, INITIALLY {IMMEDIATE|DEFERRED} (checked at once here anyway).
struct constraint_attr : sor<seq<LUMADB_KW("not"), LUMADB_KW("deferrable")>, LUMADB_KW("deferrable"),
                             seq<LUMADB_KW("initially"), LUMADB_KW("immediate")>, initially_deferred> {};

// ---- column definitions -------------------------------------------------------------------------------

struct column_constraint_elem : sor<not_null_constraint, null_constraint, default_constraint, primary_key,
                                    unique_constraint, check_constraint, references_clause, identity_constraint> {};
struct column_constraint : sor<seq<constraint_name, column_constraint_elem>, column_constraint_elem, constraint_attr> {
};
struct column_def : seq<col_id, type_name, star<column_constraint>>, Node {};

// ---- table constraints --------------------------------------------------------------------------------

struct column_list : seq<lparen, name_list, rparen> {};
struct foreign_key : seq<LUMADB_KW("foreign"), LUMADB_KW("key"), column_list, references_clause>, Node {};
/// gram.y ConstraintAttributeSpec after a table constraint (NOT VALID, NO INHERIT, deferrability).
struct table_constraint_attr : sor<not_valid, seq<LUMADB_KW("no"), LUMADB_KW("inherit")>, constraint_attr> {};
struct table_constraint
    : seq<opt<constraint_name>,
          sor<seq<primary_key, column_list>, seq<unique_constraint, column_list>, check_constraint, foreign_key>,
          star<table_constraint_attr>>,
      Node {};

}  // namespace lumadb::parser::grammar

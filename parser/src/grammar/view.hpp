#pragma once
// WITH clauses (gram.y with_clause, common_table_expr), SELECT ... INTO (into_clause), CREATE VIEW
// (ViewStmt), CREATE TABLE ... AS (CreateAsStmt), CREATE / REFRESH MATERIALIZED VIEW (CreateMatViewStmt,
// RefreshMatViewStmt).

#include "ddl.hpp"
#include "dml.hpp"

namespace lumadb::parser::grammar {

// ---- WITH ---------------------------------------------------------------------------------------------

struct recursive_word : LUMADB_WORD("recursive"), Node {};
/// [NOT] MATERIALIZED (gram.y opt_materialized).
struct cte_materialized : seq<opt<tok<not_word>>, LUMADB_KW("materialized")>, Node {};
struct cte_columns : seq<lparen, list<col_id, comma>, rparen>, Node {};
struct cte_name_list : list<col_id, comma>, Node {};
struct breadth_word : LUMADB_WORD("breadth"), Node {};
/// SEARCH {DEPTH | BREADTH} FIRST BY cols SET col (gram.y opt_search_clause).
struct cte_search : seq<LUMADB_KW("search"), sor<LUMADB_KW("depth"), tok<breadth_word>>, LUMADB_KW("first"),
                        LUMADB_KW("by"), cte_name_list, LUMADB_KW("set"), col_id>,
                    Node {};
struct cte_cycle_values : seq<LUMADB_KW("to"), a_expr, LUMADB_KW("default"), a_expr>, Node {};
/// CYCLE cols SET col [TO value DEFAULT value] USING col (gram.y opt_cycle_clause).
struct cte_cycle : seq<LUMADB_KW("cycle"), cte_name_list, LUMADB_KW("set"), col_id, opt<cte_cycle_values>,
                       LUMADB_KW("using"), col_id>,
                   Node {};
struct common_table_expr : seq<col_id, opt<cte_columns>, LUMADB_KW("as"), opt<cte_materialized>, lparen,
                               sor<select_stmt, with_dml_stmt, insert_stmt, update_stmt, delete_stmt>, rparen,
                               opt<cte_search>, opt<cte_cycle>>,
                           Node {};
struct with_clause : seq<LUMADB_KW("with"), opt<tok<recursive_word>>, list<common_table_expr, comma>>, Node {};

/// WITH ... INSERT/UPDATE/DELETE (select_stmt takes WITH ... SELECT itself).
struct with_dml_stmt : seq<with_clause, sor<insert_stmt, update_stmt, delete_stmt>>, Node {};

// ---- SELECT ... INTO, CREATE TABLE AS -----------------------------------------------------------------

/// INTO [TEMP | UNLOGGED] [TABLE] name (gram.y into_clause, OptTempTableName).
struct into_clause : seq<LUMADB_KW("into"), opt<opt_temp>, opt<LUMADB_KW("table")>, qualified_name>, Node {};

struct no_data_word : LUMADB_WORD("no"), Node {};
/// WITH [NO] DATA (gram.y opt_with_data).
struct with_data : seq<LUMADB_KW("with"), opt<tok<no_data_word>>, LUMADB_KW("data")>, Node {};

struct create_table_as : seq<opt<opt_temp>, LUMADB_KW("table"), opt<if_not_exists>, qualified_name, opt<cte_columns>,
                             opt<with_options>, opt<on_commit>, LUMADB_KW("as"), select_stmt, opt<with_data>>,
                         Node {};
struct create_matview : seq<LUMADB_KW("materialized"), LUMADB_KW("view"), opt<if_not_exists>, qualified_name,
                            opt<cte_columns>, opt<with_options>, LUMADB_KW("as"), select_stmt, opt<with_data>>,
                        Node {};
struct refresh_matview : seq<LUMADB_KW("refresh"), LUMADB_KW("materialized"), LUMADB_KW("view"),
                             opt<LUMADB_KW("concurrently")>, qualified_name, opt<with_data>>,
                         Node {};

// ---- CREATE VIEW --------------------------------------------------------------------------------------

struct or_replace : seq<LUMADB_KW("or"), LUMADB_KW("replace")>, Node {};
struct check_option_kind : sor<LUMADB_WORD("cascaded"), LUMADB_WORD("local")>, Node {};
/// WITH [CASCADED | LOCAL] CHECK OPTION (gram.y opt_check_option).
struct check_option : seq<LUMADB_KW("with"), opt<tok<check_option_kind>>, LUMADB_KW("check"), LUMADB_KW("option")>,
                      Node {};
struct view_query : seq<select_stmt>, Node {};
struct create_view : seq<opt<or_replace>, opt<opt_temp>, opt<tok<recursive_word>>, LUMADB_KW("view"), qualified_name,
                         opt<cte_columns>, opt<with_options>, LUMADB_KW("as"), view_query, opt<check_option>>,
                     Node {};

// ---- ALTER VIEW ---------------------------------------------------------------------------------------

struct view_reset_name : seq<col_label>, Node {};
/// ALTER VIEW v SET (name [= value], ...) / RESET (name, ...) (gram.y alter_table_cmd's reloptions forms).
struct alter_view_set : seq<LUMADB_KW("set"), lparen, list<rel_option, comma>, rparen>, Node {};
struct alter_view_reset : seq<LUMADB_KW("reset"), lparen, list<view_reset_name, comma>, rparen>, Node {};
struct view_set_default : seq<LUMADB_KW("set"), LUMADB_KW("default"), a_expr>, Node {};
struct view_drop_default : seq<LUMADB_KW("drop"), LUMADB_KW("default")>, Node {};
/// ALTER VIEW v ALTER [COLUMN] c {SET DEFAULT e | DROP DEFAULT} (gram.y alter_column_default).
struct alter_view_default
    : seq<LUMADB_KW("alter"), opt<LUMADB_KW("column")>, col_id, sor<view_set_default, view_drop_default>>,
      Node {};
/// ALTER VIEW [IF EXISTS] v action: the forms that change the view's options or column defaults; the
/// OWNER TO form is alter_owner's.
struct alter_view : seq<LUMADB_KW("alter"), LUMADB_KW("view"), opt<if_exists>, qualified_name,
                        sor<alter_view_set, alter_view_reset, alter_view_default>>,
                    Node {};

}  // namespace lumadb::parser::grammar

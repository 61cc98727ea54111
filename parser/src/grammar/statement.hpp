#pragma once
// The top-level rule: ';'-separated statements (gram.y stmtmulti). Empty statements are allowed.

#include "alter.hpp"
#include "copy.hpp"
#include "cursor.hpp"
#include "ddl.hpp"
#include "dml.hpp"
#include "function.hpp"
#include "index.hpp"
#include "maintenance.hpp"
#include "roles.hpp"
#include "utility.hpp"
#include "view.hpp"

namespace lumadb::parser::grammar {

struct create_stmt
    : seq<LUMADB_KW("create"), sor<create_view, create_table, create_table_as, create_matview, create_schema,
                                   create_database, create_index, create_sequence, create_role, create_function>> {};

/// Order matters only where one statement's first word is another's prefix (SET TRANSACTION is set_stmt).
struct statement
    : seq<sor<select_stmt, with_dml_stmt, insert_stmt, update_stmt, delete_stmt, create_stmt, drop_role_stmt,
              drop_function, drop_stmt, truncate_stmt, alter_function, alter_view, alter_stmt, grant_stmt, revoke_stmt,
              begin_stmt, commit_stmt, rollback_stmt, savepoint_stmt, release_stmt, set_stmt, reset_stmt, show_stmt,
              checkpoint_stmt, explain_stmt, vacuum_stmt, analyze_stmt, reindex_stmt, copy_stmt, prepare_stmt,
              execute_stmt, deallocate_stmt, declare_stmt, fetch_stmt, close_stmt, refresh_matview>>,
      Node {};

struct sql : seq<skip, opt<statement>, star<semicolon, opt<statement>>, mark, eof> {};

}  // namespace lumadb::parser::grammar

#pragma once
// The top-level rule: ';'-separated statements (gram.y stmtmulti). Empty statements are allowed.

#include "ddl.hpp"
#include "dml.hpp"
#include "utility.hpp"

namespace lumadb::parser::grammar {

/// Order matters only where one statement's first word is another's prefix (SET TRANSACTION is set_stmt).
struct statement : seq<sor<select_stmt, insert_stmt, update_stmt, delete_stmt, create_stmt, drop_stmt, truncate_stmt,
                           begin_stmt, commit_stmt, rollback_stmt, savepoint_stmt, release_stmt, set_stmt, reset_stmt,
                           show_stmt, checkpoint_stmt>>,
                   Node {};

struct sql : seq<skip, opt<statement>, star<semicolon, opt<statement>>, mark, eof> {};

}  // namespace lumadb::parser::grammar

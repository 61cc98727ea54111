#pragma once
// What the extended query protocol keeps in a session between messages: the prepared statements made by
// Parse and the portals made by Bind (PostgreSQL's CachedPlanSource in prepare.c's hash table and
// portalmem.c's portals). The session (session_extended.cpp) owns both maps; the rules:
//
//   statement ""   replaced silently by the next Parse of "" (and by a simple Query)
//   statement "s"  lives until Close 'S' or the end of the session; a second Parse "s" is 42P05
//   portal ""      replaced silently by the next Bind to ""
//   portal "p"     lives until Close 'P' or the end of its transaction; a second Bind "p" is 42P03
//   any portal     dropped when its transaction ends (commit, rollback, or an error aborting it)
//   cursor "c"     a portal made by DECLARE (session_cursor.cpp): CLOSE, FETCH and protocol Execute and
//                  Describe reach it; WITH HOLD ones are materialized at commit and then live until CLOSE
//                  or the end of the session; ROLLBACK TO drops those declared after the savepoint
//
// PREPARE stores into the statement map like Parse (one namespace: PREPARE x after Parse "x" is 42P05).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/types.h"
#include "exec/cursor.h"
#include "exec/portal.h"
#include "parser/ast.h"

namespace lumadb::server {

/// A statement made by Parse.
struct ExtendedStatement {
  std::string name;                           // "" for the unnamed statement
  std::string query;                          // the text as the client sent it
  std::shared_ptr<const ast::Statement> ast;  // null for an empty query string (EmptyQueryResponse)
  std::vector<Oid> param_type_oids;           // as sent in Parse, kept to prepare the statement again
  /// The analyzed statement; null for an empty query and for the statements the session runs itself
  /// (transaction control, SET, SHOW, CHECKPOINT), which are not analyzed.
  std::shared_ptr<const exec::PreparedStatement> prepared;
};

/// A portal made by Bind.
struct ExtendedPortal {
  std::string name;
  std::shared_ptr<const ExtendedStatement> statement;  // as it was at Bind
  std::unique_ptr<exec::Portal> portal;                // null when statement->prepared is null
  std::vector<int16_t> result_formats;                 // Bind's result format codes (0/1/N rule)
  bool done = false;                                   // a statement the session runs itself has run
  std::unique_ptr<exec::Cursor> cursor;                // a SQL cursor (portal and statement->ast unused)
  bool from_bind = false;                              // a Bind portal FETCH turned into a cursor
  bool hold = false;                                   // DECLARE ... WITH HOLD
  bool held = false;                                   // materialized at a commit: outlives transactions
  size_t savepoint_depth = 0;                          // savepoints open at DECLARE
};

}  // namespace lumadb::server

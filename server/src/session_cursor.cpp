// SQL-level prepared statements and cursors on the session: PREPARE, EXECUTE, DEALLOCATE
// (commands/prepare.c), DECLARE CURSOR, FETCH, MOVE, CLOSE (commands/portalcmds.c), and what happens to
// cursors when their transaction ends (portalmem.c AtCommit_Portals, AtAbort_Portals, AtSubAbort_Portals).
//
// One namespace each with the extended protocol: PREPARE stores into statements_ beside Parse's statements,
// DECLARE into portals_ beside Bind's portals (server/include/server/extended_state.h).

#include "exec/sql_prepare.h"
#include "format_sink.h"
#include "pgwire/extended.h"
#include "planner/binder.h"
#include "server/session.h"

namespace lumadb::server {

namespace {

DbError NoCursor(const std::string& name) {
  return DbError(sqlstate::kInvalidCursorName, "cursor \"" + name + "\" does not exist");
}

DbError NoPrepared(const std::string& name) {
  return DbError(sqlstate::kInvalidSqlStatementName, "prepared statement \"" + name + "\" does not exist");
}

}  // namespace

std::string Session::CursorStatement(const ast::Statement& stmt, const std::string& sql,
                                     const std::vector<int16_t>* formats) {
  FormatSink sink(writer_, formats ? *formats : std::vector<int16_t>{}, formats == nullptr,
                  [this](const DbError& notice) { SendNotice(notice); });
  switch (stmt.kind) {
    case ast::StmtKind::kPrepare:
      return PrepareSql(stmt.As<ast::PrepareStmt>(), sql);
    case ast::StmtKind::kExecute:
      return ExecuteSql(stmt.As<ast::ExecuteStmt>(), sql, sink);
    case ast::StmtKind::kDeallocate: {
      const auto& d = stmt.As<ast::DeallocateStmt>();
      if (d.all) {
        statements_.clear();
        return "DEALLOCATE ALL";
      }
      if (d.name.empty() || statements_.erase(d.name) == 0) throw NoPrepared(d.name);
      return "DEALLOCATE";
    }
    case ast::StmtKind::kDeclareCursor:
      return DeclareCursor(stmt.As<ast::DeclareCursorStmt>(), sql);
    case ast::StmtKind::kFetch:
      return FetchCursor(stmt.As<ast::FetchStmt>(), formats);
    case ast::StmtKind::kExplain:
      return ExplainExecuteSql(stmt.As<ast::ExplainStmt>(), sql, sink);
    default: {
      const auto& c = stmt.As<ast::ClosePortalStmt>();
      if (c.all) {
        portals_.clear();
        return "CLOSE CURSOR ALL";
      }
      if (portals_.erase(c.name) == 0) throw NoCursor(c.name);
      return "CLOSE CURSOR";
    }
  }
}

std::string Session::PrepareSql(const ast::PrepareStmt& stmt, const std::string& sql) {
  auto st = std::make_shared<ExtendedStatement>();
  st->name = stmt.name;
  st->query = sql;
  st->ast = stmt.query;
  for (const ast::TypeName& type : stmt.types) {
    st->param_type_oids.push_back(static_cast<Oid>(planner::ResolveTypeName(type, sql).id));
  }
  exec::SessionContext ctx = StatementContext();
  st->prepared = exec::PreparedStatement::Prepare(st->ast, sql, st->param_type_oids, ctx);
  if (statements_.count(stmt.name) != 0) {
    throw DbError(sqlstate::kDuplicatePreparedStatement, "prepared statement \"" + stmt.name + "\" already exists");
  }
  statements_[stmt.name] = std::move(st);
  return "PREPARE";
}

std::string Session::ExecuteSql(const ast::ExecuteStmt& stmt, const std::string& sql, exec::ResultSink& sink) {
  auto found = statements_.find(stmt.name);
  if (stmt.name.empty() || found == statements_.end() || !found->second->prepared) throw NoPrepared(stmt.name);
  std::shared_ptr<const ExtendedStatement> st = Revalidated(found->second);
  exec::SessionContext ctx = StatementContext();
  std::vector<Value> params = exec::EvaluateParams(*st->prepared, stmt.name, stmt.params, sql, ctx);
  exec::Portal portal(st->prepared, std::move(params), stmt.name);
  return *portal.Run(ctx, sink, 0);
}

bool Session::IsExplainExecute(const ast::Statement& stmt) {
  return stmt.kind == ast::StmtKind::kExplain && stmt.As<ast::ExplainStmt>().query->kind == ast::StmtKind::kExecute;
}

std::string Session::ExplainExecuteSql(const ast::ExplainStmt& stmt, const std::string& sql, exec::ResultSink& sink) {
  const auto& execute = stmt.query->As<ast::ExecuteStmt>();
  auto found = statements_.find(execute.name);
  if (execute.name.empty() || found == statements_.end() || !found->second->prepared) throw NoPrepared(execute.name);
  std::shared_ptr<const ExtendedStatement> st = Revalidated(found->second);
  exec::SessionContext ctx = StatementContext();
  std::vector<Value> params = exec::EvaluateParams(*st->prepared, execute.name, execute.params, sql, ctx);
  return exec::ExplainPrepared(stmt, *st->prepared, params, ctx, sink);
}

std::string Session::DeclareCursor(const ast::DeclareCursorStmt& stmt, const std::string& sql) {
  auto st = std::make_shared<ExtendedStatement>();
  st->query = sql;
  st->ast = stmt.query;
  exec::SessionContext ctx = StatementContext();
  st->prepared = exec::PreparedStatement::Prepare(st->ast, sql, {}, ctx);
  if (!st->prepared->param_types().empty()) {
    throw DbError(sqlstate::kUndefinedParameter, "there is no parameter $1");
  }
  // analyze.c transformDeclareCursorStmt, then portalcmds.c PerformCursorOpen.
  bool locks = exec::PlanLocksRows(*st->prepared->plan());
  if (stmt.hold && locks) {
    throw DbError(sqlstate::kFeatureNotSupported, "DECLARE CURSOR WITH HOLD ... FOR UPDATE is not supported")
        .Detail("Holdable cursors must be READ ONLY.");
  }
  if (stmt.scroll && locks) {
    throw DbError(sqlstate::kFeatureNotSupported, "DECLARE SCROLL CURSOR ... FOR UPDATE is not supported")
        .Detail("Scrollable cursors must be READ ONLY.");
  }
  if (!stmt.hold && !block_.InTransactionBlock()) {
    throw DbError(sqlstate::kNoActiveSqlTransaction, "DECLARE CURSOR can only be used in transaction blocks");
  }
  if (portals_.count(stmt.name) != 0) {
    throw DbError(sqlstate::kDuplicateCursor, "cursor \"" + stmt.name + "\" already exists");
  }
  bool scroll = stmt.scroll || (!stmt.no_scroll && !locks && exec::PlanSupportsBackwardScan(*st->prepared->plan()));
  auto portal = std::make_shared<ExtendedPortal>();
  portal->name = stmt.name;
  portal->cursor = std::make_unique<exec::Cursor>(
      exec::MakePortalRowSource(std::make_unique<exec::Portal>(st->prepared, std::vector<Value>{}), ctx), scroll);
  portal->statement = std::move(st);
  if (stmt.binary) portal->result_formats = {1};
  portal->hold = stmt.hold;
  portal->savepoint_depth = savepoints_.size();
  portals_[stmt.name] = std::move(portal);
  return "DECLARE CURSOR";
}

std::string Session::FetchCursor(const ast::FetchStmt& stmt, const std::vector<int16_t>* formats) {
  auto found = portals_.find(stmt.name);
  if (found == portals_.end()) throw NoCursor(stmt.name);
  std::shared_ptr<ExtendedPortal> portal = found->second;
  if (!portal->cursor) AdoptProtocolPortal(*portal);
  // exec_simple_query: the rows of FETCH from a BINARY cursor go out in binary; Bind's formats are not a
  // cursor's.
  const std::vector<int16_t> cursor_formats = portal->from_bind ? std::vector<int16_t>{} : portal->result_formats;
  FormatSink sink(writer_, formats ? *formats : cursor_formats, formats == nullptr,
                  [this](const DbError& notice) { SendNotice(notice); });
  if (!stmt.is_move) sink.DeferColumns(*portal->statement->prepared->result_columns());
  uint64_t count = portal->cursor->Fetch(stmt.direction, stmt.count, sink, !stmt.is_move);
  sink.FlushColumns();
  return (stmt.is_move ? "MOVE " : "FETCH ") + std::to_string(count);
}

void Session::AdoptProtocolPortal(ExtendedPortal& portal) {
  if (!portal.portal || !portal.statement->prepared || !portal.statement->prepared->result_columns()) {
    throw NoCursor(portal.name);
  }
  exec::SessionContext ctx = StatementContext();
  portal.cursor = std::make_unique<exec::Cursor>(exec::MakePortalRowSource(std::move(portal.portal), ctx), false);
  portal.from_bind = true;
}

const exec::PreparedStatement* Session::UtilityResultStatement(const ast::Statement& stmt) const {
  if (stmt.kind == ast::StmtKind::kExecute) {
    auto found = statements_.find(stmt.As<ast::ExecuteStmt>().name);
    return found == statements_.end() ? nullptr : found->second->prepared.get();
  }
  if (stmt.kind == ast::StmtKind::kFetch && !stmt.As<ast::FetchStmt>().is_move) {
    auto found = portals_.find(stmt.As<ast::FetchStmt>().name);
    return found == portals_.end() ? nullptr : found->second->statement->prepared.get();
  }
  return nullptr;
}

void Session::ExecuteCursorPortal(ExtendedPortal& portal, int64_t max_rows) {
  FormatSink sink(writer_, portal.result_formats, false, [this](const DbError& notice) { SendNotice(notice); });
  int64_t count = max_rows > 0 ? max_rows : ast::kFetchAll;
  uint64_t sent = portal.cursor->Fetch(ast::FetchDirection::kForward, count, sink, true);
  // As PortalRunSelect: a run that filled max_rows has not seen the end yet.
  if (max_rows > 0 && sent == static_cast<uint64_t>(max_rows)) {
    writer_.PortalSuspended();
  } else {
    writer_.CommandComplete("SELECT " + std::to_string(sent));
  }
}

void Session::ReleasePortals(bool keep_holdable) {
  std::erase_if(portals_,
                [&](const auto& entry) { return !(entry.second->held || (keep_holdable && entry.second->hold)); });
}

void Session::PortalsAtTransactionEnd(bool commit) {
  if (commit) {
    // PersistHoldablePortal: a WITH HOLD cursor reads the rest of its rows while the transaction lives.
    FormatSink notices(writer_, {}, false, [this](const DbError& notice) { SendNotice(notice); });
    for (auto& [name, portal] : portals_) {
      if (portal->cursor && portal->hold && !portal->held) {
        portal->cursor->Materialize(notices);
        portal->held = true;
      }
    }
  }
  ReleasePortals(false);
}

void Session::PortalsAtSavepointEnd(size_t index, bool rollback) {
  if (rollback) {
    std::erase_if(portals_, [&](const auto& entry) {
      return entry.second->cursor && !entry.second->held && entry.second->savepoint_depth > index;
    });
    return;
  }
  for (auto& [name, portal] : portals_) portal->savepoint_depth = std::min(portal->savepoint_depth, index);
}

}  // namespace lumadb::server

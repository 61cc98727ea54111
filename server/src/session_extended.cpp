// The extended query protocol side of Session: postgres.c exec_parse_message, exec_bind_message,
// exec_describe_statement_message, exec_describe_portal_message, exec_execute_message and the Close, Flush
// and Sync cases of PostgresMain; plancache.c's revalidation of a statement whose catalog changed.
//
// Transactions as postgres.c's start_xact_command/finish_xact_command: the first message after a Sync that
// needs one starts an implicit transaction (TransactionBlock kStarted), every Execute until the next Sync
// runs in it, and Sync commits it. BEGIN turns it into an explicit block, which Sync leaves open. An error
// aborts it and the message loop skips to Sync. Transaction control, SET, SHOW and CHECKPOINT are run by
// the session itself (as in the simple protocol); everything else by exec::PreparedStatement/Portal.

#include "common/value_binary.h"
#include "common/value_io.h"
#include "exec/sql_prepare.h"
#include "format_sink.h"
#include "parser/parser.h"
#include "pgwire/extended.h"
#include "server/session.h"
#include "server/setting_defs.h"
#include "server/setting_values.h"

namespace lumadb::server {

namespace {

constexpr Oid kTextOid = static_cast<Oid>(TypeId::kText);

// The statements the session runs itself instead of handing them to exec.
bool RunBySession(const ast::Statement& stmt) {
  using enum ast::StmtKind;
  return stmt.kind == kTransaction || stmt.kind == kVariableSet || stmt.kind == kVariableShow ||
         stmt.kind == kCheckpoint || stmt.kind == kCopy || stmt.kind == kPrepare || stmt.kind == kExecute ||
         stmt.kind == kDeallocate || stmt.kind == kDeclareCursor || stmt.kind == kFetch || stmt.kind == kClosePortal ||
         Session::IsExplainExecute(stmt);
}

// postgres.c IsTransactionExitStmt: what a failed block still accepts.
bool IsExitStatement(const ast::Statement& stmt) {
  if (stmt.kind != ast::StmtKind::kTransaction) return false;
  using T = ast::TransactionStmt::Type;
  auto type = stmt.As<ast::TransactionStmt>().type;
  return type == T::kCommit || type == T::kRollback || type == T::kRollbackTo;
}

// COMMIT and ROLLBACK always end the transaction (and with it every portal).
bool EndsTransaction(const ast::Statement& stmt) {
  if (stmt.kind != ast::StmtKind::kTransaction) return false;
  using T = ast::TransactionStmt::Type;
  auto type = stmt.As<ast::TransactionStmt>().type;
  return type == T::kCommit || type == T::kRollback;
}

DbError NoStatement(const std::string& name) {
  return DbError(sqlstate::kInvalidSqlStatementName, name.empty()
                                                         ? "unnamed prepared statement does not exist"
                                                         : "prepared statement \"" + name + "\" does not exist");
}

DbError NoPortal(const std::string& name) {
  return DbError(sqlstate::kInvalidCursorName, "portal \"" + name + "\" does not exist");
}

DbError FailedBlock() {
  return DbError(sqlstate::kInFailedSqlTransaction,
                 "current transaction is aborted, commands ignored until end of transaction block");
}

// The value of parameter $(index+1) from its Bind bytes (exec_bind_message: typinput for text, typreceive
// for binary).
Value ConvertParam(const std::optional<std::string>& bytes, int16_t format, TypeDesc type, size_t index) {
  if (!bytes) return Value::Null(type.id);
  if (format == 0) return ParseValue(type, *bytes);
  if (format == 1) return ReceiveValue(type, *bytes, static_cast<int>(index + 1));
  throw DbError(sqlstate::kInvalidParameterValue, "unsupported format code: " + std::to_string(format));
}

}  // namespace

void Session::ExtendedMessage(const pgwire::FrontendMessage& message) {
  // Portals belong to a transaction; a simple Query or an Execute of COMMIT may have ended it.
  if (block_.state() == BlockState::kDefault) ReleasePortals(false);
  try {
    switch (message.type) {
      case 'P':
        ParseStatement(message);
        break;
      case 'B':
        BindPortal(message);
        break;
      case 'D':
        DescribeTarget(message);
        break;
      case 'E':
        ExecutePortal(message);
        break;
      case 'C':
        CloseTarget(message);
        break;
      default:  // 'H'
        pgwire::DecodeEmpty(message);
        writer_.Flush();
    }
  } catch (...) {
    // An error aborts the transaction and its portals with it (portalmem.c AtAbort_Portals); they go
    // first, while the transaction their executors point into still exists.
    ReleasePortals(false);
    throw;
  }
}

void Session::ExtendedSync(const pgwire::FrontendMessage& message) {
  pgwire::DecodeEmpty(message);
  if (block_.state() == BlockState::kStarted) ReleasePortals(true);  // before the commit they depend on
  if (block_.AfterStatement(true)) FinishTransaction(true);
}

void Session::ParseStatement(const pgwire::FrontendMessage& message) {
  pgwire::ParseMessage parse = pgwire::DecodeParse(message);
  handle_->cancel_requested = false;  // as for a Query: a cancel that arrived while idle is void
  current_query_ = parse.query;
  if (parse.statement.empty()) statements_.erase("");  // drop_unnamed_stmt, even when this Parse fails
  std::vector<ast::StatementPtr> parsed = parser::Parse(parse.query);
  if (parsed.size() > 1) {
    throw DbError(sqlstate::kSyntaxError, "cannot insert multiple commands into a prepared statement");
  }
  auto st = std::make_shared<ExtendedStatement>();
  st->name = parse.statement;
  st->query = std::move(parse.query);
  st->param_type_oids = std::move(parse.param_types);
  if (!parsed.empty()) st->ast = std::move(parsed[0]);
  BeginStatement(!st->ast || IsExitStatement(*st->ast), false);
  if (st->ast && !RunBySession(*st->ast)) {
    exec::SessionContext ctx = StatementContext();
    st->prepared = exec::PreparedStatement::Prepare(st->ast, st->query, st->param_type_oids, ctx);
  }
  // StorePreparedStatement checks the name only after analysis, so a bad query reports its own error.
  if (!st->name.empty() && statements_.count(st->name) != 0) {
    throw DbError(sqlstate::kDuplicatePreparedStatement, "prepared statement \"" + st->name + "\" already exists");
  }
  statements_[st->name] = std::move(st);
  writer_.ParseComplete();
}

std::shared_ptr<const ExtendedStatement> Session::Revalidated(std::shared_ptr<const ExtendedStatement> st) {
  if (!st->prepared || !st->prepared->Stale(*catalog_)) return st;
  exec::SessionContext ctx = StatementContext();
  auto fresh = std::make_shared<ExtendedStatement>(*st);
  fresh->prepared = exec::PreparedStatement::Prepare(st->ast, st->query, st->param_type_oids, ctx);
  // A client has described the old columns; PostgreSQL prepares protocol statements with fixed_result.
  const auto& before = st->prepared->result_columns();
  const auto& after = fresh->prepared->result_columns();
  bool same = before.has_value() == after.has_value() && (!before || before->size() == after->size());
  for (size_t i = 0; same && before && i < before->size(); ++i) same = (*before)[i].type == (*after)[i].type;
  if (!same) throw DbError(sqlstate::kFeatureNotSupported, "cached plan must not change result type");
  statements_[st->name] = fresh;
  return fresh;
}

std::optional<std::vector<pgwire::FieldDescription>> Session::ResultFields(const ExtendedStatement& st,
                                                                           const exec::PreparedStatement* prepared,
                                                                           const std::vector<int16_t>& formats) {
  std::vector<pgwire::FieldDescription> fields;
  if (!prepared && st.ast) prepared = UtilityResultStatement(*st.ast);
  if (prepared) {
    if (!prepared->result_columns()) return std::nullopt;
    for (const exec::ResultColumn& c : *prepared->result_columns()) {
      fields.push_back({c.name, c.table_oid, c.attnum, static_cast<Oid>(c.type.id), c.type.typmod});
    }
  } else if (st.ast && IsExplainExecute(*st.ast)) {
    fields = {{"QUERY PLAN", 0, 0, static_cast<Oid>(exec::ExplainResultType(st.ast->As<ast::ExplainStmt>()).id), -1}};
  } else if (st.ast && st.ast->kind == ast::StmtKind::kVariableShow) {
    const std::string& name = st.ast->As<ast::VariableShowStmt>().name;
    if (name == "all") {
      fields = {{"name", 0, 0, kTextOid, -1}, {"setting", 0, 0, kTextOid, -1}, {"description", 0, 0, kTextOid, -1}};
    } else {
      settings_.Show(name);  // 42704 for an unknown parameter, as GetPGVariableResultDesc
      fields = {{std::string(AllSettingDefs()[static_cast<size_t>(FindSetting(name))].name), 0, 0, kTextOid, -1}};
    }
  } else {
    return std::nullopt;
  }
  if (formats.size() > 1 && formats.size() != fields.size()) {
    throw DbError(sqlstate::kProtocolViolation, "bind message has " + std::to_string(formats.size()) +
                                                    " result formats but query has " + std::to_string(fields.size()) +
                                                    " columns");
  }
  for (size_t i = 0; i < fields.size(); ++i) fields[i].format = pgwire::FormatCode(formats, i);
  return fields;
}

void Session::BindPortal(const pgwire::FrontendMessage& message) {
  pgwire::BindMessage bind = pgwire::DecodeBind(message);
  handle_->cancel_requested = false;
  auto found = statements_.find(bind.statement);
  if (found == statements_.end()) throw NoStatement(bind.statement);
  std::shared_ptr<const ExtendedStatement> st = found->second;
  current_query_ = st->query;
  size_t required = st->prepared ? st->prepared->param_types().size() : st->param_type_oids.size();
  if (bind.params.size() != required) {
    throw DbError(sqlstate::kProtocolViolation, "bind message supplies " + std::to_string(bind.params.size()) +
                                                    " parameters, but prepared statement \"" + bind.statement +
                                                    "\" requires " + std::to_string(required));
  }
  BeginStatement(st->ast && IsExitStatement(*st->ast) && bind.params.empty(), false);
  st = Revalidated(st);
  if (!bind.portal.empty() && portals_.count(bind.portal) != 0) {
    throw DbError(sqlstate::kDuplicateCursor, "cursor \"" + bind.portal + "\" already exists");
  }
  auto portal = std::make_shared<ExtendedPortal>();
  portal->name = bind.portal;
  portal->result_formats = std::move(bind.result_formats);
  // Checks the number of result formats (and a SHOW's parameter); a planned statement with one format or
  // none cannot fail it, so the per-Bind field list is skipped there.
  if (!st->prepared || portal->result_formats.size() > 1) ResultFields(*st, st->prepared.get(), portal->result_formats);
  if (st->prepared) {
    ApplyTypeIoSettings();
    const std::vector<TypeDesc>& types = st->prepared->param_types();
    std::vector<Value> params;
    params.reserve(types.size());
    for (size_t i = 0; i < types.size(); ++i) {
      params.push_back(ConvertParam(bind.params[i], pgwire::FormatCode(bind.param_formats, i), types[i], i));
    }
    portal->portal = std::make_unique<exec::Portal>(st->prepared, std::move(params), st->name);
  }
  portal->statement = std::move(st);
  portals_[bind.portal] = std::move(portal);
  writer_.BindComplete();
}

void Session::DescribeTarget(const pgwire::FrontendMessage& message) {
  pgwire::TargetMessage target = pgwire::DecodeDescribe(message);
  bool failed = block_.state() == BlockState::kFailed;
  if (target.kind == 'S') {
    auto found = statements_.find(target.name);
    if (found == statements_.end()) throw NoStatement(target.name);
    std::shared_ptr<const ExtendedStatement> st = found->second;
    if (!failed) {
      BeginStatement(false, false);
      st = Revalidated(st);
    }
    auto fields = ResultFields(*st, st->prepared.get(), {});
    if (failed && fields) throw FailedBlock();
    std::vector<Oid> types = st->param_type_oids;
    if (st->prepared) {
      types.clear();
      for (const TypeDesc& t : st->prepared->param_types()) types.push_back(static_cast<Oid>(t.id));
    }
    writer_.ParameterDescription(types);
    fields ? writer_.RowDescription(*fields) : writer_.NoData();
    return;
  }
  auto found = portals_.find(target.name);
  if (found == portals_.end()) throw NoPortal(target.name);
  const ExtendedPortal& portal = *found->second;
  const exec::PreparedStatement* prepared =
      portal.portal ? &portal.portal->statement() : portal.statement->prepared.get();  // (a cursor's)
  auto fields = ResultFields(*portal.statement, prepared, portal.result_formats);
  if (failed && fields) throw FailedBlock();
  fields ? writer_.RowDescription(*fields) : writer_.NoData();
}

void Session::ExecutePortal(const pgwire::FrontendMessage& message) {
  pgwire::ExecuteMessage execute = pgwire::DecodeExecute(message);
  auto found = portals_.find(execute.portal);
  if (found == portals_.end()) throw NoPortal(execute.portal);
  std::shared_ptr<ExtendedPortal> portal = found->second;  // kept alive if COMMIT drops every portal
  const ExtendedStatement& st = *portal->statement;
  current_query_ = st.query;
  if (!st.ast) {
    writer_.EmptyQueryResponse();
    return;
  }
  CheckInterrupts();
  BeginStatement(IsExitStatement(*st.ast), false);
  if (portal->cursor) {
    ExecuteCursorPortal(*portal, execute.max_rows);
    return;
  }
  std::string tag;
  if (portal->portal) {
    PreventInTransactionBlock(*st.ast);
    exec::SessionContext ctx = StatementContext();
    FormatSink sink(writer_, portal->result_formats, false, [this](const DbError& notice) { SendNotice(notice); });
    std::optional<std::string> done = portal->portal->Run(ctx, sink, execute.max_rows);
    if (!done) {
      writer_.PortalSuspended();
      return;
    }
    tag = std::move(*done);
  } else {
    if (portal->done) {
      throw DbError(sqlstate::kObjectNotInPrerequisiteState, "portal \"" + portal->name + "\" cannot be run");
    }
    portal->done = true;
    tag = RunSessionStatement(*st.ast, st.query, portal->result_formats);
  }
  writer_.CommandComplete(tag);
}

std::string Session::RunSessionStatement(const ast::Statement& stmt, const std::string& sql,
                                         const std::vector<int16_t>& formats) {
  switch (stmt.kind) {
    case ast::StmtKind::kCopy: {
      exec::SessionContext ctx = StatementContext();
      return CopyStatement(stmt.As<ast::CopyStmt>(), sql, ctx);
    }
    case ast::StmtKind::kTransaction:
      if (EndsTransaction(stmt)) ReleasePortals(true);  // before the transaction they point into ends
      return TransactionControl(stmt.As<ast::TransactionStmt>());
    case ast::StmtKind::kVariableSet:
      return SetVariable(stmt.As<ast::VariableSetStmt>());
    case ast::StmtKind::kCheckpoint:
      return Checkpoint();
    case ast::StmtKind::kVariableShow: {
      const std::string& name = stmt.As<ast::VariableShowStmt>().name;
      if (name != "all") {
        writer_.DataRow(Row{Value::String(settings_.Show(name))}, formats);
        return "SHOW";
      }
      for (const ShowAllRow& row : settings_.ShowAll()) {
        writer_.DataRow(Row{Value::String(row.name), Value::String(row.setting), Value::String(row.description)},
                        formats);
      }
      return "SHOW";
    }
    default:
      return CursorStatement(stmt, sql, &formats);
  }
}

void Session::CloseTarget(const pgwire::FrontendMessage& message) {
  pgwire::TargetMessage target = pgwire::DecodeClose(message);
  // Closing what does not exist is not an error (protocol §55.2.3).
  if (target.kind == 'S') {
    statements_.erase(target.name);
  } else {
    portals_.erase(target.name);
  }
  writer_.CloseComplete();
}

}  // namespace lumadb::server

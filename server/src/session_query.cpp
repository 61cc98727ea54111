// The statement side of Session: PostgreSQL's exec_simple_query, SET/SHOW/RESET (guc.c), and the handoff
// to exec. Transaction control is in session_transaction.cpp.

#include <chrono>

#include "catalog/search_path.h"
#include "common/datetime.h"
#include "common/float_output.h"
#include "common/time_zone.h"
#include "common/value_io.h"
#include "exec/statement_executor.h"
#include "parser/parser.h"
#include "server/log.h"
#include "server/session.h"
#include "server/setting_values.h"
#include "storage/storage_engine.h"
#include "storage/temp_file.h"

namespace lumadb::server {

namespace {

// Hands DateStyle ("ISO, DMY": output format, then field order) to the type input and output functions,
// which read it per thread.
void ApplyDateStyle(const std::string& datestyle) {
  if (datestyle.rfind("SQL", 0) == 0) {
    SetDateStyle(DateStyle::kSql);
  } else if (datestyle.rfind("Postgres", 0) == 0) {
    SetDateStyle(DateStyle::kPostgres);
  } else if (datestyle.rfind("German", 0) == 0) {
    SetDateStyle(DateStyle::kGerman);
  } else {
    SetDateStyle(DateStyle::kIso);
  }
  if (datestyle.find("DMY") != std::string::npos) {
    SetDateOrder(DateOrder::kDMY);
  } else if (datestyle.find("YMD") != std::string::npos) {
    SetDateOrder(DateOrder::kYMD);
  } else {
    SetDateOrder(DateOrder::kMDY);
  }
}

}  // namespace

int64_t NowPgMicros() {
  constexpr int64_t kUnixToPgEpochUs = 946684800LL * 1000000;
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::microseconds>(now).count() - kUnixToPgEpochUs;
}

namespace {

bool IsDdl(ast::StmtKind kind) {
  using enum ast::StmtKind;
  return kind == kCreateTable || kind == kCreateSchema || kind == kCreateDatabase || kind == kDrop ||
         kind == kCreateIndex || kind == kReindex || kind == kCreateSequence || kind == kAlterSequence ||
         kind == kAlterTable;
}

bool IsMod(ast::StmtKind kind) {
  using enum ast::StmtKind;
  return IsDdl(kind) || kind == kInsert || kind == kUpdate || kind == kDelete || kind == kTruncate;
}

// Streams exec's output to the client as RowDescription, DataRow and NoticeResponse.
class WireSink : public exec::ResultSink {
 public:
  WireSink(pgwire::BackendWriter& writer, std::function<void(const DbError&)> notice)
      : writer_(writer), notice_(std::move(notice)) {}

  void Columns(const std::vector<exec::ResultColumn>& columns) override {
    std::vector<pgwire::FieldDescription> fields;
    for (const exec::ResultColumn& c : columns) {
      fields.push_back({c.name, c.table_oid, c.attnum, static_cast<Oid>(c.type.id), c.type.typmod});
    }
    writer_.RowDescription(fields);
  }

  void Row(const lumadb::Row& row) override {
    std::vector<std::optional<std::string>> values;
    values.reserve(row.size());
    for (const Value& v : row) {
      if (v.is_null()) {
        values.emplace_back(std::nullopt);
      } else {
        values.emplace_back(FormatValue(v));
      }
    }
    writer_.DataRow(values);
  }

  void Notice(Severity severity, SqlState code, const std::string& message) override {
    notice_(DbError(code, message, severity));
  }

  void NoticeWithDetail(const DbError& notice) override { notice_(notice); }

 private:
  pgwire::BackendWriter& writer_;
  std::function<void(const DbError&)> notice_;
};

}  // namespace

void Session::LogStatementIfWanted(const std::string& sql, const std::vector<ast::StatementPtr>* statements) {
  static const SettingKey kLogStatement("log_statement");
  const std::string& mode = settings_.Get(kLogStatement);
  if (statement_logged_ || mode == "none") return;
  bool wanted = mode == "all";
  if (statements) {
    for (const auto& stmt : *statements) {
      wanted = wanted || (mode == "mod" ? IsMod(stmt->kind) : IsDdl(stmt->kind));
    }
  }
  if (!wanted) return;
  LogLine(pid(), "LOG", "statement: " + sql);
  statement_logged_ = true;
}

void Session::SimpleQuery(const std::string& sql) {
  current_query_ = sql;
  statement_logged_ = false;
  LogStatementIfWanted(sql, nullptr);  // log_statement = all logs even what fails to parse
  std::vector<ast::StatementPtr> statements = parser::Parse(sql);
  LogStatementIfWanted(sql, &statements);
  if (statements.empty()) {
    writer_.EmptyQueryResponse();
    return;
  }
  bool implicit_block = statements.size() > 1;
  for (size_t i = 0; i < statements.size(); ++i) {
    CheckInterrupts();
    std::string tag = ExecuteStatement(*statements[i], sql, implicit_block, i + 1 == statements.size());
    writer_.CommandComplete(tag);
  }
}

std::string Session::ExecuteStatement(const ast::Statement& stmt, const std::string& sql, bool implicit_block,
                                      bool last) {
  bool exit_statement = false;
  if (stmt.kind == ast::StmtKind::kTransaction) {
    auto type = stmt.As<ast::TransactionStmt>().type;
    using T = ast::TransactionStmt::Type;
    exit_statement = type == T::kCommit || type == T::kRollback || type == T::kRollbackTo;
  }
  BeginStatement(exit_statement, implicit_block);

  std::string tag;
  switch (stmt.kind) {
    case ast::StmtKind::kTransaction:
      tag = TransactionControl(stmt.As<ast::TransactionStmt>());
      break;
    case ast::StmtKind::kVariableSet:
      tag = SetVariable(stmt.As<ast::VariableSetStmt>());
      break;
    case ast::StmtKind::kVariableShow:
      tag = ShowVariable(stmt.As<ast::VariableShowStmt>());
      break;
    case ast::StmtKind::kCheckpoint:
      tag = Checkpoint();
      break;
    case ast::StmtKind::kPrepare:
    case ast::StmtKind::kExecute:
    case ast::StmtKind::kDeallocate:
    case ast::StmtKind::kDeclareCursor:
    case ast::StmtKind::kFetch:
    case ast::StmtKind::kClosePortal:
      tag = CursorStatement(stmt, sql, nullptr);
      break;
    default: {
      if (IsExplainExecute(stmt)) {
        tag = CursorStatement(stmt, sql, nullptr);
        break;
      }
      PreventInTransactionBlock(stmt);
      exec::SessionContext ctx = StatementContext();
      WireSink sink(writer_, [this](const DbError& notice) { SendNotice(notice); });
      tag = stmt.kind == ast::StmtKind::kCopy ? CopyStatement(stmt.As<ast::CopyStmt>(), sql, ctx)
                                              : exec::ExecuteStatement(stmt, sql, ctx, sink);
    }
  }
  if (block_.AfterStatement(last)) FinishTransaction(true);
  SendChangedParameterStatus();
  return tag;
}

void Session::BeginStatement(bool exit_statement, bool implicit_block) {
  if (block_.BeforeStatement(exit_statement, implicit_block)) {
    settings_.AtTransactionStart();
    transaction_start_us_ = NowPgMicros();
  }
  SetInputNow(transaction_start_us_);
  statement_start_us_ = NowPgMicros();
  static const SettingKey kStatementTimeout("statement_timeout");
  const int64_t timeout_ms = settings_.GetInt(kStatementTimeout);
  statement_deadline_us_ = timeout_ms > 0 ? statement_start_us_ + timeout_ms * 1000 : 0;
  ReportActive();
}

void Session::CheckInterruptsWhileRunning() {
  CheckInterrupts();
  if (statement_deadline_us_ != 0 && NowPgMicros() >= statement_deadline_us_) {
    throw DbError(sqlstate::kQueryCanceled, "canceling statement due to statement timeout");
  }
}

void Session::ApplyTypeIoSettings() {
  // The thread belongs to this session, so what was applied stays until a setting changes.
  if (type_io_version_ == settings_.version()) return;
  ApplyDateStyle(settings_.Get("DateStyle"));
  SetExtraFloatDigits(static_cast<int>(settings_.GetInt("extra_float_digits")));
  const TimeZone* zone = TimeZone::Find(settings_.Get("TimeZone"));  // CheckTimeZone gave a name Find knows
  SetSessionTimeZone(zone != nullptr ? *zone : TimeZone::Utc());
  type_io_version_ = settings_.version();
}

const planner::PlannerSettings& Session::SessionPlannerSettings() {
  if (planner_settings_version_ != settings_.version()) {
    // By name, but only after a setting changed: the planner's own reader stays the one list of them.
    planner_settings_ = planner::ReadPlannerSettings([this](std::string_view name) { return settings_.Show(name); });
    planner_settings_version_ = settings_.version();
  }
  return planner_settings_;
}

exec::SessionContext Session::StatementContext() {
  ApplyTypeIoSettings();
  if (search_path_version_ != settings_.version()) {
    // "$user" is the current user, so SET ROLE (which bumps the version) re-expands it.
    search_path_ = catalog::ExpandSearchPath(SplitIdentifierList(settings_.Get("search_path")), CurrentUserName());
    search_path_version_ = settings_.version();
    reg_names_->SetSearchPath(search_path_, database_.name);
  }
  txn::Transaction& txn = EnsureTransaction();
  reg_names_->SetTransaction(&txn);
  static const SettingKey kLockTimeout("lock_timeout");
  static const SettingKey kDeadlockTimeout("deadlock_timeout");
  exec::SessionContext ctx{.cluster = server_.cluster,
                           .catalog = *catalog_,
                           .txn = txn,
                           .search_path = search_path_,
                           .user = user_,
                           .database = database_.name,
                           .lock_timeout_ms = settings_.GetInt(kLockTimeout),
                           .deadlock_timeout_ms = settings_.GetInt(kDeadlockTimeout),
                           .transaction_start_us = transaction_start_us_,
                           .statement_start_us = statement_start_us_,
                           .get_setting = [this](std::string_view name) { return settings_.Show(name); },
                           .setting_item = [this](const ast::VariableSetStmt& s) { return RoleSettingItem(s); },
                           .reload_config = [this] { return ReloadConfig(); },
                           .sequences = &sequences_,
                           .backends = Backends()};
  static const SettingKey kWorkMem("work_mem");
  static const SettingKey kTempFileLimit("temp_file_limit");
  ctx.work_mem_kb = settings_.GetInt(kWorkMem);
  ctx.temp_file_limit_kb = settings_.GetInt(kTempFileLimit);
  SetUsers(ctx);
  static const SettingKey kIsSuperuser("is_superuser");
  if (!settings_.GetBool(kIsSuperuser)) {
    // A GRANT or REVOKE on a schema changes no setting: filter per statement (non-superusers only).
    ctx.search_path = exec::UsableSearchPath(ctx);
    reg_names_->SetSearchPath(ctx.search_path, database_.name);
    search_path_version_ = UINT64_MAX;  // the next superuser statement restores the full path
  }
  if (!temp_files_) {
    temp_files_ = std::make_shared<storage::TempFileSpace>(server_.cluster.storage().data_dir() / "base" / "pgsql_tmp",
                                                           pid(), ctx.temp_file_limit_kb);
  }
  ctx.temp_files = temp_files_;
  ctx.planner_settings = SessionPlannerSettings();
  if (!temp_tables_) temp_tables_ = std::make_unique<exec::TempTableState>(pid());
  ctx.temp_tables = temp_tables_.get();
  if (temp_tables_->created) ctx.search_path.insert(ctx.search_path.begin(), temp_tables_->schema());
  return ctx;
}

void Session::PreventInTransactionBlock(const ast::Statement& stmt) {
  if (stmt.kind == ast::StmtKind::kVacuum && stmt.As<ast::VacuumStmt>().is_vacuum && block_.InTransactionBlock()) {
    throw DbError(sqlstate::kActiveSqlTransaction, "VACUUM cannot run inside a transaction block");
  }
  bool create = stmt.kind == ast::StmtKind::kCreateDatabase;
  bool drop = stmt.kind == ast::StmtKind::kDrop && stmt.As<ast::DropStmt>().object_type == ast::ObjectType::kDatabase;
  if (!create && !drop) return;
  std::string what = create ? "CREATE DATABASE" : "DROP DATABASE";
  if (block_.InTransactionBlock()) {
    throw DbError(sqlstate::kActiveSqlTransaction, what + " cannot run inside a transaction block");
  }
  if (!drop) return;
  for (const ast::QualifiedName& name : stmt.As<ast::DropStmt>().names) {
    auto db = server_.cluster.LookupDatabase(EnsureTransaction(), name.name);
    if (!db || db->oid == database_.oid) continue;  // exec reports 3D000 / the current database
    int others = server_.registry.CountSessionsInDatabase(db->oid, pid());
    if (others > 0) {
      throw DbError(sqlstate::kObjectInUse, "database \"" + name.name + "\" is being accessed by other users")
          .Detail(others == 1 ? "There is 1 other session using the database."
                              : "There are " + std::to_string(others) + " other sessions using the database.");
    }
  }
}

std::string Session::SetVariable(const ast::VariableSetStmt& stmt) {
  using T = ast::VariableSetStmt::Type;
  if (stmt.local && block_.state() != BlockState::kInBlock) {
    SendNotice(DbError(sqlstate::kNoActiveSqlTransaction, "SET LOCAL can only be used in transaction blocks",
                       Severity::kWarning));
  }
  if (stmt.name == "role" || stmt.name == "session_authorization") return SetRoleVariable(stmt);
  switch (stmt.type) {
    case T::kSetValue:
      settings_.Set(stmt.name, stmt.values, stmt.local);
      return "SET";
    case T::kSetDefault:
      settings_.Reset(stmt.name, stmt.local);
      return "SET";
    case T::kReset:
      settings_.Reset(stmt.name, false);
      return "RESET";
    case T::kResetAll:
      settings_.ResetAll();
      return "RESET";
  }
  return "SET";
}

std::string Session::ShowVariable(const ast::VariableShowStmt& stmt) {
  constexpr Oid kText = static_cast<Oid>(TypeId::kText);
  if (stmt.name == "all") {
    writer_.RowDescription({{"name", 0, 0, kText, -1}, {"setting", 0, 0, kText, -1}, {"description", 0, 0, kText, -1}});
    for (const ShowAllRow& row : settings_.ShowAll()) writer_.DataRow({row.name, row.setting, row.description});
    return "SHOW";
  }
  std::string value = settings_.Show(stmt.name);
  std::string column(AllSettingDefs()[static_cast<size_t>(FindSetting(stmt.name))].name);
  writer_.RowDescription({{column, 0, 0, kText, -1}});
  writer_.DataRow({value});
  return "SHOW";
}

}  // namespace lumadb::server

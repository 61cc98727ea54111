// Prepared statements and portals: plan once, run many times, stop after max_rows rows and resume
// (tcop/pquery.c PortalStart/PortalRun, utils/cache/plancache.c).
#include "exec/portal.h"

#include "ddl.h"
#include "exec/executor.h"
#include "permissions.h"
#include "planner/binder.h"
#include "planner/planner_settings.h"
#include "statement_info.h"
#include "txn/transaction.h"

namespace lumadb::exec {

struct PreparedStatement::Impl {
  std::shared_ptr<const ast::Statement> stmt;
  std::string query_text;
  planner::PlanPtr plan;  // null: a statement ExecuteStatement runs (DDL, EXPLAIN, VACUUM, ...)
  std::vector<TypeDesc> param_types;
  std::optional<std::vector<ResultColumn>> columns;
  std::string command;
  uint64_t catalog_version = 0;
  planner::PermissionList permissions;  // checked at every execution, so a REVOKE takes effect at once
};

namespace {

planner::PlanPtr PlanStatement(const ast::Statement& stmt, planner::Binder& binder) {
  switch (stmt.kind) {
    case ast::StmtKind::kSelect:
      return binder.BindSelect(stmt.As<ast::SelectStmt>());
    case ast::StmtKind::kInsert:
      return binder.BindInsert(stmt.As<ast::InsertStmt>());
    case ast::StmtKind::kUpdate:
      return binder.BindUpdate(stmt.As<ast::UpdateStmt>());
    case ast::StmtKind::kDelete:
      return binder.BindDelete(stmt.As<ast::DeleteStmt>());
    default:
      return nullptr;
  }
}

// The type a client names by OID for a parameter: 0 and unknown (705) leave it to the context; an OID
// that is no type we have is 42704, as format_type/typenameType report it.
TypeDesc ParamType(Oid oid) {
  static constexpr TypeId kTypes[] = {
      TypeId::kBool,    TypeId::kBytea, TypeId::kName,      TypeId::kInt8,        TypeId::kInt2,     TypeId::kInt4,
      TypeId::kText,    TypeId::kOid,   TypeId::kFloat4,    TypeId::kFloat8,      TypeId::kBpchar,   TypeId::kVarchar,
      TypeId::kDate,    TypeId::kTime,  TypeId::kTimestamp, TypeId::kTimestampTz, TypeId::kInterval, TypeId::kTimeTz,
      TypeId::kNumeric, TypeId::kUuid,  TypeId::kJson,      TypeId::kJsonb};
  if (oid == 0 || oid == static_cast<Oid>(TypeId::kUnknown)) return {TypeId::kUnknown, -1};
  for (TypeId t : kTypes) {
    // The array type of each (typarray) is a parameter type too.
    if (static_cast<Oid>(t) == oid || static_cast<Oid>(ArrayTypeOf(t)) == oid) return {static_cast<TypeId>(oid), -1};
  }
  throw DbError(sqlstate::kUndefinedObject, "type with OID " + std::to_string(oid) + " does not exist");
}

// The tag of a finished INSERT/UPDATE/DELETE reporting `count` rows ("INSERT 0 n": the OID field is 0).
std::string ModifyTag(ast::StmtKind kind, int64_t count) {
  const char* word = kind == ast::StmtKind::kInsert   ? "INSERT 0 "
                     : kind == ast::StmtKind::kUpdate ? "UPDATE "
                                                      : "DELETE ";
  return word + std::to_string(count);
}

// Collects the rows of a statement ExecuteStatement runs inside a portal, to hand them out max_rows at a
// time (PORTAL_UTIL_SELECT's holdStore); notices go straight to the client.
class BufferingSink final : public ResultSink {
 public:
  BufferingSink(ResultSink& out, std::vector<lumadb::Row>* rows) : out_(out), rows_(rows) {}
  void Columns(const std::vector<ResultColumn>&) override {}
  void Row(const lumadb::Row& row) override { rows_->push_back(row); }
  void Notice(Severity severity, SqlState code, const std::string& message) override {
    out_.Notice(severity, code, message);
  }
  void NoticeWithDetail(const DbError& notice) override { out_.NoticeWithDetail(notice); }

 private:
  ResultSink& out_;
  std::vector<lumadb::Row>* rows_;
};

}  // namespace

/// The run state of a portal between Run calls: PostgreSQL's QueryDesc/EState, or its holdStore.
class PortalState {
 public:
  PortalState(SessionContext& session, const std::vector<Value>& params) : ctx(session), sec(ctx) {
    sec.exec.params = &params;
  }
  // A copy, because the session may pass a per-message temporary while the sequence functions of sec
  // keep pointing at the context they were made for.
  SessionContext ctx;
  StatementExecContext sec;
  std::unique_ptr<Executor> exec;  // SELECT: the live executor tree each Run resumes
  std::vector<Row> rows;           // INSERT/UPDATE/DELETE and utility statements: the buffered result
  size_t next_row = 0;
  std::string fixed_tag;  // the tag when it does not count the rows handed out (utility, no RETURNING)
};

PreparedStatement::PreparedStatement() : impl_(std::make_unique<Impl>()) {}
PreparedStatement::~PreparedStatement() = default;

std::shared_ptr<const PreparedStatement> PreparedStatement::Prepare(std::shared_ptr<const ast::Statement> stmt,
                                                                    std::string query_text,
                                                                    const std::vector<Oid>& param_type_oids,
                                                                    SessionContext& ctx) {
  std::shared_ptr<PreparedStatement> prepared(new PreparedStatement());
  Impl& impl = *prepared->impl_;
  impl.stmt = std::move(stmt);
  impl.query_text = std::move(query_text);
  impl.command = CommandName(*impl.stmt);
  // Read before binding: a change committed while we bind makes the plan stale, never silently current.
  impl.catalog_version = ctx.catalog.version();
  std::vector<TypeDesc> given;
  for (Oid oid : param_type_oids) given.push_back(ParamType(oid));
  const planner::PlannerSettingsScope planner_settings(StatementPlannerSettings(ctx));
  planner::Binder binder(ctx.catalog, ctx.txn, ctx.search_path, impl.query_text);
  binder.EnableParameters(given);
  impl.plan = PlanStatement(*impl.stmt, binder);
  impl.permissions = binder.permissions();
  // Statements exec does not plan take no parameters; their $n fail when they run (42P02).
  impl.param_types = impl.plan ? binder.ParameterTypes() : given;
  if (!impl.plan) {
    impl.columns = UtilityResultColumns(*impl.stmt);
  } else if (impl.stmt->kind == ast::StmtKind::kSelect || !impl.plan->output.empty()) {
    impl.columns = PlanResultColumns(*impl.plan);
  }
  return prepared;
}

const std::vector<TypeDesc>& PreparedStatement::param_types() const {
  return impl_->param_types;
}
const std::optional<std::vector<ResultColumn>>& PreparedStatement::result_columns() const {
  return impl_->columns;
}
const std::string& PreparedStatement::command() const {
  return impl_->command;
}
const ast::Statement& PreparedStatement::statement() const {
  return *impl_->stmt;
}
const std::string& PreparedStatement::query_text() const {
  return impl_->query_text;
}
const planner::PlanNode* PreparedStatement::plan() const {
  return impl_->plan.get();
}

const planner::PermissionList& PreparedStatement::permissions() const {
  return impl_->permissions;
}

bool PreparedStatement::Stale(const catalog::Catalog& catalog) const {
  return catalog.version() != impl_->catalog_version;
}

Portal::Portal(std::shared_ptr<const PreparedStatement> statement, std::vector<Value> params,
               std::string_view statement_name)
    : statement_(std::move(statement)), params_(std::move(params)) {
  size_t required = statement_->param_types().size();
  if (params_.size() != required) {
    throw DbError(sqlstate::kProtocolViolation,
                  "bind message supplies " + std::to_string(params_.size()) + " parameters, but prepared statement \"" +
                      std::string(statement_name) + "\" requires " + std::to_string(required));
  }
}

Portal::~Portal() = default;

bool Portal::done() const {
  return tag_.has_value();
}

std::optional<std::string> Portal::Run(SessionContext& ctx, ResultSink& sink, int64_t max_rows) {
  if (tag_) return tag_;
  if (failed_) {
    throw DbError(sqlstate::kObjectNotInPrerequisiteState, "portal cannot be run");
  }
  try {
    if (!state_) Start(ctx, sink);
    std::optional<std::string> tag = state_->exec ? Fetch(sink, max_rows) : HandOut(sink, max_rows);
    if (tag) {
      tag_ = tag;
      state_.reset();  // closes the executor tree (PortalDrop's ExecutorEnd)
    }
    return tag;
  } catch (...) {
    failed_ = true;
    state_.reset();
    throw;
  }
}

void Portal::Start(SessionContext& ctx, ResultSink& sink) {
  const auto& impl = *statement_->impl_;
  if (!impl.plan) {
    state_ = std::make_unique<PortalState>(ctx, params_);
    BufferingSink buffer(sink, &state_->rows);
    state_->fixed_tag = ExecuteStatement(*impl.stmt, impl.query_text, ctx, buffer);
    if (impl.columns) sink.Columns(*impl.columns);
    return;
  }
  if (const char* name = WriteCommandName(*impl.stmt); name && ctx.txn.read_only()) {
    throw DbError(sqlstate::kReadOnlySqlTransaction,
                  std::string("cannot execute ") + name + " in a read-only transaction");
  }
  CheckPermissions(impl.permissions, ctx);
  state_ = std::make_unique<PortalState>(ctx, params_);
  auto exec = BuildExecutor(*impl.plan, state_->sec.exec);
  exec->Init();
  if (impl.columns) sink.Columns(*impl.columns);
  if (impl.stmt->kind == ast::StmtKind::kSelect) {
    state_->exec = std::move(exec);
    return;
  }
  // PORTAL_ONE_RETURNING: the modification completes now; its RETURNING rows wait in the portal.
  Row row;
  while (exec->Next(&row)) state_->rows.push_back(row);
  if (!impl.columns) state_->fixed_tag = ModifyTag(impl.stmt->kind, exec->RowsAffected());
}

std::optional<std::string> Portal::Fetch(ResultSink& sink, int64_t max_rows) {
  int64_t sent = 0;
  Row row;
  while (max_rows <= 0 || sent < max_rows) {
    if (!state_->exec->Next(&row)) return "SELECT " + std::to_string(sent);
    sink.Row(row);
    ++sent;
  }
  return std::nullopt;
}

std::optional<std::string> Portal::HandOut(ResultSink& sink, int64_t max_rows) {
  auto& st = *state_;
  int64_t sent = 0;
  while (st.next_row < st.rows.size() && (max_rows <= 0 || sent < max_rows)) {
    sink.Row(st.rows[st.next_row++]);
    ++sent;
  }
  // As PortalRunSelect, a call that sent max_rows rows suspends even when none are left.
  if (max_rows > 0 && sent == max_rows) return std::nullopt;
  if (!st.fixed_tag.empty()) return st.fixed_tag;
  // As PortalRun, the tag of a portal with a result counts the rows this call sent.
  const auto kind = statement_->impl_->stmt->kind;
  return kind == ast::StmtKind::kSelect ? "SELECT " + std::to_string(sent) : ModifyTag(kind, sent);
}

}  // namespace lumadb::exec

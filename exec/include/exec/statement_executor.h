#pragma once
// The exec module's entry point for the session: bind, plan and run one statement, streaming its rows.
// Transaction control and SET/SHOW/RESET are session state and stay in server/.
//
// (Contract for the other modules. The exec module owns the implementation and may add members.)

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/cluster.h"
#include "common/error.h"
#include "common/value.h"
#include "parser/ast.h"
#include "planner/function_registry.h"
#include "planner/planner_settings.h"

namespace lumadb::txn {
class Transaction;
}
namespace lumadb::storage {
class TempFileSpace;
}

namespace lumadb::exec {

/// One column of a result, as RowDescription describes it (PostgreSQL protocol §55.7): for a plain table
/// column table_oid and attnum name it, else both are 0.
struct ResultColumn {
  std::string name;
  TypeDesc type;
  Oid table_oid = 0;
  int16_t attnum = 0;
};

/// Where a statement's output goes: the session turns it into RowDescription, DataRow and NoticeResponse.
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  /// Called once, before any Row, by statements that return rows.
  virtual void Columns(const std::vector<ResultColumn>& columns) = 0;
  virtual void Row(const lumadb::Row& row) = 0;
  /// A NOTICE or WARNING for the client (e.g. 'table "t" does not exist, skipping').
  virtual void Notice(Severity severity, SqlState code, const std::string& message) = 0;
  /// A NOTICE with a DETAIL line ("drop cascades to 2 other objects"); sinks that cannot show the detail
  /// keep the default, which drops it.
  virtual void NoticeWithDetail(const DbError& notice) { Notice(notice.severity(), notice.code(), notice.message()); }
};

/// The session's sequence state: currval per sequence and the sequence lastval() reads (PostgreSQL keeps
/// these per backend, outside transactions). Owned by the session.
struct SequenceSessionState {
  std::unordered_map<Oid, int64_t> last_values;  // sequence OID -> value its last nextval/setval gave
  Oid last_sequence = 0;                         // 0: lastval() not yet defined
};

/// What a statement sees of its session.
class TempTableState;

struct SessionContext {
  catalog::Cluster& cluster;
  catalog::Catalog& catalog;
  txn::Transaction& txn;
  std::vector<std::string> search_path;  // e.g. {"$user", "public"}, as SHOW search_path splits
  std::string user;                      // current_user: the role privileges are checked for (SET ROLE changes it)
  std::string database;
  int64_t lock_timeout_ms = 0;       // lock_timeout in ms; 0: wait forever
  int64_t deadlock_timeout_ms = 0;   // deadlock_timeout in ms; 0: the LockManager's value (1000)
  int64_t transaction_start_us = 0;  // now() / current_timestamp: microseconds since 2000-01-01 UTC
  int64_t statement_start_us = 0;
  /// current_setting(name): the session's value, or throws 42704 "unrecognized configuration parameter".
  std::function<std::string(std::string_view)> get_setting;
  /// ALTER ROLE/DATABASE ... SET: checks `SET name = value` as the session would run it and returns the
  /// pg_db_role_setting item "Name=value"; throws what SET would. Null: such statements are 0A000.
  std::function<std::string(const ast::VariableSetStmt&)> setting_item = nullptr;
  /// pg_reload_conf(): re-reads the server's configuration files; throws 42501 for a non-superuser.
  std::function<bool()> reload_config = nullptr;
  SequenceSessionState* sequences = nullptr;  // null: a private state per statement (tests)
  /// The server's sessions for pg_backend_pid, pg_cancel_backend, pg_stat_activity...; null: none (tests).
  planner::BackendControl* backends = nullptr;
  Oid user_oid = 10;  // current_user's OID (default: the bootstrap superuser, for tests)
  /// current_user is a superuser, as the catalog said when the statement began (false: ask the catalog).
  bool user_is_superuser = false;
  std::string session_user = {};  // session_user (SET SESSION AUTHORIZATION changes it); empty: user
  Oid session_user_oid = 10;
  /// The session's temporary tables (exec/temp_table_state.h); null: TEMP relations are refused (tests).
  TempTableState* temp_tables = nullptr;
  int64_t work_mem_kb = 4096;       // work_mem in kB
  int64_t temp_file_limit_kb = -1;  // temp_file_limit in kB; -1: none
  /// The session's temporary-file space (PostgreSQL counts temp_file_limit per process, and a space
  /// built per statement cost every statement a path and an allocation); null: one per statement (tests).
  std::shared_ptr<storage::TempFileSpace> temp_files = nullptr;
  /// enable_hashjoin & co. as resolved by the session; unset: read by name through get_setting at each
  /// planning call (tests).
  std::optional<planner::PlannerSettings> planner_settings = std::nullopt;
};

/// The planner settings a statement of ctx plans with: ctx.planner_settings, else read through get_setting.
planner::PlannerSettings StatementPlannerSettings(const SessionContext& ctx);

/// Binds, plans and executes one statement (SELECT/VALUES, INSERT, UPDATE, DELETE, CREATE/DROP TABLE,
/// CREATE/DROP SCHEMA, CREATE/DROP DATABASE, TRUNCATE) inside ctx.txn, streaming rows to sink.
/// Returns PostgreSQL's CommandComplete tag: "SELECT 3", "INSERT 0 2", "UPDATE 1", "DELETE 0",
/// "CREATE TABLE", "DROP TABLE", "TRUNCATE TABLE", "CREATE DATABASE", ...
/// Throws DbError with PostgreSQL's SQLSTATE and wording (42P01, 42703, 42804, 22012, ...), with 'P'
/// positions relative to query_text.
std::string ExecuteStatement(const ast::Statement& stmt, std::string_view query_text, SessionContext& ctx,
                             ResultSink& sink);

/// recomputeNamespacePath: ctx.search_path without the schemas ctx's user holds no USAGE on, so an
/// unqualified name skips them (a qualified one still gets 42501 "permission denied for schema s").
/// Expects "$user" already expanded. Superusers get the path unchanged. Reads the catalog in ctx.txn.
std::vector<std::string> UsableSearchPath(SessionContext& ctx);

}  // namespace lumadb::exec

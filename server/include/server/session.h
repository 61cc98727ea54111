#pragma once
// Session: one client connection from startup to Terminate, in effect a PostgreSQL backend
// (postgres.c PostgresMain + exec_simple_query, backend_startup.c ProcessStartupPacket). It runs on its
// own thread doing blocking I/O through a pgwire::Transport. Errors are caught in exactly one place, the
// message loop, which reports them, aborts the transaction and moves the block to 'E' (server/README.md).

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "catalog/cluster.h"
#include "common/error.h"
#include "exec/statement_executor.h"
#include "exec/temp_table_state.h"
#include "parser/ast.h"
#include "pgwire/backend_writer.h"
#include "pgwire/frontend.h"
#include "pgwire/startup.h"
#include "pgwire/transport.h"
#include "planner/function_registry.h"
#include "planner/reg_names.h"
#include "server/client_address.h"
#include "server/extended_state.h"
#include "server/hba_config.h"
#include "server/server_config.h"
#include "server/session_registry.h"
#include "server/settings.h"
#include "server/tls_context.h"
#include "server/transaction_block.h"
#include "server/wake_timer.h"
#include "txn/transaction.h"

namespace lumadb::server {

/// What every session shares: the cluster, the session table, the server's configuration (settings, TLS,
/// pg_hba.conf; reloadable) and the mock-SCRAM secret.
struct ServerContext {
  catalog::Cluster& cluster;
  SessionRegistry& registry;
  ServerConfig& config;
  const std::string& mock_auth_nonce;
  WakeTimers* timers;  // idle and authentication timeouts; null: none fire (tests)
};

/// The wall clock in microseconds since 2000-01-01 00:00:00 UTC, PostgreSQL's timestamp epoch.
int64_t NowPgMicros();

class Session {
 public:
  /// `wake` unblocks a read on the session's socket (used at shutdown); `client` is where it connects from.
  Session(ServerContext& server, pgwire::Transport& transport, std::function<void()> wake, ClientAddress client);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// Runs startup, authentication and the message loop until Terminate, EOF or a FATAL error.
  /// Never throws.
  void Run();

  /// True for EXPLAIN ... EXECUTE, which needs the session's prepared statements.
  static bool IsExplainExecute(const ast::Statement& stmt);

 private:
  friend class QueryRunner;

  // Startup and authentication (session.cpp).
  bool ReadStartup(pgwire::StartupPacket& packet);
  /// SSLRequest with TLS available: 'S', the handshake, then the CVE-2021-23214 check (08P01 FATAL).
  void NegotiateTls();
  void ApplyStartupParameters(const pgwire::StartupPacket& packet);
  void ApplyCommandLineOptions(const std::string& options);
  void Authenticate(const std::string& user, const std::string& database);
  bool IsRoleMember(std::string_view user, std::string_view role);
  bool ReloadConfig();
  /// Takes over what a configuration reload since the last call changed (PostgresMain's
  /// ConfigReloadPending check before each command).
  void FollowConfigReload();
  void ConnectToDatabase(const std::string& user, const std::string& database);
  void SendStartupReplies();

  // Timeouts, connection limits and pg_stat_activity (session_timeouts.cpp).
  /// Which timer woke the session (written on the timer thread).
  enum class Timeout { kNone, kAuthentication, kIdleInTransaction, kIdleSession };
  /// Starts authentication_timeout, which covers accept to AuthenticationOk: when it expires the read
  /// is woken and the connection closes without a message (PostgreSQL's StartupPacketTimeoutHandler and
  /// the authentication timeout of postinit.c).
  void BeginAuthenticationTimeout();
  /// Ends it before AuthenticationOk. Throws pgwire::ConnectionLost when it had expired.
  void EndAuthenticationTimeout();
  /// Logs FATAL "canceling authentication due to timeout" if that is why the connection ends.
  void LogAuthenticationTimeout() const;
  /// FATAL 53300 "remaining connection slots are reserved for non-replication superuser connections"
  /// for a non-superuser when no more than superuser_reserved_connections slots are free (postinit.c,
  /// once the role is known).
  void CheckReservedConnections();
  /// FATAL 53300 "too many connections for role \"r\"" when a non-superuser role with a CONNECTION LIMIT
  /// already has that many sessions besides this one (postinit.c InitPostgres).
  void CheckRoleConnectionLimit(const catalog::RoleInfo& role);
  /// pg_stat_activity: idle, idle in transaction or idle in transaction (aborted). Before ReadyForQuery
  /// goes out, so a client that saw it never sees the session still "active" (as postgres.c).
  void ReportIdle();
  /// Reads the next message (nullopt at EOF). `idle` (ReadyForQuery was just sent): arms
  /// idle_in_transaction_session_timeout (in a block, also a failed one) or idle_session_timeout for the
  /// read; FATAL 25P03 "terminating connection due to idle-in-transaction timeout" / 57P05 "...
  /// idle-session timeout" when it woke the read.
  std::optional<pgwire::FrontendMessage> ReadMessage(bool idle);
  void BeginIdle();
  void EndIdle();
  void ArmTimeout(Timeout kind, int64_t ms);
  /// Records the role, database and client in the session's pg_stat_activity row.
  void ReportConnection(const catalog::RoleInfo& role);
  /// pg_stat_activity: the statement current_query_ starts now (BeginStatement).
  void ReportActive();
  planner::BackendControl* Backends();

  // The message loop and its one catch point (session.cpp).
  void MessageLoop();
  void HandleError(const DbError& error);
  void CheckInterrupts();
  /// The transaction's interrupt check while a statement runs: CheckInterrupts, then statement_timeout
  /// (57014 "canceling statement due to statement timeout").
  void CheckInterruptsWhileRunning();
  void SendChangedParameterStatus();
  /// Sends a NOTICE/WARNING unless client_min_messages suppresses it.
  void SendNotice(const DbError& notice);
  int32_t pid() const;
  /// At session end: drops the session's temporary tables in a transaction of their own.
  void DropTempTables();

  // Statements (session_query.cpp).
  void SimpleQuery(const std::string& sql);
  std::string ExecuteStatement(const ast::Statement& stmt, const std::string& sql, bool implicit_block, bool last);
  std::string SetVariable(const ast::VariableSetStmt& stmt);
  std::string ShowVariable(const ast::VariableShowStmt& stmt);
  void PreventInTransactionBlock(const ast::Statement& stmt);
  /// start_xact_command: begins a transaction (implicit_block: one spanning a multi-statement Query) if
  /// none is open and stamps the statement's start time; 25P02 in a failed block unless exit_statement
  /// (COMMIT/ROLLBACK/ROLLBACK TO).
  void BeginStatement(bool exit_statement, bool implicit_block);
  /// Hands DateStyle's field order and extra_float_digits to this thread's type input and output
  /// functions (they read them per thread).
  void ApplyTypeIoSettings();
  /// What exec sees of this session for the current statement; opens the transaction if needed.
  exec::SessionContext StatementContext();
  /// The planner settings (enable_hashjoin & co.), read again only when a setting changed.
  const planner::PlannerSettings& SessionPlannerSettings();
  void LogStatementIfWanted(const std::string& sql, const std::vector<ast::StatementPtr>* statements);

  // Roles (session_roles.cpp).
  /// SET/RESET ROLE and SESSION AUTHORIZATION: 22023 "role \"x\" does not exist", 42501 "permission
  /// denied to set role \"x\"" (the session user must be a member), "permission denied to set session
  /// authorization \"u\"" (only for a superuser). Keeps is_superuser in step with the current user.
  std::string SetRoleVariable(const ast::VariableSetStmt& stmt);
  /// session_user: SET SESSION AUTHORIZATION's user, else the authenticated one.
  std::string SessionUserName() const;
  /// current_user: SET ROLE's role, else the session user.
  std::string CurrentUserName() const;
  /// ALTER ROLE/DATABASE ... SET's pg_db_role_setting item "Name=value", after checking `SET name = value`
  /// as this session would run it (SessionContext::setting_item).
  std::string RoleSettingItem(const ast::VariableSetStmt& stmt);
  /// process_settings at login: pg_db_role_setting's items for (0, 0), (database, 0), (0, role) and
  /// (database, role), each outranking the one before; a bad item is logged as a WARNING and skipped.
  void ApplyRoleSettings(Oid role);
  /// Recomputes is_superuser for the current user after settings changed without SetRoleVariable (SET
  /// LOCAL ROLE ending with its transaction, ROLLBACK TO), as guc.c's assign hook of role does.
  void SyncIsSuperuser();
  /// postinit.c CheckMyDatabase: FATAL 42501 "permission denied for database \"d\"" (DETAIL "User does not
  /// have CONNECT privilege.") unless the role is a superuser or holds CONNECT.
  void CheckConnectPrivilege(const catalog::RoleInfo& role, const catalog::DatabaseInfo& db);
  /// Fills ctx's user, session_user and their OIDs.
  void SetUsers(exec::SessionContext& ctx);

  // COPY (session_copy.cpp).
  /// COPY FROM STDIN / TO STDOUT over the COPY sub-protocol, or a server-side file; returns "COPY n".
  /// Throws 57014 "COPY from stdin failed: msg" on CopyFail, 08P01 for other messages during copy-in.
  std::string CopyStatement(const ast::CopyStmt& stmt, const std::string& sql, exec::SessionContext& ctx);

  // PREPARE/EXECUTE/DEALLOCATE, DECLARE/FETCH/MOVE/CLOSE (session_cursor.cpp; prepare.c, portalcmds.c).
  /// Runs one of those statements. formats null: the simple protocol (FETCH and EXECUTE send a
  /// RowDescription, a BINARY cursor's rows go out in binary); else the Bind's result formats.
  std::string CursorStatement(const ast::Statement& stmt, const std::string& sql, const std::vector<int16_t>* formats);
  /// PREPARE: 42P05 "prepared statement \"x\" already exists" (after analysis), 42704 for a bad type.
  std::string PrepareSql(const ast::PrepareStmt& stmt, const std::string& sql);
  /// EXECUTE: 26000 for an unknown name; revalidates as Bind does; parameters as exec::EvaluateParams.
  std::string ExecuteSql(const ast::ExecuteStmt& stmt, const std::string& sql, exec::ResultSink& sink);
  /// DECLARE CURSOR: 0A000 for FOR UPDATE with HOLD or SCROLL, 25P01 without HOLD outside a block,
  /// 42P03 "cursor \"c\" already exists" (also for a protocol portal of that name).
  std::string DeclareCursor(const ast::DeclareCursorStmt& stmt, const std::string& sql);
  /// FETCH / MOVE: 34000 "cursor \"c\" does not exist", 55000 backward on a NO SCROLL cursor.
  std::string FetchCursor(const ast::FetchStmt& stmt, const std::vector<int16_t>* formats);
  /// EXPLAIN [ANALYZE] EXECUTE name(args): the prepared statement's plan (26000 for an unknown name).
  std::string ExplainExecuteSql(const ast::ExplainStmt& stmt, const std::string& sql, exec::ResultSink& sink);
  /// FETCH/MOVE on a portal made by Bind (PerformPortalFetch takes any portal): it becomes a NO SCROLL
  /// cursor over the rows it has not returned yet. 34000 when the portal returns no rows.
  void AdoptProtocolPortal(ExtendedPortal& portal);
  /// What EXECUTE name / FETCH name returns rows of (its prepared statement, the cursor's query), for
  /// Describe (utility.c UtilityTupleDescriptor); null for other statements, MOVE and unknown names.
  const exec::PreparedStatement* UtilityResultStatement(const ast::Statement& stmt) const;
  /// A protocol Execute naming a SQL cursor: the next max_rows rows (0: all) forward.
  void ExecuteCursorPortal(ExtendedPortal& portal, int64_t max_rows);
  /// Drops the portals of the current transaction: all but the held cursors, and with keep_holdable also
  /// the WITH HOLD cursors still to be materialized by the commit.
  void ReleasePortals(bool keep_holdable);
  /// At the end of a transaction (FinishTransaction): a commit materializes its WITH HOLD cursors, which
  /// then outlive it; every other portal of the transaction goes (AtCommit_Portals / AtAbort_Portals).
  void PortalsAtTransactionEnd(bool commit);
  /// After ROLLBACK TO savepoints_[index] (rollback) the cursors declared after it go; after a RELEASE
  /// leaving `index` savepoints (!rollback) theirs belong to the enclosing level (AtSubAbort_Portals,
  /// AtSubCommit_Portals).
  void PortalsAtSavepointEnd(size_t index, bool rollback);

  // Transactions, savepoints, CHECKPOINT (session_transaction.cpp).
  std::string TransactionControl(const ast::TransactionStmt& stmt);
  /// SAVEPOINT, RELEASE, ROLLBACK TO: 25P01 outside a block, 3B001 for an unknown name.
  std::string SavepointControl(const ast::TransactionStmt& stmt);
  void ApplyTransactionModes(const std::vector<std::string>& modes, bool session_defaults);
  /// Begins the txn::Transaction on first use, with the block's isolation level and read-only mode.
  txn::Transaction& EnsureTransaction();
  /// Commits (with the session's synchronous_commit) or aborts the transaction; ends the settings'
  /// transaction and forgets the savepoints.
  void FinishTransaction(bool commit);
  /// After an error: rolls back to the newest savepoint if there is one, else aborts the transaction.
  void AbortTransaction();
  /// Undoes the transaction and the settings back to savepoints_[index]; later savepoints are dropped.
  void RollbackToSavepoint(size_t index);
  /// CHECKPOINT: 42501 unless superuser; writes a checkpoint of the storage engine.
  std::string Checkpoint();

  // The extended query protocol (session_extended.cpp; postgres.c exec_parse_message and friends).
  /// Parse, Bind, Describe, Execute, Close or Flush. An error thrown drops every portal (the transaction
  /// aborts); the message loop then skips to Sync.
  void ExtendedMessage(const pgwire::FrontendMessage& message);
  /// Sync: commits the implicit transaction of the messages since the last Sync (finish_xact_command).
  void ExtendedSync(const pgwire::FrontendMessage& message);
  void ParseStatement(const pgwire::FrontendMessage& message);
  void BindPortal(const pgwire::FrontendMessage& message);
  void DescribeTarget(const pgwire::FrontendMessage& message);
  void ExecutePortal(const pgwire::FrontendMessage& message);
  void CloseTarget(const pgwire::FrontendMessage& message);
  /// st, or st prepared again (and stored) when the catalog changed under it; 0A000 "cached plan must
  /// not change result type" when its columns changed (plancache.c RevalidateCachedQuery).
  std::shared_ptr<const ExtendedStatement> Revalidated(std::shared_ptr<const ExtendedStatement> st);
  /// The RowDescription fields of st (analyzed as prepared, if not null) in the given result formats, or
  /// nullopt for NoData. 08P01 when there are several formats but not one per column.
  std::optional<std::vector<pgwire::FieldDescription>> ResultFields(const ExtendedStatement& st,
                                                                    const exec::PreparedStatement* prepared,
                                                                    const std::vector<int16_t>& formats);
  /// Runs transaction control, SET, SHOW, CHECKPOINT or COPY (sql: its text) for Execute; SHOW's rows in
  /// the given formats.
  std::string RunSessionStatement(const ast::Statement& stmt, const std::string& sql,
                                  const std::vector<int16_t>& formats);

  ServerContext& server_;
  pgwire::Transport& transport_;
  pgwire::BackendWriter writer_;
  std::function<void()> wake_;
  ClientAddress client_;
  std::shared_ptr<SessionHandle> handle_;
  uint64_t server_settings_version_ = 0;             // ServerConfig::version() of server_settings_
  std::shared_ptr<const Settings> server_settings_;  // the server's settings settings_ last followed
  Settings settings_;
  TransactionBlock block_;
  std::unique_ptr<txn::Transaction> txn_;
  /// What each savepoint of block_ restores (same indexes as its name stack). txn_mark is empty until
  /// the transaction begins (EnsureTransaction fills it in).
  struct SavepointState {
    std::optional<txn::SavepointMark> txn_mark;
    SettingsMark settings;
  };
  std::vector<SavepointState> savepoints_;
  std::string user_;
  /// rolsuper of every role this session has been (login, SET ROLE, SET SESSION AUTHORIZATION), so
  /// SyncIsSuperuser needs no catalog lookup when a transaction has just ended.
  std::map<std::string, bool> role_superuser_;
  catalog::DatabaseInfo database_;
  catalog::Catalog* catalog_ = nullptr;
  std::unique_ptr<planner::CatalogRegNames> reg_names_;  // regclass/regtype I/O of this session's thread
  std::map<std::string, std::string> reported_;          // ParameterStatus values the client has
  uint64_t reported_version_ = UINT64_MAX;               // settings_.version() when reported_ was last compared
  std::vector<std::string> search_path_;                 // search_path split, as of settings_.version() ...
  uint64_t search_path_version_ = UINT64_MAX;            // ... this one
  planner::PlannerSettings planner_settings_;            // enable_* as of planner_settings_version_
  uint64_t planner_settings_version_ = UINT64_MAX;
  uint64_t type_io_version_ = UINT64_MAX;  // settings version ApplyTypeIoSettings last applied
  std::string current_query_;              // for the STATEMENT: log line of errors
  bool statement_logged_ = false;
  bool ignore_till_sync_ = false;
  int64_t transaction_start_us_ = 0;
  int64_t statement_start_us_ = 0;
  int64_t statement_deadline_us_ = 0;                   // statement_start_us_ + statement_timeout; 0: no timeout
  std::shared_ptr<storage::TempFileSpace> temp_files_;  // made at the first StatementContext
  std::unique_ptr<exec::TempTableState> temp_tables_;   // TEMP tables: created on first StatementContext
  exec::SequenceSessionState sequences_;                // currval/lastval: per session, outside transactions
  std::map<std::string, std::shared_ptr<const ExtendedStatement>> statements_;  // by name; "" unnamed
  std::map<std::string, std::shared_ptr<ExtendedPortal>> portals_;              // by name; "" unnamed
  std::unique_ptr<WakeTimer> timer_;  // made on first use; reset before the session unregisters
  std::atomic<Timeout> timed_out_{Timeout::kNone};
  int64_t connection_start_us_ = 0;                    // backend_start
  std::unique_ptr<planner::BackendControl> backends_;  // pg_cancel_backend & co, made on first use
};

}  // namespace lumadb::server

#pragma once
// Prepared statements and portals: the exec side of the extended query protocol, PREPARE/EXECUTE and
// cursors (PostgreSQL protocol §55.2.3; tcop/pquery.c PortalRun, utils/cache/plancache.c).
//
// A PreparedStatement is a parsed statement analyzed once for its parameter types: the plan, the resolved
// types of $1..$n and the result columns. It is immutable and shared by every portal made from it. A Portal
// is one execution of it with parameter values bound; it keeps its executor between Run calls, so a run
// stopped after max_rows rows resumes where it stopped (PortalSuspended).
//
// (Contract between exec/ and server/. exec owns the implementation and may add members.)

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exec/statement_executor.h"
#include "planner/permissions.h"
#include "planner/plan.h"

namespace lumadb::exec {

class PortalState;  // the running executor tree and its context (portal.cpp)

/// A statement analyzed for given parameter types (Parse, PREPARE, DECLARE CURSOR).
class PreparedStatement {
 public:
  /// Binds and plans stmt (which must stay alive as long as the result: the plan points into it).
  /// param_type_oids[i] is the type OID of $(i+1) as the client sent it; 0 (or a $n beyond the list)
  /// means "infer from context" as PostgreSQL's parse_param.c does: `col = $1` takes col's type,
  /// `INSERT ... VALUES ($1)` the target column's, `$1::int4` int4, `x + $1` the other operand's.
  /// Throws 42P18 "could not determine data type of parameter $n" where PostgreSQL also cannot infer one,
  /// 42704 "type with OID n does not exist" for an unknown OID, and every error binding throws.
  /// Statements exec does not plan (DDL, VACUUM, EXPLAIN, ...) are kept as they are and run by
  /// ExecuteStatement at Run time; they take no parameters (42P02 "there is no parameter $1").
  static std::shared_ptr<const PreparedStatement> Prepare(std::shared_ptr<const ast::Statement> stmt,
                                                          std::string query_text,
                                                          const std::vector<Oid>& param_type_oids, SessionContext& ctx);

  /// The resolved type of every parameter $1..$n (ParameterDescription), n = the highest $n referenced
  /// or the number of OIDs the client sent, whichever is larger.
  const std::vector<TypeDesc>& param_types() const;
  /// The columns the statement returns (RowDescription), or nullopt when it returns no rows (NoData).
  const std::optional<std::vector<ResultColumn>>& result_columns() const;
  /// The CommandComplete tag's first word ("SELECT", "INSERT", "CREATE TABLE", ...), as PostgreSQL's
  /// CreateCommandTag.
  const std::string& command() const;
  /// True when the catalog changed since the statement was planned: the session prepares it again with
  /// the same parameter type OIDs before the next Bind (plancache.c revalidation).
  bool Stale(const catalog::Catalog& catalog) const;
  /// The statement as parsed. Transaction control, SET/RESET, SHOW and CHECKPOINT are session state:
  /// the session runs them itself (Portal::Run throws XX000 for them, as ExecuteStatement does).
  const ast::Statement& statement() const;
  const std::string& query_text() const;
  /// The plan of a SELECT/INSERT/UPDATE/DELETE (null for the statements ExecuteStatement runs): for
  /// EXPLAIN of a prepared statement.
  const planner::PlanNode* plan() const;
  /// The privileges its plan needs, checked before each execution (planner/permissions.h).
  const planner::PermissionList& permissions() const;

  ~PreparedStatement();

 private:
  PreparedStatement();
  friend class Portal;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// One execution of a prepared statement with parameter values (Bind .. Execute, FETCH on a cursor).
class Portal {
 public:
  /// params[i] is the value of $(i+1), already converted to param_types()[i] (NULL values as
  /// Value::Null(type)); the session converts text and binary parameters with ParseValue/ReceiveValue.
  /// Throws 08P01 "bind message supplies 1 parameters, but prepared statement \"s\" requires 2" when the
  /// count differs (statement_name is the name that message shows).
  Portal(std::shared_ptr<const PreparedStatement> statement, std::vector<Value> params,
         std::string_view statement_name = "");
  ~Portal();
  Portal(const Portal&) = delete;
  Portal& operator=(const Portal&) = delete;

  /// Sends up to max_rows rows (0: all) to sink; the first call also sends sink.Columns() for statements
  /// that return rows. Returns the CommandComplete tag ("SELECT 5", "INSERT 0 1") when the portal has
  /// finished, nullopt when it stopped after max_rows rows and more may follow (PortalSuspended).
  /// ctx must refer to the same transaction on every call. A statement that modifies rows runs to
  /// completion on the first call and then hands out its RETURNING rows max_rows at a time, as
  /// PostgreSQL's PORTAL_ONE_RETURNING does. Throws any DbError execution throws; after one the portal
  /// is finished.
  std::optional<std::string> Run(SessionContext& ctx, ResultSink& sink, int64_t max_rows);

  /// True once Run returned a tag (a further Run sends nothing and returns the same tag, as
  /// PostgreSQL's Execute of a completed portal does).
  bool done() const;
  const PreparedStatement& statement() const { return *statement_; }

 private:
  void Start(SessionContext& ctx, ResultSink& sink);
  std::optional<std::string> Fetch(ResultSink& sink, int64_t max_rows);
  std::optional<std::string> HandOut(ResultSink& sink, int64_t max_rows);

  std::shared_ptr<const PreparedStatement> statement_;
  std::vector<Value> params_;
  std::unique_ptr<PortalState> state_;
  std::optional<std::string> tag_;
  bool failed_ = false;  // a Run threw: PostgreSQL's PORTAL_FAILED
};

}  // namespace lumadb::exec

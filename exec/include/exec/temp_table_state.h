#pragma once
// The temporary tables of one session (PostgreSQL's myTempNamespace and on_commits list): the schema
// pg_temp_<id> they live in and what each needs at commit. Owned by the server's session; exec's
// temp_tables.cpp fills it, and the session drops everything when it ends.

#include <cstdint>
#include <string>
#include <vector>

#include "common/types.h"

namespace lumadb::exec {

struct SessionContext;

class TempTableState {
 public:
  /// `id` makes the schema name unique among live sessions (the backend PID).
  explicit TempTableState(int32_t id) : schema_("pg_temp_" + std::to_string(id)) {}

  /// The session's temp schema name, whether or not it exists yet.
  const std::string& schema() const { return schema_; }
  /// True once the schema was created (by this session: a stale one is dropped first).
  bool created = false;
  /// Tables with ON COMMIT DELETE ROWS / ON COMMIT DROP, by OID.
  std::vector<Oid> delete_rows;
  std::vector<Oid> drop;

 private:
  std::string schema_;
};

/// At the end of a transaction that commits: empties the ON COMMIT DELETE ROWS tables and drops the ON
/// COMMIT DROP ones, in ctx.txn (PostgreSQL's PreCommit_on_commit_actions).
void RunOnCommitActions(SessionContext& ctx);

/// Drops the session's temp schema and everything in it, in ctx.txn (RemoveTempRelations at backend exit).
void DropTempSchema(SessionContext& ctx);

}  // namespace lumadb::exec

#pragma once
// What the protocol needs to know about a statement before running it: its command tag word and its
// result columns (tcop/cmdtag.c CreateCommandTag, utility.c UtilityTupleDescriptor).

#include <optional>
#include <string>
#include <vector>

#include "exec/statement_executor.h"
#include "planner/plan.h"

namespace lumadb::exec {

/// The tag word PostgreSQL uses in "cannot execute %s in a read-only transaction" (CreateCommandName), or
/// null for a statement a read-only transaction may run (VACUUM, ANALYZE and EXPLAIN among them:
/// ClassifyUtilityCommandAsReadOnly; EXPLAIN ANALYZE of a write checks its statement itself).
const char* WriteCommandName(const ast::Statement& stmt);

/// The first word(s) of the CommandComplete tag of any statement: "SELECT", "INSERT", "CREATE TABLE",
/// "BEGIN", "START TRANSACTION", "SET", "SHOW", "EXPLAIN", "VACUUM", ... (CreateCommandTag).
std::string CommandName(const ast::Statement& stmt);

/// The RowDescription columns of a plan's output.
std::vector<ResultColumn> PlanResultColumns(const planner::PlanNode& plan);

/// The columns of a statement exec does not plan (EXPLAIN's "QUERY PLAN", SHOW's), or nullopt when it
/// returns no rows (UtilityTupleDescriptor).
std::optional<std::vector<ResultColumn>> UtilityResultColumns(const ast::Statement& stmt);

}  // namespace lumadb::exec

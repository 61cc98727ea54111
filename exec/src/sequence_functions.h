#pragma once
// nextval/currval/setval/lastval over the catalog's sequences and the session's currval state
// (PostgreSQL's commands/sequence.c): the planner's built-ins call these through FunctionEnv::sequences.

#include <memory>

#include "exec/statement_executor.h"
#include "planner/function_registry.h"

namespace lumadb::exec {

/// The sequence functions of one statement of the session ctx (which must outlive the result). Names are
/// regclass text: 's', 'public.s', '"S"' (quoted parts keep their case, others are lower-cased). Errors:
/// 42P01 `relation "s" does not exist`, 42809 `"t" is not a sequence`, 42602 `invalid name syntax`,
/// 55000 `currval of sequence "s" is not yet defined in this session` / `lastval is not yet defined in
/// this session`, and the catalog's 2200H / 22003. Uses ctx.sequences, or a private state when it is null.
std::unique_ptr<planner::SequenceFunctions> MakeSequenceFunctions(SessionContext& ctx);

}  // namespace lumadb::exec

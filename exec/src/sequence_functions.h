#pragma once
// nextval/currval/setval/lastval over the catalog's sequences and the session's currval state
// (PostgreSQL's commands/sequence.c): the planner's built-ins call these through FunctionEnv::sequences.

#include "catalog/acl.h"
#include "exec/statement_executor.h"
#include "planner/function_registry.h"

namespace lumadb::exec {

/// The sequence functions of one statement of the session ctx (which must outlive it). Names are
/// regclass text: 's', 'public.s', '"S"' (quoted parts keep their case, others are lower-cased). Errors:
/// 42P01 `relation "s" does not exist`, 42809 `"t" is not a sequence`, 42602 `invalid name syntax`,
/// 55000 `currval of sequence "s" is not yet defined in this session` / `lastval is not yet defined in
/// this session`, and the catalog's 2200H / 22003. Uses ctx.sequences, or a private state when it is null.
/// Held by value in each statement's context, so a statement that calls none costs no allocation.
class SessionSequences final : public planner::SequenceFunctions {
 public:
  explicit SessionSequences(SessionContext& ctx);
  int64_t NextVal(Oid oid) override;
  int64_t CurrVal(Oid oid) override;
  int64_t SetVal(Oid oid, int64_t value, bool is_called) override;
  int64_t LastVal() override;

 private:
  catalog::SequenceInfo Lookup(Oid oid, catalog::AclMode any_of);

  SessionContext& ctx_;
  SequenceSessionState private_state_;
  SequenceSessionState& state_;
};

}  // namespace lumadb::exec

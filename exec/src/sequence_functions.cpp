#include "sequence_functions.h"

#include "common/error.h"
#include "permissions.h"

namespace lumadb::exec {

SessionSequences::SessionSequences(SessionContext& ctx)
    : ctx_(ctx), state_(ctx.sequences ? *ctx.sequences : private_state_) {}

int64_t SessionSequences::NextVal(Oid oid) {
  auto seq = Lookup(oid, catalog::kAclUsage | catalog::kAclUpdate);
  int64_t v = ctx_.catalog.NextVal(ctx_.txn, seq);
  state_.last_values[seq.oid] = v;
  state_.last_sequence = seq.oid;
  return v;
}

int64_t SessionSequences::CurrVal(Oid oid) {
  auto seq = Lookup(oid, catalog::kAclSelect | catalog::kAclUsage);
  auto it = state_.last_values.find(seq.oid);
  if (it == state_.last_values.end()) {
    throw DbError(sqlstate::kObjectNotInPrerequisiteState,
                  "currval of sequence \"" + seq.name + "\" is not yet defined in this session");
  }
  return it->second;
}

int64_t SessionSequences::SetVal(Oid oid, int64_t value, bool is_called) {
  auto seq = Lookup(oid, catalog::kAclUpdate);
  ctx_.catalog.SetVal(ctx_.txn, seq, value, is_called);
  // do_setval: currval changes only when the value counts as handed out; lastval's sequence does not.
  if (is_called) state_.last_values[seq.oid] = value;
  return value;
}

int64_t SessionSequences::LastVal() {
  // A dropped sequence no longer defines lastval (PostgreSQL checks the relation still exists).
  if (state_.last_sequence == 0 || !ctx_.catalog.SequenceByOid(ctx_.txn, state_.last_sequence)) {
    throw DbError(sqlstate::kObjectNotInPrerequisiteState, "lastval is not yet defined in this session");
  }
  Lookup(state_.last_sequence, catalog::kAclSelect | catalog::kAclUsage);
  return state_.last_values.at(state_.last_sequence);
}

// The regclass argument names the relation already; it must be a sequence (init_sequence) on which the
// user holds one of `any_of` (sequence.c's pg_class_aclcheck with ACLMASK_ANY).
catalog::SequenceInfo SessionSequences::Lookup(Oid oid, catalog::AclMode any_of) {
  if (auto seq = ctx_.catalog.SequenceByOid(ctx_.txn, oid)) {
    if (auto rel = ctx_.catalog.TableByOid(ctx_.txn, oid)) CheckRelationPrivilege(ctx_, *rel, any_of, true);
    return *seq;
  }
  if (auto rel = ctx_.catalog.RelationNameByOid(ctx_.txn, oid)) {
    throw DbError(sqlstate::kWrongObjectType, "\"" + rel->second + "\" is not a sequence");
  }
  throw DbError(sqlstate::kInternalError, "could not open relation with OID " + std::to_string(oid));
}

}  // namespace lumadb::exec

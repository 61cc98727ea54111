// Sequence manipulation functions (PostgreSQL 15 docs §9.17, commands/sequence.c): nextval, currval,
// setval and lastval over FunctionEnv::sequences, which exec implements over the catalog and the
// session's currval state. All are volatile: evaluated per row, never constant.
#include "builtins.h"
#include "common/error.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

// The session's sequence access; absent where no session runs the statement (pure expression
// evaluation), where PostgreSQL could not run them either.
SequenceFunctions& Sequences(const FunctionEnv& env) {
  if (!env.sequences) {
    throw DbError(sqlstate::kFeatureNotSupported, "sequence functions are not available in this context");
  }
  return *env.sequences;
}

Oid SequenceOid(const Value& v) {
  return static_cast<Oid>(v.GetInt());
}

Value NextVal(const std::vector<Value>& a, const FunctionEnv& env) {
  return Value::Int8(Sequences(env).NextVal(SequenceOid(a[0])));
}
Value CurrVal(const std::vector<Value>& a, const FunctionEnv& env) {
  return Value::Int8(Sequences(env).CurrVal(SequenceOid(a[0])));
}
Value SetVal(const std::vector<Value>& a, const FunctionEnv& env) {
  return Value::Int8(Sequences(env).SetVal(SequenceOid(a[0]), a[1].GetInt(), true));
}
Value SetValCalled(const std::vector<Value>& a, const FunctionEnv& env) {
  return Value::Int8(Sequences(env).SetVal(SequenceOid(a[0]), a[1].GetInt(), a[2].GetBool()));
}
Value LastVal(const std::vector<Value>&, const FunctionEnv& env) {
  return Value::Int8(Sequences(env).LastVal());
}

}  // namespace

void AddSequenceBuiltins(std::vector<ScalarFunction>& out) {
  // The sequence is a regclass: a literal name is resolved once, when the call is bound (a text value
  // converts implicitly at run time).
  std::vector<ScalarFunction> fns = {
      {"nextval", {T::kRegclass}, T::kInt8, NextVal, true, false, true},
      {"currval", {T::kRegclass}, T::kInt8, CurrVal, true, false, true},
      {"setval", {T::kRegclass, T::kInt8}, T::kInt8, SetVal, true, false, true},
      {"setval", {T::kRegclass, T::kInt8, T::kBool}, T::kInt8, SetValCalled, true, false, true},
      {"lastval", {}, T::kInt8, LastVal, true, false, true},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner

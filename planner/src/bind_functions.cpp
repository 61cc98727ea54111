// Function and aggregate calls (parser/parse_func.c, parse_agg.c), plus COALESCE/NULLIF/GREATEST/LEAST.
#include "planner/binder.h"
#include "planner/function_registry.h"
#include "planner/type_rules.h"

namespace lumadb::planner {

namespace {

std::string Signature(const std::string& name, const std::vector<BoundExprPtr>& args) {
  std::string out = name + "(";
  for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + TypeDisplayName(args[i]->type.id);
  return out + ")";
}

// The one argument of json[b]_object_agg(key, value): json[b]_build_array(key, value) per row, which the
// aggregate (exec's AggregateState) splits again.
BoundExprPtr PairArgument(const std::string& name, std::vector<BoundExprPtr> args, int32_t location) {
  const char* builder = name == "json_object_agg" ? "json_build_array" : "jsonb_build_array";
  auto call = std::make_shared<BoundExpr>();
  call->kind = BoundKind::kFunc;
  call->func = ResolveFunction(builder, {args[0]->type.id, args[1]->type.id})->func;
  call->name = builder;
  call->type = TypeDesc{call->func->result, -1};
  call->location = location;
  call->args = std::move(args);
  return call;
}

}  // namespace

DbError Binder::NoFunction(const std::string& name, const std::vector<BoundExprPtr>& args, int32_t location) const {
  DbError e = Error(sqlstate::kUndefinedFunction, "function " + Signature(name, args) + " does not exist", location);
  e.Hint("No function matches the given name and argument types. You might need to add explicit type casts.");
  return e;
}

BoundExprPtr Binder::BindFunc(const ast::FuncCall& f, const Scope& scope) {
  const std::string& name = f.name.back();
  bool schema_ok = f.name.size() == 1 || (f.name.size() == 2 && f.name[0] == "pg_catalog");
  if (IsSetFunctionName(f)) return BindSelectListSetFunction(f, scope);
  if (schema_ok && IsAggregateName(name)) return BindAggregate(f, scope);
  if (schema_ok && (name == "coalesce" || name == "greatest" || name == "least" || name == "nullif")) {
    return BindVariadicSpecial(f, name, scope);
  }
  std::vector<BoundExprPtr> args;
  for (const auto& a : f.args) args.push_back(BindExpr(*a, scope));
  if (schema_ok && !f.distinct && !f.star) {
    if (auto e = BindArrayFunction(name, args, f.location)) return e;
  }
  if (schema_ok && name == "pg_typeof" && args.size() == 1 && !f.distinct && !f.star) {
    // The argument's type before any coercion ('a' is unknown), known when binding.
    return MakeConst(Value::Oid(static_cast<Oid>(args[0]->type.id)).WithType(TypeId::kRegtype), {TypeId::kRegtype, -1},
                     f.location);
  }
  std::vector<TypeId> types;
  for (const auto& a : args) types.push_back(a->type.id);
  // to_json[b](anyelement) cannot take its type from an untyped literal.
  if ((name == "to_json" || name == "to_jsonb") && types.size() == 1 && types[0] == TypeId::kUnknown) {
    throw Error(sqlstate::kDatatypeMismatch, "could not determine polymorphic type because input has type unknown",
                f.location);
  }
  auto resolved = schema_ok ? ResolveFunction(name, types) : std::nullopt;
  if (!resolved) {
    std::string shown;
    for (const auto& part : f.name) shown += (shown.empty() ? "" : ".") + part;
    throw NoFunction(shown, args, f.location);
  }
  if (f.distinct || f.star) {
    throw Error(sqlstate::kWrongObjectType,
                std::string(f.star ? "*" : "DISTINCT") + " specified, but " + name + " is not an aggregate function",
                f.location);
  }
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kFunc;
  e->type = TypeDesc{resolved->func->result, -1};
  e->location = f.location;
  e->name = name;
  e->func = resolved->func;
  for (size_t i = 0; i < args.size(); ++i) {
    e->args.push_back(CoerceOrThrow(args[i], {resolved->arg_types[i], -1}, args[i]->location));
  }
  return e;
}

BoundExprPtr Binder::BindAggregate(const ast::FuncCall& f, const Scope& scope) {
  const std::string& name = f.name.back();
  auto check_allowed = [&] {
    if (allow_aggregates_) return;
    std::string msg = aggregate_clause_ ? std::string("aggregate functions are not allowed in ") + aggregate_clause_
                                        : "aggregate function calls cannot be nested";
    throw Error(sqlstate::kGroupingError, msg, f.location);
  };
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kAggregate;
  e->location = f.location;
  e->name = name;
  e->distinct = f.distinct;
  e->star = f.star;
  if (f.star) {
    check_allowed();
    e->agg = ResolveAggregate(name, TypeId::kInvalid);
    if (!e->agg) throw NoFunction(name, {}, f.location);
    e->type = TypeDesc{e->agg->result, -1};
    return e;
  }
  std::vector<BoundExprPtr> args;
  std::vector<size_t> outer_params;  // sizes before the arguments, to undo what they added
  for (const auto& level : outer_) outer_params.push_back(level.params->size());
  {
    // Arguments may not contain aggregates themselves.
    bool saved_allow = allow_aggregates_;
    const char* saved_clause = aggregate_clause_;
    SrfContext no_srf(this, nullptr, kSrfInAggregate);
    allow_aggregates_ = false;
    aggregate_clause_ = nullptr;
    for (const auto& a : f.args) args.push_back(BindExpr(*a, scope));
    allow_aggregates_ = saved_allow;
    aggregate_clause_ = saved_clause;
  }
  if (int level = AggregateLevel(args); level >= 0) {
    // Only outer columns: the aggregate belongs to that query level and is a value passed in from it.
    for (size_t i = 0; i < outer_.size(); ++i) outer_[i].params->resize(outer_params[i]);
    auto outer = outer_[level].binder->BindAggregate(f, *outer_[level].scope);
    return OuterReference(level, outer, outer->name, f.location);
  }
  check_allowed();
  if (args.size() == 2 && (name == "json_object_agg" || name == "jsonb_object_agg")) {
    for (auto& a : args) {
      if (a->type.id == TypeId::kUnknown) a = TryCoerce(a, {TypeId::kText, -1}, CastContext::kImplicit);
    }
    args = {PairArgument(name, std::move(args), f.location)};
  }
  if (args.size() != 1) throw NoFunction(name, args, f.location);
  BoundExprPtr arg = args[0];
  // json[b]_agg(anyelement) cannot take its type from an untyped literal.
  if (arg->type.id == TypeId::kUnknown && (name == "json_agg" || name == "jsonb_agg")) {
    throw Error(sqlstate::kDatatypeMismatch, "could not determine polymorphic type because input has type unknown",
                f.location);
  }
  // An untyped literal given to min/max is read as text, as PostgreSQL resolves unknown to text.
  if (arg->type.id == TypeId::kUnknown && (name == "min" || name == "max" || name == "count" || name == "array_agg")) {
    arg = TryCoerce(arg, {TypeId::kText, -1}, CastContext::kImplicit);
  }
  e->agg = ResolveAggregate(name, arg->type.id);
  // min and max need a btree ordering, which json lacks and jsonb has no min/max for in PostgreSQL.
  const bool json_arg = arg->type.id == TypeId::kJson || arg->type.id == TypeId::kJsonb;
  if (!e->agg || (json_arg && (name == "min" || name == "max"))) throw NoFunction(name, args, f.location);
  if (e->agg->arg != TypeId::kInvalid && e->agg->arg != arg->type.id) {
    arg = CoerceOrThrow(arg, {e->agg->arg, -1}, arg->location);
  }
  e->type = e->agg->result == TypeId::kInvalid ? arg->type : TypeDesc{e->agg->result, -1};
  if (e->agg->kind == AggKind::kArrayAgg) {
    if (ArrayTypeOf(arg->type.id) == TypeId::kInvalid) throw NoFunction(name, args, f.location);
    e->type.id = ArrayTypeOf(arg->type.id);
  }
  e->args.push_back(arg);
  return e;
}

BoundExprPtr Binder::BindVariadicSpecial(const ast::FuncCall& f, const std::string& name, const Scope& scope) {
  // COALESCE may not evaluate every argument, so none can drive a ProjectSet (transformCoalesceExpr).
  SrfContext in_coalesce(this, name == "coalesce" ? nullptr : srf_sink_,
                         name == "coalesce" && srf_sink_ ? "COALESCE" : srf_clause_, srf_base_);
  std::vector<BoundExprPtr> args;
  for (const auto& a : f.args) args.push_back(BindExpr(*a, scope));
  auto e = std::make_shared<BoundExpr>();
  e->location = f.location;
  e->name = name;
  if (name == "nullif") {
    if (args.size() != 2) throw NoFunction(name, args, f.location);
    auto eq = Compare("=", args[0], args[1], f.location);
    e->kind = BoundKind::kNullIf;
    e->type = args[0]->type.id == TypeId::kUnknown ? TypeDesc{TypeId::kText, -1} : args[0]->type;
    e->args = {CoerceOrThrow(args[0], e->type, args[0]->location), eq};
    return e;
  }
  if (args.empty()) throw NoFunction(name, args, f.location);
  std::string upper = name == "coalesce" ? "COALESCE" : (name == "greatest" ? "GREATEST" : "LEAST");
  args = UnifyTypes(std::move(args), upper.c_str());
  if (args[0]->type.id == TypeId::kUnknown) {
    for (auto& a : args) a = CoerceOrThrow(a, {TypeId::kText, -1}, a->location);
  }
  e->kind = name == "coalesce" ? BoundKind::kCoalesce : BoundKind::kGreatest;
  e->op = name == "least" ? -1 : 1;
  e->type = args[0]->type;
  e->args = std::move(args);
  return e;
}

}  // namespace lumadb::planner

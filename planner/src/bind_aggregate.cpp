// Aggregate calls (parser/parse_agg.c transformAggregateCall, parse_func.c's aggregate checks): plain,
// DISTINCT, with ORDER BY inside the call, FILTER (WHERE ...), and ordered-set aggregates with WITHIN
// GROUP (ORDER BY ...). The extra parts follow the arguments in the bound node's args, laid out by a
// WindowInfo (planner/window_plan.h); AggregateSpecOf reads them back.
#include <algorithm>

#include "planner/binder.h"
#include "planner/function_registry.h"
#include "planner/type_rules.h"
#include "planner/window_plan.h"

namespace lumadb::planner {

namespace {

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

bool IsOrderedSet(const std::string& name) {
  return name == "percentile_cont" || name == "percentile_disc" || name == "mode";
}

// Aggregates taking two arguments, both coerced to the overload's argument type.
bool IsTwoArgument(const std::string& name) {
  return name == "string_agg" || name.starts_with("regr_") || name == "covar_pop" || name == "covar_samp" ||
         name == "corr";
}

}  // namespace

AggregateSpec AggregateSpecOf(const BoundExpr& call) {
  AggregateSpec spec;
  spec.func = call.agg;
  spec.distinct = call.distinct;
  spec.result = call.type;
  const WindowInfo* w = call.window.get();
  const size_t nargs = w ? w->nargs : call.args.size();
  for (size_t i = 0; i < nargs; ++i) (i == 0 ? spec.arg : spec.extra.emplace_back()) = call.args[i];
  size_t pos = nargs;
  if (w && w->has_filter) spec.filter = call.args[pos++];
  if (w && call.kind == BoundKind::kAggregate) {
    for (SortKey key : w->order) {
      key.expr = call.args[pos++];
      spec.order.push_back(key);
    }
  }
  return spec;
}

std::vector<BoundExprPtr> Binder::BindAggregateArgs(const ast::FuncCall& f, const Scope& scope, bool within_group) {
  // Arguments may not contain aggregates themselves, except those of a window aggregate.
  bool saved_allow = allow_aggregates_;
  const char* saved_clause = aggregate_clause_;
  SrfContext no_srf(this, nullptr, kSrfInAggregate);
  allow_aggregates_ = window_agg_args_;
  window_agg_args_ = false;
  aggregate_clause_ = nullptr;
  std::vector<BoundExprPtr> args;
  for (const auto& a : f.args) args.push_back(BindExpr(*a, scope));
  if (within_group) args.push_back(BindExpr(*f.order_by[0].expr, scope));
  allow_aggregates_ = saved_allow;
  aggregate_clause_ = saved_clause;
  return args;
}

BoundExprPtr Binder::BindAggregate(const ast::FuncCall& f, const Scope& scope) {
  const std::string& name = f.name.back();
  auto check_allowed = [&] {
    if (allow_aggregates_) return;
    std::string msg = aggregate_clause_ ? std::string("aggregate functions are not allowed in ") + aggregate_clause_
                                        : "aggregate function calls cannot be nested";
    throw Error(sqlstate::kGroupingError, msg, f.location);
  };
  const bool ordered_set = IsOrderedSet(name);
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kAggregate;
  e->location = f.location;
  e->name = name;
  e->distinct = f.distinct;
  e->star = f.star;
  std::vector<BoundExprPtr> args;
  BoundExprPtr written;  // the first argument before coercion, which DISTINCT's ORDER BY keys must match
  if (f.star) {
    check_allowed();
    e->agg = ResolveAggregate(name, TypeId::kInvalid);
    if (!e->agg) throw NoFunction(name, {}, f.location);
    e->type = TypeDesc{e->agg->result, -1};
  } else {
    if (f.args.empty() && !f.within_group) {
      throw Error(sqlstate::kWrongObjectType, name + "(*) must be used to call a parameterless aggregate function",
                  f.location);
    }
    std::vector<size_t> outer_params;  // sizes before the arguments, to undo what they added
    for (const auto& level : outer_) outer_params.push_back(level.params->size());
    args = BindAggregateArgs(f, scope, f.within_group);
    if (int level = AggregateLevel(args); level >= 0) {
      // Only outer columns: the aggregate belongs to that query level and is a value passed in from it.
      for (size_t i = 0; i < outer_.size(); ++i) outer_[i].params->resize(outer_params[i]);
      auto outer = outer_[level].binder->BindAggregate(f, *outer_[level].scope);
      return OuterReference(level, outer, outer->name, f.location);
    }
    check_allowed();
    // An ordered-set aggregate called plainly, or WITHIN GROUP given to another one, matches no signature.
    if (ordered_set != f.within_group) throw NoFunction(name, args, f.location);
    if (args.size() == 2 && (name == "json_object_agg" || name == "jsonb_object_agg")) {
      for (auto& a : args) {
        if (a->type.id == TypeId::kUnknown) a = TryCoerce(a, {TypeId::kText, -1}, CastContext::kImplicit);
      }
      args = {PairArgument(name, std::move(args), f.location)};
    }
    const size_t want = ordered_set ? (name == "mode" ? 1 : 2) : IsTwoArgument(name) ? 2 : 1;
    if (args.size() != want) throw NoFunction(name, args, f.location);
    if (ordered_set) std::rotate(args.begin(), args.end() - 1, args.end());  // the sorted value first
    BoundExprPtr arg = args[0];
    written = arg;
    // json[b]_agg(anyelement) cannot take its type from an untyped literal.
    if (arg->type.id == TypeId::kUnknown && (name == "json_agg" || name == "jsonb_agg")) {
      throw Error(sqlstate::kDatatypeMismatch, "could not determine polymorphic type because input has type unknown",
                  f.location);
    }
    // An untyped literal given to min/max is read as text, as PostgreSQL resolves unknown to text.
    if (arg->type.id == TypeId::kUnknown && name != "sum" && name != "avg") {
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
      // array_agg(anyarray) returns its argument's array type.
      if (!IsArrayType(arg->type.id)) {
        if (ArrayTypeOf(arg->type.id) == TypeId::kInvalid) throw NoFunction(name, args, f.location);
        e->type.id = ArrayTypeOf(arg->type.id);
      }
    }
    args[0] = arg;
    if (args.size() > 1) {
      // The second argument: string_agg's delimiter (text) or the percentile fraction (float8).
      TypeId second = ordered_set ? TypeId::kFloat8 : e->agg->arg;
      args[1] = CoerceOrThrow(args[1], {second, -1}, args[1]->location);
    }
  }
  auto info = std::make_shared<WindowInfo>();
  info->nargs = args.size();
  if (f.filter) {
    allow_aggregates_ = false;
    aggregate_clause_ = "FILTER";
    args.push_back(CoerceToBool(BindExpr(*f.filter, scope), "FILTER"));
    allow_aggregates_ = true;
    aggregate_clause_ = nullptr;
    info->has_filter = true;
  }
  if (ordered_set) {
    info->order.push_back(
        {nullptr, f.order_by[0].descending, f.order_by[0].nulls_first.value_or(f.order_by[0].descending)});
    args.push_back(args[0]);
  } else {
    allow_aggregates_ = false;
    for (const auto& o : f.order_by) {
      info->order.push_back({nullptr, o.descending, o.nulls_first.value_or(o.descending)});
      BoundExprPtr key = BindExpr(*o.expr, scope);
      if (f.distinct && !ExprEquals(*key, *written)) {
        throw Error(sqlstate::kInvalidColumnReference,
                    "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list",
                    o.expr->location);
      }
      args.push_back(key);
    }
    allow_aggregates_ = true;
  }
  if (info->has_filter || !info->order.empty() || info->nargs > 1) e->window = info;
  e->args = std::move(args);
  return e;
}

}  // namespace lumadb::planner

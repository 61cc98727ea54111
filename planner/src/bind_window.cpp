// Window function calls (parser/parse_func.c ParseFuncOrColumn's window part, parse_agg.c
// transformWindowFuncCall, parse_clause.c transformWindowDefinitions / transformFrameOffset): the OVER
// clause resolved against the WINDOW clause, the call bound into a kWindow node whose args hold the
// function's arguments, FILTER, partition keys, order keys and frame offsets (WindowInfo's layout).
#include "common/sqlstate_window.h"
#include "planner/binder.h"
#include "planner/function_registry.h"
#include "planner/type_rules.h"
#include "planner/window_plan.h"

namespace lumadb::planner {

namespace {

struct Builtin {
  const char* name;
  WindowFuncKind kind;
  size_t min_args, max_args;
};

constexpr Builtin kBuiltins[] = {
    {"row_number", WindowFuncKind::kRowNumber, 0, 0},
    {"rank", WindowFuncKind::kRank, 0, 0},
    {"dense_rank", WindowFuncKind::kDenseRank, 0, 0},
    {"percent_rank", WindowFuncKind::kPercentRank, 0, 0},
    {"cume_dist", WindowFuncKind::kCumeDist, 0, 0},
    {"ntile", WindowFuncKind::kNtile, 1, 1},
    {"lag", WindowFuncKind::kLag, 1, 3},
    {"lead", WindowFuncKind::kLead, 1, 3},
    {"first_value", WindowFuncKind::kFirstValue, 1, 1},
    {"last_value", WindowFuncKind::kLastValue, 1, 1},
    {"nth_value", WindowFuncKind::kNthValue, 2, 2},
};

const Builtin* FindBuiltin(const ast::FuncCall& f) {
  if (f.name.size() > 2 || (f.name.size() == 2 && f.name[0] != "pg_catalog")) return nullptr;
  for (const auto& b : kBuiltins) {
    if (f.name.back() == b.name) return &b;
  }
  return nullptr;
}

// The parts of a window after following its chain of existing windows (parse_clause.c's rules).
struct ResolvedWindow {
  const std::vector<ast::ExprPtr>* partition;
  const std::vector<ast::OrderItem>* order;
  const ast::WindowDef* frame;  // the definition whose frame applies
};

bool HasColumn(const BoundExpr& e) {
  if (e.kind == BoundKind::kColumn) return true;
  for (const auto& a : e.args) {
    if (HasColumn(*a)) return true;
  }
  return false;
}

}  // namespace

bool IsWindowFunctionName(const ast::FuncCall& f) {
  return FindBuiltin(f) != nullptr;
}

BoundExprPtr Binder::BindWindowCall(const ast::FuncCall& f, const Scope& scope) {
  const std::string& name = f.name.back();
  const Builtin* builtin = FindBuiltin(f);
  if (!f.over)
    throw Error(sqlstate::kWrongObjectType, "window function " + name + " requires an OVER clause", f.location);
  if (!allow_aggregates_ && aggregate_clause_) {
    throw Error(sqlstate::kWindowingError, std::string("window functions are not allowed in ") + aggregate_clause_,
                f.location);
  }
  if (!allow_aggregates_) {
    throw Error(sqlstate::kGroupingError, "aggregate function calls cannot contain window function calls", f.location);
  }
  if (!builtin && !IsAggregateName(name)) {
    if (!IsKnownFunctionName(name) && !IsSetFunctionName(f)) {
      std::vector<BoundExprPtr> args;
      for (const auto& a : f.args) args.push_back(BindExpr(*a, scope));
      throw NoFunction(name, args, f.location);
    }
    throw Error(sqlstate::kWrongObjectType,
                "OVER specified, but " + name + " is not a window function nor an aggregate function", f.location);
  }
  auto info = std::make_shared<WindowInfo>();
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kWindow;
  e->location = f.location;
  e->name = name;
  if (builtin) {
    if (f.distinct) {
      throw Error(sqlstate::kWrongObjectType, "DISTINCT specified, but " + name + " is not an aggregate function",
                  f.location);
    }
    info->kind = builtin->kind;
    for (const auto& a : f.args) e->args.push_back(BindExpr(*a, scope));
    if (e->args.size() < builtin->min_args || e->args.size() > builtin->max_args) {
      throw NoFunction(name, e->args, f.location);
    }
    auto& args = e->args;
    if (!args.empty() && args[0]->type.id == TypeId::kUnknown && builtin->kind != WindowFuncKind::kNtile) {
      args[0] = TryCoerce(args[0], {TypeId::kText, -1}, CastContext::kImplicit);
    }
    if (builtin->kind == WindowFuncKind::kNtile)
      args[0] = CoerceOrThrow(args[0], {TypeId::kInt4, -1}, args[0]->location);
    if (args.size() > 1) args[1] = CoerceOrThrow(args[1], {TypeId::kInt4, -1}, args[1]->location);
    if (args.size() > 2) {
      // lag/lead(anycompatible, integer, anycompatible): value and default share one type.
      auto unified = UnifyTypes({args[0], args[2]}, name.c_str());
      args[0] = unified[0];
      args[2] = unified[1];
    }
    switch (builtin->kind) {
      case WindowFuncKind::kPercentRank:
      case WindowFuncKind::kCumeDist:
        e->type = {TypeId::kFloat8, -1};
        break;
      case WindowFuncKind::kNtile:
        e->type = {TypeId::kInt4, -1};
        break;
      case WindowFuncKind::kRowNumber:
      case WindowFuncKind::kRank:
      case WindowFuncKind::kDenseRank:
        e->type = {TypeId::kInt8, -1};
        break;
      default:
        e->type = args[0]->type;
    }
    info->nargs = args.size();
    if (f.filter) {
      throw Error(sqlstate::kWrongObjectType, "FILTER is not implemented for non-aggregate window functions",
                  f.location);
    }
  } else {
    if (f.distinct) {
      throw Error(sqlstate::kFeatureNotSupported, "DISTINCT is not implemented for window functions", f.location);
    }
    if (f.within_group) {
      throw Error(sqlstate::kWrongObjectType, "OVER is not supported for ordered-set aggregate " + name, f.location);
    }
    if (!f.order_by.empty()) {
      throw Error(sqlstate::kFeatureNotSupported, "aggregate ORDER BY is not implemented for window functions",
                  f.location);
    }
    window_agg_args_ = true;
    BoundExprPtr agg = BindAggregate(f, scope);
    window_agg_args_ = false;
    e->agg = agg->agg;
    e->type = agg->type;
    e->star = agg->star;
    e->args = agg->args;
    info->nargs = agg->window ? agg->window->nargs : agg->args.size();
    info->has_filter = agg->window && agg->window->has_filter;
  }
  for (const auto& a : e->args) {
    if (const BoundExpr* inner = FindWindowCall(*a)) {
      throw Error(sqlstate::kWindowingError, "window function calls cannot be nested", inner->location);
    }
  }
  BindWindowDefinition(*f.over, scope, info.get(), &e->args);
  e->window = info;
  return e;
}

void Binder::BindWindowDefinition(const ast::WindowDef& over, const Scope& scope, WindowInfo* info,
                                  std::vector<BoundExprPtr>* args) {
  ResolvedWindow w{&over.partition_by, &over.order_by, &over};
  if (!over.refname.empty()) {
    const ast::WindowDef* base = nullptr;
    if (windows_) {
      for (const auto& d : *windows_) {
        if (d.name == over.refname && !base) base = &d;
      }
    }
    if (!base) throw Error(sqlstate::kUndefinedObject, "window \"" + over.refname + "\" does not exist", over.location);
    if (!over.partition_by.empty()) {
      throw Error(sqlstate::kWindowingError, "cannot override PARTITION BY clause of window \"" + over.refname + "\"",
                  over.location);
    }
    if (!over.order_by.empty() && !base->order_by.empty()) {
      throw Error(sqlstate::kWindowingError, "cannot override ORDER BY clause of window \"" + over.refname + "\"",
                  over.location);
    }
    if (base->has_frame && !over.bare_ref) {
      throw Error(sqlstate::kWindowingError,
                  "cannot copy window \"" + over.refname + "\" because it has a frame clause", over.location)
          .Hint("Omit the parentheses in this OVER clause.");
    }
    w.partition = &base->partition_by;
    if (over.order_by.empty()) w.order = &base->order_by;
    if (over.bare_ref) w.frame = base;
  }
  auto no_window = [&](const BoundExprPtr& e) {
    if (const BoundExpr* inner = FindWindowCall(*e)) {
      throw Error(sqlstate::kWindowingError, "window functions are not allowed in window definitions", inner->location);
    }
    return e;
  };
  info->location = over.location;
  for (const auto& p : *w.partition) {
    args->push_back(no_window(BindExpr(*p, scope)));
    ++info->npartition;
  }
  for (const auto& o : *w.order) {
    BoundExprPtr key = no_window(BindExpr(*o.expr, scope));
    if (key->kind == BoundKind::kParam && key->type.id == TypeId::kUnknown) {
      key = TryCoerce(key, {TypeId::kText, -1}, CastContext::kImplicit);
    }
    args->push_back(key);
    info->order.push_back({nullptr, o.descending, o.nulls_first.value_or(o.descending)});
  }
  const ast::WindowDef& frame = *w.frame;
  if (!frame.has_frame) return;
  info->mode = frame.mode;
  info->start = frame.start.kind;
  info->end = frame.end.kind;
  info->exclude = frame.exclude;
  const bool has_offset = frame.start.offset || frame.end.offset;
  if (frame.mode == ast::FrameMode::kRange && has_offset && info->order.size() != 1) {
    throw Error(sqlstate::kWindowingError, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column",
                frame.location);
  }
  if (frame.mode == ast::FrameMode::kGroups && info->order.empty()) {
    throw Error(sqlstate::kWindowingError, "GROUPS mode requires an ORDER BY clause", frame.location);
  }
  for (const ast::FrameBound* b : {&frame.start, &frame.end}) {
    if (!b->offset) continue;
    BoundExprPtr offset = BindExpr(*b->offset, scope);
    if (HasColumn(*offset)) {
      const char* mode = frame.mode == ast::FrameMode::kRows     ? "ROWS"
                         : frame.mode == ast::FrameMode::kGroups ? "GROUPS"
                                                                 : "RANGE";
      throw Error(sqlstate::kInvalidColumnReference, std::string("argument of ") + mode + " must not contain variables",
                  offset->location);
    }
    if (frame.mode != ast::FrameMode::kRange) {
      offset = CoerceOrThrow(offset, {TypeId::kInt8, -1}, offset->location);
    }
    args->push_back(offset);
  }
}

}  // namespace lumadb::planner

// Places the window calls of a SELECT (planner.c create_one_window_path): the calls sharing one window
// (partition, order and frame) form one WindowAgg over a Sort by partition then order keys; windows are
// stacked in order of first appearance, and each call is replaced by its WindowAgg column.
#include <algorithm>

#include "common/sqlstate_window.h"
#include "planner/binder.h"
#include "planner/type_rules.h"
#include "planner/window_plan.h"

namespace lumadb::planner {

namespace {

void CollectCalls(const BoundExprPtr& e, std::vector<BoundExprPtr>* calls) {
  if (e->kind == BoundKind::kWindow) {
    for (const auto& c : *calls) {
      if (ExprEquals(*c, *e)) return;
    }
    calls->push_back(e);
    return;
  }
  for (const auto& a : e->args) CollectCalls(a, calls);
}

// args[from, from + n) of a call.
std::vector<BoundExprPtr> Slice(const BoundExpr& call, size_t from, size_t n) {
  return {call.args.begin() + static_cast<std::ptrdiff_t>(from),
          call.args.begin() + static_cast<std::ptrdiff_t>(from + n)};
}

size_t WindowStart(const BoundExpr& call) {
  return call.window->nargs + (call.window->has_filter ? 1 : 0);
}

bool SameWindow(const BoundExpr& a, const BoundExpr& b) {
  const WindowInfo& x = *a.window;
  const WindowInfo& y = *b.window;
  if (x.npartition != y.npartition || x.order.size() != y.order.size() || x.mode != y.mode || x.start != y.start ||
      x.end != y.end || x.exclude != y.exclude) {
    return false;
  }
  for (size_t i = 0; i < x.order.size(); ++i) {
    if (x.order[i].descending != y.order[i].descending || x.order[i].nulls_first != y.order[i].nulls_first) {
      return false;
    }
  }
  const size_t sa = WindowStart(a), sb = WindowStart(b);
  if (a.args.size() - sa != b.args.size() - sb) return false;
  for (size_t i = 0; sa + i < a.args.size(); ++i) {
    if (!ExprEquals(*a.args[sa + i], *b.args[sb + i])) return false;
  }
  return true;
}

BoundExprPtr ReplaceCalls(const BoundExprPtr& e, const std::vector<std::pair<BoundExprPtr, int>>& columns) {
  if (e->kind == BoundKind::kWindow) {
    for (const auto& [call, column] : columns) {
      if (ExprEquals(*call, *e)) return MakeColumn(column, e->type, e->name, e->location);
    }
  }
  if (e->args.empty()) return e;
  auto copy = std::make_shared<BoundExpr>(*e);
  for (auto& a : copy->args) a = ReplaceCalls(a, columns);
  return copy;
}

bool IsPrefix(const std::vector<SortKey>& a, const std::vector<SortKey>& b) {
  if (a.size() > b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].descending != b[i].descending || a[i].nulls_first != b[i].nulls_first ||
        !ExprEquals(*a[i].expr, *b[i].expr)) {
      return false;
    }
  }
  return true;
}

// The windows' stacking order, bottom first (planner.c select_active_windows / common_prefix_cmp): each
// sort expression is numbered in order of appearance, the query's ORDER BY first; windows sort by their
// partition ++ order numbers, larger first and a longer list before its prefix, ties in query order.
void OrderWindows(const std::vector<SortKey>& query_order, std::vector<std::vector<BoundExprPtr>>* windows) {
  std::vector<BoundExprPtr> numbered;
  auto number = [&](const BoundExprPtr& e) {
    for (size_t i = 0; i < numbered.size(); ++i) {
      if (ExprEquals(*numbered[i], *e)) return i + 1;
    }
    numbered.push_back(e);
    return numbered.size();
  };
  for (const auto& k : query_order) number(k.expr);
  std::vector<std::pair<std::vector<size_t>, std::vector<BoundExprPtr>>> keyed;
  for (auto& w : *windows) {
    const BoundExpr& rep = *w[0];
    std::vector<size_t> refs;
    const size_t from = WindowStart(rep);
    for (size_t i = 0; i < rep.window->npartition + rep.window->order.size(); ++i) {
      size_t ref = number(rep.args[from + i]);
      if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(ref);
    }
    keyed.emplace_back(std::move(refs), std::move(w));
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    for (size_t i = 0; i < a.first.size() && i < b.first.size(); ++i) {
      if (a.first[i] != b.first[i]) return a.first[i] > b.first[i];
    }
    return a.first.size() > b.first.size();
  });
  windows->clear();
  for (auto& [refs, w] : keyed) windows->push_back(std::move(w));
}

}  // namespace

Binder::WindowClauseContext::WindowClauseContext(Binder* b, const ast::SelectStmt& stmt) : b_(b), saved_(b->windows_) {
  b->windows_ = &stmt.windows;
  for (size_t i = 0; i < stmt.windows.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (stmt.windows[j].name == stmt.windows[i].name) {
        throw b->Error(sqlstate::kWindowingError, "window \"" + stmt.windows[i].name + "\" is already defined",
                       stmt.windows[i].location);
      }
    }
  }
}

void Binder::CheckNoWindowCall(const BoundExpr& e, const char* clause) const {
  if (const BoundExpr* call = FindWindowCall(e)) {
    throw Error(sqlstate::kWindowingError, std::string("window functions are not allowed in ") + clause,
                call->location);
  }
}

PlanPtr Binder::PlanWindows(PlanPtr plan, std::vector<SelectTarget>* targets, std::vector<SortKey>* keys,
                            bool has_srfs) {
  std::vector<BoundExprPtr> calls;
  for (const auto& t : *targets) CollectCalls(t.expr, &calls);
  for (const auto& k : *keys) CollectCalls(k.expr, &calls);
  if (calls.empty()) return plan;
  if (has_srfs) {
    throw Error(sqlstate::kFeatureNotSupported,
                "window functions together with set-returning functions in the select list are not supported",
                calls[0]->location);
  }
  std::vector<std::vector<BoundExprPtr>> windows;
  for (const auto& c : calls) {
    auto it = std::find_if(windows.begin(), windows.end(), [&](const auto& w) { return SameWindow(*w[0], *c); });
    if (it == windows.end()) {
      windows.push_back({c});
    } else {
      it->push_back(c);
    }
  }
  OrderWindows(*keys, &windows);
  std::vector<std::pair<BoundExprPtr, int>> columns;
  std::vector<SortKey> sorted_by;
  for (const auto& group : windows) {
    const BoundExpr& rep = *group[0];
    const WindowInfo& info = *rep.window;
    auto w = std::make_shared<WindowAggPlan>();
    size_t pos = WindowStart(rep);
    w->partition = Slice(rep, pos, info.npartition);
    pos += info.npartition;
    for (SortKey key : info.order) {
      key.expr = rep.args[pos++];
      w->order.push_back(key);
    }
    std::vector<SortKey> sort_keys;
    for (const auto& p : w->partition) sort_keys.push_back({p, false, false});
    for (const auto& k : w->order) sort_keys.push_back(k);
    if (!sort_keys.empty() && !IsPrefix(sort_keys, sorted_by)) {
      auto sort = std::make_shared<SortPlan>();
      sort->output = plan->output;
      sort->child = plan;
      sort->keys = sort_keys;
      plan = sort;
      sorted_by = sort_keys;
    }
    WindowFrame& frame = w->frame;
    frame.mode = info.mode;
    frame.start = info.start;
    frame.end = info.end;
    frame.exclude = info.exclude;
    const bool start_offset =
        info.start == ast::FrameBoundKind::kOffsetPreceding || info.start == ast::FrameBoundKind::kOffsetFollowing;
    const bool end_offset =
        info.end == ast::FrameBoundKind::kOffsetPreceding || info.end == ast::FrameBoundKind::kOffsetFollowing;
    if (start_offset) frame.start_offset = rep.args[pos++];
    if (end_offset) frame.end_offset = rep.args[pos++];
    if (info.mode == ast::FrameMode::kRange && (start_offset || end_offset)) BindRangeFrame(w.get());
    w->output = plan->output;
    for (const auto& c : group) {
      WindowCall call;
      call.kind = c->window->kind;
      call.name = c->name;
      call.result = c->type;
      call.args = Slice(*c, 0, c->window->nargs);
      if (call.kind == WindowFuncKind::kAggregate) {
        call.aggregate = AggregateSpecOf(*c);
        call.filter = call.aggregate.filter;
      }
      columns.emplace_back(c, static_cast<int>(w->output.size()));
      w->output.push_back({c->name, c->type});
      w->calls.push_back(std::move(call));
    }
    w->child = plan;
    plan = w;
  }
  for (auto& t : *targets) t.expr = ReplaceCalls(t.expr, columns);
  for (auto& k : *keys) k.expr = ReplaceCalls(k.expr, columns);
  return plan;
}

namespace {

// The offset type of the key type's in_range support function (pg_amproc), kInt8 standing for any
// integer type; kInvalid: the type has none.
TypeId RangeOffsetType(TypeId key) {
  switch (key) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
      return TypeId::kInt8;
    case TypeId::kFloat4:
    case TypeId::kFloat8:
      return TypeId::kFloat8;
    case TypeId::kNumeric:
      return TypeId::kNumeric;
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
    case TypeId::kTimeTz:
    case TypeId::kInterval:
      return TypeId::kInterval;
    default:
      return TypeId::kInvalid;
  }
}

}  // namespace

// RANGE offset PRECEDING/FOLLOWING (parse_clause.c transformFrameOffset with in_range): the bound values
// key - offset and key + offset, and the key in their type.
void Binder::BindRangeFrame(WindowAggPlan* w) {
  WindowFrame& frame = w->frame;
  const SortKey& key = w->order[0];
  auto bound = [&](BoundExprPtr& off, bool preceding) {
    const TypeId kt = key.expr->type.id;
    const TypeId want = RangeOffsetType(kt);
    const std::string prefix = "RANGE with offset PRECEDING/FOLLOWING is not supported for column type ";
    if (want == TypeId::kInvalid) {
      throw Error(sqlstate::kFeatureNotSupported, prefix + (kt == TypeId::kVarchar ? "text" : TypeDisplayName(kt)),
                  off->location);
    }
    const bool integer_offset =
        off->type.id == TypeId::kInt2 || off->type.id == TypeId::kInt4 || off->type.id == TypeId::kInt8;
    if (!(want == TypeId::kInt8 && integer_offset)) {
      BoundExprPtr coerced = TryCoerce(off, {want == TypeId::kInt8 ? kt : want, -1}, CastContext::kImplicit);
      if (!coerced) {
        throw Error(sqlstate::kUndefinedFunction,
                    prefix + TypeDisplayName(kt) + " and offset type " + TypeDisplayName(off->type.id), off->location)
            .Hint("Cast the offset value to an appropriate type.");
      }
      off = coerced;
    }
    // Moving back in the sort order: minus for ASC, plus for DESC.
    const bool minus = preceding != key.descending;
    return Arith(minus ? "-" : "+", key.expr, off, off->location);
  };
  if (frame.start_offset)
    frame.range_start = bound(frame.start_offset, frame.start == ast::FrameBoundKind::kOffsetPreceding);
  if (frame.end_offset) frame.range_end = bound(frame.end_offset, frame.end == ast::FrameBoundKind::kOffsetPreceding);
  const BoundExprPtr& any = frame.range_start ? frame.range_start : frame.range_end;
  frame.range_key = key.expr->type == any->type ? key.expr : CoerceOrThrow(key.expr, any->type, key.expr->location);
}

}  // namespace lumadb::planner

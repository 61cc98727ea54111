#include "planner/bound_expr.h"

#include "common/value_ops.h"

namespace lumadb::planner {

BoundExprPtr MakeConst(Value v, TypeDesc type, int32_t location) {
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kConst;
  e->value = std::move(v);
  e->type = type;
  e->location = location;
  return e;
}

BoundExprPtr MakeExecParam(int id, TypeDesc type, std::string name, int32_t location) {
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kExecParam;
  e->type = type;
  e->op = id;
  e->name = std::move(name);
  e->location = location;
  return e;
}

BoundExprPtr MakeColumn(int index, TypeDesc type, std::string name, int32_t location) {
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kColumn;
  e->column = index;
  e->type = type;
  e->name = std::move(name);
  e->location = location;
  return e;
}

BoundExprPtr MakeCast(BoundExprPtr e, TypeDesc type, bool explicit_cast, bool assignment) {
  if (e->type == type) return e;
  auto c = std::make_shared<BoundExpr>();
  c->kind = BoundKind::kCast;
  c->type = type;
  c->location = e->location;
  c->explicit_cast = explicit_cast;
  c->assignment_cast = assignment;
  c->args.push_back(std::move(e));
  return c;
}

namespace {

bool ValuesEqual(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() == b.is_null() && a.type() == b.type();
  if (a.type() != b.type()) return false;
  return CompareValues(a, b) == 0;
}

}  // namespace

bool ExprEquals(const BoundExpr& a, const BoundExpr& b) {
  if (a.kind != b.kind || a.type != b.type || a.column != b.column || a.op != b.op || a.negated != b.negated ||
      a.case_insensitive != b.case_insensitive || a.has_else != b.has_else || a.distinct != b.distinct ||
      a.star != b.star || a.func != b.func || a.agg != b.agg || a.name != b.name ||
      a.explicit_cast != b.explicit_cast || a.subplan != b.subplan || a.window != b.window ||
      a.args.size() != b.args.size()) {
    return false;
  }
  if (a.kind == BoundKind::kConst && !ValuesEqual(a.value, b.value)) return false;
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!ExprEquals(*a.args[i], *b.args[i])) return false;
  }
  return true;
}

const BoundExpr* FindWindowCall(const BoundExpr& e) {
  if (e.kind == BoundKind::kWindow) return &e;
  for (const auto& a : e.args) {
    if (const BoundExpr* w = FindWindowCall(*a)) return w;
  }
  return nullptr;
}

bool ContainsAggregate(const BoundExpr& e) {
  if (e.kind == BoundKind::kAggregate) return true;
  for (const auto& a : e.args) {
    if (ContainsAggregate(*a)) return true;
  }
  return false;
}

}  // namespace lumadb::planner

#include "plan_util.h"

#include <algorithm>
#include <climits>

#include "planner/function_registry.h"

namespace lumadb::planner {

std::pair<int, int> ColumnSpan(const BoundExpr& e) {
  if (e.kind == BoundKind::kSubquery) return {0, INT32_MAX};
  std::pair<int, int> span{-1, -1};
  if (e.kind == BoundKind::kColumn) span = {e.column, e.column};
  for (const auto& a : e.args) {
    auto s = ColumnSpan(*a);
    if (s.first < 0) continue;
    span.first = span.first < 0 ? s.first : std::min(span.first, s.first);
    span.second = std::max(span.second, s.second);
  }
  return span;
}

BoundExprPtr ShiftColumns(const BoundExprPtr& e, int by) {
  if (e->kind == BoundKind::kColumn) return MakeColumn(e->column - by, e->type, e->name, e->location);
  if (e->args.empty()) return e;
  auto copy = std::make_shared<BoundExpr>(*e);
  for (auto& a : copy->args) a = ShiftColumns(a, by);
  return copy;
}

std::vector<BoundExprPtr> Conjuncts(const BoundExprPtr& e) {
  if (!e) return {};
  if (e->kind != BoundKind::kAnd) return {e};
  std::vector<BoundExprPtr> out;
  for (const auto& a : e->args) {
    auto sub = Conjuncts(a);
    out.insert(out.end(), sub.begin(), sub.end());
  }
  return out;
}

BoundExprPtr MakeAnd(const std::vector<BoundExprPtr>& terms) {
  if (terms.empty()) return nullptr;
  if (terms.size() == 1) return terms[0];
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kAnd;
  e->type = {TypeId::kBool, -1};
  e->location = terms[0]->location;
  e->args = terms;
  return e;
}

bool ContainsVolatile(const BoundExpr& e) {
  if (e.kind == BoundKind::kFunc && e.func && e.func->is_volatile) return true;
  return std::any_of(e.args.begin(), e.args.end(), [](const BoundExprPtr& a) { return ContainsVolatile(*a); });
}

bool IsRunConstant(const BoundExpr& e) {
  return ColumnSpan(e).first < 0 && !ContainsVolatile(e) && !ContainsAggregate(e);
}

bool IsTextLike(TypeId t) {
  return t == TypeId::kText || t == TypeId::kVarchar;
}

bool SameOrdering(TypeId a, TypeId b) {
  auto is_integer = [](TypeId t) { return t == TypeId::kInt2 || t == TypeId::kInt4 || t == TypeId::kInt8; };
  return a == b || (is_integer(a) && is_integer(b)) || (IsTextLike(a) && IsTextLike(b));
}

CompareOp Commute(CompareOp op) {
  switch (op) {
    case CompareOp::kLt:
      return CompareOp::kGt;
    case CompareOp::kLe:
      return CompareOp::kGe;
    case CompareOp::kGt:
      return CompareOp::kLt;
    case CompareOp::kGe:
      return CompareOp::kLe;
    default:
      return op;
  }
}

bool CompareHolds(CompareOp op, int cmp) {
  switch (op) {
    case CompareOp::kLt:
      return cmp < 0;
    case CompareOp::kLe:
      return cmp <= 0;
    case CompareOp::kGt:
      return cmp > 0;
    case CompareOp::kGe:
      return cmp >= 0;
    case CompareOp::kEq:
      return cmp == 0;
    case CompareOp::kNe:
      return cmp != 0;
  }
  return false;
}

}  // namespace lumadb::planner

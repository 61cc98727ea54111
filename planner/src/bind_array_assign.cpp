// Subscripted assignment targets: parse_target.c transformAssignmentIndirection and
// transformAssignmentSubscripts with arraysubs.c array_subscript_transform. The result is a call of
// builtin_array.cpp's array_set_element (array, value, index...) or array_set_slice (array, value,
// provided-bounds mask, lower, upper, ...).

#include "bind_array_assign.h"

#include <algorithm>

#include "builtins.h"
#include "common/array_assign.h"
#include "planner/type_rules.h"

namespace lumadb::planner {

void CheckSubscriptCount(size_t n) {
  if (n > static_cast<size_t>(kMaxArrayDims)) throw TooManyArrayDimensions(n);
}

BoundExprPtr BindArrayAssignment(Binder& b, const ast::Expr& target, const catalog::ColumnInfo& col,
                                 BoundExprPtr current, BoundExprPtr value, const Scope& scope) {
  std::vector<const ast::SubscriptExpr*> chain{&target.As<ast::SubscriptExpr>()};
  while (chain.back()->arg->kind == ast::ExprKind::kSubscript) {
    chain.push_back(&chain.back()->arg->As<ast::SubscriptExpr>());
  }
  std::reverse(chain.begin(), chain.end());
  // PostgreSQL reports the target column's position (the SET item's).
  const int32_t location = chain.front()->arg->location;
  if (!IsArrayType(col.type.id)) {
    throw b.Error(
        sqlstate::kDatatypeMismatch,
        "cannot subscript type " + FormatType({col.type.id, -1}) + " because it does not support subscripting",
        location);
  }
  CheckSubscriptCount(chain.size());
  if (!current) current = b.BindExpr(*chain.front()->arg, scope);
  const bool is_slice = std::any_of(chain.begin(), chain.end(), [](const auto* s) { return s->is_slice; });
  auto index = [&](const ast::Expr& e) {
    auto cast = b.TryCoerce(b.BindExpr(e, scope), {TypeId::kInt4, -1}, CastContext::kAssignment);
    if (!cast) throw b.Error(sqlstate::kDatatypeMismatch, "array subscript must have type integer", e.location);
    return cast;
  };
  const TypeDesc target_type = is_slice ? col.type : TypeDesc{ElementTypeOf(col.type.id), col.type.typmod};
  auto coerced = b.TryCoerce(value, target_type, CastContext::kAssignment);
  if (!coerced) {
    throw b
        .Error(sqlstate::kDatatypeMismatch,
               "subscripted assignment to \"" + col.name + "\" requires type " + FormatType({target_type.id, -1}) +
                   " but expression is of type " + TypeDisplayName(value->type.id),
               location)
        .Hint("You will need to rewrite or cast the expression.");
  }
  std::vector<BoundExprPtr> args{std::move(current), std::move(coerced)};
  if (is_slice) {
    // Bit 2k: the lower bound of subscript k is given; bit 2k+1: its upper bound. A plain subscript i
    // in a slice means 1:i.
    int64_t mask = 0;
    args.push_back(nullptr);
    for (size_t k = 0; k < chain.size(); ++k) {
      const auto* sub = chain[k];
      const ast::Expr* lower = sub->is_slice ? sub->lower.get() : nullptr;
      const ast::Expr* upper = sub->is_slice ? sub->upper.get() : sub->lower.get();
      if (lower || !sub->is_slice) mask |= int64_t{1} << (2 * k);
      if (upper) mask |= int64_t{1} << (2 * k + 1);
      args.push_back(lower ? index(*lower) : MakeConst(Value::Int4(1), {TypeId::kInt4, -1}));
      args.push_back(upper ? index(*upper) : MakeConst(Value::Int4(1), {TypeId::kInt4, -1}));
    }
    args[2] = MakeConst(Value::Int8(mask), {TypeId::kInt8, -1});
  } else {
    for (const auto* sub : chain) args.push_back(index(*sub->lower));
  }
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kFunc;
  e->type = col.type;
  e->location = location;
  e->name = is_slice ? "array_set_slice" : "array_set_element";
  e->func = FindArrayFunction(e->name, args.size());
  e->args = std::move(args);
  return e;
}

}  // namespace lumadb::planner

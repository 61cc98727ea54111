// a IS [NOT] DISTINCT FROM b (parser/parse_expr.c transformAExprDistinct): a comparison that treats NULLs as
// equal values. An undecorated NULL literal on either side makes it a NullTest of the other side, as
// PostgreSQL does, so `x IS DISTINCT FROM NULL` needs no = operator and prints as `(x IS NOT NULL)`.
// IS NOT DISTINCT FROM is NOT over the DistinctExpr, which is how PostgreSQL represents and prints it. Two
// row constructors are compared field by field (make_row_distinct_op).
#include "planner/binder.h"

namespace lumadb::planner {

namespace {

bool IsNullLiteral(const ast::Expr& e) {
  return e.kind == ast::ExprKind::kConstant && e.As<ast::ConstExpr>().type == ast::ConstExpr::Type::kNull;
}

}  // namespace

BoundExprPtr Binder::BindDistinctFrom(const ast::BinaryExpr& b, const Scope& scope) {
  const bool negated = b.op == "IS NOT DISTINCT FROM";
  const ast::Expr* null_side = IsNullLiteral(*b.right)  ? b.right.get()
                               : IsNullLiteral(*b.left) ? b.left.get()
                                                        : nullptr;
  if (null_side != nullptr) {
    auto test = std::make_shared<BoundExpr>();
    test->kind = BoundKind::kIsNull;
    test->type = TypeDesc{TypeId::kBool, -1};
    test->args = {BindExpr(null_side == b.right.get() ? *b.left : *b.right, scope)};
    test->location = Leftmost(b.location, test->args[0]->location);
    test->negated = !negated;
    return test;
  }
  auto l = BindExpr(*b.left, scope);
  auto r = BindExpr(*b.right, scope);
  auto distinct_op = [&](const BoundExprPtr& x, const BoundExprPtr& y) -> BoundExprPtr {
    // The = operator's resolution chooses the common type and reports 42883 when there is none.
    auto distinct = std::make_shared<BoundExpr>(*Compare("=", x, y, b.location));
    distinct->kind = BoundKind::kDistinct;
    distinct->op = 0;
    return distinct;
  };
  BoundExprPtr distinct;
  if (b.left->kind == ast::ExprKind::kRow && b.right->kind == ast::ExprKind::kRow) {
    // make_row_distinct_op: the fields' DistinctExprs ORed, constant false for two empty rows.
    if (l->args.size() != r->args.size()) {
      throw Error(sqlstate::kSyntaxError, "unequal number of entries in row expressions", b.location);
    }
    for (size_t i = 0; i < l->args.size(); ++i) {
      auto field = distinct_op(l->args[i], r->args[i]);
      distinct = distinct ? Logical(BoundKind::kOr, {distinct, field}, b.location) : field;
    }
    if (!distinct) distinct = MakeConst(Value::Bool(false), {TypeId::kBool, -1}, b.location);
  } else {
    distinct = distinct_op(l, r);
  }
  if (!negated) return distinct;
  auto no = std::make_shared<BoundExpr>();
  no->kind = BoundKind::kNot;
  no->type = TypeDesc{TypeId::kBool, -1};
  no->location = distinct->location;
  no->args = {distinct};
  return no;
}

}  // namespace lumadb::planner

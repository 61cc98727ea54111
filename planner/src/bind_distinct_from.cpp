// a IS [NOT] DISTINCT FROM b (parser/parse_expr.c transformAExprDistinct): a comparison that treats NULLs as
// equal values. An undecorated NULL literal on either side makes it a NullTest of the other side, as
// PostgreSQL does, so `x IS DISTINCT FROM NULL` needs no = operator and prints as `(x IS NOT NULL)`.
// IS NOT DISTINCT FROM is NOT over the DistinctExpr, which is how PostgreSQL represents and prints it.
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
  // The = operator's resolution chooses the common type and reports 42883 when there is none.
  auto eq = Compare("=", l, r, b.location);
  auto distinct = std::make_shared<BoundExpr>(*eq);
  distinct->kind = BoundKind::kDistinct;
  distinct->op = 0;
  if (!negated) return distinct;
  auto no = std::make_shared<BoundExpr>();
  no->kind = BoundKind::kNot;
  no->type = TypeDesc{TypeId::kBool, -1};
  no->location = distinct->location;
  no->args = {distinct};
  return no;
}

}  // namespace lumadb::planner

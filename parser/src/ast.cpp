// Out-of-line members of AST nodes that need SelectStmt to be complete.

#include "parser/ast.h"

namespace lumadb::ast {

SubqueryExpr::SubqueryExpr(Type t, int32_t loc) : Expr(kKind, loc), type(t) {}

SubqueryExpr::~SubqueryExpr() = default;

}  // namespace lumadb::ast

// Row constructors (gram.y row / explicit_row / implicit_row): ROW(...) and (a, b, ...) become a RowExpr;
// the binder decides whether it is compared field by field or built as a record value. Also the column
// definition list of a function returning record in FROM.
#include "grammar/statement.hpp"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;
using ast::ExprPtr;

ExprPtr Transformer::RowConstructor(const PNode& n) {
  auto row = std::make_unique<ast::RowExpr>(n.is_type<g::row_ctor>(), Loc(n));
  for (const auto& child : n.children) {
    if (child->is_type<g::expr_list>()) {
      for (auto& e : ExprList(*child)) row->args.push_back(std::move(e));
    } else {
      row->args.push_back(Expr(*child));
    }
  }
  return row;
}

void Transformer::ColumnDefinitions(const PNode& n, ast::TableRef& ref) {
  for (const auto& child : n.children) {
    if (!child->is_type<g::column_def_list>()) {
      ref.alias = Ident(*child);
      continue;
    }
    for (const auto& item : child->children) {
      ref.column_aliases.push_back(Ident(*item->children.at(0)));
      ref.column_types.push_back(Type(*item->children.at(1)));
    }
  }
}

}  // namespace lumadb::parser

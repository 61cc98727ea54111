// Row constructors (gram.y row / explicit_row / implicit_row): ROW(...) and (a, b, ...) become a RowExpr;
// the binder decides whether it is compared field by field or built as a record value. Also the column
// definition list of a function returning record in FROM, (a, b) OVERLAPS (c, d) and (expr).field.
#include "common/error.h"
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

// gram.y's `row OVERLAPS row` action: overlaps(a, b, c, d) located at the keyword, each row of exactly two
// items (42601 at the row otherwise).
ExprPtr Transformer::Overlaps(const PNode& n) {
  const PNode& rhs = *n.children.at(1);
  auto call = std::make_unique<ast::FuncCall>(std::vector<std::string>{"pg_catalog", "overlaps"}, Loc(rhs));
  const PNode* rows[] = {n.children.at(0).get(), rhs.children.at(0).get()};
  for (const PNode* side : rows) {
    ExprPtr row = RowConstructor(*side);
    auto& args = row->As<ast::RowExpr>().args;
    if (args.size() != 2) {
      throw DbError(sqlstate::kSyntaxError, std::string("wrong number of parameters on ") +
                                                (side == rows[0] ? "left" : "right") + " side of OVERLAPS expression")
          .Position(Pos(Loc(*side)));
    }
    for (auto& arg : args) call->args.push_back(std::move(arg));
  }
  return call;
}

// (expr).field is a call with an empty schema name, which no SQL name can spell (a zero-length identifier
// is an error), located at expr as PostgreSQL reports its errors; the binder selects the field. (t).* and
// (t.*).* are t.*; another expression's .* keeps the "*" field for the binder to reject.
ExprPtr Transformer::FieldSelection(const PNode& n) {
  ExprPtr e = Expr(*n.children.at(0));
  // Where the parenthesised expression starts (exprLocation's leftmost token, even for x::t); a field
  // selection inside keeps its own.
  const bool nested = e->kind == ast::ExprKind::kFunc && e->As<ast::FuncCall>().name.front().empty();
  const int32_t location = nested ? e->location : Loc(*n.children.at(0));
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const PNode& field = *n.children[i]->children.at(0);
    const bool star = field.is_type<g::star_suffix>();
    if (star && e->kind == ast::ExprKind::kStar) continue;
    if (star && e->kind == ast::ExprKind::kColumnRef && e->As<ast::ColumnRef>().names.size() == 1) {
      e = std::make_unique<ast::StarExpr>(std::move(e->As<ast::ColumnRef>().names), e->location);
      continue;
    }
    auto call = std::make_unique<ast::FuncCall>(std::vector<std::string>{"", star ? "*" : Ident(field)}, location);
    call->args.push_back(std::move(e));
    e = std::move(call);
  }
  return e;
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

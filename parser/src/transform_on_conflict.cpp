// INSERT ... ON CONFLICT (gram.y opt_on_conflict, opt_conf_expr) and the SET items it shares with UPDATE
// (set_clause_list, multiple-column items included).
#include "common/error.h"
#include "grammar/statement.hpp"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;

void Transformer::SetItems(const PNode& n, std::vector<ast::SetClause>* out) {
  if (n.is_type<g::multi_set_clause>()) {
    // (a, b) = (x, y) is a = x, b = y (transformUpdateTargetList over a MultiAssignRef of a RowExpr).
    const PNode& columns = *n.children.at(0);
    const PNode& values = *n.children.at(1);
    const std::string_view text = values.string_view();
    const bool row_keyword = text.find_first_not_of(" \t\r\n") != text.find('(');
    if (values.children.size() == 1 && columns.children.size() == 1 && !row_keyword) {
      throw DbError(sqlstate::kSyntaxError,
                    "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression")
          .Position(Pos(Loc(*values.children[0])));
    }
    if (values.children.size() != columns.children.size()) {
      throw DbError(sqlstate::kSyntaxError, "number of columns does not match number of values")
          .Position(Pos(Loc(values)));
    }
    for (size_t i = 0; i < columns.children.size(); ++i) {
      ast::SetClause set;
      set.column = Ident(*columns.children[i]);
      set.location = Loc(*columns.children[i]);
      set.value = Expr(*values.children[i]);
      out->push_back(std::move(set));
    }
    return;
  }
  ast::SetClause set;
  set.column = Ident(*n.children.at(0));
  set.location = Loc(n);
  for (size_t i = 1; i + 1 < n.children.size(); ++i) {
    if (!set.target) set.target = std::make_unique<ast::ColumnRef>(std::vector<std::string>{set.column}, set.location);
    set.target = Subscript(std::move(set.target), *n.children[i]);
  }
  set.value = Expr(*n.children.back());
  out->push_back(std::move(set));
}

std::shared_ptr<ast::OnConflictClause> Transformer::OnConflict(const PNode& n) {
  auto clause = std::make_shared<ast::OnConflictClause>();
  clause->location = Loc(n);
  for (const auto& c : n.children) {
    if (c->is_type<g::conflict_target>()) {
      for (const auto& e : c->children) {
        if (e->is_type<g::conflict_where>()) {
          clause->infer_where = Expr(*e->children.at(0));
          continue;
        }
        ast::InferenceElem elem;
        elem.location = Loc(*c);  // PostgreSQL reports every element at the InferClause
        const PNode& key = *e->children.at(0);
        if (key.is_type<g::col_id>()) {
          elem.column = Ident(key);
        } else {
          elem.expr = Expr(*key.children.at(0));
        }
        clause->infer.push_back(std::move(elem));
      }
    } else if (c->is_type<g::conflict_constraint>()) {
      clause->constraint = Ident(*c->children.at(0));
    } else if (c->is_type<g::conflict_update>()) {
      clause->do_update = true;
      for (const auto& item : c->children) {
        if (item->is_type<g::set_clause>() || item->is_type<g::multi_set_clause>()) SetItems(*item, &clause->set);
        if (item->is_type<g::where_clause>()) clause->where = Expr(*item->children.at(0));
      }
    }
  }
  return clause;
}

}  // namespace lumadb::parser

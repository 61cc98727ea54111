// GROUP BY's items (gram.y group_clause): plain expressions, and GroupingSetExpr for (), (a, b), ROLLUP,
// CUBE and GROUPING SETS, kept nested as written; the binder expands them (planner/grouping_sets.h).
#include <optional>

#include "grammar/statement.hpp"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;
using ast::ExprPtr;

void Transformer::GroupClause(const PNode& n, ast::SelectStmt& s) {
  for (const auto& c : n.children) {
    if (c->is_type<g::group_distinct>()) {
      s.group_distinct = true;
      continue;
    }
    s.group_by.push_back(GroupItem(*c));
  }
}

ExprPtr Transformer::GroupItem(const PNode& n) {
  using K = ast::GroupingSetExpr::Kind;
  std::optional<K> kind;
  if (n.is_type<g::grouping_empty>()) kind = K::kEmpty;
  if (n.is_type<g::grouping_row>()) kind = K::kSimple;
  if (n.is_type<g::rollup_clause>()) kind = K::kRollup;
  if (n.is_type<g::cube_clause>()) kind = K::kCube;
  if (n.is_type<g::grouping_sets_clause>()) kind = K::kSets;
  if (!kind) return Expr(n);
  auto set = std::make_unique<ast::GroupingSetExpr>(*kind, Loc(n));
  for (const auto& c : n.children) set->items.push_back(GroupItem(*c));
  return set;
}

}  // namespace lumadb::parser

// GROUP BY (parser/parse_clause.c transformGroupClause, transformGroupingSet) and GROUPING(...)
// (parse_agg.c transformGroupingFunc): the distinct group keys, the grouping sets of ROLLUP, CUBE and
// GROUPING SETS over them (planner/grouping_sets.h), and the GROUPING call, which the AggregateRewriter
// ties to the keys it tests.
#include <algorithm>

#include "planner/binder.h"
#include "planner/function_registry.h"
#include "planner/grouping_sets.h"

namespace lumadb::planner {

GroupingNode Binder::BindGroupItem(const ast::Expr& item, const Scope& scope, const std::vector<SelectTarget>& targets,
                                   std::vector<BoundExprPtr>* keys) {
  GroupingNode node;
  if (item.kind != ast::ExprKind::kGroupingSet) {
    BoundExprPtr key = BindGroupKey(item, scope, targets);
    auto same = std::find_if(keys->begin(), keys->end(), [&](const BoundExprPtr& k) { return ExprEquals(*k, *key); });
    node.column = static_cast<int>(same - keys->begin());
    if (same == keys->end()) keys->push_back(key);
    return node;
  }
  using K = ast::GroupingSetExpr::Kind;
  const auto& set = item.As<ast::GroupingSetExpr>();
  if (set.set_kind == K::kCube && set.items.size() > 12) {
    throw Error(sqlstate::kTooManyColumns, "CUBE is limited to 12 elements", item.location);
  }
  using NK = GroupingNode::Kind;
  node.kind = set.set_kind == K::kEmpty    ? NK::kEmpty
              : set.set_kind == K::kSimple ? NK::kSimple
              : set.set_kind == K::kRollup ? NK::kRollup
              : set.set_kind == K::kCube   ? NK::kCube
                                           : NK::kSets;
  for (const auto& i : set.items) node.items.push_back(BindGroupItem(*i, scope, targets, keys));
  return node;
}

std::vector<BoundExprPtr> Binder::BindGroupBy(const ast::SelectStmt& stmt, const Scope& scope,
                                              const std::vector<SelectTarget>& targets,
                                              std::vector<std::vector<int>>* sets) {
  std::vector<BoundExprPtr> keys;
  std::vector<GroupingNode> items;
  for (const auto& g : stmt.group_by) {
    GroupingNode item = BindGroupItem(*g, scope, targets, &keys);
    // A parenthesized list at the top is just its keys (flatten_grouping_sets of an implicit ROW).
    if (item.kind == GroupingNode::Kind::kSimple) {
      items.insert(items.end(), item.items.begin(), item.items.end());
    } else {
      items.push_back(std::move(item));
    }
  }
  *sets = ExpandGroupingSets(items, stmt.group_distinct);
  return keys;
}

BoundExprPtr Binder::BindGrouping(const ast::FuncCall& f, const Scope& scope) {
  static const AggregateFunction kGrouping{"grouping", AggKind::kGrouping, TypeId::kInvalid, TypeId::kInt4};
  if (f.args.size() >= 32) {
    throw Error(sqlstate::kTooManyArguments, "GROUPING must have fewer than 32 arguments", f.location);
  }
  if (!allow_aggregates_) {
    std::string msg = aggregate_clause_ ? std::string("grouping operations are not allowed in ") + aggregate_clause_
                                        : "aggregate function calls cannot be nested";
    throw Error(sqlstate::kGroupingError, msg, f.location);
  }
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kAggregate;
  e->location = f.location;
  e->name = "grouping";
  e->agg = &kGrouping;
  e->type = TypeDesc{TypeId::kInt4, -1};
  for (const auto& a : f.args) e->args.push_back(BindExpr(*a, scope));
  return e;
}

}  // namespace lumadb::planner

// Joins' scope bookkeeping (join_scope.h), following parse_clause.c and parse_relation.c.
#include "join_scope.h"

#include <algorithm>
#include <numeric>

namespace lumadb::planner {

namespace {

std::vector<int> StarOrder(const Scope& scope) {
  if (!scope.star_order.empty()) return scope.star_order;
  std::vector<int> order(scope.columns.size());
  std::iota(order.begin(), order.end(), 0);
  return order;
}

std::vector<int> Shifted(std::vector<int> positions, int by) {
  for (int& p : positions) p += by;
  return positions;
}

}  // namespace

void AppendScope(Scope* into, const Scope& from) {
  const int offset = static_cast<int>(into->columns.size());
  if (!into->star_order.empty() || !from.star_order.empty()) {
    std::vector<int> order = StarOrder(*into);
    for (int p : StarOrder(from)) order.push_back(p + offset);
    into->star_order = std::move(order);
  }
  for (const auto& [name, positions] : from.join_names) into->join_names.emplace_back(name, Shifted(positions, offset));
  into->columns.insert(into->columns.end(), from.columns.begin(), from.columns.end());
  into->relations.insert(into->relations.end(), from.relations.begin(), from.relations.end());
  into->hidden_relations.insert(into->hidden_relations.end(), from.hidden_relations.begin(),
                                from.hidden_relations.end());
}

const std::vector<int>* FindJoinName(const Scope& scope, const std::string& name) {
  for (const auto& [n, positions] : scope.join_names) {
    if (n == name) return &positions;
  }
  return nullptr;
}

std::vector<int> StarColumns(const Scope& scope, const std::string& qualifier) {
  if (const auto* named = FindJoinName(scope, qualifier)) return *named;
  std::vector<int> out;
  if (qualifier.empty()) {
    for (int p : StarOrder(scope)) {
      if (!scope.columns[p].hidden) out.push_back(p);
    }
    return out;
  }
  // A table's own columns keep the table's order, even when one of them leads a JOIN USING's `*`.
  for (size_t i = 0; i < scope.columns.size(); ++i) {
    if (scope.columns[i].relation == qualifier) out.push_back(static_cast<int>(i));
  }
  return out;
}

void PrependColumns(Scope* scope, const std::vector<ScopeColumn>& front) {
  const int k = static_cast<int>(front.size());
  if (!scope->star_order.empty()) scope->star_order = Shifted(scope->star_order, k);
  for (auto& named : scope->join_names) named.second = Shifted(named.second, k);
  scope->columns.insert(scope->columns.begin(), front.begin(), front.end());
}

void ApplyJoinAlias(const ast::TableRef& ref, Scope* scope) {
  std::vector<int> visible = StarColumns(*scope, "");
  if (ref.column_aliases.size() > visible.size()) {
    throw DbError(sqlstate::kInvalidColumnReference,
                  "join expression \"" + ref.alias + "\" has " + std::to_string(visible.size()) +
                      " columns available but " + std::to_string(ref.column_aliases.size()) + " columns specified");
  }
  for (const auto& r : scope->relations) {
    if (!FindJoinName(*scope, r)) scope->hidden_relations.push_back(r);
  }
  // Hidden columns (a USING side merged away) stay hidden and lose their relation: nothing reaches them.
  for (auto& c : scope->columns) c.relation = c.hidden ? "" : ref.alias;
  for (size_t i = 0; i < ref.column_aliases.size(); ++i) scope->columns[visible[i]].name = ref.column_aliases[i];
  scope->relations = {ref.alias};
  scope->join_names = {{ref.alias, visible}};
}

}  // namespace lumadb::planner

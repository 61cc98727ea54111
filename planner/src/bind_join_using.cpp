// JOIN ... USING (a, b) [AS name] and NATURAL JOIN (parser/parse_clause.c transformFromClauseItem and
// buildMergedJoinVar): each named column is compared across the sides and merged into one column that
// leads `*`. An inner or LEFT join's merged column is the left column itself, a RIGHT join's the right
// one (so GROUP BY t1.a covers it, as flatten_join_alias_vars lets it), kept in that column's type even
// when the other side's differs (PostgreSQL casts it to the common type, which GROUP BY t1.a still covers
// there); a FULL join's is COALESCE(l, r) in the common type, computed by a projection above the join.
#include <algorithm>

#include "join_scope.h"
#include "planner/binder.h"

namespace lumadb::planner {

namespace {

constexpr SqlState kDuplicateAlias{"42712"};  // ERRCODE_DUPLICATE_ALIAS

// The index of the single visible column `name` in scope, or -1; 42702 when it appears twice.
int FindUsingColumn(const Binder& b, const Scope& scope, const std::string& name, const char* side, int32_t loc) {
  int found = -1;
  for (size_t i = 0; i < scope.columns.size(); ++i) {
    if (scope.columns[i].hidden || scope.columns[i].name != name) continue;
    if (found >= 0) {
      throw b.Error(sqlstate::kAmbiguousColumn,
                    "common column name \"" + name + "\" appears more than once in " + side + " table", loc);
    }
    found = static_cast<int>(i);
  }
  if (found < 0) {
    throw b.Error(sqlstate::kUndefinedColumn,
                  "column \"" + name + "\" specified in USING clause does not exist in " + side + " table", loc);
  }
  return found;
}

std::vector<std::string> UsingNames(const ast::TableRef& ref, const Scope& left, const Scope& right) {
  if (!ref.natural) {
    for (size_t i = 0; i < ref.using_columns.size(); ++i) {
      const auto& name = ref.using_columns[i];
      if (std::find(ref.using_columns.begin(), ref.using_columns.begin() + i, name) != ref.using_columns.begin() + i) {
        throw DbError(sqlstate::kDuplicateColumn,
                      "column name \"" + name + "\" appears more than once in USING clause");
      }
    }
    return ref.using_columns;
  }
  std::vector<std::string> names;
  for (int i : StarColumns(left, "")) {
    const ScopeColumn& l = left.columns[i];
    for (const auto& r : right.columns) {
      if (!r.hidden && r.name == l.name) names.push_back(l.name);
    }
  }
  return names;
}

}  // namespace

std::vector<BoundExprPtr> Binder::BindJoinUsing(const ast::TableRef& ref, JoinKind kind, const Scope& left,
                                                const Scope& right, Scope* scope, std::vector<BoundExprPtr>* merged) {
  const int width = static_cast<int>(left.columns.size());
  AppendScope(scope, left);
  AppendScope(scope, right);
  std::vector<BoundExprPtr> conditions;
  std::vector<int> sides;  // per merged column: the left position, then the right one
  std::vector<ScopeColumn> merged_columns;
  const bool project = kind == JoinKind::kFull;
  for (const auto& name : UsingNames(ref, left, right)) {
    const int li = FindUsingColumn(*this, left, name, "left", ref.location);
    const int ri = width + FindUsingColumn(*this, right, name, "right", ref.location);
    auto& lc = scope->columns[li];
    auto& rc = scope->columns[ri];
    auto l = MakeColumn(li, lc.type, lc.relation + "." + lc.name, ref.location);
    auto r = MakeColumn(ri, rc.type, rc.relation + "." + rc.name, ref.location);
    // buildMergedJoinVar's common type is checked (42804 without a position) before the = operator.
    auto both = UnifyTypes({MakeColumn(li, lc.type, l->name), MakeColumn(ri, rc.type, r->name)}, "JOIN/USING");
    conditions.push_back(Compare("=", l, r, ref.location));
    merged->push_back(kind == JoinKind::kRight ? both[1] : both[0]);
    if (kind == JoinKind::kFull) {
      auto coalesce = std::make_shared<BoundExpr>();
      coalesce->kind = BoundKind::kCoalesce;
      coalesce->type = both[0]->type;
      coalesce->location = ref.location;
      coalesce->args = std::move(both);
      merged->back() = coalesce;
    }
    merged_columns.push_back({"", name, merged->back()->type, 0, 0, false});
    sides.push_back(li);
    sides.push_back(ri);
    // The side that is not the merged column is reachable only qualified (both, when it is computed).
    (kind == JoinKind::kRight ? lc : rc).hidden = true;
  }
  std::vector<int> order = StarColumns(*scope, "");
  std::vector<int> leading;
  if (project) {
    for (size_t i = 0; i < sides.size(); ++i) scope->columns[sides[i]].hidden = true;
    for (size_t i = 0; i < merged_columns.size(); ++i) leading.push_back(static_cast<int>(i));
    PrependColumns(scope, merged_columns);
    for (int& p : order) p += static_cast<int>(merged_columns.size());
    order.erase(std::remove_if(order.begin(), order.end(), [&](int p) { return scope->columns[p].hidden; }),
                order.end());
  } else {
    merged->clear();
    for (size_t i = 0; i < sides.size(); i += 2) leading.push_back(sides[i + (kind == JoinKind::kRight ? 1 : 0)]);
    order.erase(std::remove_if(order.begin(), order.end(),
                               [&](int p) { return std::find(leading.begin(), leading.end(), p) != leading.end(); }),
                order.end());
  }
  scope->star_order = leading;
  scope->star_order.insert(scope->star_order.end(), order.begin(), order.end());
  if (!ref.join_using_alias.empty()) {
    for (const auto& rel : scope->relations) {
      // checkNameSpaceConflicts reports it without a position.
      if (rel == ref.join_using_alias) {
        throw DbError(kDuplicateAlias, "table name \"" + rel + "\" specified more than once");
      }
    }
    scope->relations.push_back(ref.join_using_alias);
    scope->join_names.emplace_back(ref.join_using_alias, leading);
  }
  return conditions;
}

}  // namespace lumadb::planner

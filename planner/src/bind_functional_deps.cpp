// Columns functionally dependent on GROUP BY (parse_agg.c check_ungrouped_columns_walker and
// catalog/pg_constraint.c check_functional_grouping): when the keys include every primary-key column of a
// table reference, that reference's other columns may appear ungrouped. They become extra group keys here
// (a no-op for the grouping, as PostgreSQL reasons), so the AggregateRewriter finds them grouped.
#include <algorithm>

#include "planner/binder.h"

namespace lumadb::planner {

namespace {

// The columns of e read at this level, outside aggregate calls (whose arguments are not grouped).
void UngroupedCandidates(const BoundExprPtr& e, std::vector<BoundExprPtr>* out) {
  if (e->kind == BoundKind::kAggregate) return;
  if (e->kind == BoundKind::kColumn) {
    out->push_back(e);
    return;
  }
  for (const auto& a : e->args) UngroupedCandidates(a, out);
}

}  // namespace

void Binder::AddFunctionallyDependentKeys(const Scope& scope, const std::vector<BoundExprPtr>& exprs,
                                          std::vector<BoundExprPtr>* keys, std::vector<std::vector<int>>* sets) {
  // With grouping sets only the keys of every set count (parse_agg.c's gset_common).
  std::vector<int> common;
  for (size_t k = 0; k < keys->size(); ++k) {
    const bool everywhere = std::all_of(sets->begin(), sets->end(), [&](const std::vector<int>& s) {
      return std::find(s.begin(), s.end(), static_cast<int>(k)) != s.end();
    });
    if (everywhere) common.push_back(static_cast<int>(k));
  }
  auto scope_column = [&](const BoundExpr& e) -> const ScopeColumn* {
    if (e.kind != BoundKind::kColumn || e.column < 0 || static_cast<size_t>(e.column) >= scope.columns.size()) {
      return nullptr;
    }
    return &scope.columns[static_cast<size_t>(e.column)];
  };
  std::vector<BoundExprPtr> candidates;
  for (const auto& e : exprs) UngroupedCandidates(e, &candidates);
  for (const auto& c : candidates) {
    const ScopeColumn* col = scope_column(*c);
    if (!col || col->table_oid == 0) continue;
    if (std::any_of(keys->begin(), keys->end(), [&](const BoundExprPtr& k) { return ExprEquals(*k, *c); })) continue;
    auto table = catalog_.TableByOid(txn_, col->table_oid);
    if (!table || table->relkind != 'r' || table->keys.empty() || !table->keys[0].primary) continue;
    const auto& pk = table->keys[0].attnums;
    const bool covered = std::all_of(pk.begin(), pk.end(), [&](int16_t attnum) {
      return std::any_of(common.begin(), common.end(), [&](int k) {
        const ScopeColumn* key = scope_column(*(*keys)[static_cast<size_t>(k)]);
        return key && key->table_oid == col->table_oid && key->relation == col->relation && key->attnum == attnum;
      });
    });
    if (!covered) continue;
    for (auto& s : *sets) s.push_back(static_cast<int>(keys->size()));
    keys->push_back(c);
  }
}

}  // namespace lumadb::planner

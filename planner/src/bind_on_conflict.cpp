// INSERT ... ON CONFLICT (parser/parse_clause.c transformOnConflictClause / transformOnConflictArbiter,
// optimizer/util/plancat.c infer_arbiter_indexes): the arbiter indexes and the DO UPDATE action.
#include <algorithm>
#include <set>

#include "planner/binder.h"

namespace lumadb::planner {

namespace {

// ON CONSTRAINT name: the unique index behind the constraint. 42809 for a constraint without one (CHECK,
// FOREIGN KEY), 42704 for no such constraint.
Oid ConstraintIndex(const catalog::TableInfo& table, const std::string& name) {
  for (const auto& index : table.indexes) {
    if (index.name == name && index.unique) return index.oid;
  }
  bool exists = std::any_of(table.checks.begin(), table.checks.end(), [&](const auto& c) { return c.name == name; }) ||
                std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(),
                            [&](const auto& fk) { return fk.name == name && fk.table_oid == table.oid; });
  if (exists) {
    throw DbError(sqlstate::kWrongObjectType, "constraint in ON CONFLICT clause has no associated index");
  }
  throw DbError(sqlstate::kUndefinedObject,
                "constraint \"" + name + "\" for table \"" + table.name + "\" does not exist");
}

DbError NoMatchingConstraint() {
  return DbError(sqlstate::kInvalidColumnReference,
                 "there is no unique or exclusion constraint matching the ON CONFLICT specification");
}

}  // namespace

std::shared_ptr<const OnConflictPlan> Binder::BindOnConflict(const ast::OnConflictClause& clause,
                                                             const std::shared_ptr<const catalog::TableInfo>& table,
                                                             const std::string& alias) {
  auto plan = std::make_shared<OnConflictPlan>();
  plan->do_update = clause.do_update;
  if (clause.do_update && clause.infer.empty() && clause.constraint.empty()) {
    throw Error(sqlstate::kSyntaxError, "ON CONFLICT DO UPDATE requires inference specification or constraint name",
                clause.location)
        .Hint("For example, ON CONFLICT (column_name).");
  }
  const Scope target = TableScope(*table, alias);
  if (!clause.constraint.empty()) {
    plan->arbiters.push_back(ConstraintIndex(*table, clause.constraint));
  } else if (!clause.infer.empty()) {
    // Inference elements are bound over the target for their errors (42703 with a hint); an expression
    // can only match an expression index, which LumaDB does not have.
    std::set<int16_t> columns;
    bool has_expression = false;
    for (const auto& elem : clause.infer) {
      if (elem.expr) {
        BindExpr(*elem.expr, target);
        has_expression = true;
        continue;
      }
      ast::ColumnRef ref({elem.column}, elem.location);
      auto bound = BindExpr(ref, target);
      columns.insert(table->columns[static_cast<size_t>(bound->column)].attnum);
    }
    if (clause.infer_where) CoerceToBool(BindExpr(*clause.infer_where, target), "WHERE");
    for (const auto& index : table->indexes) {
      if (!index.unique || has_expression) continue;
      std::set<int16_t> keys;
      for (const auto& c : index.columns) keys.insert(c.attnum);
      if (keys == columns) plan->arbiters.push_back(index.oid);
    }
    if (plan->arbiters.empty()) throw NoMatchingConstraint();
  }
  if (clause.do_update) {
    // SET and WHERE see the existing row under the target's name and the proposed one as EXCLUDED.
    Scope scope = target;
    Scope excluded = TableScope(*table, "excluded");
    scope.columns.insert(scope.columns.end(), excluded.columns.begin(), excluded.columns.end());
    scope.relations.push_back("excluded");
    aggregate_clause_ = "UPDATE";
    plan->set = BindSetList(clause.set, table, scope);
    if (clause.where) {
      aggregate_clause_ = "WHERE";
      plan->where = CoerceToBool(BindExpr(*clause.where, scope), "WHERE");
    }
  }
  return plan;
}

}  // namespace lumadb::planner

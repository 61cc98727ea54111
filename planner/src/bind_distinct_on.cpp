// SELECT DISTINCT ON (...) (parse_clause.c transformDistinctOnClause): the first row of each group of
// rows with equal ON values, in ORDER BY's order. Planned as a Sort (ORDER BY's keys, the ON expressions
// not among them inserted after the matching prefix) under a WindowAgg computing row_number() per group
// and a Filter keeping row 1, which reads each sorted group once like PostgreSQL's Unique node.
#include "common/sqlstate_window.h"
#include "planner/binder.h"
#include "planner/function_registry.h"
#include "planner/type_rules.h"
#include "planner/window_plan.h"

namespace lumadb::planner {

void Binder::AppendDistinctOnKeys(const ast::SelectStmt& stmt, const Scope& scope,
                                  const std::vector<SelectTarget>& targets, std::vector<SortKey>* keys) {
  for (const auto& e : stmt.distinct_on) {
    SortKey key;
    if (e->kind == ast::ExprKind::kConstant && e->As<ast::ConstExpr>().type == ast::ConstExpr::Type::kInteger) {
      int64_t pos = std::stoll(e->As<ast::ConstExpr>().text);
      if (pos < 1 || pos > static_cast<int64_t>(targets.size())) {
        throw Error(sqlstate::kInvalidColumnReference,
                    "DISTINCT ON position " + std::to_string(pos) + " is not in select list", e->location);
      }
      key.expr = targets[pos - 1].expr;
    } else if (e->kind == ast::ExprKind::kColumnRef && e->As<ast::ColumnRef>().names.size() == 1) {
      const std::string& name = e->As<ast::ColumnRef>().names[0];
      bool in_scope = false;
      for (const auto& c : scope.columns) in_scope = in_scope || (!c.hidden && c.name == name);
      for (const auto& t : targets) {
        if (!in_scope && t.column.name == name && !key.expr) key.expr = t.expr;
      }
    }
    if (!key.expr) key.expr = BindExpr(*e, scope);
    keys->push_back(key);
  }
}

PlanPtr Binder::PlanDistinctOn(const ast::SelectStmt& stmt, PlanPtr plan, const std::vector<SortKey>& keys) {
  const size_t norder = keys.size() - stmt.distinct_on.size();
  std::vector<SortKey> order(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(norder));
  std::vector<SortKey> on(keys.begin() + static_cast<std::ptrdiff_t>(norder), keys.end());
  auto is_on = [&](const SortKey& k) {
    for (const auto& o : on) {
      if (ExprEquals(*o.expr, *k.expr)) return true;
    }
    return false;
  };
  // ORDER BY must begin with the ON expressions (in any order); the rest of it orders rows inside groups.
  size_t prefix = 0;
  while (prefix < order.size() && is_on(order[prefix])) ++prefix;
  std::vector<SortKey> sort_keys(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(prefix));
  for (size_t i = 0; i < on.size(); ++i) {
    bool present = false;
    for (const auto& k : sort_keys) present = present || ExprEquals(*k.expr, *on[i].expr);
    if (present) continue;
    if (prefix < order.size()) {
      throw Error(sqlstate::kInvalidColumnReference,
                  "SELECT DISTINCT ON expressions must match initial ORDER BY expressions",
                  stmt.distinct_on[i]->location);
    }
    sort_keys.push_back(on[i]);
  }
  for (size_t i = prefix; i < order.size(); ++i) {
    if (is_on(order[i])) continue;
    sort_keys.push_back(order[i]);
  }
  auto sort = std::make_shared<SortPlan>();
  sort->output = plan->output;
  sort->child = plan;
  sort->keys = sort_keys;
  auto window = std::make_shared<WindowAggPlan>();
  window->child = sort;
  window->output = plan->output;
  for (const auto& k : on) window->partition.push_back(k.expr);
  window->frame.end = ast::FrameBoundKind::kCurrentRow;
  WindowCall call;
  call.kind = WindowFuncKind::kRowNumber;
  call.name = "row_number";
  call.result = {TypeId::kInt8, -1};
  window->calls.push_back(call);
  window->output.push_back({"row_number", call.result});
  auto filter = std::make_shared<FilterPlan>();
  filter->child = window;
  filter->output = window->output;
  const int column = static_cast<int>(window->output.size() - 1);
  filter->predicate =
      Compare("=", MakeColumn(column, call.result, "row_number"), MakeConst(Value::Int8(1), {TypeId::kInt8, -1}), -1);
  return filter;
}

}  // namespace lumadb::planner

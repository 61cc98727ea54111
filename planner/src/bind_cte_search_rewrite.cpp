// Executing SEARCH and CYCLE of WITH RECURSIVE as PostgreSQL's rewriter does (rewriteSearchCycle.c):
// both terms get the extra columns, computed from the term's own output and, in the recursive term, from
// the work table row it was made from (passed through as hidden extra targets):
//   SEARCH DEPTH FIRST BY a, b SET seq     seq = ARRAY[ROW(a, b)]  /  wt.seq || ROW(a, b)
//   SEARCH BREADTH FIRST BY a, b SET seq   seq = ROW(0, a, b)      /  ROW(wt.seq.*DEPTH* + 1, a, b)
//   CYCLE a, b SET mark [TO v DEFAULT d] USING path
//       mark = d, path = ARRAY[ROW(a, b)]  /  mark = CASE WHEN ROW(a, b) = ANY (wt.path) THEN v ELSE d END,
//       path = wt.path || ROW(a, b), for work table rows whose mark is not v.
#include <algorithm>

#include "common/array.h"
#include "common/array_funcs.h"
#include "common/record.h"
#include "common/value_ops.h"
#include "parser/ast_views.h"
#include "planner/binder.h"
#include "planner/function_registry.h"

namespace lumadb::planner {

namespace {

// Internal calls of the rewritten terms (no SQL name reaches them).
Value AppendRow(const std::vector<Value>& a, const FunctionEnv&) {
  return ArrayAppend(a[0], a[1]);
}

Value NextDepth(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Int8(a[0].GetRecord().fields.at(0).GetInt() + 1);
}

// ROW(...) = ANY (path), with record_eq's equality (NULL fields equal).
Value InPath(const std::vector<Value>& a, const FunctionEnv&) {
  if (a[1].is_null()) return Value::Bool(false);
  for (const Value& item : a[1].GetArray().items) {
    if (!item.is_null() && CompareValues(item, a[0]) == 0) return Value::Bool(true);
  }
  return Value::Bool(false);
}

const ScalarFunction kAppendRow{
    "array_append", {array_type::kRecord, TypeId::kRecord}, array_type::kRecord, AppendRow, false};
const ScalarFunction kNextDepth{"search_depth", {TypeId::kRecord}, TypeId::kInt8, NextDepth};
const ScalarFunction kInPath{"cycle_member", {TypeId::kRecord, array_type::kRecord}, TypeId::kBool, InPath, false};

BoundExprPtr Call(const ScalarFunction& f, std::vector<BoundExprPtr> args) {
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kFunc;
  e->type = {f.result, -1};
  e->name = f.name;
  e->func = &f;
  e->args = std::move(args);
  return e;
}

// The output columns of the CTE (its column list, else the term's names).
std::vector<std::string> ColumnNames(const ast::CommonTableExpr& cte, const PlanNode& term, size_t width) {
  std::vector<std::string> names;
  for (size_t i = 0; i < width; ++i) names.push_back(i < cte.columns.size() ? cte.columns[i] : term.output[i].name);
  return names;
}

// ROW(columns...) over the first columns of a term's output, optionally led by `depth`.
BoundExprPtr RowOf(const std::vector<std::string>& columns, const std::vector<std::string>& names, const PlanNode& term,
                   BoundExprPtr depth) {
  auto row = std::make_shared<BoundExpr>();
  row->kind = BoundKind::kRow;
  row->type = {TypeId::kRecord, -1};
  auto fields = std::make_shared<std::vector<std::string>>();
  if (depth) {
    row->args.push_back(std::move(depth));
    fields->push_back("*DEPTH*");
  }
  for (const auto& c : columns) {
    const auto at = static_cast<size_t>(std::find(names.begin(), names.end(), c) - names.begin());
    row->args.push_back(MakeColumn(static_cast<int>(at), term.output[at].type, c));
    fields->push_back(c);
  }
  row->field_names = std::move(fields);
  return row;
}

PlanPtr Project(PlanPtr child, std::vector<BoundExprPtr> exprs, std::vector<OutputColumn> output) {
  auto p = std::make_shared<ProjectPlan>();
  p->child = std::move(child);
  p->exprs = std::move(exprs);
  p->output = std::move(output);
  return p;
}

// The CTE's column names as its non-recursive term gave them, for the recursive term of the same CTE,
// whose own output names may differ ((x + 1) % 4 is ?column?): set by SearchCycleNonRecursive, read by
// SearchCycleRecursive, which BindRecursiveCte calls next for the same CTE.
thread_local std::pair<const ast::CommonTableExpr*, std::vector<std::string>> term_names;

// The FROM item of the recursive term reading the CTE: its alias, or the CTE name.
std::string WorkTableAlias(const ast::TableRef& ref, const std::string& name) {
  if (ref.kind == ast::TableRefKind::kJoin) {
    std::string left = WorkTableAlias(*ref.left, name);
    return left.empty() ? WorkTableAlias(*ref.right, name) : left;
  }
  if (ref.kind != ast::TableRefKind::kBase || !ref.table.schema.empty() || ref.table.name != name) return "";
  return ref.alias.empty() ? name : ref.alias;
}

}  // namespace

size_t SearchCycleColumnCount(const ast::CommonTableExpr& cte) {
  return (cte.search ? 1 : 0) + (cte.cycle ? 2 : 0);
}

std::pair<BoundExprPtr, BoundExprPtr> Binder::CycleMarkValues(const ast::CommonTableExpr& cte) {
  const ast::CteCycleClause& cycle = *cte.cycle;
  if (!cycle.mark_value)
    return {MakeConst(Value::Bool(true), {TypeId::kBool, -1}), MakeConst(Value::Bool(false), {TypeId::kBool, -1})};
  Scope none;
  auto both = UnifyTypes({BindExpr(*cycle.mark_value, none), BindExpr(*cycle.mark_default, none)}, "CYCLE");
  return {both[0], both[1]};
}

PlanPtr Binder::SearchCycleNonRecursive(const ast::CommonTableExpr& cte, PlanPtr left) {
  const size_t n = left->output.size();
  const auto names = ColumnNames(cte, *left, n);
  term_names = {&cte, names};
  std::vector<BoundExprPtr> exprs;
  std::vector<OutputColumn> output = left->output;
  for (size_t i = 0; i < n; ++i) exprs.push_back(MakeColumn(static_cast<int>(i), left->output[i].type, names[i]));
  const BoundExprPtr no_path = MakeConst(Value::Null(array_type::kRecord), {array_type::kRecord, -1});
  if (const auto* search = cte.search.get()) {
    exprs.push_back(search->breadth_first
                        ? RowOf(search->columns, names, *left, MakeConst(Value::Int8(0), {TypeId::kInt8, -1}))
                        : Call(kAppendRow, {no_path, RowOf(search->columns, names, *left, nullptr)}));
    output.push_back({search->sequence_column, exprs.back()->type});
  }
  if (const auto* cycle = cte.cycle.get()) {
    exprs.push_back(CycleMarkValues(cte).second);
    output.push_back({cycle->mark_column, exprs.back()->type});
    exprs.push_back(Call(kAppendRow, {no_path, RowOf(cycle->columns, names, *left, nullptr)}));
    output.push_back({cycle->path_column, exprs.back()->type});
  }
  return Project(std::move(left), std::move(exprs), std::move(output));
}

PlanPtr Binder::SearchCycleRecursive(const ast::CommonTableExpr& cte, Binder& term, size_t width) {
  LUMADB_ASSERT(term_names.first == &cte && term_names.second.size() == width, "SEARCH/CYCLE terms out of order");
  const std::vector<std::string> names = std::move(term_names.second);
  term_names = {};
  auto& right = const_cast<ast::SelectStmt&>(*cte.query->As<ast::SelectStmt>().rarg);
  std::string alias;
  for (const auto& ref : right.from) {
    if (alias.empty()) alias = WorkTableAlias(*ref, cte.name);
  }
  // The work table's extra columns, passed through as hidden targets for the computation above the term;
  // the statement is restored whatever happens.
  std::vector<std::string> extras;
  if (cte.search) extras.push_back(cte.search->sequence_column);
  if (cte.cycle) extras.insert(extras.end(), {cte.cycle->mark_column, cte.cycle->path_column});
  const size_t targets = right.targets.size();
  struct Restore {
    ast::SelectStmt& stmt;
    size_t size;
    ~Restore() { stmt.targets.resize(size); }
  } restore{right, targets};
  for (const auto& extra : extras) {
    ast::SelectItem item;
    item.expr = std::make_unique<ast::ColumnRef>(std::vector<std::string>{alias, extra}, -1);
    right.targets.push_back(std::move(item));
  }
  PlanPtr plan = term.BindSelect(right);
  if (plan->output.size() != width + extras.size()) {
    throw Error(sqlstate::kSyntaxError, "each UNION query must have the same number of columns", cte.location);
  }
  size_t next = width;
  std::vector<BoundExprPtr> exprs;
  std::vector<OutputColumn> output(plan->output.begin(), plan->output.begin() + static_cast<std::ptrdiff_t>(width));
  for (size_t i = 0; i < width; ++i) exprs.push_back(MakeColumn(static_cast<int>(i), plan->output[i].type, names[i]));
  auto old = [&](size_t i) { return MakeColumn(static_cast<int>(i), plan->output[i].type, plan->output[i].name); };
  if (const auto* search = cte.search.get()) {
    const BoundExprPtr seq = old(next++);
    exprs.push_back(search->breadth_first ? RowOf(search->columns, names, *plan, Call(kNextDepth, {seq}))
                                          : Call(kAppendRow, {seq, RowOf(search->columns, names, *plan, nullptr)}));
    output.push_back({search->sequence_column, exprs.back()->type});
  }
  if (const auto* cycle = cte.cycle.get()) {
    const auto [mark, unmarked] = CycleMarkValues(cte);
    const BoundExprPtr old_mark = old(next++);
    const BoundExprPtr path = old(next++);
    const BoundExprPtr row = RowOf(cycle->columns, names, *plan, nullptr);
    auto is_cycle = std::make_shared<BoundExpr>();
    is_cycle->kind = BoundKind::kCase;
    is_cycle->type = mark->type;
    is_cycle->args = {Call(kInPath, {row, path}), mark, unmarked};
    is_cycle->has_else = true;
    exprs.push_back(is_cycle);
    output.push_back({cycle->mark_column, mark->type});
    exprs.push_back(Call(kAppendRow, {path, row}));
    output.push_back({cycle->path_column, exprs.back()->type});
    // Rows of the work table that closed a cycle are not expanded (the rewriter's "mark <> v" qual).
    auto filter = std::make_shared<FilterPlan>();
    filter->child = plan;
    filter->predicate = Compare("<>", old_mark, mark, cte.location);
    filter->output = plan->output;
    plan = filter;
  }
  return Project(std::move(plan), std::move(exprs), std::move(output));
}

}  // namespace lumadb::planner

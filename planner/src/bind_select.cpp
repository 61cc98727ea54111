// SELECT: target lists, GROUP BY / aggregates / HAVING, ORDER BY, DISTINCT, LIMIT, VALUES and set
// operations (parser/analyze.c transformSelectStmt, parse_agg.c, parse_clause.c).
#include "aggregate_rewriter.h"
#include "decorrelate.h"
#include "index_selection.h"
#include "join_scope.h"
#include "parallel_plan.h"
#include "plan_util.h"
#include "planner/binder.h"
#include "planner/function_registry.h"
#include "planner/grouping_sets.h"
#include "planner/type_rules.h"
#include "prune_columns.h"

namespace lumadb::planner {

namespace {

// A bare integer literal in ORDER BY / GROUP BY names a select-list position.
std::optional<int64_t> PositionLiteral(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::kConstant) return std::nullopt;
  const auto& c = e.As<ast::ConstExpr>();
  if (c.type != ast::ConstExpr::Type::kInteger) return std::nullopt;
  return std::stoll(c.text);
}

// A bare unqualified name, or empty.
std::string BareName(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::kColumnRef) return "";
  const auto& names = e.As<ast::ColumnRef>().names;
  return names.size() == 1 ? names[0] : "";
}

bool ScopeHas(const Scope& scope, const std::string& name) {
  for (const auto& c : scope.columns) {
    if (!c.hidden && c.name == name) return true;
  }
  return false;
}

std::shared_ptr<ProjectPlan> Project(PlanPtr child, const std::vector<SelectTarget>& targets) {
  auto p = std::make_shared<ProjectPlan>();
  p->child = std::move(child);
  for (const auto& t : targets) {
    p->exprs.push_back(t.expr);
    p->output.push_back(t.column);
  }
  return p;
}

// child's rows extended by the select list's set-returning calls (ProjectSetPlan).
PlanPtr ProjectSet(PlanPtr child, SetFunctions functions) {
  auto p = std::make_shared<ProjectSetPlan>();
  p->output = child->output;
  for (const auto& f : functions) p->output.push_back(f->output[0]);
  p->child = std::move(child);
  p->functions = std::move(functions);
  return p;
}

}  // namespace

PlanPtr Binder::BindSelect(const ast::SelectStmt& stmt) {
  WithScope with(this, stmt, stmt.with.get());
  if (!stmt.locking.empty() && (stmt.set_op != ast::SetOpType::kNone || !stmt.values.empty())) {
    CheckLockingAllowed(stmt, false);
  }
  if (stmt.set_op != ast::SetOpType::kNone) return with.Attach(BindSetOp(stmt));
  if (!stmt.values.empty()) return with.Attach(BindValues(stmt));
  return with.Attach(PlanParallelTopN(PlanParallelAggregate(PruneScanColumns(UseIndexes(BindSimpleSelect(stmt))))));
}

PlanPtr Binder::BindSimpleSelect(const ast::SelectStmt& stmt) {
  Scope scope;
  const size_t first_scan = from_scans_.size();
  WindowClauseContext window_clause(this, stmt);
  SrfContext no_srf(this, nullptr, nullptr);
  PlanPtr plan = BindFrom(stmt.from, &scope);
  if (stmt.where) {
    SrfContext in_where(this, nullptr, "WHERE");
    allow_aggregates_ = false;
    aggregate_clause_ = "WHERE";
    auto predicate = CoerceToBool(BindExpr(*stmt.where, scope), "WHERE");
    std::vector<SublinkJoin> sublinks;
    predicate = PullUpSublinks(predicate, &sublinks);
    if (!predicate) {
      // Every term became a semi or anti join.
    } else if (plan->kind == PlanKind::kJoin && plan->As<JoinPlan>().join == JoinKind::kInner) {
      // Over an inner join, WHERE is just more join condition; moving it there lets FROM a, b WHERE
      // a.x = b.y hash instead of filtering a cross product.
      auto join = std::make_shared<JoinPlan>(plan->As<JoinPlan>());
      join->condition =
          join->condition ? Logical(BoundKind::kAnd, {join->condition, predicate}, predicate->location) : predicate;
      ExtractHashKeys(join.get(), static_cast<int>(join->left->output.size()));
      plan = join;
    } else if (plan->kind == PlanKind::kSeqScan) {
      // Checked by the scan after it has locked and re-read each row (see SeqScanPlan).
      from_scans_[first_scan].scan->qual = predicate;
    } else {
      auto filter = std::make_shared<FilterPlan>();
      filter->predicate = predicate;
      filter->output = plan->output;
      filter->child = plan;
      plan = filter;
    }
    for (const auto& j : sublinks) plan = MakeSublinkJoin(plan, j);
  }
  allow_aggregates_ = true;
  SetFunctions srfs;
  std::vector<SelectTarget> targets;
  {
    SrfContext in_targets(this, &srfs, nullptr, plan->output.size());
    targets = BindTargets(stmt, scope);
  }

  std::vector<std::vector<int>> grouping_sets;
  std::vector<BoundExprPtr> groups = BindGroupBy(stmt, scope, targets, &grouping_sets);
  for (const auto& g : groups) CheckNoWindowCall(*g, "GROUP BY");
  BoundExprPtr having;
  if (stmt.having) {
    SrfContext in_having(this, nullptr, "HAVING");
    having = CoerceToBool(BindExpr(*stmt.having, scope), "HAVING");
    CheckNoWindowCall(*having, "HAVING");
  }

  std::vector<SortKey> keys = BindOrderKeys(stmt, scope, targets);
  AppendDistinctOnKeys(stmt, scope, targets, &keys);
  CheckNoJsonKeys(stmt, groups, targets, keys);

  bool has_agg = !stmt.group_by.empty() || having != nullptr;
  for (const auto& t : targets) has_agg = has_agg || ContainsAggregate(*t.expr);
  for (const auto& k : keys) has_agg = has_agg || ContainsAggregate(*k.expr);
  for (const auto& f : srfs) {
    for (const auto& a : f->args) has_agg = has_agg || ContainsAggregate(*a);
  }
  if (!stmt.locking.empty()) {
    CheckLockingAllowed(stmt, has_agg);
    ApplyLocking(stmt, scope, first_scan);
  }
  if (has_agg) {
    const int srf_base = srfs.empty() ? -1 : static_cast<int>(plan->output.size());
    for (const auto& g : groups) {
      if (srf_base >= 0 && ColumnSpan(*g).second >= srf_base) {
        throw Error(sqlstate::kFeatureNotSupported, "set-returning functions in GROUP BY are not supported",
                    g->location);
      }
    }
    if (!groups.empty()) {
      std::vector<BoundExprPtr> used;
      for (const auto& t : targets) used.push_back(t.expr);
      for (const auto& k : keys) used.push_back(k.expr);
      if (having) used.push_back(having);
      AddFunctionallyDependentKeys(scope, used, &groups, &grouping_sets);
    }
    AggregateRewriter rw(*this, groups, srf_base);
    for (auto& t : targets) t.expr = rw.Rewrite(t.expr);
    for (auto& k : keys) k.expr = rw.Rewrite(k.expr);
    if (having) having = rw.Rewrite(having);
    // The calls' arguments are evaluated over the Aggregate's rows (generate_series(1, count(*))).
    for (auto& f : srfs) {
      auto copy = std::make_shared<FunctionScanPlan>(*f);
      for (auto& a : copy->args) a = rw.Rewrite(a);
      f = copy;
    }
    const int width = static_cast<int>(rw.groups().size() + rw.aggregates().size());
    for (auto& t : targets) t.expr = PlaceSrfColumns(t.expr, width);
    for (auto& k : keys) k.expr = PlaceSrfColumns(k.expr, width);
    auto agg = std::make_shared<AggregatePlan>();
    agg->child = plan;
    agg->groups = rw.groups();
    agg->aggregates = rw.aggregates();
    agg->grouping_sets = HashedSetOrder(grouping_sets);
    for (const auto& g : agg->groups) agg->output.push_back({g->name, g->type});
    for (const auto& a : agg->aggregates) agg->output.push_back({a.func->name, a.result});
    plan = agg;
    if (having) {
      auto filter = std::make_shared<FilterPlan>();
      filter->predicate = having;
      filter->output = plan->output;
      filter->child = plan;
      plan = filter;
    }
  }

  plan = PlanWindows(plan, &targets, &keys, !srfs.empty());
  if (!srfs.empty()) plan = ProjectSet(plan, std::move(srfs));
  if (!stmt.distinct_on.empty()) return ApplyLimit(stmt, Project(PlanDistinctOn(stmt, plan, keys), targets));
  if (!stmt.distinct) {
    if (!keys.empty()) {
      auto sort = std::make_shared<SortPlan>();
      sort->output = plan->output;
      sort->child = plan;
      sort->keys = keys;
      plan = sort;
    }
    return ApplyLimit(stmt, Project(plan, targets));
  }
  auto distinct = std::make_shared<DistinctPlan>();
  distinct->child = Project(plan, targets);
  distinct->output = distinct->child->output;
  plan = distinct;
  if (!keys.empty()) {
    auto sort = std::make_shared<SortPlan>();
    for (size_t k = 0; k < keys.size(); ++k) {
      int index = -1;
      for (size_t i = 0; i < targets.size() && index < 0; ++i) {
        if (ExprEquals(*keys[k].expr, *targets[i].expr)) index = static_cast<int>(i);
      }
      if (index < 0) {
        throw Error(sqlstate::kInvalidColumnReference,
                    "for SELECT DISTINCT, ORDER BY expressions must appear in select list",
                    stmt.order_by[k].expr->location);
      }
      SortKey key = keys[k];
      key.expr = MakeColumn(index, targets[index].expr->type, targets[index].column.name);
      sort->keys.push_back(key);
    }
    sort->output = plan->output;
    sort->child = plan;
    plan = sort;
  }
  return ApplyLimit(stmt, plan);
}

std::vector<SelectTarget> Binder::BindTargets(const ast::SelectStmt& stmt, const Scope& scope) {
  return BindTargetList(stmt.targets, scope, !stmt.from.empty());
}

std::vector<SelectTarget> Binder::BindTargetList(const std::vector<ast::SelectItem>& items, const Scope& scope,
                                                 bool has_from) {
  bool keep_unknown = keep_unknown_targets_;
  keep_unknown_targets_ = false;  // only the INSERT's own SELECT list keeps untyped literals
  std::vector<SelectTarget> targets;
  for (const auto& item : items) {
    if (item.expr->kind == ast::ExprKind::kStar) {
      const auto& qualifier = item.expr->As<ast::StarExpr>().qualifier;
      if (!has_from) {
        throw Error(sqlstate::kSyntaxError, "SELECT * with no tables specified is not valid", item.expr->location);
      }
      std::string rel = qualifier.empty() ? "" : qualifier.back();
      bool known = rel.empty();
      for (const auto& r : scope.relations) known = known || r == rel;
      if (!known) {
        throw Error(sqlstate::kUndefinedTable, "missing FROM-clause entry for table \"" + rel + "\"",
                    item.expr->location);
      }
      for (int i : StarColumns(scope, rel)) {
        const auto& c = scope.columns[i];
        if (c.no_star) continue;  // SEARCH/CYCLE columns the recursive term added
        NoteColumnRead(c);
        targets.push_back({MakeColumn(i, c.type, c.relation + "." + c.name, item.expr->location),
                           {c.name, c.type, c.table_oid, c.attnum}});
      }
      continue;
    }
    auto bound = BindExpr(*item.expr, scope);
    OutputColumn col{item.alias.empty() ? FigureColumnName(*item.expr, query_text_) : item.alias, bound->type};
    if (bound->type.id == TypeId::kUnknown && !keep_unknown) {
      // An untyped literal in the select list resolves to text (PostgreSQL 10+ resolveTargetListUnknowns).
      bound = TryCoerce(bound, {TypeId::kText, -1}, CastContext::kImplicit);
      col.type = bound->type;
    }
    if (item.expr->kind == ast::ExprKind::kColumnRef && bound->kind == BoundKind::kColumn) {
      col.table_oid = scope.columns[bound->column].table_oid;
      col.attnum = scope.columns[bound->column].attnum;
    }
    targets.push_back({bound, col});
  }
  return targets;
}

std::vector<SortKey> Binder::BindOrderKeys(const ast::SelectStmt& stmt, const Scope& scope,
                                           const std::vector<SelectTarget>& targets) {
  std::vector<SortKey> keys;
  for (const auto& o : stmt.order_by) {
    SortKey key;
    key.descending = o.descending;
    key.nulls_first = o.nulls_first.value_or(o.descending);
    std::string name = BareName(*o.expr);
    if (auto pos = PositionLiteral(*o.expr)) {
      if (*pos < 1 || *pos > static_cast<int64_t>(targets.size())) {
        throw Error(sqlstate::kInvalidColumnReference,
                    "ORDER BY position " + std::to_string(*pos) + " is not in select list", o.expr->location);
      }
      key.expr = targets[*pos - 1].expr;
    } else {
      for (const auto& t : targets) {
        if (name.empty() || t.column.name != name) continue;
        // findTargetlistEntrySQL92: two select items of that name are fine only if they are the same.
        if (key.expr && !ExprEquals(*key.expr, *t.expr)) {
          throw Error(sqlstate::kAmbiguousColumn, "ORDER BY \"" + name + "\" is ambiguous", o.expr->location);
        }
        key.expr = t.expr;
      }
      if (!key.expr) key.expr = BindExpr(*o.expr, scope);
      // An untyped parameter sorts as text (addTargetToSortList resolves unknown sort keys to text).
      if (key.expr->kind == BoundKind::kParam && key.expr->type.id == TypeId::kUnknown) {
        key.expr = TryCoerce(key.expr, {TypeId::kText, -1}, CastContext::kImplicit);
      }
    }
    keys.push_back(key);
  }
  return keys;
}

PlanPtr Binder::BindValues(const ast::SelectStmt& stmt) {
  auto values = std::make_shared<ValuesPlan>();
  size_t width = stmt.values[0].size();
  std::vector<std::vector<BoundExprPtr>> columns(width);
  for (const auto& row : stmt.values) {
    if (row.size() != width) {
      throw Error(sqlstate::kSyntaxError, "VALUES lists must all be the same length", row[0]->location);
    }
    for (size_t i = 0; i < width; ++i) columns[i].push_back(BindExpr(*row[i], Scope{}));
  }
  for (size_t i = 0; i < width; ++i) {
    columns[i] = UnifyTypes(std::move(columns[i]), "VALUES");
    if (columns[i][0]->type.id == TypeId::kUnknown) {
      for (auto& e : columns[i]) e = TryCoerce(e, {TypeId::kText, -1}, CastContext::kImplicit);
    }
    values->output.push_back({"column" + std::to_string(i + 1), columns[i][0]->type});
  }
  for (size_t r = 0; r < stmt.values.size(); ++r) {
    std::vector<BoundExprPtr> row;
    for (size_t i = 0; i < width; ++i) row.push_back(columns[i][r]);
    values->rows.push_back(std::move(row));
  }
  return ApplyOutputOrderAndLimit(stmt, values);
}

PlanPtr Binder::BindSetOp(const ast::SelectStmt& stmt) {
  const char* names[] = {"", "UNION", "INTERSECT", "EXCEPT"};
  const char* name = names[static_cast<int>(stmt.set_op)];
  PlanPtr left = BindSelect(*stmt.larg);
  PlanPtr right = BindSelect(*stmt.rarg);
  if (left->output.size() != right->output.size()) {
    int32_t loc = stmt.rarg->targets.empty() ? stmt.rarg->location : stmt.rarg->targets[0].location;
    throw Error(sqlstate::kSyntaxError, std::string("each ") + name + " query must have the same number of columns",
                loc);
  }
  auto lproj = std::make_shared<ProjectPlan>();
  auto rproj = std::make_shared<ProjectPlan>();
  bool cast_needed = false;
  auto setop = std::make_shared<SetOpPlan>();
  for (size_t i = 0; i < left->output.size(); ++i) {
    TypeDesc lt = left->output[i].type;
    TypeDesc rt = right->output[i].type;
    auto l = MakeColumn(static_cast<int>(i), lt, left->output[i].name);
    auto r = MakeColumn(static_cast<int>(i), rt, right->output[i].name);
    if (i < stmt.rarg->targets.size()) r = MakeColumn(static_cast<int>(i), rt, "", stmt.rarg->targets[i].location);
    auto unified = lt == rt ? std::vector<BoundExprPtr>{l, r} : UnifyTypes({l, r}, name);
    cast_needed = cast_needed || unified[0] != l || unified[1] != r;
    lproj->exprs.push_back(unified[0]);
    rproj->exprs.push_back(unified[1]);
    setop->output.push_back({left->output[i].name, unified[0]->type});
  }
  if (cast_needed) {
    lproj->child = left;
    lproj->output = setop->output;
    rproj->child = right;
    rproj->output = setop->output;
    left = lproj;
    right = rproj;
  }
  setop->left = left;
  setop->right = right;
  setop->op = stmt.set_op == ast::SetOpType::kUnion       ? SetOpKind::kUnion
              : stmt.set_op == ast::SetOpType::kIntersect ? SetOpKind::kIntersect
                                                          : SetOpKind::kExcept;
  setop->all = stmt.set_all;
  return ApplyOutputOrderAndLimit(stmt, setop);
}

PlanPtr Binder::ApplyOutputOrderAndLimit(const ast::SelectStmt& stmt, PlanPtr plan) {
  if (!stmt.order_by.empty()) {
    Scope scope;
    for (const auto& c : plan->output) scope.columns.push_back({"", c.name, c.type, 0, 0, false});
    auto sort = std::make_shared<SortPlan>();
    for (const auto& o : stmt.order_by) {
      SortKey key;
      key.descending = o.descending;
      key.nulls_first = o.nulls_first.value_or(o.descending);
      if (auto pos = PositionLiteral(*o.expr)) {
        if (*pos < 1 || *pos > static_cast<int64_t>(plan->output.size())) {
          throw Error(sqlstate::kInvalidColumnReference,
                      "ORDER BY position " + std::to_string(*pos) + " is not in select list", o.expr->location);
        }
        key.expr = MakeColumn(static_cast<int>(*pos - 1), plan->output[*pos - 1].type, "");
      } else {
        allow_aggregates_ = false;
        aggregate_clause_ = "ORDER BY";
        key.expr = BindExpr(*o.expr, scope);
      }
      sort->keys.push_back(key);
    }
    sort->output = plan->output;
    sort->child = plan;
    plan = sort;
  }
  return ApplyLimit(stmt, plan);
}

BoundExprPtr Binder::BindLimitValue(const ast::Expr& expr, const char* clause) {
  allow_aggregates_ = false;
  aggregate_clause_ = clause;
  auto e = BindExpr(expr, Scope{});
  auto c = TryCoerce(e, {TypeId::kInt8, -1}, CastContext::kImplicit);
  if (!c) {
    throw Error(sqlstate::kDatatypeMismatch,
                std::string("argument of ") + clause + " must be type bigint, not type " + TypeDisplayName(e->type.id),
                e->location);
  }
  return c;
}

PlanPtr Binder::ApplyLimit(const ast::SelectStmt& stmt, PlanPtr plan) {
  if (!stmt.limit && !stmt.offset) return plan;
  auto limit = std::make_shared<LimitPlan>();
  if (stmt.limit) limit->limit = BindLimitValue(*stmt.limit, "LIMIT");
  if (stmt.offset) limit->offset = BindLimitValue(*stmt.offset, "OFFSET");
  limit->output = plan->output;
  limit->child = plan;
  return limit;
}

// One GROUP BY key: a select-list position, an output column name no input column has, or an expression
// (parse_clause.c findTargetlistEntrySQL92).
BoundExprPtr Binder::BindGroupKey(const ast::Expr& g, const Scope& scope, const std::vector<SelectTarget>& targets) {
  if (auto pos = PositionLiteral(g)) {
    if (*pos < 1 || *pos > static_cast<int64_t>(targets.size())) {
      throw Error(sqlstate::kInvalidColumnReference,
                  "GROUP BY position " + std::to_string(*pos) + " is not in select list", g.location);
    }
    return targets[*pos - 1].expr;
  }
  std::string name = BareName(g);
  if (!name.empty() && !ScopeHas(scope, name)) {
    const SelectTarget* match = nullptr;
    for (const auto& t : targets) {
      if (t.column.name == name) match = &t;
    }
    if (match) return match->expr;
  }
  allow_aggregates_ = false;
  aggregate_clause_ = "GROUP BY";
  BoundExprPtr key = BindExpr(g, scope);
  allow_aggregates_ = true;
  return key;
}

}  // namespace lumadb::planner

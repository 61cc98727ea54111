// FROM clause: base tables, joins (ON, USING, NATURAL), subqueries in FROM (parser/parse_clause.c).
#include <algorithm>

#include "information_schema.h"
#include "join_scope.h"
#include "plan_util.h"
#include "planner/binder.h"
#include "system_view.h"

namespace lumadb::planner {

namespace {

JoinKind ToJoinKind(ast::JoinType t) {
  switch (t) {
    case ast::JoinType::kLeft:
      return JoinKind::kLeft;
    case ast::JoinType::kRight:
      return JoinKind::kRight;
    case ast::JoinType::kFull:
      return JoinKind::kFull;
    default:
      return JoinKind::kInner;
  }
}

// Concatenates two plans' outputs under a join node.
std::shared_ptr<JoinPlan> NewJoin(PlanPtr left, PlanPtr right, JoinKind kind) {
  auto j = std::make_shared<JoinPlan>();
  j->output = left->output;
  j->output.insert(j->output.end(), right->output.begin(), right->output.end());
  j->left = std::move(left);
  j->right = std::move(right);
  j->join = kind;
  return j;
}

}  // namespace

void ExtractHashKeys(JoinPlan* join, int left_width) {
  join->left_keys.clear();
  join->right_keys.clear();
  if (!join->condition || join->method == JoinMethod::kNestLoop) return;
  std::vector<BoundExprPtr> terms =
      join->condition->kind == BoundKind::kAnd ? join->condition->args : std::vector<BoundExprPtr>{join->condition};
  for (const auto& t : terms) {
    if (t->kind != BoundKind::kCompare || static_cast<CompareOp>(t->op) != CompareOp::kEq) continue;
    auto a = ColumnSpan(*t->args[0]);
    auto b = ColumnSpan(*t->args[1]);
    if (a.first < 0 || b.first < 0) continue;
    bool a_left = a.second < left_width;
    bool b_left = b.second < left_width;
    bool a_right = a.first >= left_width;
    bool b_right = b.first >= left_width;
    if (a_left && b_right) {
      join->left_keys.push_back(t->args[0]);
      join->right_keys.push_back(ShiftColumns(t->args[1], left_width));
    } else if (b_left && a_right) {
      join->left_keys.push_back(t->args[1]);
      join->right_keys.push_back(ShiftColumns(t->args[0], left_width));
    }
  }
}

PlanPtr Binder::BindFrom(const std::vector<ast::TableRefPtr>& from, Scope* scope) {
  if (from.empty()) {
    auto values = std::make_shared<ValuesPlan>();
    values->rows.emplace_back();
    return values;
  }
  PlanPtr plan;
  bool saved_allow = allow_aggregates_;
  const char* saved_clause = aggregate_clause_;
  allow_aggregates_ = false;
  aggregate_clause_ = "FROM clause of their own query level";
  for (const auto& ref : from) {
    Scope item;
    if (!plan) {
      plan = BindTableRef(*ref, &item);
    } else {
      // Later items may read earlier ones' columns (LATERAL): their join sets them per left row.
      std::vector<ExecParamBinding> lateral;
      PlanPtr p = BindLateralItem(*ref, *scope, &lateral, &item);
      auto join = NewJoin(plan, p, JoinKind::kInner);
      join->lateral_params = std::move(lateral);
      plan = join;
    }
    AppendScope(scope, item);
  }
  allow_aggregates_ = saved_allow;
  aggregate_clause_ = saved_clause;
  return plan;
}

PlanPtr Binder::BindTableRef(const ast::TableRef& ref, Scope* scope) {
  if (ref.kind == ast::TableRefKind::kBase) return BindBaseTable(ref, scope);
  if (ref.kind == ast::TableRefKind::kJoin) return BindJoin(ref, scope);
  if (ref.kind == ast::TableRefKind::kFunction) return BindFunctionTable(ref, scope);
  if (ref.alias.empty()) {
    throw Error(sqlstate::kSyntaxError, "subquery in FROM must have an alias", ref.location)
        .Hint("For example, FROM (SELECT ...) [AS] foo.");
  }
  PlanPtr plan = NestedBinder(nullptr)->BindSelect(*ref.subquery);
  scope->relations.push_back(ref.alias);
  for (size_t i = 0; i < plan->output.size(); ++i) {
    const auto& out = plan->output[i];
    std::string name = i < ref.column_aliases.size() ? ref.column_aliases[i] : out.name;
    scope->columns.push_back({ref.alias, name, out.type, 0, 0, false});
  }
  return plan;
}

std::shared_ptr<const catalog::TableInfo> Binder::LookupTableOrThrow(const ast::QualifiedName& name) {
  auto table = catalog_.LookupTable(txn_, name.schema, name.name, search_path_);
  if (!table && name.schema == "information_schema") {
    table = InformationSchemaView(catalog_, txn_, search_path_, name.name);
  }
  if (!table) {
    std::string shown = name.schema.empty() ? name.name : name.schema + "." + name.name;
    throw Error(sqlstate::kUndefinedTable, "relation \"" + shown + "\" does not exist", name.location);
  }
  return table;
}

RelationPermission& Binder::RequirePermission(const std::shared_ptr<const catalog::TableInfo>& table,
                                              catalog::AclMode mode, int16_t attnum) {
  auto it = std::find_if(permissions_->begin(), permissions_->end(),
                         [&](const RelationPermission& p) { return p.table->oid == table->oid; });
  if (it == permissions_->end()) it = permissions_->insert(permissions_->end(), RelationPermission{table, 0, {}, {}});
  it->required |= mode;
  if (attnum > 0) it->modified.insert(attnum);
  return *it;
}

void Binder::NoteColumnRead(const ScopeColumn& c) {
  for (RelationPermission& p : *permissions_) {
    if (c.table_oid != 0 && p.table->oid == c.table_oid) p.selected.insert(c.attnum);
  }
}

std::shared_ptr<SeqScanPlan> Binder::ScanPlan(std::shared_ptr<const catalog::TableInfo> table, bool emit_rid) {
  auto scan = std::make_shared<SeqScanPlan>();
  for (const auto& c : table->columns) scan->output.push_back({c.name, c.type, table->oid, c.attnum});
  if (emit_rid) scan->output.push_back({"ctid", {TypeId::kInt8, -1}, 0, 0});
  scan->table = std::move(table);
  scan->emit_rid = emit_rid;
  return scan;
}

PlanPtr Binder::BindBaseTable(const ast::TableRef& ref, Scope* scope) {
  if (PlanPtr view = BindActivityView(ref, scope)) return view;
  if (PlanPtr cte = BindCteRef(ref, scope)) return cte;
  if (auto system_view = SystemView(catalog_, txn_, search_path_, ref.table)) {
    SystemViewExpansion raw;
    return BindView(ref, system_view, scope);
  }
  auto table = LookupTableOrThrow(ref.table);
  if (table->relkind == 'v') return BindView(ref, table, scope);
  if (table->oid == 1255 && table->namespace_oid == catalog::kPgCatalogNamespace) {
    return BindProcView(ref, table, scope);
  }
  RequirePermission(table, catalog::kAclSelect);
  std::string rel = ref.alias.empty() ? table->name : ref.alias;
  scope->relations.push_back(rel);
  for (size_t i = 0; i < table->columns.size(); ++i) {
    const auto& c = table->columns[i];
    std::string name = i < ref.column_aliases.size() ? ref.column_aliases[i] : c.name;
    scope->columns.push_back({rel, name, c.type, table->oid, c.attnum, false});
  }
  auto scan = ScanPlan(table, false);
  scan->alias = ref.alias;
  from_scans_.push_back({rel, scan});
  return scan;
}

PlanPtr Binder::BindJoin(const ast::TableRef& ref, Scope* scope) {
  Scope left_scope;
  Scope right_scope;
  const size_t left_scans = from_scans_.size();
  PlanPtr left = BindTableRef(*ref.left, &left_scope);
  const size_t right_scans = from_scans_.size();
  std::vector<ExecParamBinding> lateral;
  PlanPtr right = BindLateralItem(*ref.right, left_scope, &lateral, &right_scope);
  JoinKind kind = ToJoinKind(ref.join_type);
  if (!lateral.empty() && (kind == JoinKind::kRight || kind == JoinKind::kFull)) {
    // Reported at the first lateral reference, naming its table (transformFromClauseItem).
    const BoundExpr& first = *lateral.front().value;
    throw Error(
        sqlstate::kInvalidColumnReference,
        "invalid reference to FROM-clause entry for table \"" + first.name.substr(0, first.name.rfind('.')) + "\"",
        first.location)
        .Detail("The combining JOIN type must be INNER or LEFT for a LATERAL reference.");
  }
  // The NULL-extended side of an outer join cannot be row-locked (PostgreSQL's make_outerjoininfo).
  for (size_t i = left_scans; i < from_scans_.size(); ++i) {
    bool right_side = i >= right_scans;
    if (kind == JoinKind::kFull || (kind == JoinKind::kLeft && right_side) ||
        (kind == JoinKind::kRight && !right_side)) {
      from_scans_[i].nullable = true;
    }
  }
  auto join = NewJoin(left, right, kind);
  join->lateral_params = std::move(lateral);
  const size_t offset = left_scope.columns.size();
  std::vector<BoundExprPtr> conditions;
  std::vector<BoundExprPtr> merged;
  if (ref.natural || !ref.using_columns.empty()) {
    conditions = BindJoinUsing(ref, kind, left_scope, right_scope, scope, &merged);
  } else {
    AppendScope(scope, left_scope);
    AppendScope(scope, right_scope);
  }
  if (ref.on) {
    bool saved_allow = allow_aggregates_;
    const char* saved_clause = aggregate_clause_;
    allow_aggregates_ = false;
    aggregate_clause_ = "JOIN conditions";
    conditions.push_back(CoerceToBool(BindExpr(*ref.on, *scope), "JOIN/ON"));
    allow_aggregates_ = saved_allow;
    aggregate_clause_ = saved_clause;
  }
  if (!conditions.empty()) {
    join->condition = conditions.size() == 1 ? conditions[0] : Logical(BoundKind::kAnd, conditions, ref.location);
    ExtractHashKeys(join.get(), static_cast<int>(offset));
  }
  PlanPtr plan = join;
  if (!merged.empty()) {
    // The computed merged columns lead the join's own columns (see bind_join_using.cpp).
    auto project = std::make_shared<ProjectPlan>();
    for (size_t i = 0; i < merged.size(); ++i) project->output.push_back({scope->columns[i].name, merged[i]->type});
    project->exprs = std::move(merged);
    for (size_t i = 0; i < join->output.size(); ++i) {
      project->exprs.push_back(MakeColumn(static_cast<int>(i), join->output[i].type, join->output[i].name));
      project->output.push_back(join->output[i]);
    }
    project->child = join;
    plan = project;
  }
  if (!ref.alias.empty()) ApplyJoinAlias(ref, scope);
  return plan;
}

}  // namespace lumadb::planner

// Subquery expressions and references to enclosing query levels (parser/parse_expr.c transformSubLink,
// parse_relation.c colNameToVar/refnameNamespaceItem with levelsup, optimizer/plan/subselect.c's
// PARAM_EXEC parameters). A column found in an enclosing level becomes a kExecParam slot; the subquery
// expression (or lateral join) at that level sets the slot from its row before running its subplan.
#include <algorithm>
#include <optional>

#include "join_scope.h"
#include "planner/binder.h"
#include "planner/type_rules.h"

namespace lumadb::planner {

namespace {

std::shared_ptr<BoundExpr> NewSubquery(int32_t location) {
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kSubquery;
  e->type = {TypeId::kBool, -1};
  e->location = location;
  return e;
}

bool IsComparison(const std::string& op) {
  return op == "=" || op == "<>" || op == "<" || op == "<=" || op == ">" || op == ">=";
}

// The slot of params holding `value`, adding one from the statement's counter when none does yet.
int ParamFor(std::vector<ExecParamBinding>* params, const BoundExprPtr& value, int* next_id) {
  for (const auto& p : *params) {
    if (ExprEquals(*p.value, *value)) return p.id;
  }
  params->push_back({(*next_id)++, value});
  return params->back().id;
}

std::string QualifiedName(const ScopeColumn& c) {
  return c.relation.empty() ? c.name : c.relation + "." + c.name;
}

}  // namespace

int FindScopeColumn(const Binder& binder, const Scope& scope, const ast::ColumnRef& ref) {
  const std::string& col = ref.names.back();
  std::string qualifier = ref.names.size() >= 2 ? ref.names[ref.names.size() - 2] : "";
  if (!qualifier.empty() &&
      std::find(scope.relations.begin(), scope.relations.end(), qualifier) == scope.relations.end()) {
    return kNoSuchRelation;
  }
  if (!qualifier.empty() && std::count(scope.relations.begin(), scope.relations.end(), qualifier) > 1) {
    // Two entries of one level share the name (a target aliased EXCLUDED in ON CONFLICT DO UPDATE):
    // ERRCODE_AMBIGUOUS_ALIAS.
    throw binder.Error(SqlState{"42P09"}, "table reference \"" + qualifier + "\" is ambiguous", ref.location);
  }
  int found = -1;
  const std::vector<int>* named = FindJoinName(scope, qualifier);
  for (size_t i = 0; i < scope.columns.size(); ++i) {
    const auto& c = scope.columns[i];
    if (c.name != col) continue;
    const bool reachable = named ? std::find(named->begin(), named->end(), static_cast<int>(i)) != named->end()
                           : qualifier.empty() ? !c.hidden
                                               : c.relation == qualifier;
    if (!reachable) continue;
    if (found >= 0) {
      throw binder.Error(sqlstate::kAmbiguousColumn, "column reference \"" + col + "\" is ambiguous", ref.location);
    }
    found = static_cast<int>(i);
  }
  return found;
}

std::unique_ptr<Binder> Binder::NestedBinder(const OuterLevel* level) {
  auto inner = std::make_unique<Binder>(catalog_, txn_, search_path_, query_text_);
  inner->params_ = params_;
  inner->permissions_ = permissions_;
  inner->exec_params_ = exec_params_;
  inner->sql_function_scope_ = sql_function_scope_;
  if (level) inner->outer_.push_back(*level);
  inner->outer_.insert(inner->outer_.end(), outer_.begin(), outer_.end());
  return inner;
}

BoundExprPtr Binder::BindOuterColumn(const ast::ColumnRef& ref) {
  const bool qualified = ref.names.size() >= 2;
  const std::string& col = ref.names.back();
  // An item only LATERAL could see is skipped, so an enclosing level may still have the name
  // (colNameToVar); when none has it, parse_relation.c errorMissingRTE / errorMissingColumn name that item.
  std::optional<DbError> lateral_only;
  for (size_t k = 0; k < outer_.size(); ++k) {
    const OuterLevel& level = outer_[k];
    int found = FindScopeColumn(*this, *level.scope, ref);
    if (found == kNoSuchRelation || (found < 0 && !qualified)) continue;
    if (!level.visible) {
      if (lateral_only) continue;
      if (qualified) {
        const std::string& rel = ref.names[ref.names.size() - 2];
        lateral_only = Error(sqlstate::kUndefinedTable,
                             "invalid reference to FROM-clause entry for table \"" + rel + "\"", ref.location)
                           .Hint("There is an entry for table \"" + rel +
                                 "\", but it cannot be referenced from this part of the query.");
      } else {
        lateral_only =
            Error(sqlstate::kUndefinedColumn, "column \"" + col + "\" does not exist", ref.location)
                .Hint("There is a column named \"" + col + "\" in table \"" + level.scope->columns[found].relation +
                      "\", but it cannot be referenced from this part of the query.");
      }
      continue;
    }
    if (found < 0) {
      std::string shown;
      for (const auto& n : ref.names) shown += (shown.empty() ? "" : ".") + n;
      throw Error(sqlstate::kUndefinedColumn, "column " + shown + " does not exist", ref.location);
    }
    const ScopeColumn& c = level.scope->columns[found];
    NoteColumnRead(c);
    auto value = MakeColumn(found, c.type, QualifiedName(c), ref.location);
    return OuterReference(k, value, QualifiedName(c), ref.location);
  }
  if (lateral_only) throw *lateral_only;
  return nullptr;
}

BoundExprPtr Binder::OuterReference(size_t level, BoundExprPtr value, const std::string& name, int32_t location) {
  for (size_t i = level + 1; i-- > 0;) {
    // A lateral level's join sets only its own items' slots; what lies beyond it is read directly.
    if (i != level && outer_[i].lateral) continue;
    int id = ParamFor(outer_[i].params, value, exec_params_.get());
    value = MakeExecParam(id, value->type, name, location);
  }
  return value;
}

int Binder::ParamLevel(int id) const {
  for (size_t i = 0; i < outer_.size(); ++i) {
    for (const auto& p : *outer_[i].params) {
      if (p.id != id) continue;
      if (p.value->kind == BoundKind::kExecParam) return ParamLevel(p.value->op);
      return static_cast<int>(i);
    }
  }
  return -1;
}

int Binder::AggregateLevel(const std::vector<BoundExprPtr>& args) const {
  int level = INT32_MAX;
  std::vector<const BoundExpr*> stack;
  for (const auto& a : args) stack.push_back(a.get());
  while (!stack.empty()) {
    const BoundExpr* e = stack.back();
    stack.pop_back();
    if (e->kind == BoundKind::kColumn) return -1;
    if (e->kind == BoundKind::kExecParam) {
      int l = ParamLevel(e->op);
      if (l >= 0) level = std::min(level, l);
    }
    for (const auto& a : e->args) stack.push_back(a.get());
  }
  return level == INT32_MAX ? -1 : level;
}

PlanPtr Binder::BindLateralItem(const ast::TableRef& ref, const Scope& earlier, std::vector<ExecParamBinding>* lateral,
                                Scope* scope) {
  // Functions in FROM are lateral without the keyword (transformRangeFunction).
  const bool visible = ref.lateral || ref.kind == ast::TableRefKind::kFunction;
  outer_.insert(outer_.begin(), OuterLevel{&earlier, this, lateral, true, visible});
  struct Pop {
    std::vector<OuterLevel>* levels;
    ~Pop() { levels->erase(levels->begin()); }
  } pop{&outer_};
  return BindTableRef(ref, scope);
}

BoundExprPtr Binder::BindSubquery(const ast::SubqueryExpr& s, const Scope& scope) {
  using ST = ast::SubqueryExpr::Type;
  if ((s.type == ST::kIn || s.type == ST::kAny || s.type == ST::kAll) && s.arg->kind == ast::ExprKind::kRow) {
    return RowSubquery(s.arg->As<ast::RowExpr>(), s.type == ST::kIn ? "=" : s.op, s, scope, s.location);
  }
  std::vector<ExecParamBinding> params;
  OuterLevel level{&scope, this, &params};
  PlanPtr plan = NestedBinder(&level)->BindSelect(*s.query);
  auto e = NewSubquery(s.location);
  auto finish = [&](SubqueryKind kind) -> BoundExprPtr {
    e->op = static_cast<int>(kind);
    e->subplan = plan;
    for (auto& p : params) {
      e->param_ids.push_back(p.id);
      e->args.push_back(std::move(p.value));
    }
    return e;
  };
  if (s.type == ST::kExists) {
    e->negated = s.negated;
    return finish(SubqueryKind::kExists);
  }
  if (plan->output.size() != 1) {
    // transformSubLink words it differently for a comparison's right side.
    const char* msg = s.type == ST::kScalar || s.type == ST::kArray ? "subquery must return only one column"
                      : plan->output.size() > 1                     ? "subquery has too many columns"
                                                                    : "subquery has too few columns";
    throw Error(sqlstate::kSyntaxError, msg, s.location);
  }
  if (s.type == ST::kScalar) {
    e->type = plan->output[0].type;
    return finish(SubqueryKind::kScalar);
  }
  if (s.type == ST::kArray) {
    // Array rows build an array of one more dimension, of the same array type.
    const TypeId element = plan->output[0].type.id;
    const TypeId array = IsArrayType(element) ? element : ArrayTypeOf(element);
    if (array == TypeId::kInvalid) {
      throw Error(sqlstate::kUndefinedObject, "could not find array type for data type " + TypeDisplayName(element),
                  s.location);
    }
    e->type = {array, -1};
    return finish(SubqueryKind::kArray);
  }
  const std::string op = s.type == ST::kIn ? "=" : s.op;
  if (!IsComparison(op)) {
    throw Error(sqlstate::kFeatureNotSupported, "operator " + op + " with ANY/ALL (subquery) is not supported",
                s.location);
  }
  auto arg = BindExpr(*s.arg, scope);
  auto column = MakeColumn(0, plan->output[0].type, plan->output[0].name, s.location);
  auto cmp = Compare(op, arg, column, s.location);
  if (cmp->args[1] != column) {
    auto project = std::make_shared<ProjectPlan>();
    project->child = plan;
    project->exprs.push_back(cmp->args[1]);
    project->output = plan->output;
    project->output[0].type = cmp->args[1]->type;
    plan = project;
  }
  e->args.push_back(cmp->args[0]);
  e->column = cmp->op;
  e->negated = s.negated;
  return finish(s.type == ST::kAll ? SubqueryKind::kAll : SubqueryKind::kAny);
}

BoundExprPtr Binder::RowSubquery(const ast::RowExpr& row, const std::string& op, const ast::SubqueryExpr& sublink,
                                 const Scope& scope, int32_t location) {
  using ST = ast::SubqueryExpr::Type;
  std::vector<ExecParamBinding> params;
  OuterLevel level{&scope, this, &params};
  PlanPtr plan = NestedBinder(&level)->BindSelect(*sublink.query);
  const auto left = BindRow(row, scope);
  const size_t n = left->args.size();
  if (plan->output.size() != n) {
    throw Error(sqlstate::kSyntaxError,
                plan->output.size() > n ? "subquery has too many columns" : "subquery has too few columns", location);
  }
  std::vector<BoundExprPtr> outer, inner;
  for (size_t i = 0; i < n; ++i) {
    const BoundExprPtr& value = left->args[i];
    // A constant needs no parameter, and an untyped literal is then coerced (and checked) when binding.
    if (value->kind == BoundKind::kConst) {
      outer.push_back(value);
    } else {
      const int id = ParamFor(&params, value, exec_params_.get());
      outer.push_back(MakeExecParam(id, value->type, "$" + std::to_string(id), value->location));
    }
    inner.push_back(MakeColumn(static_cast<int>(i), plan->output[i].type, plan->output[i].name, sublink.location));
  }
  auto project = std::make_shared<ProjectPlan>();
  project->child = plan;
  project->exprs.push_back(CompareRows(op, outer, inner, location));
  project->output.push_back({"?column?", {TypeId::kBool, -1}});
  auto e = NewSubquery(sublink.location);
  e->subplan = project;
  if (sublink.type == ST::kScalar) {
    e->op = static_cast<int>(SubqueryKind::kScalar);
  } else {
    // true = ANY/ALL over the rows' comparison results: ANY is true on a true one, ALL false on a false one,
    // else a NULL one makes it NULL, as for a single column.
    e->op = static_cast<int>(sublink.type == ST::kAll ? SubqueryKind::kAll : SubqueryKind::kAny);
    e->column = static_cast<int>(CompareOp::kEq);
    e->negated = sublink.negated;
    e->args.push_back(MakeConst(Value::Bool(true), {TypeId::kBool, -1}, sublink.location));
  }
  for (auto& p : params) {
    e->param_ids.push_back(p.id);
    e->args.push_back(std::move(p.value));
  }
  return e;
}

}  // namespace lumadb::planner

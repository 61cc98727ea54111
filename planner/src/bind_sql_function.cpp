// Calls of user-defined SQL functions (PostgreSQL's functions.c and check_sql_fn_retval). The body is
// parsed and bound per call site with the function's parameters as an enclosing query level: a parameter
// ($n or its name, found after the body's own columns, as sql_fn_post_column_ref) becomes a kExecParam slot
// whose value is the call's argument. A scalar call is a scalar subquery over the last statement (its first
// row, NULL when none); a call in FROM runs the body as a lateral right side of a one-row VALUES of the
// arguments, so the arguments are evaluated once per call and never captured by the body's names.
#include "parser/parser.h"
#include "planner/binder.h"
#include "planner/sql_functions.h"
#include "planner/type_rules.h"

namespace lumadb::planner {
namespace {

// How deep SQL function bodies may nest while binding: a recursive function is bound again at each
// level, so this plays max_stack_depth's part (54001).
constexpr int kMaxFunctionNesting = 64;
thread_local int function_nesting = 0;
// Set while CREATE FUNCTION checks a body: calls of user functions inside it are typed but not expanded,
// so a recursive body validates (PostgreSQL's validator never runs the calls either).
thread_local bool validating = false;

DbError ReturnMismatch(const catalog::FunctionInfo& f, const std::string& detail) {
  const std::string type =
      f.return_relation != 0 || !OutputParameters(f).empty() ? "record" : FormatType(TypeDesc{f.return_type, -1});
  return DbError(SqlState{"42P13"}, "return type mismatch in function declared to return " + type)
      .Detail(detail)
      .Context("SQL function \"" + f.name + "\"");
}

bool IsQuery(const ast::Statement& s) {
  return s.kind == ast::StmtKind::kSelect;
}

}  // namespace

bool ValidatingFunctionBody() {
  return validating;
}

std::vector<OutputColumn> Binder::FunctionResultColumns(const catalog::FunctionInfo& f) {
  std::vector<OutputColumn> out;
  for (const auto& [name, type] : OutputParameters(f)) out.push_back({name, {type, -1}});
  if (!out.empty()) return out;
  if (f.return_relation != 0) {
    if (auto table = catalog_.TableByOid(txn_, f.return_relation)) {
      for (const auto& c : table->columns) out.push_back({c.name, c.type});
    }
    return out;
  }
  out.push_back({f.name, {f.return_type, -1}});
  return out;
}

BoundFunctionBody Binder::BindFunctionBody(const catalog::FunctionInfo& f, bool for_call) {
  if (function_nesting >= kMaxFunctionNesting) {
    throw DbError(SqlState{"54001"}, "stack depth limit exceeded")
        .Hint(
            "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring the "
            "platform's stack depth limit is adequate.");
  }
  ++function_nesting;
  const bool was_validating = validating;
  validating = validating || !for_call;
  struct Unnest {
    bool restore;
    ~Unnest() {
      --function_nesting;
      validating = restore;
    }
  } unnest{was_validating};
  const std::string text = FunctionBodyText(f);
  auto statements = parser::Parse(text);
  Scope scope;
  for (const auto& [name, type] : InputParameters(f)) scope.columns.push_back({f.name, name, {type, -1}, 0, 0, false});
  scope.relations.push_back(f.name);
  BoundFunctionBody out;
  out.columns = FunctionResultColumns(f);
  Binder body(catalog_, txn_, search_path_, text);
  body.permissions_ = permissions_;
  body.exec_params_ = exec_params_;
  body.outer_.push_back(OuterLevel{&scope, &body, &out.params});
  body.sql_function_scope_ = &scope;
  const ast::Statement* last = nullptr;
  for (const auto& s : statements) {
    PlanPtr plan;
    switch (s->kind) {
      case ast::StmtKind::kSelect:
        plan = body.BindSelect(s->As<ast::SelectStmt>());
        break;
      case ast::StmtKind::kInsert:
        plan = body.BindInsert(s->As<ast::InsertStmt>());
        break;
      case ast::StmtKind::kUpdate:
        plan = body.BindUpdate(s->As<ast::UpdateStmt>());
        break;
      case ast::StmtKind::kDelete:
        plan = body.BindDelete(s->As<ast::DeleteStmt>());
        break;
      default:
        throw DbError(sqlstate::kFeatureNotSupported, "this statement is not supported in a SQL function");
    }
    if (for_call && !IsQuery(*s)) {
      throw DbError(sqlstate::kFeatureNotSupported,
                    "SQL function \"" + f.name + "\" runs INSERT, UPDATE or DELETE, which LumaDB cannot call yet");
    }
    last = s.get();
    out.plan = plan;
  }
  if (f.return_type == TypeId::kVoid && f.return_relation == 0 && OutputParameters(f).empty()) return out;
  if (!last || !IsQuery(*last)) {
    throw ReturnMismatch(f, "Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
  }
  CoerceFunctionResult(f, out);
  return out;
}

void Binder::CoerceFunctionResult(const catalog::FunctionInfo& f, BoundFunctionBody& body) {
  const auto& got = body.plan->output;
  const bool composite = f.return_relation != 0 || !OutputParameters(f).empty();
  if (!composite && got.size() != 1) throw ReturnMismatch(f, "Final statement must return exactly one column.");
  if (got.size() > body.columns.size()) throw ReturnMismatch(f, "Final statement returns too many columns.");
  if (got.size() < body.columns.size()) throw ReturnMismatch(f, "Final statement returns too few columns.");
  auto project = std::make_shared<ProjectPlan>();
  project->child = body.plan;
  bool changed = false;
  for (size_t i = 0; i < got.size(); ++i) {
    const TypeDesc want = body.columns[i].type;
    auto column = MakeColumn(static_cast<int>(i), got[i].type, got[i].name);
    auto cast = got[i].type.id == want.id ? column : TryCoerce(column, want, CastContext::kAssignment);
    if (!cast) {
      throw ReturnMismatch(f, composite ? "Final statement returns " + FormatType(got[i].type) + " instead of " +
                                              FormatType(want) + " at column " + std::to_string(i + 1) + "."
                                        : "Actual return type is " + FormatType(got[i].type) + ".");
    }
    changed = changed || cast != column;
    project->exprs.push_back(cast);
    project->output.push_back({body.columns[i].name, cast->type});
  }
  if (changed) body.plan = project;
}

std::vector<BoundExprPtr> Binder::FunctionArguments(const catalog::FunctionInfo& f, std::vector<BoundExprPtr> args) {
  const size_t missing = f.arg_types.size() - args.size();
  if (missing > 0) {
    std::string sql = "SELECT ";
    const size_t first = f.arg_defaults.size() - missing;
    for (size_t i = first; i < f.arg_defaults.size(); ++i) sql += (i > first ? ", " : "") + f.arg_defaults[i];
    auto parsed = parser::Parse(sql);
    Binder defaults(catalog_, txn_, search_path_, sql);
    for (const auto& item : parsed.at(0)->As<ast::SelectStmt>().targets) {
      args.push_back(defaults.BindExpr(*item.expr, Scope{}));
    }
  }
  for (size_t i = 0; i < args.size(); ++i) args[i] = CoerceOrThrow(args[i], {f.arg_types[i], -1}, args[i]->location);
  return args;
}

BoundExprPtr Binder::BindSqlFunctionCall(const catalog::FunctionInfo& f, std::vector<BoundExprPtr> args,
                                         int32_t location) {
  args = FunctionArguments(f, std::move(args));
  if (validating) {
    const auto columns = FunctionResultColumns(f);
    const TypeDesc type = columns.size() == 1 ? columns[0].type : TypeDesc{f.return_type, -1};
    return MakeConst(Value::Null(type.id), type, location);
  }
  BoundFunctionBody body = BindFunctionBody(f, true);
  const bool composite = body.columns.size() != 1;
  const TypeDesc result = composite ? TypeDesc{TypeId::kRecord, -1} : body.columns[0].type;
  if (!body.plan) return MakeConst(Value::Null(result.id), result, location);
  PlanPtr plan = body.plan;
  if (composite) {
    // A function returning a row (OUT parameters, a table type) called as a value: its row is one record.
    auto row = std::make_shared<BoundExpr>();
    row->kind = BoundKind::kRow;
    row->type = result;
    auto names = std::make_shared<std::vector<std::string>>();
    for (size_t i = 0; i < body.columns.size(); ++i) {
      row->args.push_back(MakeColumn(static_cast<int>(i), plan->output[i].type, body.columns[i].name));
      names->push_back(body.columns[i].name);
    }
    row->field_names = std::move(names);
    auto project = std::make_shared<ProjectPlan>();
    project->child = plan;
    project->exprs.push_back(row);
    project->output.push_back({f.name, result});
    plan = project;
  }
  if (result.id == TypeId::kVoid) {
    // The last statement runs; its row, whatever its columns, reads as void.
    auto project = std::make_shared<ProjectPlan>();
    project->child = plan;
    project->exprs.push_back(MakeConst(Value::Void(), result));
    project->output.push_back({f.name, result});
    plan = project;
  }
  auto limit = std::make_shared<LimitPlan>();
  limit->child = plan;
  limit->limit = MakeConst(Value::Int8(1), {TypeId::kInt8, -1});
  limit->output = plan->output;
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kSubquery;
  e->op = static_cast<int>(SubqueryKind::kScalar);
  e->type = result;
  e->location = location;
  e->subplan = limit;
  for (const auto& p : body.params) {
    e->param_ids.push_back(p.id);
    e->args.push_back(args.at(static_cast<size_t>(p.value->column)));
  }
  if (!f.strict || args.empty()) return e;
  // STRICT: NULL in any argument is a NULL result without running the body.
  auto any_null = std::make_shared<BoundExpr>();
  any_null->kind = BoundKind::kOr;
  any_null->type = {TypeId::kBool, -1};
  for (const auto& a : args) {
    auto test = std::make_shared<BoundExpr>();
    test->kind = BoundKind::kIsNull;
    test->type = {TypeId::kBool, -1};
    test->args.push_back(a);
    any_null->args.push_back(test);
  }
  auto c = std::make_shared<BoundExpr>();
  c->kind = BoundKind::kCase;
  c->type = e->type;
  c->location = location;
  c->has_else = true;
  c->args = {any_null->args.size() == 1 ? any_null->args[0] : any_null, MakeConst(Value::Null(e->type.id), e->type), e};
  return c;
}

}  // namespace lumadb::planner

// Where calls of user-defined SQL functions enter the binder: a call in an expression (after the built-in
// registry's exact matches, as a function of the search path with identical arguments would lose to
// pg_catalog's), a call in FROM, and $n inside a function body.
#include <cctype>

#include "parser/parser.h"
#include "planner/binder.h"
#include "planner/sql_functions.h"

namespace lumadb::planner {

UserFunctionMatch Binder::MatchUserFunction(const std::vector<std::string>& names,
                                            const std::vector<BoundExprPtr>& args, int32_t location) {
  FunctionList candidates = FunctionCandidates(catalog_.Functions(txn_), names, search_path_);
  if (candidates.empty()) return {};
  std::vector<TypeId> types;
  for (const auto& a : args) types.push_back(a->type.id);
  UserFunctionMatch match = ResolveUserFunction(candidates, types);
  if (match.ambiguous) {
    std::string shown;
    for (const auto& part : names) shown += (shown.empty() ? "" : ".") + part;
    throw Error(sqlstate::kAmbiguousFunction, "function " + FunctionSignatureText(shown, types) + " is not unique",
                location)
        .Hint("Could not choose a best candidate function. You might need to add explicit type casts.");
  }
  return match;
}

BoundExprPtr Binder::BindParamInFunction(const ast::ParamRef& p) {
  for (size_t k = 0; k < outer_.size(); ++k) {
    if (outer_[k].scope != sql_function_scope_) continue;
    const auto& columns = sql_function_scope_->columns;
    if (p.number <= 0 || static_cast<size_t>(p.number) > columns.size()) {
      throw Error(sqlstate::kUndefinedParameter, "there is no parameter $" + std::to_string(p.number), p.location);
    }
    const ScopeColumn& c = columns[p.number - 1];
    auto value = MakeColumn(p.number - 1, c.type, "$" + std::to_string(p.number), p.location);
    return OuterReference(k, value, "$" + std::to_string(p.number), p.location);
  }
  return nullptr;
}

PlanPtr Binder::BindUserFunctionTable(const ast::TableRef& ref, const ast::FuncCall& f,
                                      const std::vector<BoundExprPtr>& given, Scope* scope) {
  UserFunctionMatch match = MatchUserFunction(f.name, given, f.location);
  if (!match.function) return nullptr;
  const catalog::FunctionInfo& fn = *match.function;
  std::vector<BoundExprPtr> args = FunctionArguments(fn, given);
  BoundFunctionBody body;
  if (ValidatingFunctionBody()) {
    // Typed but not expanded (see ValidatingFunctionBody): no rows.
    auto empty = std::make_shared<ValuesPlan>();
    body.columns = FunctionResultColumns(fn);
    empty->output = body.columns;
    body.plan = empty;
  } else {
    body = BindFunctionBody(fn, true);
  }
  if (!body.plan || body.plan->output.size() != body.columns.size()) {
    // An empty body, or a void function's last statement: one row per call of no value.
    auto nothing = std::make_shared<ValuesPlan>();
    nothing->output = body.columns;
    if (body.plan) nothing->rows.push_back({MakeConst(Value::Void(), body.columns[0].type)});
    body.plan = nothing;
  }
  PlanPtr plan = body.plan;
  if (!fn.returns_set) {
    auto limit = std::make_shared<LimitPlan>();
    limit->child = plan;
    limit->limit = MakeConst(Value::Int8(1), {TypeId::kInt8, -1});
    limit->output = plan->output;
    plan = limit;
  }
  if (!args.empty()) {
    auto values = std::make_shared<ValuesPlan>();
    values->rows.push_back(args);
    for (size_t i = 0; i < args.size(); ++i) values->output.push_back({"$" + std::to_string(i + 1), args[i]->type});
    auto join = std::make_shared<JoinPlan>();
    join->left = values;
    join->right = plan;
    join->join = JoinKind::kInner;
    for (const auto& p : body.params) {
      join->lateral_params.push_back({p.id, MakeColumn(p.value->column, p.value->type, p.value->name)});
    }
    join->output = values->output;
    join->output.insert(join->output.end(), plan->output.begin(), plan->output.end());
    auto project = std::make_shared<ProjectPlan>();
    project->child = join;
    for (size_t i = 0; i < plan->output.size(); ++i) {
      project->exprs.push_back(
          MakeColumn(static_cast<int>(args.size() + i), plan->output[i].type, plan->output[i].name));
    }
    project->output = plan->output;
    plan = project;
  }
  const std::string alias = ref.alias.empty() ? fn.name : ref.alias;
  if (ref.column_aliases.size() > body.columns.size()) {
    throw DbError(sqlstate::kInvalidColumnReference,
                  "table \"" + alias + "\" has " + std::to_string(body.columns.size()) + " columns available but " +
                      std::to_string(ref.column_aliases.size()) + " columns specified");
  }
  auto named = std::make_shared<ProjectPlan>();
  named->child = plan;
  const bool single = body.columns.size() == 1 && OutputParameters(fn).empty() && fn.return_relation == 0;
  for (size_t i = 0; i < body.columns.size(); ++i) {
    std::string column = i < ref.column_aliases.size() ? ref.column_aliases[i] : single ? alias : body.columns[i].name;
    const TypeDesc type = plan->output[i].type;
    named->exprs.push_back(MakeColumn(static_cast<int>(i), type, column));
    named->output.push_back({column, type});
    scope->columns.push_back({alias, column, type, 0, 0, false});
  }
  scope->relations.push_back(alias);
  return named;
}

}  // namespace lumadb::planner

namespace lumadb::planner {
namespace {

std::string TrimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

// A name of regprocin's input: lower-cased unless double-quoted.
std::vector<std::string> NameParts(std::string_view text) {
  std::vector<std::string> parts(1);
  bool quoted = false;
  for (char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == '.' && !quoted) {
      parts.emplace_back();
    } else {
      parts.back() += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  for (auto& p : parts) p = TrimSpaces(p);
  return parts;
}

}  // namespace

BoundExprPtr Binder::BindRegprocLiteral(const ast::CastExpr& c) {
  const std::string& type = c.type.names.back();
  if ((type != "regproc" && type != "regprocedure") || c.type.array || c.arg->kind != ast::ExprKind::kConstant) {
    return nullptr;
  }
  const auto& literal = c.arg->As<ast::ConstExpr>();
  if (literal.type != ast::ConstExpr::Type::kString) return nullptr;
  const std::string& text = literal.text;
  const size_t paren = text.find('(');
  std::vector<std::string> names = NameParts(std::string_view(text).substr(0, paren));
  FunctionList candidates = FunctionCandidates(catalog_.Functions(txn_), names, search_path_);
  std::shared_ptr<const catalog::FunctionInfo> found;
  if (paren == std::string::npos) {
    if (candidates.size() > 1) {
      throw Error(sqlstate::kAmbiguousFunction, "more than one function named \"" + text + "\"", c.location);
    }
    if (!candidates.empty()) found = candidates[0];
  } else {
    std::string list = text.substr(paren + 1);
    if (!list.empty() && list.back() == ')') list.pop_back();
    std::vector<TypeId> types;
    for (size_t start = 0; !TrimSpaces(list).empty() && start <= list.size();) {
      const size_t comma = list.find(',', start);
      const std::string item =
          TrimSpaces(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      const std::string sql = "SELECT CAST(NULL AS " + item + ")";
      auto stmts = parser::Parse(sql);
      const auto& target = stmts.at(0)->As<ast::SelectStmt>().targets.at(0);
      types.push_back(ResolveTypeName(target.expr->As<ast::CastExpr>().type, sql).id);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    for (const auto& f : candidates) {
      if (f->arg_types == types) found = f;
    }
  }
  if (!found) {
    throw Error(sqlstate::kUndefinedFunction, "function \"" + text + "\" does not exist", c.location);
  }
  return MakeConst(Value::Oid(found->oid), {TypeId::kOid, -1}, c.location);
}

}  // namespace lumadb::planner

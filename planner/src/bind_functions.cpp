// Function and aggregate calls (parser/parse_func.c, parse_agg.c), plus COALESCE/NULLIF/GREATEST/LEAST.
#include "planner/binder.h"
#include "planner/function_registry.h"
#include "planner/sql_functions.h"
#include "planner/type_rules.h"

namespace lumadb::planner {

namespace {

std::string Signature(const std::string& name, const std::vector<BoundExprPtr>& args) {
  std::string out = name + "(";
  for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + TypeDisplayName(args[i]->type.id);
  return out + ")";
}

// The row constructor or whole-row reference a record expression is (through the CASE that makes an outer
// join's NULL-extended whole row NULL), or null for a record known only at run time.
const BoundExpr* RowOf(const BoundExpr& e) {
  if (e.kind == BoundKind::kRow) return &e;
  if (e.kind == BoundKind::kCase && e.type.id == TypeId::kRecord && e.has_else && e.args.size() == 3 &&
      e.args[2]->kind == BoundKind::kRow) {
    return e.args[2].get();
  }
  return nullptr;
}

// Field i's name: a whole-row reference's column, f1, f2, ... for ROW(...).
std::string FieldName(const BoundExpr& row, size_t i) {
  return row.field_names ? (*row.field_names)[i] : "f" + std::to_string(i + 1);
}

}  // namespace

DbError Binder::NoFunction(const std::string& name, const std::vector<BoundExprPtr>& args, int32_t location) const {
  DbError e = Error(sqlstate::kUndefinedFunction, "function " + Signature(name, args) + " does not exist", location);
  e.Hint("No function matches the given name and argument types. You might need to add explicit type casts.");
  return e;
}

BoundExprPtr Binder::BindFunc(const ast::FuncCall& f, const Scope& scope) {
  const std::string& name = f.name.back();
  if (f.name.size() == 2 && f.name[0].empty()) {
    // (record).field, as the parser writes it: the field's own expression of a record known when binding.
    BoundExprPtr record = BindExpr(*f.args.at(0), scope);
    if (const BoundExpr* row = RowOf(*record)) {
      for (size_t i = 0; i < row->args.size(); ++i) {
        if (FieldName(*row, i) == name) return row->args[i];
      }
    }
    if (name == "*") throw Error(sqlstate::kSyntaxError, "row expansion via \"*\" is not supported here", f.location);
    if (record->type.id != TypeId::kRecord) {
      throw Error(sqlstate::kWrongObjectType,
                  "column notation ." + name + " applied to type " + TypeDisplayName(record->type.id) +
                      ", which is not a composite type",
                  f.location);
    }
    // A whole-row reference names its relation (parse_expr.c unknown_attribute).
    const ast::Expr& arg = *f.args[0];
    if (RowOf(*record) != nullptr && RowOf(*record)->field_names) {
      const std::string relation = arg.kind == ast::ExprKind::kColumnRef ? arg.As<ast::ColumnRef>().names.back()
                                   : arg.kind == ast::ExprKind::kStar    ? arg.As<ast::StarExpr>().qualifier.back()
                                                                         : std::string();
      if (!relation.empty()) {
        throw Error(sqlstate::kUndefinedColumn, "column " + relation + "." + name + " does not exist", f.location);
      }
    }
    throw Error(sqlstate::kUndefinedColumn, "could not identify column \"" + name + "\" in record data type",
                f.location);
  }
  bool schema_ok = f.name.size() == 1 || (f.name.size() == 2 && f.name[0] == "pg_catalog");
  if (f.over || IsWindowFunctionName(f)) return BindWindowCall(f, scope);
  if (IsSetFunctionName(f)) return BindSelectListSetFunction(f, scope);
  if (f.name.size() == 1 && name == "grouping") return BindGrouping(f, scope);
  if (schema_ok && IsAggregateName(name)) return BindAggregate(f, scope);
  if (schema_ok && (name == "coalesce" || name == "greatest" || name == "least" || name == "nullif")) {
    return BindVariadicSpecial(f, name, scope);
  }
  std::vector<BoundExprPtr> args;
  for (const auto& a : f.args) args.push_back(BindExpr(*a, scope));
  if (schema_ok && !f.distinct && !f.star) {
    if (auto e = BindArrayFunction(name, args, f.location)) return e;
  }
  if (schema_ok && name == "pg_typeof" && args.size() == 1 && !f.distinct && !f.star) {
    // The argument's type before any coercion ('a' is unknown), known when binding.
    return MakeConst(Value::Oid(static_cast<Oid>(args[0]->type.id)).WithType(TypeId::kRegtype), {TypeId::kRegtype, -1},
                     f.location);
  }
  std::vector<TypeId> types;
  for (const auto& a : args) types.push_back(a->type.id);
  // to_json[b](anyelement) cannot take its type from an untyped literal.
  if ((name == "to_json" || name == "to_jsonb") && types.size() == 1 && types[0] == TypeId::kUnknown) {
    throw Error(sqlstate::kDatatypeMismatch, "could not determine polymorphic type because input has type unknown",
                f.location);
  }
  auto resolved = schema_ok ? ResolveFunction(name, types) : std::nullopt;
  if (!f.distinct && !f.star && (!resolved || resolved->arg_types != types)) {
    // A user function beats a built-in one reachable only through casts (func_select_candidate).
    if (auto user = MatchUserFunction(f.name, args, f.location); user.function) {
      return BindSqlFunctionCall(*user.function, std::move(args), f.location);
    }
  }
  if (!resolved) {
    std::string shown;
    for (const auto& part : f.name) shown += (shown.empty() ? "" : ".") + part;
    throw NoFunction(shown, args, f.location);
  }
  if (f.distinct || f.star) {
    throw Error(sqlstate::kWrongObjectType,
                std::string(f.star ? "*" : "DISTINCT") + " specified, but " + name + " is not an aggregate function",
                f.location);
  }
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kFunc;
  e->type = TypeDesc{resolved->func->result, -1};
  e->location = f.location;
  e->name = name;
  e->func = resolved->func;
  for (size_t i = 0; i < args.size(); ++i) {
    e->args.push_back(CoerceOrThrow(args[i], {resolved->arg_types[i], -1}, args[i]->location));
  }
  return e;
}

BoundExprPtr Binder::BindVariadicSpecial(const ast::FuncCall& f, const std::string& name, const Scope& scope) {
  // COALESCE may not evaluate every argument, so none can drive a ProjectSet (transformCoalesceExpr).
  SrfContext in_coalesce(this, name == "coalesce" ? nullptr : srf_sink_,
                         name == "coalesce" && srf_sink_ ? "COALESCE" : srf_clause_, srf_base_);
  std::vector<BoundExprPtr> args;
  for (const auto& a : f.args) args.push_back(BindExpr(*a, scope));
  auto e = std::make_shared<BoundExpr>();
  e->location = f.location;
  e->name = name;
  if (name == "nullif") {
    if (args.size() != 2) throw NoFunction(name, args, f.location);
    auto eq = Compare("=", args[0], args[1], f.location);
    e->kind = BoundKind::kNullIf;
    e->type = args[0]->type.id == TypeId::kUnknown ? TypeDesc{TypeId::kText, -1} : args[0]->type;
    e->args = {CoerceOrThrow(args[0], e->type, args[0]->location), eq};
    return e;
  }
  if (args.empty()) throw NoFunction(name, args, f.location);
  std::string upper = name == "coalesce" ? "COALESCE" : (name == "greatest" ? "GREATEST" : "LEAST");
  args = UnifyTypes(std::move(args), upper.c_str());
  if (args[0]->type.id == TypeId::kUnknown) {
    for (auto& a : args) a = CoerceOrThrow(a, {TypeId::kText, -1}, a->location);
  }
  e->kind = name == "coalesce" ? BoundKind::kCoalesce : BoundKind::kGreatest;
  e->op = name == "least" ? -1 : 1;
  e->type = args[0]->type;
  e->args = std::move(args);
  return e;
}

}  // namespace lumadb::planner

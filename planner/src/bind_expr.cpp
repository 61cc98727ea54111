// Expression binding: names, literals, CASE, IN, BETWEEN, casts and subqueries (parser/parse_expr.c).
#include <algorithm>
#include <charconv>

#include "common/array.h"
#include "common/stack_depth.h"
#include "common/value_io.h"
#include "planner/binder.h"
#include "planner/type_rules.h"

namespace lumadb::planner {

namespace {

std::shared_ptr<BoundExpr> NewExpr(BoundKind kind, TypeDesc type, int32_t location) {
  auto e = std::make_shared<BoundExpr>();
  e->kind = kind;
  e->type = type;
  e->location = location;
  return e;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ".") + n;
  return out;
}

// PostgreSQL's levenshtein distance (insert, delete and substitute all cost 1).
int Levenshtein(const std::string& a, const std::string& b) {
  std::vector<int> prev(b.size() + 1);
  std::vector<int> cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// errorMissingColumn's hint (parse_relation.c updateFuzzyAttrMatchState): the closest visible columns
// within distance 3 and at most half the name's length; two ties are both named, more give no hint.
std::string FuzzyColumnHint(const Scope& scope, const std::string& qualifier, const std::string& name) {
  int best = 4;
  std::vector<const ScopeColumn*> matches;
  for (const auto& c : scope.columns) {
    if (qualifier.empty() ? c.hidden : c.relation != qualifier) continue;
    int d = Levenshtein(c.name, name);
    if (d > static_cast<int>(name.size()) / 2) continue;
    if (d < best) {
      best = d;
      matches = {&c};
    } else if (d == best && !matches.empty()) {
      matches.push_back(&c);
    }
  }
  auto ref = [](const ScopeColumn* c) { return "the column \"" + c->relation + "." + c->name + "\""; };
  if (matches.size() == 1) return "Perhaps you meant to reference " + ref(matches[0]) + ".";
  if (matches.size() == 2) return "Perhaps you meant to reference " + ref(matches[0]) + " or " + ref(matches[1]) + ".";
  return "";
}

}  // namespace

BoundExprPtr Binder::BindExpr(const ast::Expr& expr, const Scope& scope) {
  CheckStackDepth();
  switch (expr.kind) {
    case ast::ExprKind::kConstant:
      return BindConst(expr.As<ast::ConstExpr>());
    case ast::ExprKind::kColumnRef:
      return BindColumnRef(expr.As<ast::ColumnRef>(), scope);
    case ast::ExprKind::kUnary:
      return BindUnary(expr.As<ast::UnaryExpr>(), scope);
    case ast::ExprKind::kBinary:
      return BindBinary(expr.As<ast::BinaryExpr>(), scope);
    case ast::ExprKind::kIsNull: {
      const auto& n = expr.As<ast::IsNullExpr>();
      auto e = NewExpr(BoundKind::kIsNull, {TypeId::kBool, -1}, expr.location);
      e->args.push_back(BindExpr(*n.arg, scope));
      e->location = Leftmost(e->location, e->args[0]->location);
      e->negated = n.negated;
      return e;
    }
    case ast::ExprKind::kBoolTest: {
      const auto& t = expr.As<ast::BoolTestExpr>();
      auto e = NewExpr(BoundKind::kBoolTest, {TypeId::kBool, -1}, expr.location);
      const char* names[] = {"IS TRUE", "IS FALSE", "IS UNKNOWN"};
      const char* nots[] = {"IS NOT TRUE", "IS NOT FALSE", "IS NOT UNKNOWN"};
      int test = static_cast<int>(t.test);
      e->args.push_back(CoerceToBool(BindExpr(*t.arg, scope), t.negated ? nots[test] : names[test]));
      e->op = test;
      e->negated = t.negated;
      return e;
    }
    case ast::ExprKind::kBetween:
      return BindBetween(expr.As<ast::BetweenExpr>(), scope);
    case ast::ExprKind::kInList:
      return BindInList(expr.As<ast::InListExpr>(), scope);
    case ast::ExprKind::kCase:
      return BindCase(expr.As<ast::CaseExpr>(), scope);
    case ast::ExprKind::kFunc:
      return BindFunc(expr.As<ast::FuncCall>(), scope);
    case ast::ExprKind::kCast:
      return BindCast(expr.As<ast::CastExpr>(), scope);
    case ast::ExprKind::kSubquery:
      return BindSubquery(expr.As<ast::SubqueryExpr>(), scope);
    case ast::ExprKind::kParam:
      return BindParam(expr.As<ast::ParamRef>());
    case ast::ExprKind::kDefault:
      throw Error(sqlstate::kSyntaxError, "DEFAULT is not allowed in this context", expr.location);
    case ast::ExprKind::kStar: {
      // t.* in an expression is t's whole row (transformColumnRef's "A.*" case).
      const auto& qualifier = expr.As<ast::StarExpr>().qualifier;
      if (!qualifier.empty()) {
        if (auto row = WholeRowReference(qualifier.back(), scope, expr.location)) return row;
        throw Error(sqlstate::kUndefinedTable, "missing FROM-clause entry for table \"" + qualifier.back() + "\"",
                    expr.location);
      }
      throw Error(sqlstate::kSyntaxError, "row expansion via \"*\" is not supported here", expr.location);
    }
    case ast::ExprKind::kRow:
      return BindRow(expr.As<ast::RowExpr>(), scope);
    case ast::ExprKind::kArray:
      return BindArray(expr.As<ast::ArrayExpr>(), scope);
    case ast::ExprKind::kSubscript:
      return BindSubscript(expr.As<ast::SubscriptExpr>(), scope);
    case ast::ExprKind::kArrayOp:
      return BindArrayOp(expr.As<ast::ArrayOpExpr>(), scope);
    case ast::ExprKind::kGroupingSet:  // only GROUP BY holds them (bind_grouping.cpp)
      break;
  }
  throw Error(sqlstate::kInternalError, "unrecognized expression", expr.location);
}

BoundExprPtr Binder::BindConst(const ast::ConstExpr& c) {
  using CT = ast::ConstExpr::Type;
  switch (c.type) {
    case CT::kNull:
      return MakeConst(Value::Null(TypeId::kUnknown), {TypeId::kUnknown, -1}, c.location);
    case CT::kBool:
      return MakeConst(Value::Bool(c.text == "t" || c.text == "true"), {TypeId::kBool, -1}, c.location);
    case CT::kInteger: {
      // make_const: int4 if it fits, else int8, else numeric.
      int64_t v = 0;
      auto [ptr, ec] = std::from_chars(c.text.data(), c.text.data() + c.text.size(), v);
      if (ec == std::errc() && ptr == c.text.data() + c.text.size()) {
        if (v >= INT32_MIN && v <= INT32_MAX) {
          return MakeConst(Value::Int4(static_cast<int32_t>(v)), {TypeId::kInt4, -1}, c.location);
        }
        return MakeConst(Value::Int8(v), {TypeId::kInt8, -1}, c.location);
      }
      return MakeConst(Value::Num(Numeric::Parse(c.text)), {TypeId::kNumeric, -1}, c.location);
    }
    case CT::kDecimal:
      return MakeConst(Value::Num(Numeric::Parse(c.text)), {TypeId::kNumeric, -1}, c.location);
    case CT::kString:
      return MakeConst(Value::String(c.text, TypeId::kUnknown), {TypeId::kUnknown, -1}, c.location);
  }
  throw Error(sqlstate::kInternalError, "unrecognized constant", c.location);
}

BoundExprPtr Binder::BindColumnRef(const ast::ColumnRef& ref, const Scope& scope) {
  const std::string& col = ref.names.back();
  std::string qualifier = ref.names.size() >= 2 ? ref.names[ref.names.size() - 2] : "";
  const int found = FindScopeColumn(*this, scope, ref);
  if (found >= 0) {
    const auto& c = scope.columns[found];
    NoteColumnRead(c);
    return MakeColumn(found, c.type, c.relation.empty() ? c.name : c.relation + "." + c.name, ref.location);
  }
  // The nearest level naming the relation (or having the column) wins (colNameToVar's levelsup loop).
  if (found == kNoSuchRelation || qualifier.empty()) {
    if (auto outer = BindOuterColumn(ref)) return outer;
  }
  // A bare relation name is its whole row once no level has such a column (transformColumnRef).
  if (ref.names.size() == 1) {
    if (auto row = WholeRowReference(col, scope, ref.location)) return row;
  }
  if (found == kNoSuchRelation) {
    if (std::find(scope.hidden_relations.begin(), scope.hidden_relations.end(), qualifier) !=
        scope.hidden_relations.end()) {
      // errorMissingRTE: the table is inside a join whose alias hides it.
      throw Error(sqlstate::kUndefinedTable, "invalid reference to FROM-clause entry for table \"" + qualifier + "\"",
                  ref.location)
          .Hint("There is an entry for table \"" + qualifier +
                "\", but it cannot be referenced from this part of the query.");
    }
    // errorMissingRTE: the table is there under an alias.
    for (const auto& c : scope.columns) {
      if (c.table_oid == 0 || c.relation == qualifier) continue;
      auto t = catalog_.TableByOid(txn_, c.table_oid);
      if (!t || t->name != qualifier) continue;
      throw Error(sqlstate::kUndefinedTable, "invalid reference to FROM-clause entry for table \"" + qualifier + "\"",
                  ref.location)
          .Hint("Perhaps you meant to reference the table alias \"" + c.relation + "\".");
    }
    throw Error(sqlstate::kUndefinedTable, "missing FROM-clause entry for table \"" + qualifier + "\"", ref.location);
  }
  std::string msg = qualifier.empty() ? "column \"" + col + "\" does not exist"
                                      : "column " + JoinNames(ref.names) + " does not exist";
  DbError err = Error(sqlstate::kUndefinedColumn, msg, ref.location);
  std::string hint = FuzzyColumnHint(scope, qualifier, col);
  if (!hint.empty()) err.Hint(hint);
  throw err;
}

BoundExprPtr Binder::BindUnary(const ast::UnaryExpr& u, const Scope& scope) {
  if (u.op == "NOT") {
    auto e = NewExpr(BoundKind::kNot, {TypeId::kBool, -1}, u.location);
    e->args.push_back(CoerceToBool(BindExpr(*u.arg, scope), "NOT"));
    return e;
  }
  if (u.op == "-" && u.arg->kind == ast::ExprKind::kConstant) {
    // PostgreSQL folds a minus into a numeric literal (doNegate), so -2147483648 is an int4.
    const auto& c = u.arg->As<ast::ConstExpr>();
    if (c.type == ast::ConstExpr::Type::kInteger || c.type == ast::ConstExpr::Type::kDecimal) {
      ast::ConstExpr neg(c.type, "-" + c.text, u.location);
      return BindConst(neg);
    }
  }
  auto arg = BindExpr(*u.arg, scope);
  // Prefix minus also exists for interval (interval_um), which time reaches by its implicit cast.
  if (u.op == "-" && arg->type.id == TypeId::kUnknown) {
    // Every prefix minus accepts an unknown operand, so none is preferred (oper_select_candidate).
    throw Error(sqlstate::kAmbiguousFunction, "operator is not unique: - unknown", u.location)
        .Hint("Could not choose a best candidate operator. You might need to add explicit type casts.");
  }
  if (u.op == "-" && (arg->type.id == TypeId::kInterval || arg->type.id == TypeId::kTime)) {
    arg = CoerceOrThrow(arg, {TypeId::kInterval, -1}, arg->location);
  } else if (!IsNumericType(arg->type.id)) {
    throw Error(sqlstate::kUndefinedFunction, "operator does not exist: " + u.op + " " + TypeDisplayName(arg->type.id),
                u.location)
        .Hint("No operator matches the given name and argument type. You might need to add an explicit type cast.");
  }
  if (u.op == "+") return arg;
  auto e = NewExpr(BoundKind::kNegate, {arg->type.id, -1}, u.location);
  e->args.push_back(arg);
  return e;
}

BoundExprPtr Binder::BindBetween(const ast::BetweenExpr& b, const Scope& scope) {
  auto arg = BindExpr(*b.arg, scope);
  auto low = BindExpr(*b.low, scope);
  auto high = BindExpr(*b.high, scope);
  auto range = [&](const BoundExprPtr& lo, const BoundExprPtr& hi) {
    return Logical(BoundKind::kAnd, {Compare(">=", arg, lo, b.location), Compare("<=", arg, hi, b.location)},
                   b.location);
  };
  BoundExprPtr e = range(low, high);
  if (b.symmetric) e = Logical(BoundKind::kOr, {e, range(high, low)}, b.location);
  if (!b.negated) return e;
  auto n = NewExpr(BoundKind::kNot, {TypeId::kBool, -1}, b.location);
  n->args.push_back(e);
  return n;
}

BoundExprPtr Binder::BindInList(const ast::InListExpr& in, const Scope& scope) {
  bool rows = in.arg->kind == ast::ExprKind::kRow;
  for (const auto& item : in.list) rows = rows || item->kind == ast::ExprKind::kRow;
  if (rows) {
    // transformAExprIn with row constructors: one comparison per item (row constructors field by field),
    // ORed (NOT IN: <> ANDed).
    const std::string op = in.negated ? "<>" : "=";
    std::vector<BoundExprPtr> terms;
    for (const auto& item : in.list) {
      if (in.arg->kind == ast::ExprKind::kRow && item->kind == ast::ExprKind::kRow) {
        const auto left = BindRow(in.arg->As<ast::RowExpr>(), scope);
        const auto right = BindRow(item->As<ast::RowExpr>(), scope);
        terms.push_back(CompareRows(op, left->args, right->args, in.location));
      } else {
        terms.push_back(Compare(op, BindExpr(*in.arg, scope), BindExpr(*item, scope), in.location));
      }
    }
    return terms.size() == 1 ? terms[0] : Logical(in.negated ? BoundKind::kAnd : BoundKind::kOr, terms, in.location);
  }
  std::vector<BoundExprPtr> all{BindExpr(*in.arg, scope)};
  for (const auto& item : in.list) all.push_back(BindExpr(*item, scope));
  std::vector<TypeId> types;
  for (const auto& e : all) types.push_back(e->type.id);
  size_t bad = 0;
  if (!SelectCommonType(types, &bad)) {
    // PostgreSQL falls back to one "=" per element, which reports the operator that does not exist.
    Compare("=", all[0], all[bad], in.location);
  }
  auto unified = UnifyTypes(all, "IN");
  auto e = NewExpr(BoundKind::kInList, {TypeId::kBool, -1}, Leftmost(in.location, all[0]->location));
  e->args = std::move(unified);
  e->negated = in.negated;
  return e;
}

BoundExprPtr Binder::BindCase(const ast::CaseExpr& c, const Scope& scope) {
  // A CASE arm may not run, so it cannot drive a ProjectSet (transformCaseExpr).
  SrfContext in_case(this, nullptr, srf_sink_ ? "CASE" : srf_clause_, srf_base_);
  BoundExprPtr subject = c.arg ? BindExpr(*c.arg, scope) : nullptr;
  std::vector<BoundExprPtr> conditions;
  std::vector<BoundExprPtr> results;
  for (const auto& [when, then] : c.whens) {
    auto w = BindExpr(*when, scope);
    conditions.push_back(subject ? Compare("=", subject, w, when->location) : CoerceToBool(w, "CASE/WHEN"));
    results.push_back(BindExpr(*then, scope));
  }
  // PostgreSQL unifies the ELSE branch first (transformCaseExpr), which shows in the 42804 message.
  if (c.else_result) results.insert(results.begin(), BindExpr(*c.else_result, scope));
  results = UnifyTypes(std::move(results), "CASE");
  if (c.else_result) std::rotate(results.begin(), results.begin() + 1, results.end());
  auto e = NewExpr(BoundKind::kCase, results[0]->type, c.location);
  for (size_t i = 0; i < conditions.size(); ++i) {
    e->args.push_back(conditions[i]);
    e->args.push_back(results[i]);
  }
  if (c.else_result) {
    e->args.push_back(results.back());
    e->has_else = true;
  }
  return e;
}

BoundExprPtr Binder::BindCast(const ast::CastExpr& c, const Scope& scope) {
  if (auto oid = BindRegprocLiteral(c)) return oid;
  TypeDesc target = ResolveTypeName(c.type, query_text_);
  if (c.arg->kind == ast::ExprKind::kArray && c.arg->As<ast::ArrayExpr>().elements.empty() && IsArrayType(target.id)) {
    // ARRAY[] takes its type from the cast around it (transformArrayExpr with an array type hint).
    return MakeConst(MakeArray(Array{ElementTypeOf(target.id), {}, {}, {}}), target, c.location);
  }
  auto arg = BindExpr(*c.arg, scope);
  if (arg->kind == BoundKind::kConst && arg->type.id == TypeId::kUnknown) {
    // A literal is read by the type's input function; a length limit is then applied as an explicit cast
    // would (truncating), not as input would (raising 22001).
    arg = TryCoerce(arg, TypeDesc{target.id, -1}, CastContext::kExplicit);
    if (target.typmod < 0) return MakeConst(arg->value, target, Leftmost(arg->location, c.location));
  }
  auto cast = TryCoerce(arg, target, CastContext::kExplicit);
  if (!cast) {
    throw Error(sqlstate::kCannotCoerce,
                "cannot cast type " + TypeDisplayName(arg->type.id) + " to " + FormatType(target), c.location);
  }
  if (cast == arg) return arg;
  auto e = std::make_shared<BoundExpr>(*cast);
  e->explicit_cast = true;
  e->location = Leftmost(arg->location < 0 ? c.location : arg->location, c.location);
  return e;
}

}  // namespace lumadb::planner

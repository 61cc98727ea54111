// Operator resolution for the core types (parser/parse_oper.c, PostgreSQL 15 docs §10.2): operands meet
// at a common type, untyped literals take the other side's type, and a missing operator is 42883.
#include "common/value_ops.h"
#include "planner/binder.h"
#include "planner/function_registry.h"
#include "planner/type_rules.h"

namespace lumadb::planner {

namespace {

std::shared_ptr<BoundExpr> NewExpr(BoundKind kind, TypeId type, int32_t location) {
  auto e = std::make_shared<BoundExpr>();
  e->kind = kind;
  e->type = TypeDesc{type, -1};
  e->location = location;
  return e;
}

ArithOp ArithOpOf(const std::string& op) {
  if (op == "+") return ArithOp::kAdd;
  if (op == "-") return ArithOp::kSub;
  if (op == "*") return ArithOp::kMul;
  if (op == "/") return ArithOp::kDiv;
  if (op == "%") return ArithOp::kMod;
  return ArithOp::kPow;
}

CompareOp CompareOpOf(const std::string& op) {
  if (op == "=") return CompareOp::kEq;
  if (op == "<>") return CompareOp::kNe;
  if (op == "<") return CompareOp::kLt;
  if (op == "<=") return CompareOp::kLe;
  if (op == ">") return CompareOp::kGt;
  return CompareOp::kGe;
}

}  // namespace

DbError Binder::OperatorError(const std::string& op, const BoundExprPtr& l, const BoundExprPtr& r,
                              int32_t location) const {
  DbError e =
      Error(sqlstate::kUndefinedFunction,
            "operator does not exist: " + TypeDisplayName(l->type.id) + " " + op + " " + TypeDisplayName(r->type.id),
            location);
  e.Hint("No operator matches the given name and argument types. You might need to add explicit type casts.");
  return e;
}

BoundExprPtr Binder::BindBinary(const ast::BinaryExpr& b, const Scope& scope) {
  const std::string& op = b.op;
  if (op == "AND" || op == "OR") {
    auto l = BindExpr(*b.left, scope);
    auto r = BindExpr(*b.right, scope);
    return Logical(op == "AND" ? BoundKind::kAnd : BoundKind::kOr, {l, r}, b.location);
  }
  if (op == "IS DISTINCT FROM" || op == "IS NOT DISTINCT FROM") return BindDistinctFrom(b, scope);
  if (auto row = RowComparison(b, scope)) return row;
  auto l = BindExpr(*b.left, scope);
  auto r = BindExpr(*b.right, scope);
  if (auto json_op = JsonOperator(op, l, r, b.location)) return json_op;
  if (op == "=" || op == "<>" || op == "<" || op == "<=" || op == ">" || op == ">=") {
    return Compare(op, l, r, b.location);
  }
  if (op == "@>" || op == "<@" || op == "&&") return ArrayOperator(op, l, r, b.location);
  if (op == "||") {
    if (auto array_op = ArrayOperator(op, l, r, b.location)) return array_op;
    return Concat(l, r, b.location);
  }
  if (op == "LIKE" || op == "NOT LIKE" || op == "ILIKE" || op == "NOT ILIKE") return Like(b, l, r, scope);
  if (op == "~" || op == "~*" || op == "!~" || op == "!~*") return RegexMatch(op, l, r, b.location);
  // OPERATOR(schema.op) outside pg_catalog: no other schema defines operators.
  if (op.find('.') != std::string::npos) throw OperatorError(op, l, r, b.location);
  return Arith(op, l, r, b.location);
}

BoundExprPtr Binder::Arith(const std::string& op, BoundExprPtr l, BoundExprPtr r, int32_t location) {
  TypeId lt = l->type.id;
  TypeId rt = r->type.id;
  if (lt == TypeId::kUnknown && rt == TypeId::kUnknown) {
    throw Error(sqlstate::kAmbiguousFunction, "operator is not unique: unknown " + op + " unknown", location)
        .Hint("Could not choose a best candidate operator. You might need to add explicit type casts.");
  }
  TypeId result = TypeId::kInvalid;
  TypeId lcast = lt;
  TypeId rcast = rt;
  if (HasDateTimeOperand(lt, rt)) {
    const OperatorResolution res = op.size() == 1 ? ResolveDateTimeOperator(op[0], lt, rt) : OperatorResolution{};
    if (res.ambiguous) {
      throw Error(sqlstate::kAmbiguousFunction,
                  "operator is not unique: " + TypeDisplayName(lt) + " " + op + " " + TypeDisplayName(rt), location)
          .Hint("Could not choose a best candidate operator. You might need to add explicit type casts.");
    }
    if (!res.signature) throw OperatorError(op, l, r, location);
    result = res.signature->result;
    lcast = res.signature->left;
    rcast = res.signature->right;
  } else {
    if (lt == TypeId::kUnknown) lt = rt;
    if (rt == TypeId::kUnknown) rt = lt;
    if (!IsNumericType(lt) || !IsNumericType(rt)) throw OperatorError(op, l, r, location);
    result = PromoteNumeric(lt, rt);
    bool is_float = result == TypeId::kFloat4 || result == TypeId::kFloat8;
    if (op == "%" && is_float) throw OperatorError(op, l, r, location);
    if (op == "^" && result != TypeId::kNumeric) result = TypeId::kFloat8;
    lcast = rcast = result;
  }
  auto e = NewExpr(BoundKind::kArith, result, Leftmost(location, l->location));
  e->op = static_cast<int>(ArithOpOf(op));
  e->args = {CoerceOrThrow(l, {lcast, -1}, l->location), CoerceOrThrow(r, {rcast, -1}, r->location)};
  return e;
}

BoundExprPtr Binder::Compare(const std::string& op, BoundExprPtr l, BoundExprPtr r, int32_t location) {
  auto common = ComparisonType(l->type.id, r->type.id);
  // json has no comparison operators at all (only jsonb does).
  if (!common || *common == TypeId::kJson) throw OperatorError(op, l, r, location);
  auto coerce = [&](const BoundExprPtr& e) {
    if (e->type.id == *common) return e;
    return CoerceOrThrow(e, {*common, -1}, e->location);
  };
  auto e = NewExpr(BoundKind::kCompare, TypeId::kBool, Leftmost(location, l->location));
  e->op = static_cast<int>(CompareOpOf(op));
  e->args = {coerce(l), coerce(r)};
  return e;
}

BoundExprPtr Binder::Concat(BoundExprPtr l, BoundExprPtr r, int32_t location) {
  auto stringish = [](TypeId t) { return IsStringType(t) || t == TypeId::kUnknown; };
  if (!stringish(l->type.id) && !stringish(r->type.id)) throw OperatorError("||", l, r, location);
  // anynonarray || text: the non-text side is converted with its output function, as textanycat does.
  auto to_text = [&](const BoundExprPtr& e) {
    if (e->type.id == TypeId::kText) return e;
    return TryCoerce(e, {TypeId::kText, -1}, CastContext::kExplicit);
  };
  auto e = NewExpr(BoundKind::kConcat, TypeId::kText, Leftmost(location, l->location));
  e->args = {to_text(l), to_text(r)};
  return e;
}

BoundExprPtr Binder::Like(const ast::BinaryExpr& b, BoundExprPtr l, BoundExprPtr r, const Scope& scope) {
  static const std::pair<const char*, const char*> kOpNames[] = {
      {"LIKE", "~~"}, {"NOT LIKE", "!~~"}, {"ILIKE", "~~*"}, {"NOT ILIKE", "!~~*"}};
  std::string pg_op;
  for (const auto& [sql, pg] : kOpNames) {
    if (b.op == sql) pg_op = pg;
  }
  auto stringish = [](TypeId t) { return IsStringType(t) || t == TypeId::kUnknown; };
  if (!stringish(l->type.id) || !stringish(r->type.id)) throw OperatorError(pg_op, l, r, b.location);
  auto text = [&](const BoundExprPtr& e) { return CoerceOrThrow(e, {TypeId::kText, -1}, e->location); };
  auto e = NewExpr(BoundKind::kLike, TypeId::kBool, Leftmost(b.location, l->location));
  e->args = {text(l), text(r)};
  if (b.escape) e->args.push_back(text(BindExpr(*b.escape, scope)));
  e->negated = b.op.rfind("NOT ", 0) == 0;
  e->case_insensitive = b.op.find("ILIKE") != std::string::npos;
  return e;
}

BoundExprPtr Binder::RegexMatch(const std::string& op, BoundExprPtr l, BoundExprPtr r, int32_t location) {
  auto stringish = [](TypeId t) { return IsStringType(t) || t == TypeId::kUnknown; };
  if (!stringish(l->type.id) || !stringish(r->type.id)) throw OperatorError(op, l, r, location);
  const std::string name =
      std::string("text") + (op.back() == '*' ? "icregex" : "regex") + (op[0] == '!' ? "ne" : "eq");
  auto resolved = ResolveFunction(name, {TypeId::kText, TypeId::kText});
  auto e = NewExpr(BoundKind::kFunc, TypeId::kBool, Leftmost(location, l->location));
  e->name = name;
  e->func = resolved->func;
  // bpcharregexeq matches the padded value, so a bpchar operand is not cast (which would strip the blanks).
  auto text = [&](const BoundExprPtr& x) {
    return x->type.id == TypeId::kBpchar ? x : CoerceOrThrow(x, {TypeId::kText, -1}, x->location);
  };
  e->args = {text(l), text(r)};
  return e;
}

BoundExprPtr Binder::Logical(BoundKind kind, std::vector<BoundExprPtr> args, int32_t location) {
  auto e = NewExpr(kind, TypeId::kBool, location);
  const char* name = kind == BoundKind::kAnd ? "AND" : "OR";
  for (auto& a : args) {
    auto b = CoerceToBool(a, name);
    // Flatten nested ANDs/ORs, as PostgreSQL's BoolExpr does, so long chains stay shallow.
    if (b->kind == kind) {
      e->args.insert(e->args.end(), b->args.begin(), b->args.end());
    } else {
      e->args.push_back(b);
    }
  }
  e->location = Leftmost(location, e->args[0]->location);
  return e;
}

BoundExprPtr Binder::CoerceToBool(const BoundExprPtr& e, const char* construct) {
  if (e->type.id == TypeId::kBool) return e;
  if (e->type.id == TypeId::kUnknown) return TryCoerce(e, {TypeId::kBool, -1}, CastContext::kImplicit);
  throw Error(
      sqlstate::kDatatypeMismatch,
      std::string("argument of ") + construct + " must be type boolean, not type " + TypeDisplayName(e->type.id),
      e->location);
}

std::vector<BoundExprPtr> Binder::UnifyTypes(std::vector<BoundExprPtr> exprs, const char* construct) {
  bool same = true;
  for (const auto& e : exprs) same = same && e->type == exprs[0]->type;
  if (same && exprs[0]->type.id != TypeId::kUnknown) return exprs;
  std::vector<TypeId> types;
  for (const auto& e : exprs) types.push_back(e->type.id);
  size_t bad = 0;
  auto common = SelectCommonType(types, &bad);
  if (!common) {
    std::vector<TypeId> before(types.begin(), types.begin() + bad);
    TypeId seen = before.empty() ? types[0] : SelectCommonType(before, nullptr).value_or(types[0]);
    throw Error(sqlstate::kDatatypeMismatch,
                std::string(construct) + " types " + TypeDisplayName(seen) + " and " + TypeDisplayName(types[bad]) +
                    " cannot be matched",
                exprs[bad]->location);
  }
  for (auto& e : exprs) {
    if (e->type.id != *common) e = CoerceOrThrow(e, {*common, -1}, e->location);
  }
  return exprs;
}

}  // namespace lumadb::planner

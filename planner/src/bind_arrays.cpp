// Arrays in expressions (parser/parse_expr.c transformArrayExpr, transformIndirection, make_scalar_array_op;
// parse_coerce.c enforce_generic_type_consistency for the anyarray / anycompatible functions). Every
// array node binds to a kFunc call of builtin_array.cpp with its resolved types.

#include <algorithm>
#include <climits>
#include <set>

#include "bind_array_assign.h"
#include "builtins.h"
#include "planner/binder.h"
#include "planner/type_rules.h"

namespace lumadb::planner {

namespace {

BoundExprPtr Call(const ScalarFunction* f, TypeDesc type, std::vector<BoundExprPtr> args, int32_t location) {
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kFunc;
  e->type = type;
  e->location = location;
  e->name = f->name;
  e->func = f;
  e->args = std::move(args);
  return e;
}

BoundExprPtr NullOfType(TypeId t) {
  return MakeConst(Value::Null(t), {t, -1});
}

// Which arguments of the anycompatible functions are the array(s) and which the element.
struct PolymorphicShape {
  const char* name;
  std::vector<size_t> arrays;
  std::vector<size_t> elements;
};

constexpr const char* kAnyArrayFunctions[] = {"array_length", "array_lower", "array_upper",     "array_ndims",
                                              "array_dims",   "cardinality", "array_to_string", "trim_array"};

const PolymorphicShape* CompatibleShape(const std::string& name) {
  static const PolymorphicShape kShapes[] = {
      {"array_append", {0}, {1}},     {"array_prepend", {1}, {0}},  {"array_cat", {0, 1}, {}},
      {"array_remove", {0}, {1}},     {"array_position", {0}, {1}}, {"array_positions", {0}, {1}},
      {"array_replace", {0}, {1, 2}}, {"array_fill", {}, {0}},      {"width_bucket", {1}, {0}},
  };
  for (const auto& s : kShapes) {
    if (name == s.name) return &s;
  }
  return nullptr;
}

}  // namespace

std::optional<TypeId> Binder::CommonElementType(const std::vector<BoundExprPtr>& arrays,
                                                const std::vector<BoundExprPtr>& elements, int32_t location) {
  std::vector<TypeId> types;
  bool known = false;
  for (const auto& a : arrays) {
    if (a->type.id == TypeId::kUnknown) continue;
    const TypeId element = ElementTypeOf(a->type.id);
    if (element == TypeId::kInvalid) return std::nullopt;
    types.push_back(element);
    known = true;
  }
  for (const auto& e : elements) {
    if (IsArrayType(e->type.id)) return std::nullopt;
    types.push_back(e->type.id);
    known = known || e->type.id != TypeId::kUnknown;
  }
  if (!known) {
    throw Error(sqlstate::kDatatypeMismatch, "could not determine polymorphic type because input has type unknown",
                location);
  }
  auto common = SelectCommonType(types, nullptr);
  if (!common || ArrayTypeOf(*common) == TypeId::kInvalid) return std::nullopt;
  return common;
}

BoundExprPtr Binder::BindArray(const ast::ArrayExpr& a, const Scope& scope) {
  if (a.elements.empty()) {
    throw Error(sqlstate::kIndeterminateDatatype, "cannot determine type of empty array", a.location)
        .Hint("Explicitly cast to the desired type, for example ARRAY[]::integer[].");
  }
  std::vector<BoundExprPtr> elements;
  for (const auto& e : a.elements) {
    elements.push_back(e->kind == ast::ExprKind::kArray ? BindArray(e->As<ast::ArrayExpr>(), scope)
                                                        : BindExpr(*e, scope));
  }
  elements = UnifyTypes(std::move(elements), "ARRAY");
  if (elements[0]->type.id == TypeId::kUnknown) {
    for (auto& e : elements) e = CoerceOrThrow(e, {TypeId::kText, -1}, e->location);
  }
  const TypeId common = elements[0]->type.id;
  int32_t typmod = elements[0]->type.typmod;
  for (const auto& e : elements) typmod = e->type.typmod == typmod ? typmod : -1;
  const TypeId result = IsArrayType(common) ? common : ArrayTypeOf(common);
  if (result == TypeId::kInvalid) {
    throw Error(sqlstate::kUndefinedObject, "could not find array type for data type " + TypeDisplayName(common),
                a.location);
  }
  const ScalarFunction* f = FindArrayFunction("array", elements.size());
  return Call(f, {result, typmod}, std::move(elements), a.location);
}

BoundExprPtr Binder::BindSubscript(const ast::SubscriptExpr& s, const Scope& scope) {
  // a[i][j] is one subscript per dimension (transformIndirection): collect the chain, innermost first.
  std::vector<const ast::SubscriptExpr*> chain{&s};
  while (chain.back()->arg->kind == ast::ExprKind::kSubscript) {
    chain.push_back(&chain.back()->arg->As<ast::SubscriptExpr>());
  }
  std::reverse(chain.begin(), chain.end());
  CheckSubscriptCount(chain.size());
  auto array = BindExpr(*chain.front()->arg, scope);
  if (!IsArrayType(array->type.id)) {
    throw Error(
        sqlstate::kDatatypeMismatch,
        "cannot subscript type " + TypeDisplayName(array->type.id) + " because it does not support subscripting",
        array->location);
  }
  bool is_slice = false;
  for (const auto* sub : chain) is_slice = is_slice || sub->is_slice;
  auto bound = [&](const ast::ExprPtr& e, int32_t missing) {
    if (!e) return MakeConst(Value::Int4(missing), {TypeId::kInt4, -1});
    auto b = BindExpr(*e, scope);
    auto cast = TryCoerce(b, {TypeId::kInt4, -1}, CastContext::kAssignment);
    if (!cast) throw Error(sqlstate::kDatatypeMismatch, "array subscript must have type integer", b->location);
    return cast;
  };
  std::vector<BoundExprPtr> args{array};
  for (const auto* sub : chain) {
    // In a slice a plain subscript i means 1:i (transformContainerSubscripts).
    if (is_slice) args.push_back(sub->is_slice ? bound(sub->lower, INT32_MIN) : bound(nullptr, 1));
    args.push_back(bound(sub->is_slice ? sub->upper : sub->lower, INT32_MAX));
  }
  const int32_t location = Leftmost(array->location, s.location);
  const TypeDesc type = is_slice ? array->type : TypeDesc{ElementTypeOf(array->type.id), array->type.typmod};
  const ScalarFunction* f = FindArrayFunction(is_slice ? "slice" : "subscript", args.size());
  return Call(f, type, std::move(args), location);
}

BoundExprPtr Binder::BindArrayOp(const ast::ArrayOpExpr& op, const Scope& scope) {
  auto left = BindExpr(*op.arg, scope);
  auto array = BindExpr(*op.array, scope);
  if (array->type.id == TypeId::kUnknown) {
    const TypeId element = left->type.id == TypeId::kUnknown ? TypeId::kText : left->type.id;
    if (ArrayTypeOf(element) != TypeId::kInvalid)
      array = CoerceOrThrow(array, {ArrayTypeOf(element), -1}, array->location);
  }
  if (!IsArrayType(array->type.id)) {
    throw Error(sqlstate::kWrongObjectType, "op ANY/ALL (array) requires array on right side", op.location);
  }
  const TypeId element = ElementTypeOf(array->type.id);
  auto common = ComparisonType(left->type.id, element);
  if (!common || ArrayTypeOf(*common) == TypeId::kInvalid) {
    throw OperatorError(op.op, left, NullOfType(element), op.location);
  }
  std::vector<BoundExprPtr> args{CoerceOrThrow(left, {*common, -1}, left->location),
                                 CoerceOrThrow(array, {ArrayTypeOf(*common), -1}, array->location)};
  const std::string name = op.op + (op.all ? " ALL" : " ANY");
  return Call(FindArrayFunction(name, 2), {TypeId::kBool, -1}, std::move(args), Leftmost(op.location, left->location));
}

BoundExprPtr Binder::ArrayOperator(const std::string& op, BoundExprPtr l, BoundExprPtr r, int32_t location) {
  const bool l_array = IsArrayType(l->type.id);
  const bool r_array = IsArrayType(r->type.id);
  if (op == "||" && !l_array && !r_array) return nullptr;
  // An untyped literal next to an array is read as that array type (the array || array candidate wins).
  if (l->type.id == TypeId::kUnknown && r_array) l = CoerceOrThrow(l, {r->type.id, -1}, l->location);
  if (r->type.id == TypeId::kUnknown && l_array) r = CoerceOrThrow(r, {l->type.id, -1}, r->location);
  const int32_t at = Leftmost(location, l->location);
  if (op != "||") {
    if (!IsArrayType(l->type.id) || l->type.id != r->type.id) throw OperatorError(op, l, r, location);
    return Call(FindArrayFunction(op, 2), {TypeId::kBool, -1}, {l, r}, at);
  }
  const bool both = IsArrayType(l->type.id) && IsArrayType(r->type.id);
  std::vector<BoundExprPtr> arrays;
  std::vector<BoundExprPtr> elements;
  (IsArrayType(l->type.id) ? arrays : elements).push_back(l);
  (IsArrayType(r->type.id) ? arrays : elements).push_back(r);
  auto common = CommonElementType(arrays, elements, at);
  if (!common) throw OperatorError(op, l, r, location);
  const TypeDesc array_type{ArrayTypeOf(*common), -1};
  auto coerce = [&](const BoundExprPtr& e) {
    return CoerceOrThrow(e, IsArrayType(e->type.id) ? array_type : TypeDesc{*common, -1}, e->location);
  };
  const char* name = both ? "array_cat" : (IsArrayType(l->type.id) ? "array_append" : "array_prepend");
  return Call(FindArrayFunction(name, 2), array_type, {coerce(l), coerce(r)}, at);
}

BoundExprPtr Binder::BindArrayFunction(const std::string& name, std::vector<BoundExprPtr> args, int32_t location) {
  if (name == "unnest") {
    throw Error(sqlstate::kFeatureNotSupported, "set-returning functions are only supported in FROM", location);
  }
  // width_bucket's four-argument forms are ordinary numeric/float8 functions.
  if (name == "width_bucket" && args.size() != 2) return nullptr;
  const PolymorphicShape* shape = CompatibleShape(name);
  bool any_array = false;
  for (const char* n : kAnyArrayFunctions) any_array = any_array || name == n;
  if (!shape && !any_array) return nullptr;
  const ScalarFunction* f = FindArrayFunction(name, args.size());
  if (!f) throw NoFunction(name, args, location);
  std::optional<TypeId> element;
  std::set<size_t> arrays;
  std::set<size_t> elements;
  if (shape) {
    std::vector<BoundExprPtr> array_args;
    std::vector<BoundExprPtr> element_args;
    for (size_t i : shape->arrays) array_args.push_back(args[i]);
    for (size_t i : shape->elements) element_args.push_back(args[i]);
    element = CommonElementType(array_args, element_args, location);
    arrays.insert(shape->arrays.begin(), shape->arrays.end());
    elements.insert(shape->elements.begin(), shape->elements.end());
  } else {
    if (args[0]->type.id == TypeId::kUnknown) {
      throw Error(sqlstate::kDatatypeMismatch, "could not determine polymorphic type because input has type unknown",
                  location);
    }
    if (IsArrayType(args[0]->type.id)) element = ElementTypeOf(args[0]->type.id);
    arrays.insert(0);
  }
  if (!element) throw NoFunction(name, args, location);
  std::vector<BoundExprPtr> bound;
  for (size_t i = 0; i < args.size(); ++i) {
    const TypeId want = arrays.count(i) ? ArrayTypeOf(*element) : elements.count(i) ? *element : f->arg_types[i];
    auto cast = TryCoerce(args[i], {want, -1}, CastContext::kImplicit);
    if (!cast) throw NoFunction(name, args, location);
    bound.push_back(cast);
  }
  const TypeId result = f->result == TypeId::kInvalid ? ArrayTypeOf(*element) : f->result;
  return Call(f, {result, -1}, std::move(bound), location);
}

}  // namespace lumadb::planner

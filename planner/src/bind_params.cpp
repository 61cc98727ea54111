// $n parameters of prepared statements, typed by the context that coerces them (parser/parse_param.c:
// variable_paramref_hook, variable_coerce_param_hook, check_variable_parameters).
#include "planner/binder.h"

namespace lumadb::planner {

void Binder::EnableParameters(std::vector<TypeDesc> types) {
  params_ = std::make_shared<ParamState>();
  params_->types = std::move(types);
}

std::vector<TypeDesc> Binder::ParameterTypes() const {
  if (!params_) return {};
  // A node left unknown means its $n was decided only by another occurrence, or never: either way
  // PostgreSQL reports the parameter as undeterminable (check_parameter_resolution_walker).
  int undecided = 0;
  for (const auto& [ptr, node] : params_->unresolved) {
    if (undecided == 0 || node->op < undecided) undecided = node->op;
  }
  for (size_t i = 0; i < params_->types.size() && undecided == 0; ++i) {
    if (params_->types[i].id == TypeId::kUnknown) undecided = static_cast<int>(i) + 1;
  }
  if (undecided > 0) {
    throw DbError(sqlstate::kIndeterminateDatatype,
                  "could not determine data type of parameter $" + std::to_string(undecided));
  }
  return params_->types;
}

BoundExprPtr Binder::BindParam(const ast::ParamRef& p) {
  if (sql_function_scope_) {
    if (auto e = BindParamInFunction(p)) return e;
  }
  if (!params_ || p.number <= 0) {
    throw Error(sqlstate::kUndefinedParameter, "there is no parameter $" + std::to_string(p.number), p.location);
  }
  auto& types = params_->types;
  if (types.size() < static_cast<size_t>(p.number)) types.resize(p.number, TypeDesc{TypeId::kUnknown, -1});
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kParam;
  e->type = types[p.number - 1];
  e->op = p.number;
  e->location = p.location;
  if (e->type.id == TypeId::kUnknown) params_->unresolved[e.get()] = e;
  return e;
}

BoundExprPtr Binder::ResolveParam(const BoundExprPtr& e, TypeDesc target) {
  TypeDesc& type = params_->types[e->op - 1];
  if (type.id == TypeId::kUnknown) {
    type = TypeDesc{target.id, -1};
  } else if (type.id != target.id) {
    throw Error(sqlstate::kAmbiguousParameter, "inconsistent types deduced for parameter $" + std::to_string(e->op),
                e->location)
        .Detail(FormatType(TypeDesc{type.id, -1}) + " versus " + FormatType(TypeDesc{target.id, -1}));
  }
  params_->unresolved.erase(e.get());
  auto resolved = std::make_shared<BoundExpr>(*e);
  resolved->type = type;
  return resolved;
}

}  // namespace lumadb::planner

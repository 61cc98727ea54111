// pg_catalog.pg_proc as clients see it: the stored rows of user-defined functions (catalog relation 1255)
// after one row per built-in function and aggregate of the registry (pg_proc.dat's rows for what LumaDB
// implements), and the functions that describe a pg_proc row (ruleutils.c pg_get_function_arguments,
// pg_get_function_identity_arguments, pg_get_function_result, pg_get_functiondef; namespace.c
// FunctionIsVisible).
#include "builtins.h"
#include "planner/binder.h"
#include "planner/sql_functions.h"

namespace lumadb::planner {
namespace {

using T = TypeId;
constexpr Oid kFirstBuiltinOid = 10000;  // the registry's n-th scalar function is OID 10000 + n
constexpr T kAnyType = static_cast<T>(2276);
constexpr T kAnyElement = static_cast<T>(2283);

Value Name(std::string s) {
  return Value::String(std::move(s), T::kName);
}
Value Letter(char c) {
  return Value::String(std::string(1, c), T::kBpchar);
}

Row BuiltinRow(Oid oid, const std::string& name, const std::vector<T>& args, T result, bool strict, char volatility,
               char kind) {
  std::string argtypes;
  for (T t : args) {
    argtypes += (argtypes.empty() ? "" : " ") + std::to_string(static_cast<Oid>(t == T::kInvalid ? kAnyType : t));
  }
  Row r = {Value::Oid(oid),
           Name(name),
           Value::Oid(11),
           Value::Oid(10),
           Value::Oid(12),
           Value::Float4(1),
           Value::Float4(0),
           Value::Oid(0),
           Value::Oid(0),
           Letter(kind),
           Value::Bool(false),
           Value::Bool(false),
           Value::Bool(strict),
           Value::Bool(false),
           Letter(volatility),
           Letter('s'),
           Value::Int2(static_cast<int16_t>(args.size())),
           Value::Int2(0),
           Value::Oid(static_cast<Oid>(result == T::kInvalid ? kAnyElement : result)),
           Value::String(argtypes)};
  return r;
}

std::vector<Row> BuiltinRows() {
  std::vector<Row> rows;
  const auto& all = BuiltinFunctions();
  for (size_t i = 0; i < all.size(); ++i) {
    const ScalarFunction& f = all[i];
    rows.push_back(BuiltinRow(kFirstBuiltinOid + static_cast<Oid>(i), f.name, f.arg_types, f.result, f.strict,
                              f.is_volatile ? 'v' : 'i', 'f'));
  }
  return rows;
}

}  // namespace

PlanPtr Binder::BindProcView(const ast::TableRef& ref, std::shared_ptr<const catalog::TableInfo> table, Scope* scope) {
  static const std::vector<Row> kBuiltins = BuiltinRows();
  auto values = std::make_shared<ValuesPlan>();
  for (const auto& c : table->columns) values->output.push_back({c.name, c.type});
  for (const Row& row : kBuiltins) {
    std::vector<BoundExprPtr> exprs;
    for (size_t i = 0; i < table->columns.size(); ++i) {
      const TypeDesc type = table->columns[i].type;
      exprs.push_back(MakeConst(i < row.size() ? row[i] : Value::Null(type.id), type));
    }
    values->rows.push_back(std::move(exprs));
  }
  RequirePermission(table, catalog::kAclSelect);
  auto all = std::make_shared<SetOpPlan>();
  all->left = values;
  all->right = ScanPlan(table, false);
  all->op = SetOpKind::kUnion;
  all->all = true;
  all->output = values->output;
  const std::string rel = ref.alias.empty() ? table->name : ref.alias;
  scope->relations.push_back(rel);
  for (size_t i = 0; i < table->columns.size(); ++i) {
    const std::string& column = i < ref.column_aliases.size() ? ref.column_aliases[i] : table->columns[i].name;
    scope->columns.push_back({rel, column, table->columns[i].type, 0, 0, false});
  }
  return all;
}

std::optional<catalog::FunctionInfo> BuiltinFunctionInfo(Oid oid) {
  const auto& all = BuiltinFunctions();
  if (oid < kFirstBuiltinOid || oid >= kFirstBuiltinOid + all.size()) return std::nullopt;
  const ScalarFunction& f = all[oid - kFirstBuiltinOid];
  catalog::FunctionInfo info;
  info.oid = oid;
  info.name = f.name;
  info.schema = "pg_catalog";
  info.namespace_oid = 11;
  info.language = 12;
  for (T t : f.arg_types) info.arg_types.push_back(t == T::kInvalid ? kAnyType : t);
  info.return_type = f.result == T::kInvalid ? kAnyElement : f.result;
  info.strict = f.strict;
  info.volatility = f.is_volatile ? 'v' : 'i';
  info.src = f.name;
  return info;
}

}  // namespace lumadb::planner

// System information functions (PostgreSQL 15's func.sgml "System Information Functions"): the
// visibility functions, format_type, pg_get_userbyid, pg_get_indexdef, pg_get_constraintdef,
// pg_get_viewdef, the comment functions and the ones about features LumaDB lacks (triggers, statistics
// objects, tablespaces), which answer as PostgreSQL does when there is no such object.
#include "builtins.h"
#include "catalog/inquiry.h"

namespace lumadb::planner {
namespace {

using T = TypeId;

Oid OidArg(const Value& v) {
  return static_cast<Oid>(v.GetInt());
}

Value OptionalText(const std::optional<std::string>& s) {
  return s ? Value::String(*s) : Value::Null(T::kText);
}

Value OptionalBool(const std::optional<bool>& b) {
  return b ? Value::Bool(*b) : Value::Null(T::kBool);
}

Value TableIsVisible(const std::vector<Value>& a, const FunctionEnv& env) {
  return env.inquiry ? OptionalBool(env.inquiry->TableIsVisible(OidArg(a[0]))) : Value::Null(T::kBool);
}

// Every type LumaDB has lives in pg_catalog, which every search path includes.
Value TypeIsVisible(const std::vector<Value>& a, const FunctionEnv&) {
  const TypeId t = static_cast<TypeId>(OidArg(a[0]));
  return std::string_view(TypeName(t)) == "-" ? Value::Null(T::kBool) : Value::Bool(true);
}

// format_type(type, typmod) (format_type.c): NULL typmod means none given, which differs from -1 only for
// bpchar ("bpchar" against "character"); "???" for an unknown type.
Value FormatTypeOf(const std::vector<Value>& a, const FunctionEnv&) {
  if (a[0].is_null()) return Value::Null(T::kText);
  const TypeId t = static_cast<TypeId>(OidArg(a[0]));
  if (t == T::kInvalid) return Value::String("-");
  if (std::string_view(TypeName(t)) == "-") return Value::String("???");
  const int32_t typmod = a[1].is_null() ? -1 : static_cast<int32_t>(a[1].GetInt());
  std::string text = FormatType(TypeDesc{t, typmod});
  const bool bpchar = t == T::kBpchar || ElementTypeOf(t) == T::kBpchar;
  if (bpchar && !a[1].is_null() && typmod < 0) text.replace(0, 6, "character");
  return Value::String(std::move(text));
}

Value UserById(const std::vector<Value>& a, const FunctionEnv& env) {
  const Oid oid = OidArg(a[0]);
  if (!env.inquiry) return Value::String("unknown (OID=" + std::to_string(oid) + ")", T::kName);
  return Value::String(env.inquiry->UserById(oid), T::kName);
}

Value IndexDef(const std::vector<Value>& a, const FunctionEnv& env) {
  if (!env.inquiry) return Value::Null(T::kText);
  const int column = a.size() > 1 ? static_cast<int>(a[1].GetInt()) : 0;
  const bool pretty = a.size() > 2 && a[2].GetBool();
  return OptionalText(env.inquiry->IndexDef(OidArg(a[0]), column, pretty));
}

Value ConstraintDef(const std::vector<Value>& a, const FunctionEnv& env) {
  return env.inquiry ? OptionalText(env.inquiry->ConstraintDef(OidArg(a[0]))) : Value::Null(T::kText);
}

Value ViewDef(const std::vector<Value>& a, const FunctionEnv& env) {
  return env.inquiry ? OptionalText(env.inquiry->ViewDef(OidArg(a[0]))) : Value::Null(T::kText);
}

Value RelationIsPublishable(const std::vector<Value>& a, const FunctionEnv& env) {
  return env.inquiry ? OptionalBool(env.inquiry->RelationIsPublishable(OidArg(a[0]))) : Value::Null(T::kBool);
}

// No object has a comment, trigger, statistics object or extended tablespace: what PostgreSQL returns then.
Value NullText(const std::vector<Value>&, const FunctionEnv&) {
  return Value::Null(T::kText);
}

Value EmptyText(const std::vector<Value>&, const FunctionEnv&) {
  return Value::String("");
}

// pg_encoding_to_char (mbutils.c): the encodings' names by number; "" for an invalid one.
Value EncodingToChar(const std::vector<Value>& a, const FunctionEnv&) {
  switch (a[0].GetInt()) {
    case 0:
      return Value::String("SQL_ASCII", T::kName);
    case 6:
      return Value::String("UTF8", T::kName);
    default:
      return Value::String("", T::kName);
  }
}

}  // namespace

void AddCatalogBuiltins(std::vector<ScalarFunction>& out) {
  // The catalog-reading ones are stable: marked volatile so that calls are never folded at bind time.
  std::vector<ScalarFunction> fns = {
      {"pg_table_is_visible", {T::kOid}, T::kBool, TableIsVisible, true, false, true},
      {"pg_type_is_visible", {T::kOid}, T::kBool, TypeIsVisible},
      {"format_type", {T::kOid, T::kInt4}, T::kText, FormatTypeOf, false},
      {"pg_get_userbyid", {T::kOid}, T::kName, UserById, true, false, true},
      {"pg_get_indexdef", {T::kOid}, T::kText, IndexDef, true, false, true},
      {"pg_get_indexdef", {T::kOid, T::kInt4, T::kBool}, T::kText, IndexDef, true, false, true},
      {"pg_get_constraintdef", {T::kOid}, T::kText, ConstraintDef, true, false, true},
      {"pg_get_constraintdef", {T::kOid, T::kBool}, T::kText, ConstraintDef, true, false, true},
      {"pg_get_viewdef", {T::kOid}, T::kText, ViewDef, true, false, true},
      {"pg_get_viewdef", {T::kOid, T::kBool}, T::kText, ViewDef, true, false, true},
      {"pg_relation_is_publishable", {T::kRegclass}, T::kBool, RelationIsPublishable, true, false, true},
      {"obj_description", {T::kOid}, T::kText, NullText},
      {"obj_description", {T::kOid, T::kName}, T::kText, NullText},
      {"col_description", {T::kOid, T::kInt4}, T::kText, NullText},
      {"shobj_description", {T::kOid, T::kName}, T::kText, NullText},
      {"pg_get_triggerdef", {T::kOid}, T::kText, NullText},
      {"pg_get_triggerdef", {T::kOid, T::kBool}, T::kText, NullText},
      {"pg_get_statisticsobjdef_columns", {T::kOid}, T::kText, NullText},
      {"pg_tablespace_location", {T::kOid}, T::kText, EmptyText},
      {"pg_encoding_to_char", {T::kInt4}, T::kName, EncodingToChar},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner

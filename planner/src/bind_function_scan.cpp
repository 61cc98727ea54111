// Set-returning functions in FROM (parser/parse_clause.c transformRangeFunction): generate_series over
// int4, int8 and numeric, as PostgreSQL's generate_series_int4/int8/numeric, and over timestamp and
// timestamptz with an interval step, unnest, and the json ones (json[b]_array_elements[_text],
// json[b]_each[_text], json[b]_object_keys, json[b]_to_record[set] with a column definition list, and
// json[b]_populate_record[set] over a record, checked against such a list as tupledesc_match does). Other functions
// in FROM are not supported yet.
#include <optional>
#include <string_view>
#include <utility>

#include "planner/binder.h"
#include "planner/function_registry.h"
#include "planner/type_rules.h"

namespace lumadb::planner {

namespace {

std::string Signature(const std::string& name, const std::vector<BoundExprPtr>& args) {
  std::string out = name + "(";
  for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + TypeDisplayName(args[i]->type.id);
  return out + ")";
}

// The generate_series overload for the argument types (int4 < int8 < numeric, untyped literals take the
// others' type), or kInvalid when none applies. All-untyped arguments are ambiguous (*ambiguous set).
TypeId SeriesType(const std::vector<BoundExprPtr>& args, bool* ambiguous) {
  TypeId result = TypeId::kInvalid;
  for (const auto& a : args) {
    TypeId t = a->type.id;
    if (t == TypeId::kUnknown) continue;
    if (t == TypeId::kInt2) t = TypeId::kInt4;
    if (t != TypeId::kInt4 && t != TypeId::kInt8 && t != TypeId::kNumeric) return TypeId::kInvalid;
    result = result == TypeId::kInvalid ? t : PromoteNumeric(result, t);
  }
  *ambiguous = result == TypeId::kInvalid;
  return result;
}

using Columns = std::vector<std::pair<std::string, TypeId>>;

// A json set-returning function: the document type it reads and its output columns (its OUT parameters;
// an empty name: a function returning a scalar, whose column is named after the FROM item).
struct JsonSetFunction {
  TypeId doc;
  Columns columns;
};

std::optional<JsonSetFunction> FindJsonSetFunction(std::string_view name) {
  TypeId doc = TypeId::kJsonb;
  if (name.starts_with("jsonb_")) {
    name.remove_prefix(6);
  } else if (name.starts_with("json_")) {
    doc = TypeId::kJson;
    name.remove_prefix(5);
  } else {
    return std::nullopt;
  }
  const bool text = name.ends_with("_text");
  if (text) name.remove_suffix(5);
  const TypeId value = text ? TypeId::kText : doc;
  if (name == "array_elements") return JsonSetFunction{doc, {{"value", value}}};
  if (name == "each") return JsonSetFunction{doc, {{"key", TypeId::kText}, {"value", value}}};
  if (name == "object_keys" && !text) return JsonSetFunction{doc, {{"", TypeId::kText}}};
  return std::nullopt;
}

// json[b]_to_record / json[b]_to_recordset: functions returning record, whose columns come from the FROM
// item's column definition list. The document type, or nullopt for other names.
std::optional<TypeId> JsonRecordFunction(std::string_view name) {
  if (name == "json_to_record" || name == "json_to_recordset") return TypeId::kJson;
  if (name == "jsonb_to_record" || name == "jsonb_to_recordset") return TypeId::kJsonb;
  return std::nullopt;
}

// json[b]_populate_record[set](base, document [, use_json_as_text]): the document type, or nullopt for
// other names.
std::optional<TypeId> JsonPopulateFunction(std::string_view name) {
  if (name == "json_populate_record" || name == "json_populate_recordset") return TypeId::kJson;
  if (name == "jsonb_populate_record" || name == "jsonb_populate_recordset") return TypeId::kJsonb;
  return std::nullopt;
}

// The fields of a record known when binding (ROW(...) and whole-row references; f1, f2, ... for anonymous
// ones, untyped literals as text), or nullopt for a record known only at run time.
std::optional<Columns> RecordFields(const BoundExpr& record) {
  if (record.kind != BoundKind::kRow) return std::nullopt;
  Columns out;
  for (size_t i = 0; i < record.args.size(); ++i) {
    const TypeId type = record.args[i]->type.id;
    out.emplace_back(record.field_names ? (*record.field_names)[i] : "f" + std::to_string(i + 1),
                     type == TypeId::kUnknown ? TypeId::kText : type);
  }
  return out;
}

// tupledesc_match (execSRF.c): the row the function returns against the column definition list; 42804.
void CheckReturnedRow(const Columns& returned, const std::vector<OutputColumn>& expected) {
  const DbError mismatch(sqlstate::kDatatypeMismatch,
                         "function return row and query-specified return row do not match");
  if (returned.size() != expected.size()) {
    throw DbError(mismatch).Detail("Returned row contains " + std::to_string(returned.size()) + " attribute" +
                                   (returned.size() == 1 ? "" : "s") + ", but query expects " +
                                   std::to_string(expected.size()) + ".");
  }
  for (size_t i = 0; i < returned.size(); ++i) {
    if (returned[i].second == expected[i].type.id) continue;
    throw DbError(mismatch).Detail("Returned type " + TypeDisplayName(returned[i].second) + " at ordinal position " +
                                   std::to_string(i + 1) + ", but query expects " +
                                   TypeDisplayName(expected[i].type.id) + ".");
  }
}

// A scan of a function returning record, its columns as the definition list gives them (addRangeTableEntryForFunction).
PlanPtr RecordScan(const ast::TableRef& ref, const std::string& name, std::vector<BoundExprPtr> args, Scope* scope,
                   std::string_view query_text) {
  auto plan = std::make_shared<FunctionScanPlan>();
  plan->function = name;
  plan->args = std::move(args);
  plan->alias = ref.alias.empty() ? name : ref.alias;
  for (size_t i = 0; i < ref.column_types.size(); ++i) {
    const TypeDesc type = ResolveTypeName(ref.column_types[i], query_text);
    CheckColumnType(type, ref.column_aliases[i]);
    plan->output.push_back({ref.column_aliases[i], type});
    scope->columns.push_back({plan->alias, ref.column_aliases[i], type, 0, 0, false});
  }
  scope->relations.push_back(plan->alias);
  return plan;
}

// A scan of function `name` with these output columns, named by the FROM item's alias, else default_alias.
PlanPtr ColumnsScan(const ast::TableRef& ref, const std::string& name, std::vector<BoundExprPtr> args, Columns columns,
                    Scope* scope, const std::string& default_alias) {
  auto plan = std::make_shared<FunctionScanPlan>();
  plan->function = name;
  plan->args = std::move(args);
  plan->alias = ref.alias.empty() ? default_alias : ref.alias;
  if (columns.size() == 1 && columns[0].first.empty()) columns[0].first = plan->alias;
  if (ref.column_aliases.size() > columns.size()) {
    throw DbError(sqlstate::kInvalidColumnReference,
                  "table \"" + plan->alias + "\" has " + std::to_string(columns.size()) + " columns available but " +
                      std::to_string(ref.column_aliases.size()) + " columns specified");
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string& column = i < ref.column_aliases.size() ? ref.column_aliases[i] : columns[i].first;
    plan->output.push_back({column, {columns[i].second, -1}});
    scope->columns.push_back({plan->alias, column, {columns[i].second, -1}, 0, 0, false});
  }
  scope->relations.push_back(plan->alias);
  return plan;
}

// generate_series(start, stop, step interval) over timestamps (generate_series_timestamp[tz]): timestamptz
// when either bound is timestamptz or date or both are untyped (timestamptz is the preferred type),
// timestamp when the typed bounds are timestamps; kInvalid when the arguments are not of that shape.
TypeId TimestampSeriesType(const std::vector<BoundExprPtr>& args) {
  if (args.size() != 3) return TypeId::kInvalid;
  const TypeId step = args[2]->type.id;
  if (step != TypeId::kInterval && step != TypeId::kUnknown) return TypeId::kInvalid;
  bool any_tz = false, any_plain = false;
  for (size_t i = 0; i < 2; ++i) {
    const TypeId t = args[i]->type.id;
    if (t == TypeId::kTimestampTz || t == TypeId::kDate) {
      any_tz = true;
    } else if (t == TypeId::kTimestamp) {
      any_plain = true;
    } else if (t != TypeId::kUnknown) {
      return TypeId::kInvalid;
    }
  }
  if (!any_tz && !any_plain && step == TypeId::kUnknown) return TypeId::kInvalid;
  return any_plain && !any_tz ? TypeId::kTimestamp : TypeId::kTimestampTz;
}

}  // namespace

bool IsSetFunctionName(const ast::FuncCall& f) {
  const std::string& name = f.name.back();
  const bool schema_ok = f.name.size() == 1 || (f.name.size() == 2 && f.name[0] == "pg_catalog");
  return schema_ok && (name == "unnest" || name == "generate_series" || name == "regexp_matches" ||
                       name == "regexp_split_to_table" || name == "string_to_table" ||
                       name == "pg_partition_ancestors" || name == "json_populate_recordset" ||
                       name == "jsonb_populate_recordset" || FindJsonSetFunction(name).has_value());
}

PlanPtr Binder::BindFunctionTable(const ast::TableRef& ref, Scope* scope) {
  std::vector<BoundExprPtr> args;
  // No LATERAL: the arguments see no FROM item.
  for (const auto& a : ref.function->args) args.push_back(BindExpr(*a, Scope{}));
  return BindSetFunction(ref, *ref.function, std::move(args), scope);
}

PlanPtr Binder::BindSetFunction(const ast::TableRef& ref, const ast::FuncCall& f, std::vector<BoundExprPtr> args,
                                Scope* scope) {
  const std::string& name = f.name.back();
  bool schema_ok = f.name.size() == 1 || (f.name.size() == 2 && f.name[0] == "pg_catalog");
  if (auto user = BindUserFunctionTable(ref, f, args, scope)) return user;
  if (auto doc = schema_ok ? JsonPopulateFunction(name) : std::nullopt) {
    const size_t max_args = *doc == TypeId::kJson ? 3 : 2;
    if (args.size() < 2 || args.size() > max_args || !CanCoerceImplicitly(args[1]->type.id, *doc) ||
        (args.size() == 3 && !CanCoerceImplicitly(args[2]->type.id, TypeId::kBool))) {
      throw NoFunction(name, args, f.location);
    }
    if (args[0]->type.id != TypeId::kRecord) {
      throw DbError(sqlstate::kDatatypeMismatch, "first argument of " + name + " must be a row type");
    }
    args[1] = CoerceOrThrow(args[1], {*doc, -1}, args[1]->location);
    // use_json_as_text only changes how nested composites are read, and no field is one.
    args.resize(2);
    const auto fields = RecordFields(*args[0]);
    if (ref.function == nullptr) {
      // In the select list the rows take the base record's shape.
      if (!fields) {
        throw DbError(sqlstate::kFeatureNotSupported, "could not determine row type for result of " + name)
            .Hint(
                "Provide a non-null record argument, or call the function in the FROM clause using a column "
                "definition list.");
      }
      return ColumnsScan(ref, name, std::move(args), *fields, scope, name);
    }
    if (ref.column_types.empty()) {
      throw Error(sqlstate::kSyntaxError, "a column definition list is required for functions returning \"record\"",
                  f.location);
    }
    PlanPtr plan = RecordScan(ref, name, std::move(args), scope, query_text_);
    if (fields) CheckReturnedRow(*fields, plan->output);
    return plan;
  }
  if (auto doc = schema_ok ? JsonRecordFunction(name) : std::nullopt) {
    if (args.size() != 1 || !CanCoerceImplicitly(args[0]->type.id, *doc)) throw NoFunction(name, args, f.location);
    args[0] = CoerceOrThrow(args[0], {*doc, -1}, args[0]->location);
    if (ref.column_types.empty()) {
      throw Error(sqlstate::kSyntaxError, "a column definition list is required for functions returning \"record\"",
                  f.location);
    }
    return RecordScan(ref, name, std::move(args), scope, query_text_);
  }
  if (!ref.column_types.empty()) {
    throw Error(sqlstate::kSyntaxError, "a column definition list is only allowed for functions returning \"record\"",
                ref.location);
  }
  if (schema_ok && name == "unnest") return BindUnnest(ref, f.location, std::move(args), scope);
  if (schema_ok && name == "pg_partition_ancestors" && args.size() == 1 &&
      CanCoerceImplicitly(args[0]->type.id, TypeId::kRegclass)) {
    args[0] = CoerceOrThrow(args[0], {TypeId::kRegclass, -1}, args[0]->location);
    return FunctionScan(ref, name, std::move(args), {TypeId::kRegclass, -1}, scope);
  }
  if (schema_ok && (name == "regexp_matches" || name == "regexp_split_to_table" || name == "string_to_table")) {
    // (text, text [, text]) returning setof text[] / setof text.
    if (args.size() < 2 || args.size() > 3) throw NoFunction(name, args, f.location);
    for (auto& a : args) {
      if (!CanCoerceImplicitly(a->type.id, TypeId::kText)) throw NoFunction(name, args, f.location);
    }
    for (auto& a : args) a = CoerceOrThrow(a, {TypeId::kText, -1}, a->location);
    const TypeId type = name == "regexp_matches" ? array_type::kText : TypeId::kText;
    return FunctionScan(ref, name, std::move(args), {type, -1}, scope);
  }
  if (auto json = schema_ok ? FindJsonSetFunction(name) : std::nullopt) {
    if (args.size() != 1 || !CanCoerceImplicitly(args[0]->type.id, json->doc)) throw NoFunction(name, args, f.location);
    args[0] = CoerceOrThrow(args[0], {json->doc, -1}, args[0]->location);
    return ColumnsScan(ref, name, std::move(args), std::move(json->columns), scope, name);
  }
  if (!schema_ok || name != "generate_series") {
    if (schema_ok && IsKnownFunctionName(name)) {
      throw Error(sqlstate::kFeatureNotSupported, "function " + name + " is not supported in FROM", f.location);
    }
    std::string shown;
    for (const auto& part : f.name) shown += (shown.empty() ? "" : ".") + part;
    throw Error(sqlstate::kUndefinedFunction, "function " + Signature(shown, args) + " does not exist", f.location)
        .Hint("No function matches the given name and argument types. You might need to add explicit type casts.");
  }
  if (const TypeId ts = TimestampSeriesType(args); ts != TypeId::kInvalid) {
    std::vector<BoundExprPtr> coerced;
    for (size_t i = 0; i < args.size(); ++i) {
      const TypeDesc want{i < 2 ? ts : TypeId::kInterval, -1};
      coerced.push_back(CoerceOrThrow(args[i], want, args[i]->location));
    }
    return FunctionScan(ref, name, std::move(coerced), {ts, -1}, scope);
  }
  bool ambiguous = false;
  TypeId type = args.size() == 2 || args.size() == 3 ? SeriesType(args, &ambiguous) : TypeId::kInvalid;
  if (ambiguous && !args.empty() && args.size() <= 3) {
    throw Error(sqlstate::kAmbiguousFunction, "function " + Signature(name, args) + " is not unique", f.location)
        .Hint("Could not choose a best candidate function. You might need to add explicit type casts.");
  }
  if (type == TypeId::kInvalid) {
    throw Error(sqlstate::kUndefinedFunction, "function " + Signature(name, args) + " does not exist", f.location)
        .Hint("No function matches the given name and argument types. You might need to add explicit type casts.");
  }
  std::vector<BoundExprPtr> coerced;
  for (const auto& a : args) coerced.push_back(CoerceOrThrow(a, {type, -1}, a->location));
  return FunctionScan(ref, name, std::move(coerced), {type, -1}, scope);
}

PlanPtr Binder::BindActivityView(const ast::TableRef& ref, Scope* scope) {
  // pg_catalog comes first in every search path, so a user table of that name never hides the views.
  if (!ref.table.schema.empty() && ref.table.schema != "pg_catalog") return nullptr;
  if (ref.table.name == "pg_stat_activity") {
    const auto& columns = PgStatActivityColumns();
    return ColumnsScan(ref, "pg_stat_get_activity", {}, Columns(columns.begin(), columns.end()), scope, ref.table.name);
  }
  if (ref.table.name == "pg_stat_ssl") {
    const auto& columns = PgStatSslColumns();
    return ColumnsScan(ref, "pg_stat_get_ssl", {}, Columns(columns.begin(), columns.end()), scope, ref.table.name);
  }
  return nullptr;
}

PlanPtr Binder::BindUnnest(const ast::TableRef& ref, int32_t location, std::vector<BoundExprPtr> args, Scope* scope) {
  if (args.size() == 1 && args[0]->type.id == TypeId::kUnknown) {
    throw Error(sqlstate::kDatatypeMismatch, "could not determine polymorphic type because input has type unknown",
                location);
  }
  if (args.size() != 1 || !IsArrayType(args[0]->type.id)) throw NoFunction("unnest", args, location);
  const TypeDesc element{ElementTypeOf(args[0]->type.id), args[0]->type.typmod};
  return FunctionScan(ref, "unnest", std::move(args), element, scope);
}

PlanPtr Binder::FunctionScan(const ast::TableRef& ref, const std::string& name, std::vector<BoundExprPtr> args,
                             TypeDesc type, Scope* scope) {
  auto plan = std::make_shared<FunctionScanPlan>();
  plan->function = name;
  plan->args = std::move(args);
  // A function returning a scalar names its column after the alias (or the function), as
  // buildRelationAliases / chooseScalarFunctionAlias do.
  std::string rel = ref.alias.empty() ? name : ref.alias;
  if (ref.column_aliases.size() > 1) {
    throw DbError(sqlstate::kInvalidColumnReference, "table \"" + rel + "\" has 1 columns available but " +
                                                         std::to_string(ref.column_aliases.size()) +
                                                         " columns specified");
  }
  std::string column = ref.column_aliases.empty() ? rel : ref.column_aliases[0];
  plan->alias = rel;
  plan->output.push_back({column, type});
  scope->relations.push_back(rel);
  scope->columns.push_back({rel, column, type, 0, 0, false});
  return plan;
}

}  // namespace lumadb::planner

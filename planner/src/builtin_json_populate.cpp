// json_populate_record and jsonb_populate_record in expressions (PostgreSQL 15 jsonfuncs.c
// json_populate_record / populate_record_worker) over a record base: the result has the base's fields,
// each taken from the object member of its name when there is one. The set-returning
// json[b]_populate_recordset and every call in FROM are bound by bind_function_scan.cpp.
#include "common/error.h"
#include "common/json_populate.h"
#include "common/record.h"
#include "json_util.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

// populate_record_worker: a NULL document returns the base; a NULL base has no known row type (0A000),
// and a base that is no record is 42804, as get_record_type_from_argument reports them.
Value Populate(const std::vector<Value>& a, const std::string& name) {
  if (!a[0].is_null() && a[0].type() != T::kRecord) {
    throw DbError(sqlstate::kDatatypeMismatch, "first argument of " + name + " must be a row type");
  }
  if (a[0].is_null()) {
    throw DbError(sqlstate::kFeatureNotSupported, "could not determine row type for result of " + name)
        .Hint(
            "Provide a non-null record argument, or call the function in the FROM clause using a column "
            "definition list.");
  }
  if (a[1].is_null()) return a[0];
  const TypeId doc = a[1].type();
  const json::JsonValue root = json::ParseJson(a[1].GetString(), doc == T::kJsonb);
  if (root.kind != json::JsonKind::kObject) {
    throw DbError(sqlstate::kInvalidParameterValue,
                  std::string("cannot call populate_composite on ") +
                      (root.kind == json::JsonKind::kArray ? "an array" : "a scalar"));
  }
  return json::PopulateRecord(a[0].GetRecord(), &root, a[1].GetString(), doc);
}

Value JsonPopulateRecordFn(const std::vector<Value>& a, const FunctionEnv&) {
  return Populate(a, "json_populate_record");
}

Value JsonbPopulateRecordFn(const std::vector<Value>& a, const FunctionEnv&) {
  return Populate(a, "jsonb_populate_record");
}

}  // namespace

void AddJsonPopulateBuiltins(std::vector<ScalarFunction>& out) {
  // Not strict: a NULL document still returns the base (use_json_as_text matters only for nested composites).
  out.push_back({"json_populate_record", {T::kRecord, T::kJson}, T::kRecord, JsonPopulateRecordFn, false});
  out.push_back({"json_populate_record", {T::kRecord, T::kJson, T::kBool}, T::kRecord, JsonPopulateRecordFn, false});
  out.push_back({"jsonb_populate_record", {T::kRecord, T::kJsonb}, T::kRecord, JsonbPopulateRecordFn, false});
}

}  // namespace lumadb::planner

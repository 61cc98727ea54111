// The json/jsonb constructors (PostgreSQL 15 json.c, jsonb.c): to_json, to_jsonb, json_build_object,
// jsonb_build_object, json_build_array, jsonb_build_array, array_to_json, json_object, jsonb_object.
#include <optional>
#include <utility>

#include "common/array.h"
#include "common/error.h"
#include "common/value_io.h"
#include "json_util.h"

namespace lumadb::planner {

namespace {

using Args = std::vector<Value>;
using T = TypeId;
using json::JsonValue;

Value ToJsonFn(const Args& a, const FunctionEnv&) {
  return Value::String(json::ToJsonText(a[0]), T::kJson);
}

Value ToJsonbFn(const Args& a, const FunctionEnv&) {
  return JsonbResult(json::ToJsonbValue(a[0]));
}

// row_to_json(record [, pretty]) (json.c row_to_json, composite_to_json).
Value RowToJsonFn(const Args& a, const FunctionEnv&) {
  if (a[0].type() != T::kRecord) {
    throw DbError(sqlstate::kUndefinedFunction,
                  "function row_to_json(" + FormatType({a[0].type(), -1}) + ") does not exist");
  }
  return Value::String(json::RecordToJsonText(a[0].GetRecord(), a.size() > 1 && a[1].GetBool()), T::kJson);
}

// array_to_json(anyarray [, pretty]): to_json of an array; pretty puts a line feed after each comma between
// the outermost elements (json.c array_dim_to_json with use_line_feeds).
Value ArrayToJsonFn(const Args& a, const FunctionEnv&) {
  if (!IsArrayType(a[0].type())) {
    throw DbError(sqlstate::kUndefinedFunction,
                  "function array_to_json(" + FormatType({a[0].type(), -1}) + ") does not exist");
  }
  const std::string text = json::ToJsonText(a[0]);
  if (a.size() < 2 || !a[1].GetBool()) return Value::String(text, T::kJson);
  std::string out;
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    out += c;
    if (in_string) {
      if (c == '\\' && i + 1 < text.size()) {
        out += text[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') --depth;
    if (c == ',' && depth == 1) out += "\n ";
  }
  return Value::String(out, T::kJson);
}

// An object key: a scalar's text (booleans spelled out); 22023 for NULL, arrays and json.
std::string KeyText(const Value& v, size_t arg, bool jsonb) {
  if (v.is_null()) {
    if (jsonb) {
      throw DbError(sqlstate::kInvalidParameterValue, "argument " + std::to_string(arg) + ": key must not be null");
    }
    throw DbError(sqlstate::kInvalidParameterValue, "argument " + std::to_string(arg) + " cannot be null")
        .Hint("Object keys should be text.");
  }
  if (IsArrayType(v.type()) || v.type() == T::kJson || v.type() == T::kJsonb) {
    throw DbError(sqlstate::kInvalidParameterValue, "key value must be scalar, not array, composite, or json");
  }
  if (v.type() == T::kBool) return v.GetBool() ? "true" : "false";
  return FormatValue(v);
}

void CheckPairs(const Args& a, const char* name) {
  if (a.size() % 2 != 0) {
    throw DbError(sqlstate::kInvalidParameterValue, "argument list must have even number of elements")
        .Hint(std::string("The arguments of ") + name + "() must consist of alternating keys and values.");
  }
}

// json_build_object: {"k" : v, ...} with the spacing json.c writes.
Value BuildObjectFn(const Args& a, const FunctionEnv&) {
  CheckPairs(a, "json_build_object");
  std::string out = "{";
  for (size_t i = 0; i < a.size(); i += 2) {
    if (i > 0) out += ", ";
    json::AppendQuoted(out, KeyText(a[i], i + 1, false));
    out += " : ";
    out += json::ToJsonText(a[i + 1]);
  }
  return Value::String(out + "}", T::kJson);
}

Value BuildObjectbFn(const Args& a, const FunctionEnv&) {
  CheckPairs(a, "jsonb_build_object");
  JsonValue v = JsonValue::Object();
  for (size_t i = 0; i < a.size(); i += 2) {
    v.keys.push_back(KeyText(a[i], i + 1, true));
    v.items.push_back(json::ToJsonbValue(a[i + 1]));
  }
  return JsonbResult(std::move(v));
}

using Pairs = std::vector<std::pair<std::string, std::optional<std::string>>>;

[[noreturn]] void ThrowSubscripts(const char* message) {
  throw DbError(sqlstate::kArraySubscriptError, message);
}

// The members of json_object(text[]) (a flat key/value list or a two-column array) or
// json_object(keys text[], values text[]) (json.c json_object, json_object_two_arg); NULL values stay.
Pairs ObjectPairs(const Args& a) {
  Pairs out;
  auto add = [&out](const Value& key, const Value& value) {
    if (key.is_null()) throw DbError(sqlstate::kNullValueNotAllowed, "null value not allowed for object key");
    out.emplace_back(key.GetString(), value.is_null() ? std::nullopt : std::optional(value.GetString()));
  };
  const Array& first = a[0].GetArray();
  if (a.size() == 2) {
    const Array& values = a[1].GetArray();
    if (first.ndim() > 1 || values.ndim() > 1) ThrowSubscripts("wrong number of array subscripts");
    if (first.items.size() != values.items.size()) ThrowSubscripts("mismatched array dimensions");
    for (size_t i = 0; i < first.items.size(); ++i) add(first.items[i], values.items[i]);
    return out;
  }
  if (first.ndim() > 2) ThrowSubscripts("wrong number of array subscripts");
  if (first.ndim() == 1 && first.items.size() % 2 != 0) ThrowSubscripts("array must have even number of elements");
  if (first.ndim() == 2 && first.dims[1] != 2) ThrowSubscripts("array must have two columns");
  for (size_t i = 0; i + 1 < first.items.size(); i += 2) add(first.items[i], first.items[i + 1]);
  return out;
}

Value ObjectFn(const Args& a, const FunctionEnv&) {
  std::string out = "{";
  for (const auto& [key, value] : ObjectPairs(a)) {
    if (out.size() > 1) out += ", ";
    json::AppendQuoted(out, key);
    out += " : ";
    if (value) {
      json::AppendQuoted(out, *value);
    } else {
      out += "null";
    }
  }
  return Value::String(out + "}", T::kJson);
}

Value ObjectbFn(const Args& a, const FunctionEnv&) {
  JsonValue v = JsonValue::Object();
  for (auto& [key, value] : ObjectPairs(a)) {
    v.keys.push_back(std::move(key));
    v.items.push_back(value ? JsonValue::String(std::move(*value)) : JsonValue::Null());
  }
  return JsonbResult(std::move(v));
}

Value BuildArrayFn(const Args& a, const FunctionEnv&) {
  std::string out = "[";
  for (size_t i = 0; i < a.size(); ++i) {
    if (i > 0) out += ", ";
    out += json::ToJsonText(a[i]);
  }
  return Value::String(out + "]", T::kJson);
}

Value BuildArraybFn(const Args& a, const FunctionEnv&) {
  std::vector<JsonValue> items;
  for (const Value& v : a) items.push_back(json::ToJsonbValue(v));
  return JsonbResult(JsonValue::Array(std::move(items)));
}

}  // namespace

void AddJsonBuildBuiltins(std::vector<ScalarFunction>& out) {
  std::vector<ScalarFunction> fns = {
      {"to_json", {T::kInvalid}, T::kJson, ToJsonFn},
      {"to_jsonb", {T::kInvalid}, T::kJsonb, ToJsonbFn},
      {"row_to_json", {T::kRecord}, T::kJson, RowToJsonFn},
      {"row_to_json", {T::kRecord, T::kBool}, T::kJson, RowToJsonFn},
      {"array_to_json", {T::kInvalid}, T::kJson, ArrayToJsonFn},
      {"array_to_json", {T::kInvalid, T::kBool}, T::kJson, ArrayToJsonFn},
      {"json_build_object", {T::kInvalid}, T::kJson, BuildObjectFn, false, true},
      {"jsonb_build_object", {T::kInvalid}, T::kJsonb, BuildObjectbFn, false, true},
      {"json_object", {array_type::kText}, T::kJson, ObjectFn},
      {"json_object", {array_type::kText, array_type::kText}, T::kJson, ObjectFn},
      {"jsonb_object", {array_type::kText}, T::kJsonb, ObjectbFn},
      {"jsonb_object", {array_type::kText, array_type::kText}, T::kJsonb, ObjectbFn},
      {"json_build_array", {T::kInvalid}, T::kJson, BuildArrayFn, false, true},
      {"jsonb_build_array", {T::kInvalid}, T::kJsonb, BuildArraybFn, false, true},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner

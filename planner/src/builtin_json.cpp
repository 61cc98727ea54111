// The json/jsonb accessors and the functions behind the json operators (PostgreSQL 15 jsonfuncs.c,
// jsonb_op.c): -> ->> #> #>> (json_object_field, json_array_element, json_extract_path and their _text
// and jsonb forms), ? ?| ?& (jsonb_exists*), @> <@ (jsonb_contains/contained), || (jsonb_concat),
// - and #- (jsonb_delete, jsonb_delete_path), json[b]_typeof, json[b]_array_length.
#include <charconv>
#include <optional>

#include "builtins.h"
#include "common/array.h"
#include "common/error.h"
#include "common/json.h"
#include "json_util.h"

namespace lumadb::planner {

namespace {

using Args = std::vector<Value>;
using T = TypeId;
using json::JsonKind;
using json::JsonValue;

// The value at path[level..] below v: an object's member (json may repeat a key: every member of that
// name is followed and the last full match wins, as get_path_all's streaming does), or an array's element
// when the step is an integer (negative counts from the end); null when nothing matches.
const JsonValue* Walk(const JsonValue& v, const std::vector<std::string>& path, size_t level) {
  if (level == path.size()) return &v;
  const std::string& step = path[level];
  if (v.kind == JsonKind::kObject) {
    const JsonValue* found = nullptr;
    for (size_t i = 0; i < v.keys.size(); ++i) {
      if (v.keys[i] != step) continue;
      if (const JsonValue* match = Walk(v.items[i], path, level + 1)) found = match;
    }
    return found;
  }
  if (v.kind != JsonKind::kArray) return nullptr;
  int64_t index = 0;
  const char* end = step.data() + step.size();
  auto [p, ec] = std::from_chars(step.data(), end, index);
  if (ec != std::errc() || p != end || step.empty()) return nullptr;
  const JsonValue* element = v.At(index);
  return element == nullptr ? nullptr : Walk(*element, path, level + 1);
}

// The path of #>, #>> and json[b]_extract_path: a text[] (NULL elements select nothing), or the variadic
// text arguments after the first.
std::optional<std::vector<std::string>> PathOf(const Args& a) {
  std::vector<std::string> path;
  if (a.size() == 2 && IsArrayType(a[1].type())) {
    for (const Value& e : a[1].GetArray().items) {
      if (e.is_null()) return std::nullopt;
      path.push_back(e.GetString());
    }
    return path;
  }
  for (size_t i = 1; i < a.size(); ++i) {
    if (a[i].is_null()) return std::nullopt;
    path.push_back(a[i].GetString());
  }
  return path;
}

template <bool kAsText>
Value FieldFn(const Args& a, const FunctionEnv&) {
  const JsonDoc doc(a[0]);
  return doc.Result(doc.root().Find(a[1].GetString()), kAsText);
}

template <bool kAsText>
Value ElementFn(const Args& a, const FunctionEnv&) {
  const JsonDoc doc(a[0]);
  const JsonValue& root = doc.root();
  // jsonb stores a top-level scalar as a one-element array, so element 0 (or -1) of it is the scalar.
  if (doc.is_jsonb() && root.kind != JsonKind::kArray && root.kind != JsonKind::kObject) {
    return doc.Result(a[1].GetInt() == 0 || a[1].GetInt() == -1 ? &root : nullptr, kAsText);
  }
  return doc.Result(root.At(a[1].GetInt()), kAsText);
}

template <bool kAsText>
Value PathFn(const Args& a, const FunctionEnv&) {
  const auto path = PathOf(a);
  const TypeId result = kAsText ? T::kText : a[0].type();
  if (!path) return Value::Null(result);
  const JsonDoc doc(a[0]);
  return doc.Result(Walk(doc.root(), *path, 0), kAsText);
}

Value TypeofFn(const Args& a, const FunctionEnv&) {
  return Value::String(json::KindName(JsonDoc(a[0]).root().kind));
}

Value ArrayLengthFn(const Args& a, const FunctionEnv&) {
  const JsonDoc doc(a[0]);
  const JsonValue& root = doc.root();
  if (root.kind == JsonKind::kArray) return Value::Int4(static_cast<int32_t>(root.items.size()));
  throw DbError(sqlstate::kInvalidParameterValue, root.kind == JsonKind::kObject
                                                      ? "cannot get array length of a non-array"
                                                      : "cannot get array length of a scalar");
}

// jsonb_exists: a key of an object, a string element of an array, or a top-level string equal to it.
bool Exists(const JsonValue& v, const std::string& key) {
  if (v.kind == JsonKind::kObject) return v.Find(key) != nullptr;
  if (v.kind == JsonKind::kString) return v.text == key;
  for (const JsonValue& e : v.items) {
    if (e.kind == JsonKind::kString && e.text == key) return true;
  }
  return false;
}

Value ExistsFn(const Args& a, const FunctionEnv&) {
  return Value::Bool(Exists(JsonDoc(a[0]).root(), a[1].GetString()));
}

template <bool kAll>
Value ExistsManyFn(const Args& a, const FunctionEnv&) {
  const JsonDoc doc(a[0]);
  for (const Value& k : a[1].GetArray().items) {
    if (k.is_null()) continue;
    if (Exists(doc.root(), k.GetString()) != kAll) return Value::Bool(!kAll);
  }
  return Value::Bool(kAll);
}

template <bool kContained>
Value ContainsFn(const Args& a, const FunctionEnv&) {
  const JsonDoc l(a[0]), r(a[1]);
  return Value::Bool(kContained ? json::JsonbContains(r.root(), l.root()) : json::JsonbContains(l.root(), r.root()));
}

// jsonb_concat: two objects merge (the right's members win); anything else concatenates as arrays, a
// non-array side counting as an array of itself.
Value ConcatFn(const Args& a, const FunctionEnv&) {
  JsonValue l = json::ParseJson(a[0].GetString(), true);
  JsonValue r = json::ParseJson(a[1].GetString(), true);
  if (l.kind == JsonKind::kObject && r.kind == JsonKind::kObject) {
    for (size_t i = 0; i < r.keys.size(); ++i) {
      l.keys.push_back(std::move(r.keys[i]));
      l.items.push_back(std::move(r.items[i]));
    }
    return JsonbResult(std::move(l));
  }
  auto as_items = [](JsonValue v) {
    return v.kind == JsonKind::kArray ? std::move(v.items) : std::vector<JsonValue>{std::move(v)};
  };
  std::vector<JsonValue> items = as_items(std::move(l));
  for (JsonValue& e : as_items(std::move(r))) items.push_back(std::move(e));
  return JsonbResult(JsonValue::Array(std::move(items)));
}

}  // namespace

Value JsonDoc::Result(const JsonValue* node, bool as_text) const {
  return json::AccessorResult(node, source_, jsonb_ ? T::kJsonb : T::kJson, as_text);
}

Value JsonbResult(JsonValue v) {
  json::NormalizeJsonb(v);
  return Value::String(json::JsonbText(v), T::kJsonb);
}

void AddJsonBuiltins(std::vector<ScalarFunction>& out) {
  const T text_array = array_type::kText;
  std::vector<ScalarFunction> fns = {
      {"json_object_field", {T::kJson, T::kText}, T::kJson, FieldFn<false>},
      {"json_object_field_text", {T::kJson, T::kText}, T::kText, FieldFn<true>},
      {"json_array_element", {T::kJson, T::kInt4}, T::kJson, ElementFn<false>},
      {"json_array_element_text", {T::kJson, T::kInt4}, T::kText, ElementFn<true>},
      {"json_extract_path", {T::kJson, text_array}, T::kJson, PathFn<false>},
      {"json_extract_path", {T::kJson, T::kText, T::kText}, T::kJson, PathFn<false>, true, true},
      {"json_extract_path_text", {T::kJson, text_array}, T::kText, PathFn<true>},
      {"json_extract_path_text", {T::kJson, T::kText, T::kText}, T::kText, PathFn<true>, true, true},
      {"jsonb_object_field", {T::kJsonb, T::kText}, T::kJsonb, FieldFn<false>},
      {"jsonb_object_field_text", {T::kJsonb, T::kText}, T::kText, FieldFn<true>},
      {"jsonb_array_element", {T::kJsonb, T::kInt4}, T::kJsonb, ElementFn<false>},
      {"jsonb_array_element_text", {T::kJsonb, T::kInt4}, T::kText, ElementFn<true>},
      {"jsonb_extract_path", {T::kJsonb, text_array}, T::kJsonb, PathFn<false>},
      {"jsonb_extract_path", {T::kJsonb, T::kText, T::kText}, T::kJsonb, PathFn<false>, true, true},
      {"jsonb_extract_path_text", {T::kJsonb, text_array}, T::kText, PathFn<true>},
      {"jsonb_extract_path_text", {T::kJsonb, T::kText, T::kText}, T::kText, PathFn<true>, true, true},
      {"json_typeof", {T::kJson}, T::kText, TypeofFn},
      {"jsonb_typeof", {T::kJsonb}, T::kText, TypeofFn},
      {"json_array_length", {T::kJson}, T::kInt4, ArrayLengthFn},
      {"jsonb_array_length", {T::kJsonb}, T::kInt4, ArrayLengthFn},
      {"jsonb_exists", {T::kJsonb, T::kText}, T::kBool, ExistsFn},
      {"jsonb_exists_any", {T::kJsonb, text_array}, T::kBool, ExistsManyFn<false>},
      {"jsonb_exists_all", {T::kJsonb, text_array}, T::kBool, ExistsManyFn<true>},
      {"jsonb_contains", {T::kJsonb, T::kJsonb}, T::kBool, ContainsFn<false>},
      {"jsonb_contained", {T::kJsonb, T::kJsonb}, T::kBool, ContainsFn<true>},
      {"jsonb_concat", {T::kJsonb, T::kJsonb}, T::kJsonb, ConcatFn},
  };
  out.insert(out.end(), fns.begin(), fns.end());
  AddJsonEditBuiltins(out);
  AddJsonBuildBuiltins(out);
  AddJsonPopulateBuiltins(out);
}

}  // namespace lumadb::planner

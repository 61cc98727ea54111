// The jsonb editing functions (PostgreSQL 15 jsonfuncs.c): jsonb_delete (the - operator), jsonb_delete_path
// (#-), jsonb_set, json[b]_strip_nulls, jsonb_pretty.
#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdint>

#include "common/array.h"
#include "common/error.h"
#include "json_util.h"

namespace lumadb::planner {

namespace {

using Args = std::vector<Value>;
using T = TypeId;
using json::JsonKind;
using json::JsonValue;

bool IsContainer(const JsonValue& v) {
  return v.kind == JsonKind::kArray || v.kind == JsonKind::kObject;
}

void EraseAt(JsonValue& v, size_t i) {
  v.items.erase(v.items.begin() + static_cast<std::ptrdiff_t>(i));
  if (v.kind == JsonKind::kObject) v.keys.erase(v.keys.begin() + static_cast<std::ptrdiff_t>(i));
}

// Removes an object's members with these keys, or an array's string elements equal to one of them.
void DeleteKeys(JsonValue& v, const std::vector<std::string>& keys) {
  if (!IsContainer(v)) throw DbError(sqlstate::kInvalidParameterValue, "cannot delete from scalar");
  for (size_t i = v.items.size(); i-- > 0;) {
    const std::string* name = v.kind == JsonKind::kObject            ? &v.keys[i]
                              : v.items[i].kind == JsonKind::kString ? &v.items[i].text
                                                                     : nullptr;
    if (name != nullptr && std::find(keys.begin(), keys.end(), *name) != keys.end()) EraseAt(v, i);
  }
}

Value DeleteKeyFn(const Args& a, const FunctionEnv&) {
  JsonValue v = json::ParseJson(a[0].GetString(), true);
  DeleteKeys(v, {a[1].GetString()});
  return JsonbResult(std::move(v));
}

Value DeleteKeysFn(const Args& a, const FunctionEnv&) {
  JsonValue v = json::ParseJson(a[0].GetString(), true);
  std::vector<std::string> keys;
  for (const Value& k : a[1].GetArray().items) {
    if (!k.is_null()) keys.push_back(k.GetString());
  }
  DeleteKeys(v, keys);
  return JsonbResult(std::move(v));
}

Value DeleteIndexFn(const Args& a, const FunctionEnv&) {
  JsonValue v = json::ParseJson(a[0].GetString(), true);
  if (v.kind == JsonKind::kObject) {
    throw DbError(sqlstate::kInvalidParameterValue, "cannot delete from object using integer index");
  }
  if (v.kind != JsonKind::kArray) throw DbError(sqlstate::kInvalidParameterValue, "cannot delete from scalar");
  int64_t i = a[1].GetInt();
  const auto n = static_cast<int64_t>(v.items.size());
  if (i < 0) i += n;
  if (i >= 0 && i < n) EraseAt(v, static_cast<size_t>(i));
  return JsonbResult(std::move(v));
}

// A text[] path; a NULL element is 22004 as in PostgreSQL's jsonb_set and #-.
std::vector<std::string> PathArray(const Value& path) {
  std::vector<std::string> out;
  for (const Value& e : path.GetArray().items) {
    if (e.is_null()) {
      throw DbError(sqlstate::kNullValueNotAllowed,
                    "path element at position " + std::to_string(out.size() + 1) + " is null");
    }
    out.push_back(e.GetString());
  }
  return out;
}

// An array path step: its integer (22P02 when it is none), made non-negative; INT64_MIN when it points
// before the first element, the array's size when past the end.
int64_t ArrayIndex(const JsonValue& v, const std::string& step, size_t level) {
  int64_t idx = 0;
  const char* end = step.data() + step.size();
  auto [p, ec] = std::from_chars(step.data(), end, idx);
  if (step.empty() || ec != std::errc() || p != end || idx < INT_MIN || idx > INT_MAX) {
    throw DbError(sqlstate::kInvalidTextRepresentation,
                  "path element at position " + std::to_string(level + 1) + " is not an integer: \"" + step + "\"");
  }
  const auto n = static_cast<int64_t>(v.items.size());
  if (idx < 0) idx = -idx > n ? INT64_MIN : n + idx;
  return idx > n ? n : idx;
}

// setPath: replaces (or, with create, adds) the value at path[level..]; with replacement null, deletes it.
void SetPath(JsonValue& v, const std::vector<std::string>& path, size_t level, const JsonValue* replacement,
             bool create) {
  const bool last = level + 1 == path.size();
  if (v.kind == JsonKind::kObject) {
    for (size_t i = v.keys.size(); i-- > 0;) {
      if (v.keys[i] != path[level]) continue;
      if (!last) return SetPath(v.items[i], path, level + 1, replacement, create);
      if (replacement == nullptr) return EraseAt(v, i);
      v.items[i] = *replacement;
      return;
    }
    if (last && create && replacement != nullptr) {
      v.keys.push_back(path[level]);
      v.items.push_back(*replacement);
    }
    return;
  }
  if (v.kind != JsonKind::kArray) return;
  const int64_t idx = ArrayIndex(v, path[level], level);
  if (idx >= 0 && idx < static_cast<int64_t>(v.items.size())) {
    auto& item = v.items[static_cast<size_t>(idx)];
    if (!last) return SetPath(item, path, level + 1, replacement, create);
    if (replacement == nullptr) return EraseAt(v, static_cast<size_t>(idx));
    item = *replacement;
  } else if (last && create && replacement != nullptr) {
    v.items.insert(idx < 0 ? v.items.begin() : v.items.end(), *replacement);
  }
}

Value SetFn(const Args& a, const FunctionEnv&) {
  JsonValue v = json::ParseJson(a[0].GetString(), true);
  const std::vector<std::string> path = PathArray(a[1]);
  if (!IsContainer(v)) throw DbError(sqlstate::kInvalidParameterValue, "cannot set path in scalar");
  if (path.empty()) return a[0];
  const JsonValue replacement = json::ParseJson(a[2].GetString(), true);
  SetPath(v, path, 0, &replacement, a.size() < 4 || a[3].GetBool());
  return JsonbResult(std::move(v));
}

Value DeletePathFn(const Args& a, const FunctionEnv&) {
  JsonValue v = json::ParseJson(a[0].GetString(), true);
  const std::vector<std::string> path = PathArray(a[1]);
  if (!IsContainer(v)) throw DbError(sqlstate::kInvalidParameterValue, "cannot delete path in scalar");
  if (path.empty()) return a[0];
  SetPath(v, path, 0, nullptr, false);
  return JsonbResult(std::move(v));
}

void StripNulls(JsonValue& v) {
  for (size_t i = v.items.size(); i-- > 0;) {
    if (v.kind == JsonKind::kObject && v.items[i].kind == JsonKind::kNull) {
      EraseAt(v, i);
    } else {
      StripNulls(v.items[i]);
    }
  }
}

Value StripNullsFn(const Args& a, const FunctionEnv&) {
  JsonValue v = json::ParseJson(a[0].GetString(), true);
  StripNulls(v);
  return JsonbResult(std::move(v));
}

// json_strip_nulls re-emits the document without white space, strings re-escaped and numbers as written,
// dropping object members whose value is null (jsonfuncs.c sn_* semantic actions).
void AppendStripped(std::string& out, const JsonValue& v) {
  switch (v.kind) {
    case JsonKind::kNull:
      out += "null";
      return;
    case JsonKind::kBool:
      out += v.boolean ? "true" : "false";
      return;
    case JsonKind::kNumber:
      out += v.text;
      return;
    case JsonKind::kString:
      json::AppendQuoted(out, v.text);
      return;
    case JsonKind::kArray:
    case JsonKind::kObject:
      break;
  }
  const bool is_object = v.kind == JsonKind::kObject;
  out.push_back(is_object ? '{' : '[');
  bool first = true;
  for (size_t i = 0; i < v.items.size(); ++i) {
    if (is_object && v.items[i].kind == JsonKind::kNull) continue;
    if (!first) out.push_back(',');
    first = false;
    if (is_object) {
      json::AppendQuoted(out, v.keys[i]);
      out.push_back(':');
    }
    AppendStripped(out, v.items[i]);
  }
  out.push_back(is_object ? '}' : ']');
}

Value JsonStripNullsFn(const Args& a, const FunctionEnv&) {
  std::string out;
  AppendStripped(out, json::ParseJson(a[0].GetString(), false));
  return Value::String(std::move(out), T::kJson);
}

Value PrettyFn(const Args& a, const FunctionEnv&) {
  return Value::String(json::JsonbPretty(json::ParseJson(a[0].GetString(), true)));
}

}  // namespace

void AddJsonEditBuiltins(std::vector<ScalarFunction>& out) {
  const T text_array = array_type::kText;
  std::vector<ScalarFunction> fns = {
      {"jsonb_delete", {T::kJsonb, T::kText}, T::kJsonb, DeleteKeyFn},
      {"jsonb_delete", {T::kJsonb, T::kInt4}, T::kJsonb, DeleteIndexFn},
      {"jsonb_delete", {T::kJsonb, text_array}, T::kJsonb, DeleteKeysFn},
      {"jsonb_delete_path", {T::kJsonb, text_array}, T::kJsonb, DeletePathFn},
      {"jsonb_set", {T::kJsonb, text_array, T::kJsonb}, T::kJsonb, SetFn},
      {"jsonb_set", {T::kJsonb, text_array, T::kJsonb, T::kBool}, T::kJsonb, SetFn},
      {"jsonb_strip_nulls", {T::kJsonb}, T::kJsonb, StripNullsFn},
      {"json_strip_nulls", {T::kJson}, T::kJson, JsonStripNullsFn},
      {"jsonb_pretty", {T::kJsonb}, T::kText, PrettyFn},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner

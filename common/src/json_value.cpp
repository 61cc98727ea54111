// JsonValue construction, lookup, jsonb normalization and text output (PostgreSQL 15 jsonb_util.c
// uniqueifyJsonbObject, jsonb.c JsonbToCStringWorker, json.c escape_json).
#include <algorithm>
#include <cstdio>
#include <numeric>

#include "common/json.h"

namespace lumadb::json {

JsonValue JsonValue::String(std::string s) {
  JsonValue v;
  v.kind = JsonKind::kString;
  v.text = std::move(s);
  return v;
}

JsonValue JsonValue::Number(const Numeric& n) {
  JsonValue v;
  v.kind = JsonKind::kNumber;
  v.number = n;
  v.text = n.ToString();
  return v;
}

JsonValue JsonValue::Bool(bool b) {
  JsonValue v;
  v.kind = JsonKind::kBool;
  v.boolean = b;
  return v;
}

JsonValue JsonValue::Array(std::vector<JsonValue> items) {
  JsonValue v;
  v.kind = JsonKind::kArray;
  v.items = std::move(items);
  return v;
}

JsonValue JsonValue::Object() {
  JsonValue v;
  v.kind = JsonKind::kObject;
  return v;
}

const JsonValue* JsonValue::Find(std::string_view key) const {
  if (kind != JsonKind::kObject) return nullptr;
  // json keeps duplicates; its operators return the last one, as jsonb keeps it.
  for (size_t i = keys.size(); i-- > 0;) {
    if (keys[i] == key) return &items[i];
  }
  return nullptr;
}

const JsonValue* JsonValue::At(int64_t index) const {
  if (kind != JsonKind::kArray) return nullptr;
  const auto n = static_cast<int64_t>(items.size());
  if (index < 0) index += n;
  if (index < 0 || index >= n) return nullptr;
  return &items[static_cast<size_t>(index)];
}

void NormalizeJsonb(JsonValue& v) {
  if (v.kind == JsonKind::kNumber) v.text = v.number.ToString();
  for (JsonValue& item : v.items) NormalizeJsonb(item);
  if (v.kind != JsonKind::kObject) return;
  // lengthCompareJsonbPair: shorter keys first, then bytewise; a stable sort keeps duplicates in input
  // order, so the last of each run is the one that wins.
  std::vector<size_t> order(v.keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const std::string& ka = v.keys[a];
    const std::string& kb = v.keys[b];
    return ka.size() != kb.size() ? ka.size() < kb.size() : ka < kb;
  });
  std::vector<std::string> keys;
  std::vector<JsonValue> items;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i + 1 < order.size() && v.keys[order[i]] == v.keys[order[i + 1]]) continue;
    keys.push_back(std::move(v.keys[order[i]]));
    items.push_back(std::move(v.items[order[i]]));
  }
  v.keys = std::move(keys);
  v.items = std::move(items);
}

void AppendQuoted(std::string& out, std::string_view s) {
  out.push_back('"');
  for (const char c : s) {
    switch (c) {
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

namespace {

void AppendScalar(std::string& out, const JsonValue& v) {
  switch (v.kind) {
    case JsonKind::kNull:
      out += "null";
      break;
    case JsonKind::kString:
      AppendQuoted(out, v.text);
      break;
    case JsonKind::kNumber:
      out += v.text;
      break;
    case JsonKind::kBool:
      out += v.boolean ? "true" : "false";
      break;
    default:
      break;
  }
}

// JsonbToCStringWorker; indent < 0 prints on one line.
void AppendJsonb(std::string& out, const JsonValue& v, int indent) {
  const bool is_object = v.kind == JsonKind::kObject;
  if (!is_object && v.kind != JsonKind::kArray) {
    AppendScalar(out, v);
    return;
  }
  out.push_back(is_object ? '{' : '[');
  for (size_t i = 0; i < v.items.size(); ++i) {
    if (indent >= 0) {
      out += i == 0 ? "\n" : ",\n";
      out.append(static_cast<size_t>(4 * (indent + 1)), ' ');
    } else if (i > 0) {
      out += ", ";
    }
    if (is_object) {
      AppendQuoted(out, v.keys[i]);
      out += ": ";
    }
    AppendJsonb(out, v.items[i], indent >= 0 ? indent + 1 : -1);
  }
  if (indent >= 0) {
    out.push_back('\n');
    out.append(static_cast<size_t>(4 * indent), ' ');
  }
  out.push_back(is_object ? '}' : ']');
}

}  // namespace

std::string JsonbText(const JsonValue& v) {
  std::string out;
  AppendJsonb(out, v, -1);
  return out;
}

std::string JsonbPretty(const JsonValue& v) {
  std::string out;
  AppendJsonb(out, v, 0);
  return out;
}

std::string_view SourceText(const JsonValue& v, std::string_view source) {
  return source.substr(v.begin, v.end - v.begin);
}

Value AccessorResult(const JsonValue* node, std::string_view source, TypeId doc_type, bool as_text) {
  const TypeId type = as_text ? TypeId::kText : doc_type;
  if (node == nullptr || (as_text && node->kind == JsonKind::kNull)) return Value::Null(type);
  if (as_text && node->kind == JsonKind::kString) return Value::String(node->text);
  if (doc_type == TypeId::kJsonb) return Value::String(JsonbText(*node), type);
  return Value::String(std::string(SourceText(*node, source)), type);
}

const char* KindName(JsonKind k) {
  switch (k) {
    case JsonKind::kNull:
      return "null";
    case JsonKind::kString:
      return "string";
    case JsonKind::kNumber:
      return "number";
    case JsonKind::kBool:
      return "boolean";
    case JsonKind::kArray:
      return "array";
    case JsonKind::kObject:
      return "object";
  }
  return "null";
}

}  // namespace lumadb::json

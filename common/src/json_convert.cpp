// SQL values to JSON: to_json and to_jsonb (PostgreSQL 15 json.c datum_to_json, jsonb.c datum_to_jsonb,
// JsonEncodeDateTime).
#include <string>

#include "common/array.h"
#include "common/json.h"
#include "common/record.h"
#include "common/value_io.h"

namespace lumadb::json {

namespace {

bool IsNumberType(TypeId t) {
  return t == TypeId::kInt2 || t == TypeId::kInt4 || t == TypeId::kInt8 || t == TypeId::kFloat4 ||
         t == TypeId::kFloat8 || t == TypeId::kNumeric;
}

// NaN and the infinities are no JSON numbers (IsValidJsonNumber), so they become strings.
bool IsJsonNumber(std::string_view s) {
  return !s.empty() && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')) && s != "-Infinity";
}

// JsonEncodeDateTime: the ISO 8601 form with a T between date and time and a +hh:mm zone (XSD style).
std::string DateTimeText(const Value& v) {
  std::string s = FormatValue(v);
  if (v.type() == TypeId::kDate || s.find("infinity") != std::string::npos) return s;
  if (size_t space = s.find(' '); space != std::string::npos) s[space] = 'T';
  if (v.type() == TypeId::kTimestampTz) {
    const size_t sign = s.find_last_of("+-");
    if (sign != std::string::npos && sign > 10 && s.size() - sign == 3) s += ":00";
  }
  return s;
}

bool IsDateTime(TypeId t) {
  return t == TypeId::kDate || t == TypeId::kTimestamp || t == TypeId::kTimestampTz;
}

// array_to_json_internal: one dimension at a time, elements separated by a bare comma.
void AppendArrayJson(std::string& out, const Array& a, size_t dim, size_t& next) {
  out.push_back('[');
  for (int32_t i = 0; i < a.dims[dim]; ++i) {
    if (i > 0) out.push_back(',');
    if (dim + 1 < a.dims.size()) {
      AppendArrayJson(out, a, dim + 1, next);
    } else {
      out += ToJsonText(a.items[next++]);
    }
  }
  out.push_back(']');
}

JsonValue ArrayJsonb(const Array& a, size_t dim, size_t& next) {
  JsonValue out = JsonValue::Array();
  for (int32_t i = 0; i < a.dims[dim]; ++i) {
    out.items.push_back(dim + 1 < a.dims.size() ? ArrayJsonb(a, dim + 1, next) : ToJsonbValue(a.items[next++]));
  }
  return out;
}

}  // namespace

std::string RecordToJsonText(const Record& r, bool pretty) {
  std::string out = "{";
  for (size_t i = 0; i < r.fields.size(); ++i) {
    if (i > 0) out += pretty ? ",\n " : ",";
    AppendQuoted(out, r.FieldName(i));
    out.push_back(':');
    out += ToJsonText(r.fields[i]);
  }
  return out + "}";
}

std::string ToJsonText(const Value& v) {
  if (v.is_null()) return "null";
  const TypeId t = v.type();
  if (IsArrayType(t)) {
    const Array& a = v.GetArray();
    if (a.dims.empty()) return "[]";
    std::string out;
    size_t next = 0;
    AppendArrayJson(out, a, 0, next);
    return out;
  }
  if (t == TypeId::kRecord) return RecordToJsonText(v.GetRecord(), false);
  if (t == TypeId::kBool) return v.GetBool() ? "true" : "false";
  if (t == TypeId::kJson || t == TypeId::kJsonb) return v.GetString();
  std::string text = IsDateTime(t) ? DateTimeText(v) : FormatValue(v);
  if (IsNumberType(t) && IsJsonNumber(text)) return text;
  std::string out;
  AppendQuoted(out, text);
  return out;
}

JsonValue ToJsonbValue(const Value& v) {
  if (v.is_null()) return JsonValue::Null();
  const TypeId t = v.type();
  if (IsArrayType(t)) {
    const Array& a = v.GetArray();
    size_t next = 0;
    return a.dims.empty() ? JsonValue::Array() : ArrayJsonb(a, 0, next);
  }
  if (t == TypeId::kRecord) {
    const Record& r = v.GetRecord();
    JsonValue out = JsonValue::Object();
    for (size_t i = 0; i < r.fields.size(); ++i) {
      out.keys.push_back(r.FieldName(i));
      out.items.push_back(ToJsonbValue(r.fields[i]));
    }
    NormalizeJsonb(out);
    return out;
  }
  if (t == TypeId::kBool) return JsonValue::Bool(v.GetBool());
  if (t == TypeId::kJson || t == TypeId::kJsonb) return ParseJson(v.GetString(), true);
  std::string text = IsDateTime(t) ? DateTimeText(v) : FormatValue(v);
  if (IsNumberType(t) && IsJsonNumber(text)) return JsonValue::Number(Numeric::Parse(text));
  return JsonValue::String(std::move(text));
}

}  // namespace lumadb::json

// jsonfuncs.c's populate_record_field, populate_array and populate_record, for json and jsonb documents.
#include "common/json_populate.h"

#include "common/error.h"
#include "common/record.h"
#include "common/value_io.h"

namespace lumadb::json {

namespace {

// A JSON array as array_in text ({1,"x",NULL}, nested arrays as sub-arrays), for populate_array.
void AppendArrayLiteral(std::string& out, const JsonValue& node, std::string_view source, TypeId doc) {
  out.push_back('{');
  for (size_t i = 0; i < node.items.size(); ++i) {
    if (i > 0) out.push_back(',');
    const JsonValue& item = node.items[i];
    if (item.kind == JsonKind::kArray) {
      AppendArrayLiteral(out, item, source, doc);
      continue;
    }
    const Value text = AccessorResult(&item, source, doc, true);
    if (text.is_null()) {
      out += "NULL";
      continue;
    }
    out.push_back('"');
    for (char c : text.GetString()) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('}');
}

}  // namespace

Value PopulateField(const JsonValue* node, std::string_view source, TypeId doc, TypeDesc type, const std::string& key) {
  if (node == nullptr || node->kind == JsonKind::kNull) return Value::Null(type.id);
  if (type.id == TypeId::kJson || type.id == TypeId::kJsonb) {
    return ParseValue(type, AccessorResult(node, source, doc, false).GetString());
  }
  if (IsArrayType(type.id)) {
    if (node->kind != JsonKind::kArray) {
      throw DbError(sqlstate::kInvalidTextRepresentation, "expected JSON array")
          .Hint("See the value of key \"" + key + "\".");
    }
    std::string literal;
    AppendArrayLiteral(literal, *node, source, doc);
    return ParseValue(type, literal);
  }
  return ParseValue(type, AccessorResult(node, source, doc, true).GetString());
}

Value PopulateRecord(const Record& base, const JsonValue* object, std::string_view source, TypeId doc) {
  std::vector<Value> fields = base.fields;
  for (size_t i = 0; object != nullptr && i < fields.size(); ++i) {
    const std::string name = base.FieldName(i);
    const JsonValue* node = object->Find(name);
    if (node != nullptr) fields[i] = PopulateField(node, source, doc, {fields[i].type(), -1}, name);
  }
  return MakeRecord(std::move(fields), base.names);
}

}  // namespace lumadb::json

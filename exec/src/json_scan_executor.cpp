// The json set-returning functions in FROM (PostgreSQL 15 jsonfuncs.c): json[b]_array_elements[_text]
// (one row per element, column "value"), json[b]_each[_text] (one row per member: key, value) and
// json[b]_object_keys (one row per key), each over one json or jsonb argument; json[b]_to_record[set] (one
// row per object, its members converted to the columns of the definition list, as populate_record does).
#include <string_view>

#include "common/error.h"
#include "common/json.h"
#include "common/value_io.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"

namespace lumadb::exec {

namespace {

using json::JsonKind;
using json::JsonValue;

enum class JsonSet { kElements, kEach, kKeys, kToRecord, kToRecordSet };

struct JsonSetFunction {
  std::string_view name;
  JsonSet kind;
  bool as_text;
};

constexpr JsonSetFunction kFunctions[] = {
    {"json_array_elements", JsonSet::kElements, false},
    {"json_array_elements_text", JsonSet::kElements, true},
    {"jsonb_array_elements", JsonSet::kElements, false},
    {"jsonb_array_elements_text", JsonSet::kElements, true},
    {"json_each", JsonSet::kEach, false},
    {"json_each_text", JsonSet::kEach, true},
    {"jsonb_each", JsonSet::kEach, false},
    {"jsonb_each_text", JsonSet::kEach, true},
    {"json_object_keys", JsonSet::kKeys, false},
    {"jsonb_object_keys", JsonSet::kKeys, false},
    {"json_to_record", JsonSet::kToRecord, false},
    {"jsonb_to_record", JsonSet::kToRecord, false},
    {"json_to_recordset", JsonSet::kToRecordSet, false},
    {"jsonb_to_recordset", JsonSet::kToRecordSet, false},
};

[[noreturn]] void Throw(const std::string& message) {
  throw DbError(sqlstate::kInvalidParameterValue, message);
}

// The errors of a document of the wrong shape, worded as each PostgreSQL function words them.
void CheckShape(const JsonSetFunction& f, const JsonValue& root, bool jsonb) {
  const bool is_array = root.kind == JsonKind::kArray, is_object = root.kind == JsonKind::kObject;
  switch (f.kind) {
    case JsonSet::kElements:
      if (!is_array)
        Throw(is_object ? "cannot extract elements from an object" : "cannot extract elements from a scalar");
      return;
    case JsonSet::kEach:
      if (is_object) return;
      if (jsonb) Throw("cannot call " + std::string(f.name) + " on a non-object");
      Throw(is_array ? "cannot deconstruct an array as an object" : "cannot deconstruct a scalar");
    case JsonSet::kKeys:
      if (!is_object) Throw("cannot call " + std::string(f.name) + " on " + (is_array ? "an array" : "a scalar"));
      return;
    case JsonSet::kToRecord:
      if (!is_object) Throw(std::string("cannot call populate_composite on ") + (is_array ? "an array" : "a scalar"));
      return;
    case JsonSet::kToRecordSet:
      if (is_array) {
        for (const JsonValue& item : root.items) {
          if (item.kind != JsonKind::kObject)
            Throw("argument of " + std::string(f.name) + " must be an array of objects");
        }
        return;
      }
      if (jsonb) Throw("cannot call " + std::string(f.name) + " on a non-array");
      Throw("cannot call " + std::string(f.name) + " on " + (is_object ? "an object" : "a scalar"));
  }
}

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
    const Value text = json::AccessorResult(&item, source, doc, true);
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

// populate_record_field: a member converted to a column of `type` (json/jsonb keep the JSON text, arrays
// come from JSON arrays, other types read the member's text); an absent member or JSON null is NULL.
Value PopulateField(const JsonValue* node, std::string_view source, TypeId doc, TypeDesc type, const std::string& key) {
  if (node == nullptr || node->kind == JsonKind::kNull) return Value::Null(type.id);
  if (type.id == TypeId::kJson || type.id == TypeId::kJsonb) {
    return ParseValue(type, json::AccessorResult(node, source, doc, false).GetString());
  }
  if (IsArrayType(type.id)) {
    if (node->kind != JsonKind::kArray) {
      throw DbError(sqlstate::kInvalidParameterValue, "expected JSON array")
          .Hint("See the value of key \"" + key + "\".");
    }
    std::string literal;
    AppendArrayLiteral(literal, *node, source, doc);
    return ParseValue(type, literal);
  }
  return ParseValue(type, json::AccessorResult(node, source, doc, true).GetString());
}

Row PopulateRow(const JsonValue* object, std::string_view source, TypeId doc, const planner::PlanNode& plan) {
  Row row;
  for (const auto& column : plan.output) {
    const JsonValue* node = object == nullptr ? nullptr : object->Find(column.name);
    row.push_back(PopulateField(node, source, doc, column.type, column.name));
  }
  return row;
}

class JsonScanExecutor : public Executor {
 public:
  JsonScanExecutor(const planner::FunctionScanPlan& plan, const JsonSetFunction& f, ExecContext& ctx)
      : plan_(plan), function_(f), ctx_(ctx) {}

  void Init() override {
    rows_.clear();
    next_ = 0;
    const Value doc = Evaluate(*plan_.args.at(0), Row{}, ctx_);
    if (doc.is_null()) {
      // json_to_record(NULL) is one row of NULLs (populate_record with no document).
      if (function_.kind == JsonSet::kToRecord) rows_.push_back(PopulateRow(nullptr, "", doc.type(), plan_));
      return;
    }
    const TypeId type = doc.type();
    const JsonValue root = json::ParseJson(doc.GetString(), type == TypeId::kJsonb);
    CheckShape(function_, root, type == TypeId::kJsonb);
    if (function_.kind == JsonSet::kToRecord) {
      rows_.push_back(PopulateRow(&root, doc.GetString(), type, plan_));
      return;
    }
    for (size_t i = 0; i < root.items.size(); ++i) {
      const Value value = json::AccessorResult(&root.items[i], doc.GetString(), type, function_.as_text);
      switch (function_.kind) {
        case JsonSet::kElements:
          rows_.push_back({value});
          break;
        case JsonSet::kEach:
          rows_.push_back({Value::String(root.keys[i]), value});
          break;
        case JsonSet::kKeys:
          rows_.push_back({Value::String(root.keys[i])});
          break;
        case JsonSet::kToRecord:
        case JsonSet::kToRecordSet:
          rows_.push_back(PopulateRow(&root.items[i], doc.GetString(), type, plan_));
          break;
      }
    }
  }

  bool Next(Row* out) override {
    if (next_ >= rows_.size()) return false;
    PollInterrupts(ctx_);
    *out = std::move(rows_[next_++]);
    return true;
  }

 private:
  const planner::FunctionScanPlan& plan_;
  const JsonSetFunction& function_;
  ExecContext& ctx_;
  std::vector<Row> rows_;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<Executor> MakeJsonScanExecutor(const planner::FunctionScanPlan& plan, ExecContext& ctx) {
  for (const JsonSetFunction& f : kFunctions) {
    if (f.name == plan.function) return std::make_unique<JsonScanExecutor>(plan, f, ctx);
  }
  return nullptr;
}

}  // namespace lumadb::exec

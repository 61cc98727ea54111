// The json set-returning functions in FROM (PostgreSQL 15 jsonfuncs.c): json[b]_array_elements[_text]
// (one row per element, column "value"), json[b]_each[_text] (one row per member: key, value) and
// json[b]_object_keys (one row per key), each over one json or jsonb argument; json[b]_to_record[set] and
// json[b]_populate_record[set] (one row per object, its members converted to the output columns, as
// populate_record does; the populate forms' base record fills the columns the object lacks).
#include <string_view>

#include "common/error.h"
#include "common/json.h"
#include "common/json_populate.h"
#include "common/record.h"
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
  bool populate = false;  // json[b]_populate_record[set]: a base record comes before the document
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
    {"json_populate_record", JsonSet::kToRecord, false, true},
    {"jsonb_populate_record", JsonSet::kToRecord, false, true},
    {"json_populate_recordset", JsonSet::kToRecordSet, false, true},
    {"jsonb_populate_recordset", JsonSet::kToRecordSet, false, true},
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

// populate_record over the output columns: each takes the object member of its name, else NULL. With a
// base record (json[b]_populate_record[set]) the row type is the base's: members are looked up by its field
// names and absent ones keep its values, whatever the definition list calls the columns.
Row PopulateRow(const JsonValue* object, std::string_view source, TypeId doc, const planner::PlanNode& plan,
                const Value& base) {
  const Record* fields = base.is_null() ? nullptr : &base.GetRecord();
  Row row;
  for (size_t i = 0; i < plan.output.size(); ++i) {
    const auto& column = plan.output[i];
    const bool in_base = fields != nullptr && i < fields->fields.size();
    const std::string name = in_base ? fields->FieldName(i) : column.name;
    const JsonValue* node = object == nullptr ? nullptr : object->Find(name);
    if (node == nullptr && in_base) {
      row.push_back(fields->fields[i]);
      continue;
    }
    row.push_back(json::PopulateField(node, source, doc, column.type, name));
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
    const Value base = function_.populate ? Evaluate(*plan_.args.at(0), Row{}, ctx_) : Value::Null(TypeId::kRecord);
    const Value doc = Evaluate(*plan_.args.at(function_.populate ? 1 : 0), Row{}, ctx_);
    if (doc.is_null()) {
      // json_to_record(NULL) is one row of NULLs, json_populate_record(base, NULL) the base itself.
      if (function_.kind == JsonSet::kToRecord) rows_.push_back(PopulateRow(nullptr, "", doc.type(), plan_, base));
      return;
    }
    const TypeId type = doc.type();
    const JsonValue root = json::ParseJson(doc.GetString(), type == TypeId::kJsonb);
    CheckShape(function_, root, type == TypeId::kJsonb);
    if (function_.kind == JsonSet::kToRecord) {
      rows_.push_back(PopulateRow(&root, doc.GetString(), type, plan_, base));
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
          rows_.push_back(PopulateRow(&root.items[i], doc.GetString(), type, plan_, base));
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

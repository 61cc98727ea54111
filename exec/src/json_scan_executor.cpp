// The json set-returning functions in FROM (PostgreSQL 15 jsonfuncs.c): json[b]_array_elements[_text]
// (one row per element, column "value"), json[b]_each[_text] (one row per member: key, value) and
// json[b]_object_keys (one row per key), each over one json or jsonb argument.
#include <string_view>

#include "common/error.h"
#include "common/json.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"

namespace lumadb::exec {

namespace {

using json::JsonKind;
using json::JsonValue;

enum class JsonSet { kElements, kEach, kKeys };

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
  }
}

class JsonScanExecutor : public Executor {
 public:
  JsonScanExecutor(const planner::FunctionScanPlan& plan, const JsonSetFunction& f, ExecContext& ctx)
      : plan_(plan), function_(f), ctx_(ctx) {}

  void Init() override {
    rows_.clear();
    next_ = 0;
    const Value doc = Evaluate(*plan_.args.at(0), Row{}, ctx_);
    if (doc.is_null()) return;
    const TypeId type = doc.type();
    const JsonValue root = json::ParseJson(doc.GetString(), type == TypeId::kJsonb);
    CheckShape(function_, root, type == TypeId::kJsonb);
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

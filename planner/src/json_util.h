#pragma once
// Helpers shared by the json builtins (builtin_json*.cpp): a parsed json/jsonb argument and jsonb
// results.

#include <string_view>
#include <vector>

#include "common/json.h"
#include "planner/function_registry.h"

namespace lumadb::planner {

/// A json or jsonb argument parsed once: jsonb normalized, json with the spans of its source text.
class JsonDoc {
 public:
  explicit JsonDoc(const Value& v)
      : source_(v.GetString()), jsonb_(v.type() == TypeId::kJsonb), root_(json::ParseJson(source_, jsonb_)) {}

  const json::JsonValue& root() const { return root_; }
  bool is_jsonb() const { return jsonb_; }

  /// What an accessor returns for `node` (null: SQL NULL): for json the node's source text, for jsonb
  /// its normalized text; as text (->>, #>>) a string's value and a JSON null as SQL NULL.
  Value Result(const json::JsonValue* node, bool as_text) const;

 private:
  std::string_view source_;
  bool jsonb_;
  json::JsonValue root_;
};

/// A jsonb Value of v, normalized.
Value JsonbResult(json::JsonValue v);

/// jsonb_delete, jsonb_delete_path, jsonb_set, json[b]_strip_nulls, jsonb_pretty (builtin_json_edit.cpp).
void AddJsonEditBuiltins(std::vector<ScalarFunction>& out);
/// to_json[b], json[b]_build_object, json[b]_build_array (builtin_json_build.cpp).
void AddJsonBuildBuiltins(std::vector<ScalarFunction>& out);
/// json[b]_populate_record over a record base, from builtin_json_populate.cpp.
void AddJsonPopulateBuiltins(std::vector<ScalarFunction>& out);

}  // namespace lumadb::planner

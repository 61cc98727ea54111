// json[b]_populate_record's conversions (common/json_populate.h): members by field name, the base's values
// for absent members, JSON null as NULL, arrays from JSON arrays, json/jsonb fields keeping the member's
// text. Expected values are what PostgreSQL 15 returns for json_populate_record(ROW(...), doc).
#include "common/json_populate.h"

#include <doctest/doctest.h>

#include "common/array.h"
#include "common/record.h"
#include "common/value_io.h"
#include "test_util.h"

namespace lumadb {
namespace {

using test::MessageOf;
using test::SqlStateOf;

std::string Populate(const Value& base, std::string_view doc, bool jsonb = false) {
  const json::JsonValue root = json::ParseJson(doc, jsonb);
  return FormatValue(json::PopulateRecord(base.GetRecord(), &root, doc, jsonb ? TypeId::kJsonb : TypeId::kJson));
}

TEST_CASE("populate_record takes members by field name and keeps the base's other values") {
  const Value base = MakeRecord({Value::Int4(1), Value::Int4(2)});
  CHECK(Populate(base, R"({"f1": 10})") == "(10,2)");
  CHECK(Populate(base, R"({"f2": null, "zz": 3})") == "(1,)");
  CHECK(Populate(base, R"({"f1": "7", "f1": 8})") == "(8,2)");  // json: the last duplicate wins
  auto names = std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"id", "tag"});
  const Value named = MakeRecord({Value::Int4(1), Value::String("a")}, names);
  CHECK(Populate(named, R"({"tag": "b c", "f1": 5})", true) == "(1,\"b c\")");
  CHECK(json::PopulateRecord(named.GetRecord(), nullptr, "", TypeId::kJson).GetRecord().fields[1].GetString() == "a");
}

TEST_CASE("populate_record_field: json text, arrays from JSON arrays, 22P02 for a non-array") {
  const json::JsonValue doc = json::ParseJson(R"({"j": {"x": [1, 2]}, "a": [[1, 2], [3, null]], "s": "x"})", false);
  const std::string source = R"({"j": {"x": [1, 2]}, "a": [[1, 2], [3, null]], "s": "x"})";
  CHECK(FormatValue(json::PopulateField(doc.Find("j"), source, TypeId::kJson, {TypeId::kJsonb, -1}, "j")) ==
        "{\"x\": [1, 2]}");
  CHECK(FormatValue(json::PopulateField(doc.Find("a"), source, TypeId::kJson, {array_type::kInt4, -1}, "a")) ==
        "{{1,2},{3,NULL}}");
  CHECK(json::PopulateField(nullptr, source, TypeId::kJson, {TypeId::kInt4, -1}, "none").is_null());
  auto not_array = [&] { json::PopulateField(doc.Find("s"), source, TypeId::kJson, {array_type::kInt4, -1}, "s"); };
  CHECK(SqlStateOf(not_array) == "22P02");
  CHECK(MessageOf(not_array) == "expected JSON array");
  auto bad_int = [&] { json::PopulateField(doc.Find("s"), source, TypeId::kJson, {TypeId::kInt4, -1}, "s"); };
  CHECK(MessageOf(bad_int) == "invalid input syntax for type integer: \"x\"");
}

}  // namespace
}  // namespace lumadb

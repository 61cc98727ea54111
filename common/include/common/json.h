#pragma once
// The json and jsonb types' values (PostgreSQL 15 src/common/jsonapi.c, src/backend/utils/adt/json.c,
// jsonb.c, jsonb_util.c).
//
// Stored forms (Value holds a std::string for both; row_codec stores it as a length-prefixed string):
//   json   the input text verbatim, once validated by ParseJson.
//   jsonb  the normalized text jsonb_out prints: object keys sorted (shorter first, then bytewise) and
//          unique (the last duplicate wins), numbers as numeric_out prints them, ", " and ": " spacing.
//          Equal normalized texts are equal jsonb values except for numbers (1.0 = 1.00), so comparison and
//          hashing go through the parsed tree.
// Every operator parses its operands into a JsonValue tree; JSON text is the canonical stored form, so a
// value read from disk needs no decoder of its own.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/numeric.h"
#include "common/value.h"

namespace lumadb::json {

/// The kinds of JSON values, in jsonb's sort order (jsonb_util.c enum jbvType: null < string < number <
/// boolean < array < object).
enum class JsonKind : uint8_t { kNull, kString, kNumber, kBool, kArray, kObject };

/// One parsed JSON value and its children.
struct JsonValue {
  JsonKind kind = JsonKind::kNull;
  bool boolean = false;
  /// A string's de-escaped text, or a number's text: as written for json, numeric_out's form for jsonb.
  std::string text;
  Numeric number;                 // numbers (jsonb, or json parsed for its values)
  std::vector<JsonValue> items;   // array elements, or object member values
  std::vector<std::string> keys;  // object member keys, parallel to items
  /// json only: where the value starts and ends in the parsed text (json operators return the slice).
  uint32_t begin = 0;
  uint32_t end = 0;

  static JsonValue Null() { return JsonValue{}; }
  static JsonValue String(std::string s);
  static JsonValue Number(const Numeric& n);
  static JsonValue Bool(bool b);
  static JsonValue Array(std::vector<JsonValue> items = {});
  static JsonValue Object();

  /// The member value of `key` of an object, or null when absent (or not an object).
  const JsonValue* Find(std::string_view key) const;
  /// The array element at index (negative counts from the end), or null.
  const JsonValue* At(int64_t index) const;
};

/// Parses JSON text as json_in (jsonb = false) or jsonb_in (true) do. For jsonb the tree is normalized
/// (NormalizeJsonb) and strings are de-escaped; json keeps members in order with duplicates and records
/// spans. Throws 22P02 "invalid input syntax for type json" with PostgreSQL's DETAIL ("Token \"x\" is
/// invalid.", "Expected \":\", but found \"1\".", ...) and CONTEXT ("JSON data, line 1: ..."), 22P05
/// "unsupported Unicode escape sequence" for \u0000 in jsonb, 54001 when nested too deeply.
JsonValue ParseJson(std::string_view text, bool jsonb);

/// json_in: checks that text is JSON without de-escaping strings, so "\u0000" and lone surrogates pass as
/// PostgreSQL's json type lets them. Throws as ParseJson.
void ValidateJson(std::string_view text);

/// Sorts object keys as jsonb stores them (length, then bytes; uniqueKeys keeps the last duplicate) and
/// numbers as numeric, recursively.
void NormalizeJsonb(JsonValue& v);

/// jsonb_out: `{"a": 1, "b": [1, 2]}`.
std::string JsonbText(const JsonValue& v);

/// jsonb_pretty: four-space indentation, one member or element a line.
std::string JsonbPretty(const JsonValue& v);

/// escape_json: appends s as a JSON string literal (quotes, \" \\ \b \f \n \r \t, \u00XX below 0x20).
void AppendQuoted(std::string& out, std::string_view s);

/// The JSON text of a json-parsed value: the span of the original text it came from.
std::string_view SourceText(const JsonValue& v, std::string_view source);

/// What a json accessor (->, ->>, #>, json_each, ...) returns for `node` of a document of type doc_type
/// (json or jsonb) parsed from `source`; null node: SQL NULL. json gives the node's source text, jsonb its
/// normalized text; as_text gives a string's value and a JSON null as SQL NULL.
Value AccessorResult(const JsonValue* node, std::string_view source, TypeId doc_type, bool as_text);

/// compareJsonbContainers: jsonb's btree order (containers by size first, then members in stored order;
/// a top-level scalar sorts below an array of one element and an empty top-level array below null).
int CompareJsonb(const JsonValue& a, const JsonValue& b);

/// A hash consistent with CompareJsonb() == 0.
size_t HashJsonb(const JsonValue& v);

/// JsonbDeepContains (the @> operator): every member of b is in a, arrays as sets; a top-level array
/// contains a top-level scalar element.
bool JsonbContains(const JsonValue& a, const JsonValue& b);

/// to_json (json.c datum_to_json): numbers bare (NaN and infinities quoted), booleans, NULL as null,
/// date/timestamp[tz] in ISO 8601 with a T, arrays as JSON arrays without spaces ([1,2]), json as is,
/// jsonb as its text, every other type as its output text quoted.
std::string ToJsonText(const Value& v);

/// composite_to_json: a record as a JSON object of its fields by name; `pretty` (row_to_json's second
/// argument) puts a line feed and a space after each comma.
std::string RecordToJsonText(const Record& r, bool pretty);

/// to_jsonb (jsonb.c datum_to_jsonb): the same mapping as ToJsonText, as a normalized jsonb tree.
JsonValue ToJsonbValue(const Value& v);

/// jsonb_typeof / json_typeof: "object", "array", "string", "number", "boolean", "null".
const char* KindName(JsonKind k);

}  // namespace lumadb::json

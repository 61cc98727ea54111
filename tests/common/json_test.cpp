// json and jsonb (common/json.h): the input PostgreSQL 15 accepts and rejects with its DETAIL and CONTEXT,
// jsonb normalization and output, jsonb ordering, containment and hashing, and to_json[b]. Every expected
// value was produced by PostgreSQL 15.
#include "common/json.h"

#include <doctest/doctest.h>

#include "common/array.h"
#include "common/cast.h"
#include "common/index_key.h"
#include "common/value_binary.h"
#include "common/value_ops.h"
#include "test_util.h"

namespace lumadb {
namespace {

using json::JsonValue;

struct JsonError {
  std::string code, detail, context;
};

JsonError ErrorOf(std::string_view text, bool jsonb) {
  try {
    if (jsonb) {
      json::ParseJson(text, true);
    } else {
      json::ValidateJson(text);
    }
  } catch (const DbError& e) {
    return {std::string(e.code().View()), e.detail().value_or(""), e.context().value_or("")};
  }
  return {};
}

std::string Jsonb(std::string_view text) {
  return FormatValue(ParseValue({TypeId::kJsonb, -1}, text));
}

TEST_CASE("json input errors carry PostgreSQL's DETAIL and CONTEXT") {
  struct Case {
    const char* input;
    const char* detail;
    const char* context;
  };
  const Case cases[] = {
      {"x", "Token \"x\" is invalid.", "JSON data, line 1: x"},
      {"{\"a\":x}", "Token \"x\" is invalid.", "JSON data, line 1: {\"a\":x..."},
      {"{\"a\" 1}", "Expected \":\", but found \"1\".", "JSON data, line 1: {\"a\" 1..."},
      {"{\"a\":1,}", "Expected string, but found \"}\".", "JSON data, line 1: {\"a\":1,}"},
      {"[1,2", "The input string ended unexpectedly.", "JSON data, line 1: [1,2"},
      {"[1 2]", "Expected \",\" or \"]\", but found \"2\".", "JSON data, line 1: [1 2..."},
      {"01", "Token \"01\" is invalid.", "JSON data, line 1: 01"},
      {"1.", "Token \"1.\" is invalid.", "JSON data, line 1: 1."},
      {"\"abc", "Token \"\"abc\" is invalid.", "JSON data, line 1: \"abc"},
      {"\"\\u00zz\"", "\"\\u\" must be followed by four hexadecimal digits.", "JSON data, line 1: \"\\u00z..."},
      {"\"\\q\"", "Escape sequence \"\\q\" is invalid.", "JSON data, line 1: \"\\q..."},
      {"", "The input string ended unexpectedly.", "JSON data, line 1: "},
      {"{1:2}", "Expected string or \"}\", but found \"1\".", "JSON data, line 1: {1..."},
      {"{\"a\":1} x", "Token \"x\" is invalid.", "JSON data, line 1: {\"a\":1} x"},
      {"\"a\nb\"", "Character with value 0x0a must be escaped.", "JSON data, line 1: \"a"},
      {"[1,\n2,\nx]", "Token \"x\" is invalid.", "JSON data, line 3: x..."},
      {"-", "Token \"-\" is invalid.", "JSON data, line 1: -"},
      {"[1,2]]", "Expected end of input, but found \"]\".", "JSON data, line 1: [1,2]]"},
      {"[,1]", "Expected JSON value, but found \",\".", "JSON data, line 1: [,..."},
      {"{\"a\":1 \"b\":2}", "Expected \",\" or \"}\", but found \"\"b\"\".", "JSON data, line 1: {\"a\":1 \"b\"..."},
      {"{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": tru}", "Token \"tru\" is invalid.",
       "JSON data, line 1: ...aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": tru..."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    const JsonError e = ErrorOf(c.input, false);
    CHECK(e.code == "22P02");
    CHECK(e.detail == c.detail);
    CHECK(e.context == c.context);
  }
}

TEST_CASE("json keeps escapes jsonb rejects; jsonb de-escapes") {
  CHECK(ErrorOf("\"\\u0000\"", false).code.empty());
  CHECK(ErrorOf("\"\\ud800\"", false).code.empty());
  const JsonError zero = ErrorOf("\"\\u0000\"", true);
  CHECK(zero.code == "22P05");
  CHECK(zero.detail == "\\u0000 cannot be converted to text.");
  CHECK(zero.context == "JSON data, line 1: \"\\u0000...");
  const JsonError lone = ErrorOf("\"\\ud800\"", true);
  CHECK(lone.detail == "Unicode low surrogate must follow a high surrogate.");
  CHECK(lone.context == "JSON data, line 1: \"\\ud800\"");
  CHECK(Jsonb("\"\\u00e9\\ud83d\\ude00\"") == "\"\xc3\xa9\xf0\x9f\x98\x80\"");
  CHECK(FormatValue(ParseValue({TypeId::kJson, -1}, " {\"a\" :1,\"a\":2} ")) == " {\"a\" :1,\"a\":2} ");
}

TEST_CASE("jsonb normalizes keys, duplicates and numbers as PostgreSQL 15") {
  CHECK(Jsonb("{\"b\":1,\"aa\":2,\"a\":3,\"a\":4, \"c\":1.0e2, \"d\":1E-3, \"e\":-0, \"f\":1.50}") ==
        "{\"a\": 4, \"b\": 1, \"c\": 100, \"d\": 0.001, \"e\": 0, \"f\": 1.50, \"aa\": 2}");
  CHECK(Jsonb(" [1, [true, null], {}, []] ") == "[1, [true, null], {}, []]");
  CHECK(Jsonb("\"a\\u0001\\\"\\\\/\"") == "\"a\\u0001\\\"\\\\/\"");
  CHECK(Jsonb("1e309").size() == 310);  // rapidjson rejects this (kParseErrorNumberTooBig)
  CHECK(json::JsonbPretty(json::ParseJson("{\"a\":[],\"c\":[1,{\"x\":null}]}", true)) ==
        "{\n    \"a\": [\n    ],\n    \"c\": [\n        1,\n        {\n            \"x\": null\n        }\n    ]\n}");
}

int Cmp(const char* a, const char* b) {
  return CompareValues(ParseValue({TypeId::kJsonb, -1}, a), ParseValue({TypeId::kJsonb, -1}, b));
}

TEST_CASE("jsonb ordering follows compareJsonbContainers") {
  CHECK(Cmp("null", "\"a\"") < 0);
  CHECK(Cmp("\"a\"", "1") < 0);
  CHECK(Cmp("1", "true") < 0);
  CHECK(Cmp("true", "[1]") < 0);
  CHECK(Cmp("[1]", "{}") < 0);
  CHECK(Cmp("[]", "null") < 0);  // PostgreSQL's documented anomaly
  CHECK(Cmp("1.0", "1.00") == 0);
  CHECK(Cmp("[1,2]", "[3]") > 0);             // longer arrays sort higher
  CHECK(Cmp("{\"b\":1}", "{\"aa\":1}") > 0);  // keys compare bytewise here, not by length
  CHECK(Cmp("{\"a\":1,\"b\":2}", "{\"a\":1,\"b\":3}") < 0);
  CHECK(HashValue(ParseValue({TypeId::kJsonb, -1}, "[1.0]")) == HashValue(ParseValue({TypeId::kJsonb, -1}, "[1.000]")));
}

TEST_CASE("jsonb index keys sort as CompareValues") {
  const char* const values[] = {"[]",
                                "null",
                                "\"\"",
                                "\"a\"",
                                "\"a\\u0001\"",
                                "\"b\"",
                                "-1.5",
                                "0",
                                "1.0",
                                "1.00",
                                "2",
                                "false",
                                "true",
                                "[null]",
                                "[1]",
                                "[\"a\", 1]",
                                "[1, 2]",
                                "[[]]",
                                "{}",
                                "{\"a\": null}",
                                "{\"b\": 1}",
                                "{\"aa\": 1}",
                                "{\"a\": 1, \"b\": 2}",
                                "1e100"};
  const KeyColumnOrder asc{TypeId::kJsonb, false, false};
  const KeyColumnOrder desc{TypeId::kJsonb, true, true};
  for (const char* a : values) {
    for (const char* b : values) {
      CAPTURE(a);
      CAPTURE(b);
      const Value va = ParseValue({TypeId::kJsonb, -1}, a), vb = ParseValue({TypeId::kJsonb, -1}, b);
      const int expected = CompareValues(va, vb);
      const int got = EncodeKey({va}, {asc}).compare(EncodeKey({vb}, {asc}));
      CHECK((got < 0) == (expected < 0));
      CHECK((got == 0) == (expected == 0));
      const int reversed = EncodeKey({va}, {desc}).compare(EncodeKey({vb}, {desc}));
      CHECK((reversed > 0) == (expected < 0));
    }
  }
}

bool Contains(const char* a, const char* b) {
  return json::JsonbContains(json::ParseJson(a, true), json::ParseJson(b, true));
}

TEST_CASE("jsonb containment follows JsonbDeepContains") {
  CHECK(Contains("{\"a\":1,\"b\":[1,2,{\"c\":3}]}", "{\"b\":[{\"c\":3}]}"));
  CHECK(Contains("[1,2,3]", "[3,1,1]"));
  CHECK(Contains("[1,2,3]", "1"));
  CHECK_FALSE(Contains("1", "[1]"));
  CHECK_FALSE(Contains("{\"a\":1}", "[]"));
  CHECK_FALSE(Contains("{\"a\":{\"b\":1}}", "{\"a\":1}"));
  CHECK(Contains("[[1,2]]", "[[2]]"));
  CHECK_FALSE(Contains("[[1,2]]", "[2]"));
  CHECK(Contains("{\"a\":1.0}", "{\"a\":1}"));
}

TEST_CASE("to_json and to_jsonb map SQL values as PostgreSQL 15") {
  CHECK(json::ToJsonText(ParseValue({TypeId::kTimestamp, -1}, "2020-01-02 03:04:05.5")) == "\"2020-01-02T03:04:05.5\"");
  CHECK(json::ToJsonText(ParseValue({TypeId::kTimestampTz, -1}, "2020-01-02 03:04:05+00")) ==
        "\"2020-01-02T03:04:05+00:00\"");
  CHECK(json::ToJsonText(ParseValue({TypeId::kNumeric, -1}, "NaN")) == "\"NaN\"");
  CHECK(json::ToJsonText(ParseValue({array_type::kInt4, -1}, "{{1,2},{3,4}}")) == "[[1,2],[3,4]]");
  CHECK(json::ToJsonText(ParseValue({array_type::kText, -1}, "{a,NULL}")) == "[\"a\",null]");
  CHECK(json::JsonbText(json::ToJsonbValue(ParseValue({array_type::kInt4, -1}, "{1,2}"))) == "[1, 2]");
  CHECK(json::ToJsonText(Value::Bool(true)) == "true");
}

TEST_CASE("jsonb binary form is a version byte and the text; casts to scalars") {
  const Value v = ParseValue({TypeId::kJsonb, -1}, "{\"b\":1, \"a\":2}");
  CHECK(SendValue(v) == std::string("\x01{\"a\": 2, \"b\": 1}"));
  CHECK(FormatValue(ReceiveValue({TypeId::kJsonb, -1}, "\x01[1,2]")) == "[1, 2]");
  CHECK(test::SqlStateOf([] { ReceiveValue({TypeId::kJsonb, -1}, "\x02[]"); }) == "XX000");
  CHECK(CastValue(ParseValue({TypeId::kJsonb, -1}, "1.5"), {TypeId::kInt4, -1}, CastContext::kExplicit).GetInt() == 2);
  CHECK(test::MessageOf([&] {
          CastValue(v, {TypeId::kInt4, -1}, CastContext::kExplicit);
        }) == "cannot cast jsonb object to type integer");
  CHECK(FormatValue(ParseValue({array_type::kJsonb, -1}, "{\"{\\\"a\\\": 1}\",NULL}")) == "{\"{\\\"a\\\": 1}\",NULL}");
}

}  // namespace
}  // namespace lumadb

// Arrays (common/array.h, common/array_funcs.h): text input/output, binary send/receive and the on-disk
// form round-trip; every expected string, byte sequence, SQLSTATE, message and DETAIL was produced by a
// PostgreSQL 15 server ('...'::int[], array_send(...), the array functions).
#include "common/array.h"

#include <string>

#include <doctest/doctest.h>

#include "common/array_funcs.h"
#include "common/cast.h"
#include "common/row_codec.h"
#include "common/value_binary.h"
#include "common/value_ops.h"
#include "test_util.h"

namespace lumadb {
namespace {

using test::Hex;
using test::MessageOf;
using test::RoundTrip;
using test::SqlStateOf;
using test::Unhex;

constexpr TypeDesc kIntArray{array_type::kInt4, -1};
constexpr TypeDesc kTextArray{array_type::kText, -1};

std::string DetailOf(TypeDesc t, std::string_view text) {
  try {
    ParseValue(t, text);
  } catch (const DbError& e) {
    return e.detail().value_or("");
  }
  return "";
}

TEST_CASE("array types: pg_type names, OIDs, element links and format_type") {
  CHECK(ArrayTypeOf(TypeId::kInt4) == array_type::kInt4);
  CHECK(static_cast<uint32_t>(array_type::kInt4) == 1007);
  CHECK(static_cast<uint32_t>(array_type::kText) == 1009);
  CHECK(static_cast<uint32_t>(array_type::kTimestamp) == 1115);
  CHECK(static_cast<uint32_t>(array_type::kUuid) == 2951);
  CHECK(ElementTypeOf(array_type::kVarchar) == TypeId::kVarchar);
  CHECK(ElementTypeOf(TypeId::kInt4) == TypeId::kInvalid);
  CHECK(std::string(TypeName(array_type::kTimestampTz)) == "_timestamptz");
  CHECK(TypeCategory(array_type::kBool) == 'A');
  CHECK(FormatType({array_type::kInt4, -1}) == "integer[]");
  CHECK(FormatType({array_type::kVarchar, 14}) == "character varying(10)[]");
  CHECK(FormatType({array_type::kTimestampTz, -1}) == "timestamp with time zone[]");
}

TEST_CASE("array_out quoting and bounds") {
  CHECK(RoundTrip(kIntArray, "{1,2,3}") == "{1,2,3}");
  CHECK(RoundTrip(kTextArray, R"({"a b","",NULL,"NULL",null,"x\"y","a\\b", "{", "a,b"})") ==
        R"({"a b","",NULL,"NULL",NULL,"x\"y","a\\b","{","a,b"})");
  CHECK(RoundTrip(kIntArray, "[0:1]={1,2}") == "[0:1]={1,2}");
  CHECK(RoundTrip(kIntArray, "{{1,2},{3,4}}") == "{{1,2},{3,4}}");
  CHECK(RoundTrip(kIntArray, "[1:2][3:4]={{1,2},{3,4}}") == "[1:2][3:4]={{1,2},{3,4}}");
  CHECK(RoundTrip(kIntArray, "{}") == "{}");
  CHECK(RoundTrip(kIntArray, " { 1 , 2 } ") == "{1,2}");
  CHECK(RoundTrip(kTextArray, "{ a b , c }") == R"({"a b",c})");
  CHECK(RoundTrip(kTextArray, R"({" x "," "})") == R"({" x "," "})");
  CHECK(RoundTrip(kTextArray, R"({"\\N", N, nULL, "nulls"})") == R"({"\\N",N,NULL,nulls})");
  CHECK(RoundTrip({array_type::kBpchar, 8}, "{ab}") == "{\"ab  \"}");
  CHECK(RoundTrip({array_type::kBool, -1}, "{t,false}") == "{t,f}");
}

TEST_CASE("array_in errors: SQLSTATE, message and DETAIL as PostgreSQL 15") {
  struct Case {
    const char* text;
    const char* message;
    const char* detail;
  };
  const Case cases[] = {
      {"1", R"(malformed array literal: "1")", R"(Array value must start with "{" or dimension information.)"},
      {"", R"(malformed array literal: "")", R"(Array value must start with "{" or dimension information.)"},
      {"{1,2", R"(malformed array literal: "{1,2")", "Unexpected end of input."},
      {" {1,2", R"(malformed array literal: "{1,2")", "Unexpected end of input."},
      {"{1,2}x", R"(malformed array literal: "{1,2}x")", "Junk after closing right brace."},
      {"{}}", R"(malformed array literal: "{}}")", "Junk after closing right brace."},
      {"{{1},2}", R"(malformed array literal: "{{1},2}")", "Unexpected array element."},
      {"{{1,2},{3}}", R"(malformed array literal: "{{1,2},{3}}")",
       "Multidimensional arrays must have sub-arrays with matching dimensions."},
      {"{1,{2}}", R"(malformed array literal: "{1,{2}}")", R"(Unexpected "{" character.)"},
      {"[1:3]={1,2}", R"(malformed array literal: "[1:3]={1,2}")",
       "Specified array dimensions do not match array contents."},
      {"[1:2={1,2}", R"(malformed array literal: "[1:2={1,2}")", R"(Missing "]" after array dimensions.)"},
      {"[:2]={1,2}", R"(malformed array literal: "[:2]={1,2}")",
       R"("[" must introduce explicitly-specified array dimensions.)"},
      {"[1:]={1}", R"(malformed array literal: "[1:]={1}")", "Missing array dimension value."},
      {"[1:2]x{1,2}", R"(malformed array literal: "[1:2]x{1,2}")", R"(Missing "=" after array dimensions.)"},
      {"[1:1]=1", R"(malformed array literal: "[1:1]=1")", R"(Array contents must start with "{".)"},
      {"{,}", R"(malformed array literal: "{,}")", R"(Unexpected "," character.)"},
      {"{1,}", R"(malformed array literal: "{1,}")", R"(Unexpected "}" character.)"},
      {"{{}}", R"(malformed array literal: "{{}}")", R"(Unexpected "}" character.)"},
      {R"({\})", R"(malformed array literal: "{\}")", "Unexpected end of input."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(SqlStateOf([&] { ParseValue(kIntArray, c.text); }) == "22P02");
    CHECK(MessageOf([&] { ParseValue(kIntArray, c.text); }) == c.message);
    CHECK(DetailOf(kIntArray, c.text) == c.detail);
  }
  CHECK(MessageOf([] { ParseValue(kTextArray, R"({"a"b})"); }) == R"(malformed array literal: "{"a"b}")");
  CHECK(DetailOf(kTextArray, R"({a"b})") == "Unexpected array element.");
  CHECK(SqlStateOf([] { ParseValue(kIntArray, "[2:1]={}"); }) == "2202E");
  CHECK(MessageOf([] { ParseValue(kIntArray, "[2:1]={}"); }) == "upper bound cannot be less than lower bound");
  CHECK(MessageOf([] { ParseValue(kIntArray, "{a}"); }) == R"(invalid input syntax for type integer: "a")");
  CHECK(MessageOf([] { ParseValue(kIntArray, "{1 2}"); }) == R"(invalid input syntax for type integer: "1 2")");
  CHECK(SqlStateOf([] { ParseValue(kIntArray, "{{{{{{{1}}}}}}}"); }) == "54000");
  CHECK(MessageOf([] { ParseValue(kIntArray, "{{{{{{{1}}}}}}}"); }) ==
        "number of array dimensions (7) exceeds the maximum allowed (6)");
}

TEST_CASE("array_send bytes and array_recv round trip") {
  struct Case {
    TypeDesc type;
    const char* text;
    const char* hex;
  };
  const Case cases[] = {
      {kIntArray, "{1,NULL,3}", "00000001000000010000001700000003000000010000000400000001ffffffff0000000400000003"},
      {kIntArray, "{}", "000000000000000000000017"},
      {kTextArray, "[0:1]={a,b}", "000000010000000000000019000000020000000000000001610000000162"},
      {{array_type::kInt2, -1},
       "{{1,2},{3,4}}",
       "00000002000000000000001500000002000000010000000200000001000000020001000000020002000000020003000000020004"},
      {{array_type::kVarchar, 7}, "{x}", "00000001000000000000041300000001000000010000000178"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const Value v = ParseValue(c.type, c.text);
    CHECK(Hex(SendValue(v)) == c.hex);
    const Value back = ReceiveValue(c.type, Unhex(c.hex));
    CHECK(FormatValue(back) == FormatValue(v));
    CHECK(back.type() == c.type.id);
  }
}

TEST_CASE("array_recv errors") {
  CHECK(MessageOf([] { ReceiveValue(kIntArray, Unhex("000000070000000000000017")); }) ==
        "invalid number of dimensions: 7");
  CHECK(MessageOf([] { ReceiveValue(kIntArray, Unhex("000000000000000200000017")); }) == "invalid array flags");
  CHECK(SqlStateOf([] { ReceiveValue(kIntArray, Unhex("000000000000000000000019")); }) == "42804");
  CHECK(MessageOf([] { ReceiveValue(kIntArray, Unhex("000000000000000000000019")); }) ==
        "binary data has array element type 25 (text) instead of expected 23 (integer)");
  CHECK(MessageOf([] {
          ReceiveValue(kIntArray, Unhex("00000001000000000000001700000001000000010000000500000001ff"));
        }) == "improper binary format in array element 1");
}

TEST_CASE("arrays survive the on-disk row format") {
  const std::vector<TypeId> types{array_type::kInt4, array_type::kText, array_type::kNumeric};
  const Row row{ParseValue(kIntArray, "[0:1]={1,NULL}"), ParseValue(kTextArray, R"({"a b",""})"),
                Value::Null(array_type::kNumeric)};
  const Row back = DecodeRow(types, EncodeRow(types, row));
  CHECK(FormatValue(back[0]) == "[0:1]={1,NULL}");
  CHECK(FormatValue(back[1]) == R"({"a b",""})");
  CHECK(back[2].is_null());
}

TEST_CASE("array comparison (array_cmp) and hashing") {
  auto cmp = [](const char* a, const char* b) {
    return CompareValues(ParseValue(kIntArray, a), ParseValue(kIntArray, b));
  };
  CHECK(cmp("{1}", "{1,2}") < 0);
  CHECK(cmp("{NULL}", "{5}") > 0);
  CHECK(cmp("{1,2}", "[0:1]={1,2}") != 0);
  CHECK(cmp("{}", "{1}") < 0);
  CHECK(cmp("{{1,2},{3,4}}", "{1,2,3,4}") != 0);
  CHECK(cmp("{1,2}", "{1,2}") == 0);
  CHECK(HashValue(ParseValue(kIntArray, "{1,2}")) == HashValue(ParseValue(kIntArray, "{1,2}")));
}

TEST_CASE("casts between array types are element-wise") {
  const Value ints = ParseValue(kIntArray, "{1,NULL,3}");
  CHECK(FindCast(array_type::kInt4, array_type::kNumeric) == CastContext::kImplicit);
  CHECK(FindCast(array_type::kNumeric, array_type::kInt4) == CastContext::kAssignment);
  CHECK(FormatValue(CastValue(ints, {array_type::kNumeric, -1}, CastContext::kImplicit)) == "{1,NULL,3}");
  CHECK(FormatValue(CastValue(ParseValue(kTextArray, "{abc}"), {array_type::kVarchar, 6}, CastContext::kExplicit)) ==
        "{ab}");
  CHECK(FormatValue(CastValue(ints, {TypeId::kText, -1}, CastContext::kAssignment)) == "{1,NULL,3}");
}

TEST_CASE("array functions as PostgreSQL 15 computes them") {
  const Value a = ParseValue(kIntArray, "[3:4]={1,2}");
  CHECK(FormatValue(ArrayPrepend(Value::Int4(0), a)) == "[3:5]={0,1,2}");
  CHECK(FormatValue(ArrayAppend(a, Value::Int4(5))) == "[3:5]={1,2,5}");
  CHECK(FormatValue(ArrayAppend(Value::Null(array_type::kInt4), Value::Int4(1))) == "{1}");
  CHECK(FormatValue(ArrayCat(a, ParseValue(kIntArray, "[7:7]={9}"))) == "[3:5]={1,2,9}");
  CHECK(FormatValue(ArrayCat(ParseValue(kIntArray, "{{1,2}}"), ParseValue(kIntArray, "{3,4}"))) == "{{1,2},{3,4}}");
  CHECK(MessageOf([] { ArrayCat(ParseValue(kIntArray, "{{1,2}}"), ParseValue(kIntArray, "{1,2,3}")); }) ==
        "cannot concatenate incompatible arrays");
  CHECK(FormatValue(ArrayRemove(ParseValue(kIntArray, "[3:5]={1,2,1}").GetArray(), Value::Int4(1))) == "[3:3]={2}");
  CHECK(FormatValue(ArrayRemove(ParseValue(kIntArray, "{1}").GetArray(), Value::Int4(1))) == "{}");
  CHECK(ArrayPosition(ParseValue(kIntArray, "[2:4]={5,6,5}").GetArray(), Value::Int4(5), 3) == 4);
  CHECK(FormatValue(ArrayPositions(ParseValue(kIntArray, "{1,NULL,1,NULL}").GetArray(), Value::Null(TypeId::kInt4))) ==
        "{2,4}");
  CHECK(SqlStateOf([] { ArrayPosition(ParseValue(kIntArray, "{{1}}").GetArray(), Value::Int4(1), {}); }) == "0A000");
  const std::string star = "*";
  CHECK(ArrayToString(ParseValue(kIntArray, "{1,NULL,3}").GetArray(), ",", nullptr) == "1,3");
  CHECK(ArrayToString(ParseValue(kIntArray, "{1,NULL,3}").GetArray(), ",", &star) == "1,*,3");
  const std::string comma = ",";
  CHECK(FormatValue(StringToArray("a,b,,c", &comma, nullptr)) == R"({a,b,"",c})");
  CHECK(FormatValue(StringToArray("abc", nullptr, nullptr)) == "{a,b,c}");
  CHECK(FormatValue(StringToArray("", &comma, nullptr)) == "{}");
  CHECK(FormatValue(StringToArray("a,*,c", &comma, &star)) == "{a,NULL,c}");
  CHECK(ArrayDimension(ParseValue(kIntArray, "[2:5]={1,2,3,4}").GetArray(), 1, ArrayBound::kUpper) == 5);
  CHECK(!ArrayDimension(ParseValue(kIntArray, "{}").GetArray(), 1, ArrayBound::kLength));
  CHECK(FormatValue(ArraySlice(ParseValue(kIntArray, "[0:2]={1,2,3}").GetArray(), {{0, 1}})) == "{1,2}");
  const Array square = ParseValue(kIntArray, "{{1,2,3},{4,5,6},{7,8,9}}").GetArray();
  CHECK(FormatValue(ArraySlice(square, {{2, 3}, {1, 2}})) == "{{4,5},{7,8}}");
  CHECK(FormatValue(ArraySlice(square, {{1, 1}})) == "{{1,2,3}}");
  CHECK(FormatValue(ArraySlice(square, {{1, 1}, {1, 1}, {1, 1}})) == "{}");
  CHECK(FormatValue(ArraySubscript(square, {2, 3})) == "6");
  CHECK(ArraySubscript(square, {2}).is_null());
  CHECK(ArraySubscript(ParseValue(kIntArray, "{1,2}").GetArray(), {3}).is_null());
  CHECK(ArrayContains(ParseValue(kIntArray, "{1,2}").GetArray(), ParseValue(kIntArray, "{1}").GetArray()));
  CHECK(!ArrayContains(ParseValue(kIntArray, "{1,NULL}").GetArray(), ParseValue(kIntArray, "{NULL}").GetArray()));
  CHECK(ArrayOverlaps(ParseValue(kIntArray, "{1,2}").GetArray(), ParseValue(kIntArray, "{2,3}").GetArray()));
}

}  // namespace
}  // namespace lumadb

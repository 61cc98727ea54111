// Records (common/record.h): record_out quoting, record_send bytes, record_cmp/record_eq order and hashing.
// Every expected string and byte sequence was produced by a PostgreSQL 15 server (SELECT row(...),
// record_send(row(...)), comparisons of (SELECT row(...)) values).
#include "common/record.h"

#include <string>

#include <doctest/doctest.h>

#include "common/array.h"
#include "common/json.h"
#include "common/row_codec.h"
#include "common/value_binary.h"
#include "common/value_io.h"
#include "common/value_ops.h"
#include "test_util.h"

namespace lumadb {
namespace {

using test::Hex;
using test::MessageOf;
using test::SqlStateOf;

Value Text(const std::string& s) {
  return Value::String(s);
}

TEST_CASE("record_out: NULL fields are empty, quotes for empty strings, specials and white space") {
  CHECK(FormatValue(MakeRecord({Value::Int4(1), Text("x")})) == "(1,x)");
  CHECK(FormatValue(MakeRecord({Value::Int4(2), Value::Null(TypeId::kText)})) == "(2,)");
  CHECK(FormatValue(MakeRecord({Value::Int4(3), Text("a b")})) == "(3,\"a b\")");
  CHECK(FormatValue(MakeRecord({Value::Int4(4), Text("")})) == "(4,\"\")");
  CHECK(FormatValue(MakeRecord({Value::Int4(5), Text("q\"\\(")})) == "(5,\"q\"\"\\\\(\")");
  CHECK(FormatValue(MakeRecord({Text("a,b"), Text("x)"), Text("tab\there")})) == "(\"a,b\",\"x)\",\"tab\there\")");
  CHECK(FormatValue(MakeRecord({})) == "()");
  CHECK(FormatValue(MakeRecord({Value::Null(TypeId::kInt4), Value::Null(TypeId::kInt4)})) == "(,)");
  // A nested record is quoted as a whole: row(1, row(2, 'a b')) prints (1,"(2,""a b"")").
  CHECK(FormatValue(MakeRecord({Value::Int4(1), MakeRecord({Value::Int4(2), Text("a b")})})) ==
        "(1,\"(2,\"\"a b\"\")\")");
}

TEST_CASE("record_send: field count, then OID, length (-1 for NULL) and bytes per field") {
  CHECK(Hex(SendValue(MakeRecord({Value::Int4(1), Text("a b"), Value::Null(TypeId::kInt4)}))) ==
        "00000003000000170000000400000001000000190000000361206200000017ffffffff");
  CHECK(Hex(SendValue(MakeRecord({}))) == "00000000");
  // row(1, null): the untyped NULL is of type unknown (705).
  CHECK(Hex(SendValue(MakeRecord({Value::Int4(1), Value::Null(TypeId::kUnknown)}))) ==
        "00000002000000170000000400000001000002c1ffffffff");
}

TEST_CASE("record_cmp: field by field, NULL equal to NULL and above any value") {
  const Value a = MakeRecord({Value::Int4(1), Value::Int4(2)});
  const Value b = MakeRecord({Value::Int4(1), Value::Int4(3)});
  const Value null_second = MakeRecord({Value::Int4(1), Value::Null(TypeId::kInt4)});
  CHECK(CompareValues(a, b) < 0);
  CHECK(CompareValues(b, a) > 0);
  CHECK(CompareValues(a, MakeRecord({Value::Int8(1), Value::Int4(2)})) == 0);
  CHECK(CompareValues(null_second, MakeRecord({Value::Int4(1), Value::Null(TypeId::kInt4)})) == 0);
  CHECK(CompareValues(null_second, b) > 0);
  CHECK(HashValue(a) == HashValue(MakeRecord({Value::Int8(1), Value::Int4(2)})));
  CHECK(HashValue(a) != HashValue(b));
  const Value longer = MakeRecord({Value::Int4(1), Value::Int4(2), Value::Int4(3)});
  CHECK(SqlStateOf([&] { CompareValues(a, longer); }) == "42804");
  CHECK(MessageOf([&] { CompareValues(a, longer); }) ==
        "cannot compare record types with different numbers of columns");
}

TEST_CASE("record IS NULL / IS NOT NULL look at every field") {
  const Value all_null = MakeRecord({Value::Null(TypeId::kInt4), Value::Null(TypeId::kInt4)});
  CHECK(RecordFieldsAll(all_null.GetRecord(), false));
  CHECK_FALSE(RecordFieldsAll(all_null.GetRecord(), true));
  const Value mixed = MakeRecord({Value::Int4(1), Value::Null(TypeId::kInt4)});
  CHECK_FALSE(RecordFieldsAll(mixed.GetRecord(), false));
  CHECK_FALSE(RecordFieldsAll(mixed.GetRecord(), true));
}

TEST_CASE("records in JSON: named fields, f1.. for anonymous ones, row_to_json's pretty form") {
  auto names = std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"a", "b"});
  const Value named = MakeRecord({Value::Int4(1), Text("x")}, names);
  CHECK(json::ToJsonText(named) == "{\"a\":1,\"b\":\"x\"}");
  CHECK(json::JsonbText(json::ToJsonbValue(named)) == "{\"a\": 1, \"b\": \"x\"}");
  CHECK(json::RecordToJsonText(named.GetRecord(), true) == "{\"a\":1,\n \"b\":\"x\"}");
  CHECK(json::ToJsonText(MakeRecord({Value::Int4(2), Value::Null(TypeId::kText)})) == "{\"f1\":2,\"f2\":null}");
}

TEST_CASE("records survive the tuple format (spilled and materialized rows) without their names") {
  const Value r = MakeRecord(
      {Value::Int4(1), Text("a b"), Value::Null(TypeId::kNumeric), MakeRecord({Value::Num(Numeric::Parse("1.50"))})});
  const std::vector<TypeId> types{TypeId::kRecord, TypeId::kInt4};
  const Row decoded = DecodeRow(types, EncodeRow(types, {r, Value::Int4(7)}));
  CHECK(FormatValue(decoded[0]) == "(1,\"a b\",,\"(1.50)\")");
  CHECK(CompareValues(decoded[0], r) == 0);
  CHECK(decoded[0].GetRecord().fields[2].type() == TypeId::kNumeric);
  CHECK(decoded[1].GetInt() == 7);
}

TEST_CASE("arrays of records survive the tuple format; a client's binary record[] is still refused") {
  // SEARCH/CYCLE's path column is a record[] that a hash join's inner side stores encoded.
  const Value path = MakeArray(TypeId::kRecord, {MakeRecord({Value::Int4(1), Value::Int4(2)}),
                                                 MakeRecord({Value::Int4(2), Value::Null(TypeId::kInt4)})});
  const std::vector<TypeId> types{array_type::kRecord};
  const Row decoded = DecodeRow(types, EncodeRow(types, {path}));
  CHECK(FormatValue(decoded[0]) == "{\"(1,2)\",\"(2,)\"}");
  CHECK(CompareValues(decoded[0], path) == 0);
  CHECK(SqlStateOf([&] { ReceiveValue({array_type::kRecord, -1}, SendValue(path)); }) == "0A000");
}

TEST_CASE("record type: pg_type name, format_type and the array type") {
  CHECK(static_cast<uint32_t>(TypeId::kRecord) == 2249);
  CHECK(std::string(TypeName(TypeId::kRecord)) == "record");
  CHECK(FormatType({TypeId::kRecord, -1}) == "record");
  CHECK(FormatType({array_type::kRecord, -1}) == "record[]");
  CHECK(TypeCategory(TypeId::kRecord) == 'P');
  CHECK(TypeCategory(array_type::kRecord) == 'P');
  CHECK(SqlStateOf([] { ParseValue({TypeId::kRecord, -1}, "(1,2)"); }) == "0A000");
}

}  // namespace
}  // namespace lumadb

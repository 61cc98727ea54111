// Tuple encoding round trips (format drawn in common/row_codec.h).
#include "common/row_codec.h"

#include <cmath>
#include <vector>

#include <doctest/doctest.h>

#include "common/value_ops.h"
#include "test_util.h"

namespace lumadb {
namespace {

void CheckSameRow(const Row& a, const Row& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CAPTURE(i);
    CHECK(a[i].type() == b[i].type());
    CHECK(a[i].is_null() == b[i].is_null());
    if (!a[i].is_null()) CHECK(FormatValue(a[i]) == FormatValue(b[i]));
  }
}

TEST_CASE("every type round-trips, with and without NULLs") {
  const std::vector<TypeId> types = {TypeId::kBool,  TypeId::kInt2,    TypeId::kInt4,      TypeId::kInt8,
                                     TypeId::kOid,   TypeId::kFloat4,  TypeId::kFloat8,    TypeId::kNumeric,
                                     TypeId::kText,  TypeId::kVarchar, TypeId::kBpchar,    TypeId::kName,
                                     TypeId::kBytea, TypeId::kDate,    TypeId::kTimestamp, TypeId::kTimestampTz};
  const Row row = {Value::Bool(true),
                   Value::Int2(-32768),
                   Value::Int4(INT32_MIN),
                   Value::Int8(INT64_MIN),
                   Value::Oid(4294967295u),
                   Value::Float4(-1.5e-45f),
                   Value::Float8(std::nan("")),
                   Value::Num(Numeric::Parse("-12345678901234567890.000100")),
                   Value::String("h\xc3\xa9llo"),
                   Value::String("", TypeId::kVarchar),
                   Value::String("ab  ", TypeId::kBpchar),
                   Value::String("relname", TypeId::kName),
                   Value::String(std::string("\0\xff", 2), TypeId::kBytea),
                   Value::Date(-2451545),
                   Value::Timestamp(-1),
                   Value::Timestamp(INT64_MAX, TypeId::kTimestampTz)};
  const Row decoded = DecodeRow(types, EncodeRow(types, row));
  CheckSameRow(row, decoded);
  CHECK(decoded[12].GetString() == std::string("\0\xff", 2));
  CHECK(decoded[7].GetNumeric().scale() == 6);

  Row nulls;
  for (TypeId t : types) nulls.push_back(Value::Null(t));
  CheckSameRow(nulls, DecodeRow(types, EncodeRow(types, nulls)));

  Row mixed = row;
  for (size_t i = 0; i < mixed.size(); i += 3) mixed[i] = Value::Null(types[i]);
  CheckSameRow(mixed, DecodeRow(types, EncodeRow(types, mixed)));
}

TEST_CASE("decoding only the wanted columns") {
  const std::vector<TypeId> types = {TypeId::kText,    TypeId::kInt4, TypeId::kInterval,
                                     TypeId::kNumeric, TypeId::kInt8, TypeId::kBpchar};
  const Row row = {Value::String("skipped"),           Value::Int4(7),  Value::Null(TypeId::kInterval),
                   Value::Num(Numeric::Parse("1.50")), Value::Int8(-9), Value::String("wide  ", TypeId::kBpchar)};
  const std::vector<std::byte> bytes = EncodeRow(types, row);
  const Row some = DecodeRow(types, bytes, {false, true, true, false, true, false});
  REQUIRE(some.size() == types.size());
  for (size_t i : {0, 3, 5}) {
    CHECK(some[i].is_null());  // not wanted: NULL of the column's type
    CHECK(some[i].type() == types[i]);
  }
  CHECK(some[1].GetInt() == 7);
  CHECK(some[2].is_null());
  CHECK(some[4].GetInt() == -9);
  CheckSameRow(row, DecodeRow(types, bytes, {}));
  // A corrupt tuple is still caught in the columns that are skipped.
  std::vector<std::byte> truncated(bytes.begin(), bytes.end() - 1);
  CHECK_THROWS_WITH(DecodeRow(types, truncated, {false, true, false, false, false, false}),
                    "malformed tuple: truncated attribute");
}

TEST_CASE("decoding into a reused row gives the same values as a fresh decode") {
  const std::vector<TypeId> types = {TypeId::kInt4, TypeId::kText, TypeId::kNumeric};
  const Row first = {Value::Int4(1), Value::String("one"), Value::Num(Numeric::Parse("1.50"))};
  const Row second = {Value::Int4(2), Value::Null(TypeId::kText), Value::Num(Numeric::Parse("-2"))};
  Row reused = {Value::String("stale"), Value::Int8(9), Value::Int8(9), Value::Int8(9)};  // any shape
  DecodeRowInto(types, EncodeRow(types, first), {}, &reused);
  CheckSameRow(first, reused);
  DecodeRowInto(types, EncodeRow(types, second), {}, &reused);
  CheckSameRow(second, reused);
  // Skipped columns come back NULL of their type whatever the row held.
  DecodeRowInto(types, EncodeRow(types, first), {true, false, false}, &reused);
  CHECK(reused[0].GetInt() == 1);
  CHECK((reused[1].is_null() && reused[1].type() == TypeId::kText));
  CHECK((reused[2].is_null() && reused[2].type() == TypeId::kNumeric));
}

TEST_CASE("layout, missing trailing columns and corruption") {
  const std::vector<TypeId> one = {TypeId::kInt4};
  const std::vector<std::byte> bytes = EncodeRow(one, Row{Value::Int4(0x01020304)});
  REQUIRE(bytes.size() == 2 + 1 + 4);
  CHECK(bytes[0] == std::byte{1});
  CHECK(bytes[3] == std::byte{4});  // little-endian
  const std::vector<TypeId> two = {TypeId::kInt4, TypeId::kText};
  const Row widened = DecodeRow(two, bytes);
  CHECK(widened[0].GetInt() == 0x01020304);
  CHECK(widened[1].is_null());
  CHECK(widened[1].type() == TypeId::kText);

  std::vector<std::byte> truncated = EncodeRow(two, Row{Value::Int4(1), Value::String("abc")});
  truncated.pop_back();
  CHECK(test::SqlStateOf([&] { DecodeRow(two, truncated); }) == "XX001");
  CHECK(test::SqlStateOf([&] { DecodeRow(two, std::vector<std::byte>{std::byte{1}}); }) == "XX001");
  CHECK(test::SqlStateOf([&] { DecodeRow(one, EncodeRow(two, Row{Value::Int4(1), Value::String("x")})); }) == "XX001");
}

TEST_CASE("time, timetz, interval and uuid: fixed-width layouts, bit-exact round trips") {
  const std::vector<TypeId> types = {TypeId::kTime, TypeId::kTimeTz, TypeId::kInterval, TypeId::kUuid};
  const std::string uuid("\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff", 16);
  const Row row = {Value::Time(86400000000LL), Value::OfTimeTz(TimeTz{1, -57599}),
                   Value::OfInterval(Interval{INT64_MIN, INT32_MAX, -1}), Value::Uuid(uuid)};
  const std::vector<std::byte> bytes = EncodeRow(types, row);
  REQUIRE(bytes.size() == 2 + 1 + 8 + 12 + 16 + 16);
  const Row decoded = DecodeRow(types, bytes);
  CheckSameRow(row, decoded);
  CHECK(decoded[1].GetTimeTz() == TimeTz{1, -57599});
  CHECK(decoded[2].GetInterval() == Interval{INT64_MIN, INT32_MAX, -1});  // '1 mon' never becomes '30 days'
  CHECK(decoded[3].GetString() == uuid);
  // timetz: time then zone, little-endian; interval: time, day, month; uuid: its bytes in order.
  CHECK(bytes[3 + 8] == std::byte{1});
  CHECK(bytes[3 + 8 + 8] == std::byte{0x01});  // -57599 = 0xFFFF1F01
  CHECK(bytes[3 + 8 + 8 + 3] == std::byte{0xff});
  CHECK(bytes[3 + 20 + 7] == std::byte{0x80});  // INT64_MIN's high byte last
  CHECK(bytes[3 + 20 + 8] == std::byte{0xff});  // INT32_MAX = 0x7FFFFFFF
  CHECK(bytes[3 + 20 + 11] == std::byte{0x7f});
  CHECK(bytes[3 + 36] == std::byte{0x00});
  CHECK(bytes[3 + 36 + 15] == std::byte{0xff});

  Row mixed = {Value::Null(TypeId::kTime), row[1], Value::Null(TypeId::kInterval), row[3]};
  CheckSameRow(mixed, DecodeRow(types, EncodeRow(types, mixed)));
  std::vector<std::byte> truncated = EncodeRow(types, row);
  truncated.pop_back();
  CHECK(test::SqlStateOf([&] { DecodeRow(types, truncated); }) == "XX001");
}

}  // namespace
}  // namespace lumadb

// Comparison, hashing and arithmetic; expectations from PostgreSQL 15 (int.c, float.c, numeric.c, date.c).
#include "common/value_ops.h"

#include <cmath>

#include <doctest/doctest.h>

#include "common/datetime.h"
#include "test_util.h"

namespace lumadb {
namespace {

using test::MessageOf;
using test::SqlStateOf;

Value Num(const char* s) {
  return Value::Num(Numeric::Parse(s));
}
std::string Calc(ArithOp op, const Value& a, const Value& b) {
  return FormatValue(Arithmetic(op, a, b));
}

TEST_CASE("comparisons") {
  CHECK(CompareValues(Value::Int2(3), Value::Int8(3)) == 0);
  CHECK(CompareValues(Value::Int4(-1), Value::Int8(2)) < 0);
  CHECK(CompareValues(Value::Float8(std::nan("")), Value::Float8(INFINITY)) > 0);
  CHECK(CompareValues(Value::Float8(std::nan("")), Value::Float8(std::nan(""))) == 0);
  CHECK(CompareValues(Value::Float8(-0.0), Value::Float8(0.0)) == 0);
  CHECK(CompareValues(Num("1.0"), Num("1.00")) == 0);
  CHECK(CompareValues(Num("2"), Value::Int4(3)) < 0);
  CHECK(CompareValues(Value::String("B"), Value::String("a")) < 0);  // C collation: bytewise
  CHECK(CompareValues(Value::String("\xc3\xa9"), Value::String("z")) > 0);
  CHECK(CompareValues(Value::String("ab  ", TypeId::kBpchar), Value::String("ab", TypeId::kBpchar)) == 0);
  CHECK(CompareValues(Value::String("ab ", TypeId::kBpchar), Value::String("ab")) == 0);
  CHECK(CompareValues(Value::String("ab "), Value::String("ab")) > 0);
  CHECK(CompareValues(Value::Bool(false), Value::Bool(true)) < 0);
  CHECK(CompareValues(Value::Date(1), Value::Timestamp(kUsecsPerDay)) == 0);
  CHECK(CompareValues(Value::Date(kDateNoEnd), Value::Date(5)) > 0);
  CHECK(SqlStateOf([] { CompareValues(Value::Int4(1), Value::Date(1)); }) == "42883");
}

TEST_CASE("hashes agree with equality") {
  CHECK(HashValue(Value::Int2(7)) == HashValue(Value::Int8(7)));
  CHECK(HashValue(Num("1.50")) == HashValue(Num("1.5")));
  CHECK(HashValue(Value::Float8(-0.0)) == HashValue(Value::Float8(0.0)));
  CHECK(HashValue(Value::Float8(std::nan(""))) == HashValue(Value::Float8(-std::nan(""))));
  CHECK(HashValue(Value::String("ab  ", TypeId::kBpchar)) == HashValue(Value::String("ab", TypeId::kBpchar)));
  CHECK(HashValue(Value::String("ab")) != HashValue(Value::String("ba")));
  CHECK(HashValue(Value::Null(TypeId::kInt4)) == 0);
}

TEST_CASE("integer arithmetic") {
  CHECK(Calc(ArithOp::kDiv, Value::Int4(7), Value::Int4(2)) == "3");
  CHECK(Calc(ArithOp::kDiv, Value::Int4(-7), Value::Int4(2)) == "-3");
  CHECK(Calc(ArithOp::kMod, Value::Int4(-7), Value::Int4(3)) == "-1");
  CHECK(Arithmetic(ArithOp::kAdd, Value::Int2(1), Value::Int4(1)).type() == TypeId::kInt4);
  CHECK(Arithmetic(ArithOp::kMul, Value::Int4(1), Value::Int8(1)).type() == TypeId::kInt8);
  CHECK(MessageOf([] { Arithmetic(ArithOp::kAdd, Value::Int2(32767), Value::Int2(1)); }) == "smallint out of range");
  CHECK(MessageOf([] { Arithmetic(ArithOp::kDiv, Value::Int4(INT32_MIN), Value::Int4(-1)); }) ==
        "integer out of range");
  CHECK(MessageOf([] { Arithmetic(ArithOp::kMul, Value::Int8(INT64_MAX), Value::Int8(2)); }) == "bigint out of range");
  CHECK(SqlStateOf([] { Arithmetic(ArithOp::kSub, Value::Int8(INT64_MIN), Value::Int8(1)); }) == "22003");
  CHECK(MessageOf([] { Arithmetic(ArithOp::kDiv, Value::Int4(1), Value::Int4(0)); }) == "division by zero");
  CHECK(SqlStateOf([] { Arithmetic(ArithOp::kMod, Value::Int8(1), Value::Int8(0)); }) == "22012");
  CHECK(Calc(ArithOp::kMod, Value::Int4(INT32_MIN), Value::Int4(-1)) == "0");
  CHECK(Calc(ArithOp::kPow, Value::Int4(2), Value::Int4(10)) == "1024");
  CHECK(Arithmetic(ArithOp::kPow, Value::Int4(2), Value::Int4(10)).type() == TypeId::kFloat8);
  CHECK(MessageOf([] { Negate(Value::Int4(INT32_MIN)); }) == "integer out of range");
  CHECK(FormatValue(Negate(Value::Int2(5))) == "-5");
}

TEST_CASE("float arithmetic") {
  CHECK(Calc(ArithOp::kAdd, Value::Float8(0.1), Value::Float8(0.2)) == "0.30000000000000004");
  CHECK(Calc(ArithOp::kPow, Value::Float8(2), Value::Float8(0.5)) == "1.4142135623730951");
  CHECK(Calc(ArithOp::kMul, Value::Float8(1e-308), Value::Float8(1e-10)) == "1e-318");
  CHECK(MessageOf([] { Arithmetic(ArithOp::kMul, Value::Float8(1e308), Value::Float8(10)); }) ==
        "value out of range: overflow");
  CHECK(MessageOf([] { Arithmetic(ArithOp::kMul, Value::Float8(1e-308), Value::Float8(1e-308)); }) ==
        "value out of range: underflow");
  CHECK(SqlStateOf([] { Arithmetic(ArithOp::kDiv, Value::Float8(1), Value::Float8(0)); }) == "22012");
  CHECK(SqlStateOf([] { Arithmetic(ArithOp::kPow, Value::Float8(0), Value::Float8(-1)); }) == "2201F");
  CHECK(SqlStateOf([] { Arithmetic(ArithOp::kPow, Value::Float8(-1), Value::Float8(0.5)); }) == "2201F");
  CHECK(Calc(ArithOp::kAdd, Value::Float8(INFINITY), Value::Float8(1)) == "Infinity");
  CHECK(Arithmetic(ArithOp::kAdd, Value::Float4(1), Value::Float4(2)).type() == TypeId::kFloat4);
  CHECK(Arithmetic(ArithOp::kAdd, Value::Float4(1), Value::Float8(2)).type() == TypeId::kFloat8);
  CHECK(Calc(ArithOp::kAdd, Value::Int4(1), Value::Float8(0.5)) == "1.5");
  CHECK(SqlStateOf([] { Arithmetic(ArithOp::kMod, Value::Float8(1), Value::Float8(2)); }) == "42883");
}

TEST_CASE("numeric arithmetic through values") {
  CHECK(Calc(ArithOp::kAdd, Num("1.5"), Value::Int4(2)) == "3.5");
  CHECK(Calc(ArithOp::kDiv, Value::Int4(10), Num("3")) == "3.3333333333333333");
  CHECK(Calc(ArithOp::kPow, Num("2"), Num("3")) == "8.0000000000000000");
  CHECK(FormatValue(Negate(Num("1.50"))) == "-1.50");
  CHECK(SqlStateOf([] { Arithmetic(ArithOp::kDiv, Num("1"), Num("0")); }) == "22012");
}

TEST_CASE("date arithmetic") {
  const Value feb28 = ParseValue({TypeId::kDate}, "2024-02-28");
  CHECK(Calc(ArithOp::kAdd, feb28, Value::Int4(1)) == "2024-02-29");
  CHECK(Calc(ArithOp::kAdd, Value::Int4(2), feb28) == "2024-03-01");
  CHECK(Calc(ArithOp::kSub, feb28, Value::Int4(59)) == "2023-12-31");
  CHECK(Calc(ArithOp::kSub, ParseValue({TypeId::kDate}, "2024-03-01"), ParseValue({TypeId::kDate}, "2024-02-01")) ==
        "29");
  CHECK(Calc(ArithOp::kAdd, Value::Date(kDateNoEnd), Value::Int4(1)) == "infinity");
  CHECK(MessageOf([] { Arithmetic(ArithOp::kAdd, Value::Date(0), Value::Int4(INT32_MAX)); }) == "date out of range");
  CHECK(Calc(ArithOp::kSub, Value::Timestamp(1), Value::Timestamp(0)) == "00:00:00.000001");
  CHECK(SqlStateOf([] { Arithmetic(ArithOp::kMul, Value::Date(1), Value::Int4(2)); }) == "42883");
}

}  // namespace
}  // namespace lumadb

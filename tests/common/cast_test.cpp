// Casts; contexts come from PostgreSQL 15's pg_cast and results from the same casts run on it.
#include "common/cast.h"

#include <cmath>

#include <doctest/doctest.h>

#include "common/datetime.h"
#include "test_util.h"

namespace lumadb {
namespace {

using test::MessageOf;
using test::SqlStateOf;

std::string CastText(const Value& v, TypeDesc to, CastContext c = CastContext::kExplicit) {
  return FormatValue(CastValue(v, to, c));
}

TEST_CASE("FindCast follows pg_cast contexts") {
  CHECK(FindCast(TypeId::kInt2, TypeId::kInt4) == CastContext::kImplicit);
  CHECK(FindCast(TypeId::kInt4, TypeId::kInt8) == CastContext::kImplicit);
  CHECK(FindCast(TypeId::kInt8, TypeId::kInt4) == CastContext::kAssignment);
  CHECK(FindCast(TypeId::kInt4, TypeId::kNumeric) == CastContext::kImplicit);
  CHECK(FindCast(TypeId::kInt4, TypeId::kFloat8) == CastContext::kImplicit);
  CHECK(FindCast(TypeId::kNumeric, TypeId::kFloat8) == CastContext::kImplicit);
  CHECK(FindCast(TypeId::kFloat8, TypeId::kInt4) == CastContext::kAssignment);
  CHECK(FindCast(TypeId::kFloat8, TypeId::kNumeric) == CastContext::kAssignment);
  CHECK(FindCast(TypeId::kText, TypeId::kVarchar) == CastContext::kImplicit);
  CHECK(FindCast(TypeId::kBpchar, TypeId::kText) == CastContext::kImplicit);
  CHECK(FindCast(TypeId::kInt4, TypeId::kText) == CastContext::kAssignment);
  CHECK(FindCast(TypeId::kText, TypeId::kInt4) == CastContext::kExplicit);
  CHECK(FindCast(TypeId::kDate, TypeId::kTimestamp) == CastContext::kImplicit);
  CHECK(FindCast(TypeId::kTimestamp, TypeId::kDate) == CastContext::kAssignment);
  CHECK(FindCast(TypeId::kBool, TypeId::kInt4) == CastContext::kExplicit);
  CHECK(FindCast(TypeId::kInt4, TypeId::kBool) == CastContext::kExplicit);
  CHECK(FindCast(TypeId::kUnknown, TypeId::kDate) == CastContext::kImplicit);
  CHECK(FindCast(TypeId::kInt4, TypeId::kInt4) == CastContext::kImplicit);
  CHECK_FALSE(FindCast(TypeId::kInt4, TypeId::kDate).has_value());
  CHECK_FALSE(FindCast(TypeId::kBool, TypeId::kFloat8).has_value());
}

TEST_CASE("integer and float casts round and range-check as PostgreSQL") {
  CHECK(CastText(Value::Float8(2.5), {TypeId::kInt4}) == "2");  // rint: half to even
  CHECK(CastText(Value::Float8(3.5), {TypeId::kInt4}) == "4");
  CHECK(CastText(Value::Float8(-2.5), {TypeId::kInt8}) == "-2");
  CHECK(CastText(Value::Num(Numeric::Parse("2.5")), {TypeId::kInt4}) == "3");  // half away from zero
  CHECK(CastText(Value::Num(Numeric::Parse("-2.5")), {TypeId::kInt2}) == "-3");
  CHECK(MessageOf([] { CastValue(Value::Int4(32768), {TypeId::kInt2}, CastContext::kAssignment); }) ==
        "smallint out of range");
  CHECK(MessageOf([] { CastValue(Value::Int8(1LL << 40), {TypeId::kInt4}, CastContext::kAssignment); }) ==
        "integer out of range");
  CHECK(MessageOf([] { CastValue(Value::Float8(1e10), {TypeId::kInt4}, CastContext::kAssignment); }) ==
        "integer out of range");
  CHECK(MessageOf([] { CastValue(Value::Float8(1e19), {TypeId::kInt8}, CastContext::kAssignment); }) ==
        "bigint out of range");
  CHECK(SqlStateOf([] { CastValue(Value::Float8(std::nan("")), {TypeId::kInt4}, CastContext::kExplicit); }) == "22003");
  CHECK(MessageOf([] { CastValue(Value::Num(Numeric::Parse("1e30")), {TypeId::kInt8}, CastContext::kAssignment); }) ==
        "bigint out of range");
  CHECK(CastText(Value::Int4(-1), {TypeId::kOid}) == "4294967295");
  CHECK(CastText(Value::Oid(4294967295u), {TypeId::kInt4}) == "-1");
  CHECK(CastText(Value::Int4(7), {TypeId::kFloat8}) == "7");
  CHECK(CastText(Value::Int8(16777217), {TypeId::kFloat4}) == "1.6777216e+07");
  CHECK(CastText(Value::Float4(0.1f), {TypeId::kFloat8}) == "0.10000000149011612");
  CHECK(CastText(Value::Float4(0.1f), {TypeId::kNumeric}) == "0.1");
  CHECK(CastText(Value::Float8(0.1), {TypeId::kNumeric}) == "0.1");
  CHECK(MessageOf([] { CastValue(Value::Float8(1e300), {TypeId::kFloat4}, CastContext::kAssignment); }) ==
        "value out of range: overflow");
  CHECK(CastText(Value::Int4(5), {TypeId::kNumeric, NumericTypmod(5, 2)}) == "5.00");
  CHECK(SqlStateOf([] {
          CastValue(Value::Num(Numeric::Parse("1234.5")), {TypeId::kNumeric, NumericTypmod(4, 1)},
                    CastContext::kAssignment);
        }) == "22003");
  CHECK(CastText(Value::Num(Numeric::Parse("1.5")), {TypeId::kFloat8}) == "1.5");
  CHECK(CastText(Value::Bool(true), {TypeId::kInt4}) == "1");
  CHECK(CastText(Value::Int4(-3), {TypeId::kBool}) == "t");
  CHECK(CastText(Value::Int4(0), {TypeId::kBool}) == "f");
}

TEST_CASE("string casts") {
  const TypeDesc varchar2{TypeId::kVarchar, 6}, char4{TypeId::kBpchar, 8};
  CHECK(CastText(Value::String("abc"), varchar2, CastContext::kExplicit) == "ab");
  CHECK(MessageOf([&] { CastValue(Value::String("abc"), varchar2, CastContext::kAssignment); }) ==
        "value too long for type character varying(2)");
  CHECK(SqlStateOf([&] { CastValue(Value::String("abcde"), char4, CastContext::kImplicit); }) == "22001");
  CHECK(CastText(Value::String("abcde"), char4) == "abcd");
  CHECK(CastText(Value::String("ab"), char4) == "ab  ");
  CHECK(CastText(Value::String("ab  ", TypeId::kBpchar), {TypeId::kText}) == "ab");
  CHECK(CastText(Value::Bool(true), {TypeId::kText}) == "true");
  CHECK(CastText(Value::Int4(42), {TypeId::kVarchar}) == "42");
  CHECK(CastText(Value::Num(Numeric::Parse("1.50")), {TypeId::kText}) == "1.50");
  CHECK(CastText(Value::Date(0), {TypeId::kText}) == "2000-01-01");
  CHECK(CastText(Value::String("12"), {TypeId::kInt4}) == "12");
  CHECK(CastText(Value::String("2024-01-02", TypeId::kUnknown), {TypeId::kDate}) == "2024-01-02");
  CHECK(SqlStateOf([] { CastValue(Value::String("x"), {TypeId::kInt4}, CastContext::kExplicit); }) == "22P02");
  CHECK(CastValue(Value::String("x", TypeId::kUnknown), {TypeId::kText}, CastContext::kImplicit).type() ==
        TypeId::kText);
}

TEST_CASE("date and timestamp casts, NULLs and missing casts") {
  CHECK(CastText(Value::Date(1), {TypeId::kTimestamp}) == "2000-01-02 00:00:00");
  CHECK(CastText(Value::Date(1), {TypeId::kTimestampTz}) == "2000-01-02 00:00:00+00");
  CHECK(CastText(Value::Timestamp(-1), {TypeId::kDate}) == "1999-12-31");
  CHECK(CastText(Value::Timestamp(1500000), {TypeId::kTimestamp, 0}) == "2000-01-01 00:00:02");
  CHECK(CastText(Value::Date(kDateNoEnd), {TypeId::kTimestamp}) == "infinity");
  const Value n = CastValue(Value::Null(TypeId::kInt4), {TypeId::kText}, CastContext::kExplicit);
  CHECK(n.is_null());
  CHECK(n.type() == TypeId::kText);
  CHECK(MessageOf([] { CastValue(Value::Int4(1), {TypeId::kDate}, CastContext::kExplicit); }) ==
        "cannot cast type integer to date");
  CHECK(SqlStateOf([] { CastValue(Value::Int4(1), {TypeId::kDate}, CastContext::kExplicit); }) == "42846");
}

}  // namespace
}  // namespace lumadb

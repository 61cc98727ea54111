// Subscripted assignment and the array_fill / width_bucket / trim_array functions (common/array_assign.h,
// common/array_fill.h); every expected array text, SQLSTATE and message is what PostgreSQL 15 gives for
// the same UPDATE / INSERT / SELECT.
#include "common/array_assign.h"

#include <climits>
#include <string>

#include <doctest/doctest.h>

#include "common/array_fill.h"
#include "common/value_io.h"
#include "test_util.h"

namespace lumadb {
namespace {

using test::MessageOf;
using test::SqlStateOf;

constexpr TypeDesc kIntArray{array_type::kInt4, -1};

Value Ints(std::string_view text) {
  return ParseValue(kIntArray, text);
}

std::string Text(const Value& v) {
  return FormatArray(v.GetArray());
}

std::string SetSlice(std::string_view array, std::optional<int32_t> lo, std::optional<int32_t> hi,
                     std::string_view source) {
  return Text(ArraySetSlice(Ints(array), {lo}, {hi}, Ints(source)));
}

TEST_CASE("array_set_element: growing one dimension, NULL fill, new arrays and multi-dimensional limits") {
  CHECK(Text(ArraySetElement(Ints("{1,2,3}"), {5}, Value::Int4(9))) == "{1,2,3,NULL,9}");
  CHECK(Text(ArraySetElement(Ints("{1,2,3,NULL,9}"), {-1}, Value::Int4(0))) == "[-1:5]={0,NULL,1,2,3,NULL,9}");
  CHECK(Text(ArraySetElement(Value::Null(array_type::kInt4), {4}, Value::Null(TypeId::kInt4))) == "[4:4]={NULL}");
  CHECK(Text(ArraySetElement(Ints("{}"), {1, 2}, Value::Int4(5))) == "[1:1][2:2]={{5}}");
  CHECK(Text(ArraySetElement(Ints("{{1,2},{3,4}}"), {2, 1}, Value::Int4(30))) == "{{1,2},{30,4}}");
  CHECK(MessageOf([] {
          ArraySetElement(Ints("{{1,2},{3,4}}"), {3, 1}, Value::Int4(30));
        }) == "array subscript out of range");
  CHECK(MessageOf([] {
          ArraySetElement(Ints("{1,2}"), {1, 1}, Value::Int4(0));
        }) == "wrong number of array subscripts");
  CHECK(SqlStateOf([] { ArraySetElement(Ints("[-2147483648:-2147483647]={1,2}"), {INT32_MAX}, Value::Int4(42)); }) ==
        "54000");
}

TEST_CASE("array_set_slice: omitted bounds, growth, source size and the empty-array rules") {
  CHECK(SetSlice("[-1:5]={0,NULL,1,2,3,NULL,9}", 2, 3, "{7,8,9}") == "[-1:5]={0,NULL,1,7,8,NULL,9}");
  CHECK(SetSlice("[-1:5]={0,NULL,1,7,8,NULL,9}", std::nullopt, 0, "{5,6}") == "[-1:5]={5,6,1,7,8,NULL,9}");
  CHECK(SetSlice("{1,2,3,4,5}", 3, std::nullopt, "{23,24,25}") == "{1,2,23,24,25}");
  CHECK(SetSlice("{1,2}", 5, 6, "{5,6}") == "{1,2,NULL,NULL,5,6}");
  CHECK(SetSlice("{}", 2, 3, "{1,2,3}") == "[2:3]={1,2}");
  CHECK(Text(ArraySetSlice(Ints("{{1,2,3},{4,5,6},{7,8,9}}"), {2, 2}, {std::nullopt, std::nullopt},
                           Ints("{{25,26},{28,29}}"))) == "{{1,2,3},{4,25,26},{7,28,29}}");
  CHECK(MessageOf([] { SetSlice("{1,2,3,4,5}", std::nullopt, std::nullopt, "{23,24,25}"); }) ==
        "source array too small");
  CHECK(MessageOf([] { SetSlice("{}", std::nullopt, 2, "{1,2}"); }) ==
        "array slice subscript must provide both boundaries");
  CHECK(MessageOf([] { SetSlice("{1,2}", 2, 1, "{1,2}"); }) == "upper bound cannot be less than lower bound");
  CHECK(SqlStateOf([] { SetSlice("{}", 0, INT32_MAX, "{}"); }) == "54000");
  CHECK(SqlStateOf([] { SetSlice("{}", INT32_MIN, INT32_MAX, "{}"); }) == "54000");
  CHECK(SqlStateOf([] { SetSlice("[-2147483648:-2147483647]={1,2}", INT32_MAX - 1, INT32_MAX, "{4,2}"); }) == "54000");
  CHECK(Text(ArraySetSlice(Value::Null(array_type::kInt4), {1}, {2}, Value::Null(array_type::kInt4))) == "{}");
}

TEST_CASE("array_fill, width_bucket and trim_array") {
  CHECK(Text(ArrayFill(Value::Int4(7), Ints("{2,2}"), nullptr)) == "{{7,7},{7,7}}");
  const Value lbounds = Ints("{0,3}");
  CHECK(Text(ArrayFill(Value::Int4(7), Ints("{2,2}"), &lbounds)) == "[0:1][3:4]={{7,7},{7,7}}");
  CHECK(Text(ArrayFill(Value::Int4(42), Ints("{0}"), nullptr)) == "{}");
  CHECK(MessageOf([] { ArrayFill(Value::Int4(1), Ints("{1,2,NULL}"), nullptr); }) == "dimension values cannot be null");
  CHECK(SqlStateOf([] { ArrayFill(Value::Int4(1), Ints("{{1,2},{3,4}}"), nullptr); }) == "2202E");
  CHECK(ArrayWidthBucket(Value::Int4(5), Ints("{1,3,5,7}").GetArray()) == 3);
  CHECK(ArrayWidthBucket(Value::Int4(5), Ints("{}").GetArray()) == 0);
  CHECK(MessageOf([] { ArrayWidthBucket(Value::Int4(5), Ints("{3,4,NULL}").GetArray()); }) ==
        "thresholds array must not contain NULLs");
  CHECK(Text(TrimArray(Ints("[2:4]={1,2,3}").GetArray(), 1)) == "{1,2}");
  CHECK(Text(TrimArray(Ints("{{1,2},{3,4}}").GetArray(), 1)) == "{{1,2}}");
  CHECK(MessageOf([] { TrimArray(Ints("{1,2,3}").GetArray(), 10); }) ==
        "number of elements to trim must be between 0 and 3");
}

}  // namespace
}  // namespace lumadb

// Binding of arrays (planner/src/bind_arrays.cpp): the result types PostgreSQL 15 gives ARRAY[...], the
// subscripts, ANY/ALL, || and the polymorphic array functions (checked with pg_typeof on a PostgreSQL 15
// server), array type names with typmods, casts, and the binder errors with SQLSTATE and position.
#include <doctest/doctest.h>

#include "binder_fixture.h"

namespace lumadb::planner::testing {
namespace {

std::string Code(const DbError& e) {
  return std::string(e.code().View());
}

TEST_CASE_FIXTURE(Fixture, "array expression types") {
  CHECK(TypeOf("ARRAY[1, 2]") == array_type::kInt4);
  CHECK(TypeOf("ARRAY[1, 2.5]") == array_type::kNumeric);
  CHECK(TypeOf("ARRAY['a', 'b']") == array_type::kText);
  CHECK(TypeOf("ARRAY[1::int2, 2]") == array_type::kInt4);
  CHECK(TypeOf("ARRAY[[1, 2], [3, 4]]") == array_type::kInt4);
  CHECK(TypeOf("ARRAY[]::int8[]") == array_type::kInt8);
  CHECK(TypeOf("'{1}'::integer ARRAY") == array_type::kInt4);
  CHECK(TypeOf("(ARRAY[1, 2])[1]") == TypeId::kInt4);
  CHECK(TypeOf("(ARRAY[1, 2])[1:2]") == array_type::kInt4);
  CHECK(TypeOf("1 = ANY(ARRAY[1.5])") == TypeId::kBool);
  CHECK(TypeOf("ARRAY[1] || 2.5") == array_type::kNumeric);
  CHECK(TypeOf("0 || ARRAY[1]") == array_type::kInt4);
  CHECK(TypeOf("ARRAY[1] || '{2}'") == array_type::kInt4);
  CHECK(TypeOf("array_append(ARRAY[1], 2.5)") == array_type::kNumeric);
  CHECK(TypeOf("array_length(ARRAY[1], 1)") == TypeId::kInt4);
  CHECK(TypeOf("array_positions(ARRAY['a'], 'a')") == array_type::kInt4);
  CHECK(TypeOf("string_to_array('a,b', ',')") == array_type::kText);
  CHECK(TypeOf("'{1}'::int[]::numeric[]") == array_type::kNumeric);
  auto plan = Bind("SELECT '{ab}'::varchar(3)[], array_agg(a), array_agg(b) FROM t");
  CHECK(plan->output[0].type == TypeDesc{array_type::kVarchar, 7});
  CHECK(plan->output[1].type.id == array_type::kInt4);
  CHECK(plan->output[2].type.id == array_type::kText);
  CHECK(plan->output[0].name == "varchar");
  CHECK(Bind("SELECT ARRAY[a] FROM t")->output[0].name == "array");
  CHECK(Bind("SELECT x FROM unnest(ARRAY[1.5]) AS u(x)")->output[0].type.id == TypeId::kNumeric);
}

TEST_CASE_FIXTURE(Fixture, "array binding errors") {
  DbError e = Error("SELECT ARRAY[]");
  CHECK(Code(e) == "42P18");
  CHECK(e.message() == "cannot determine type of empty array");
  CHECK(Code(Error("SELECT 1 = ANY(1)")) == "42809");
  CHECK(Error("SELECT '{1}'::int[] = '{1}'::numeric[]").message() == "operator does not exist: integer[] = numeric[]");
  CHECK(Error("SELECT array_length('{1}', 1)").message() ==
        "could not determine polymorphic type because input has type unknown");
  CHECK(Code(Error("SELECT array_append(ARRAY[1], ARRAY[2])")) == "42883");
  CHECK(Error("SELECT a[1] FROM t").message() ==
        "cannot subscript type integer because it does not support subscripting");
  CHECK(Error("SELECT (ARRAY[1])[true]").message() == "array subscript must have type integer");
  CHECK(Code(Error("SELECT ARRAY[1] @> ARRAY['a'::text]")) == "42883");
  CHECK(Error("SELECT ARRAY[1, 'a'::text]").message() == "ARRAY types integer and text cannot be matched");
}

}  // namespace
}  // namespace lumadb::planner::testing

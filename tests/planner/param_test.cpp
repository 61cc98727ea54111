// $n parameters of prepared statements: types inferred from the context as PostgreSQL's parse_param.c
// (compared with PostgreSQL 15's pg_prepared_statements.parameter_types), 42P18, 42P08, and index scans
// keyed by a parameter.
#include <doctest/doctest.h>

#include "binder_fixture.h"

namespace {

using namespace lumadb;
using planner::testing::Fixture;
using Types = std::vector<TypeDesc>;

const TypeDesc kUnknown{TypeId::kUnknown, -1};
const TypeDesc kInt4{TypeId::kInt4, -1};
const TypeDesc kInt8{TypeId::kInt8, -1};
const TypeDesc kText{TypeId::kText, -1};
const TypeDesc kNumeric{TypeId::kNumeric, -1};
const TypeDesc kBool{TypeId::kBool, -1};

}  // namespace

TEST_CASE_FIXTURE(Fixture, "parameters take the type of the context that coerces them") {
  CHECK(ParamTypes("SELECT b FROM t WHERE a = $1") == Types{kInt4});
  CHECK(ParamTypes("SELECT b FROM t WHERE $1 < c") == Types{kNumeric});
  CHECK(ParamTypes("SELECT a + $1 FROM t") == Types{kInt4});
  CHECK(ParamTypes("SELECT $1 + 1") == Types{kInt4});
  CHECK(ParamTypes("SELECT $2::int8, $1::text") == Types{kText, kInt8});
  CHECK(ParamTypes("SELECT $1::int, $1") == Types{kInt4});
  CHECK(ParamTypes("SELECT 1 WHERE $1 = $2") == Types{kText, kText});
  CHECK(ParamTypes("SELECT $1 || 'a'") == Types{kText});
  CHECK(ParamTypes("SELECT 1 WHERE $1") == Types{kBool});
  CHECK(ParamTypes("SELECT coalesce($1, 1)") == Types{kInt4});
  CHECK(ParamTypes("SELECT CASE WHEN true THEN $1 ELSE 2 END") == Types{kInt4});
  CHECK(ParamTypes("SELECT 1 WHERE 1 IN ($1, $2)") == Types{kInt4, kInt4});
  CHECK(ParamTypes("SELECT 1 WHERE $1 BETWEEN 1 AND 2") == Types{kInt4});
  CHECK(ParamTypes("SELECT a FROM t LIMIT $1") == Types{kInt8});
  CHECK(ParamTypes("SELECT length($1)") == Types{kText});
  CHECK(ParamTypes("SELECT upper($1)") == Types{kText});
  CHECK(ParamTypes("SELECT length($1::bytea)") == Types{TypeDesc{TypeId::kBytea, -1}});
  CHECK(ParamTypes("SELECT abs($1)") == Types{TypeDesc{TypeId::kFloat8, -1}});
  CHECK(ParamTypes("SELECT round($1)") == Types{TypeDesc{TypeId::kFloat8, -1}});
  CHECK(ParamTypes("SELECT now() - $1") == Types{TypeDesc{TypeId::kTimestampTz, -1}});
  CHECK(ParamTypes("SELECT 1 ORDER BY $1") == Types{kText});
  // PostgreSQL 10+ resolves an unknown select-list item, parameters included, to text.
  CHECK(ParamTypes("SELECT $1") == Types{kText});
  CHECK(ParamTypes("VALUES ($1)") == Types{kText});
  // Subqueries share the statement's parameters.
  CHECK(ParamTypes("SELECT a FROM t WHERE a IN (SELECT a FROM u WHERE d = $1)") ==
        Types{TypeDesc{TypeId::kVarchar, -1}});
  CHECK(ParamTypes("SELECT x FROM (SELECT a + $1 AS x FROM t) s") == Types{kInt4});
}

TEST_CASE_FIXTURE(Fixture, "INSERT and UPDATE targets type their parameters") {
  CHECK(ParamTypes("INSERT INTO t (a, b, c) VALUES ($1, $2, $3)") == Types{kInt4, kText, kNumeric});
  CHECK(ParamTypes("INSERT INTO t VALUES ($1, 'x', 1), ($2, $3, 2)") == Types{kInt4, kInt4, kText});
  CHECK(ParamTypes("INSERT INTO u SELECT $1, $2") == Types{kInt4, TypeDesc{TypeId::kVarchar, -1}});
  CHECK(ParamTypes("UPDATE t SET c = c + $1 WHERE a = $2") == Types{kNumeric, kInt4});
  CHECK(ParamTypes("UPDATE t SET b = $1 WHERE a = $2 RETURNING c * $3") == Types{kText, kInt4, kNumeric});
  CHECK(ParamTypes("DELETE FROM t WHERE b = $1") == Types{kText});
}

TEST_CASE_FIXTURE(Fixture, "given parameter types are honoured and coerced like any typed expression") {
  CHECK(ParamTypes("SELECT b FROM t WHERE a = $1", {kInt8}) == Types{kInt8});
  CHECK(ParamTypes("SELECT 1", {kInt4}) == Types{kInt4});
  CHECK(ParamTypes("SELECT b FROM t WHERE a = $2", {kInt8, kUnknown}) == Types{kInt8, kInt4});
  auto err = ParamError("SELECT b FROM t WHERE a = $1", {kBool});
  CHECK(err.code() == sqlstate::kUndefinedFunction);
  CHECK(std::string(err.message()) == "operator does not exist: integer = boolean");
  CHECK(ParamError("INSERT INTO t (a) VALUES ($1)", {kBool}).code() == sqlstate::kDatatypeMismatch);
}

TEST_CASE_FIXTURE(Fixture, "parameters nothing types are 42P18") {
  auto err = ParamError("SELECT $1 IS NULL");
  CHECK(err.code() == sqlstate::kIndeterminateDatatype);
  CHECK(std::string(err.message()) == "could not determine data type of parameter $1");
  CHECK(std::string(ParamError("SELECT $2::int").message()) == "could not determine data type of parameter $1");
  CHECK(ParamError("SELECT 1", {kUnknown}).code() == sqlstate::kIndeterminateDatatype);
  auto mixed = ParamError("INSERT INTO t (a, b) SELECT $1, $1");
  CHECK(mixed.code() == sqlstate::kAmbiguousParameter);
  CHECK(std::string(mixed.message()) == "inconsistent types deduced for parameter $1");
  CHECK(mixed.detail() == "integer versus text");
  auto minus = ParamError("SELECT - $1");
  CHECK(minus.code() == sqlstate::kAmbiguousFunction);
  CHECK(std::string(minus.message()) == "operator is not unique: - unknown");
  // Without EnableParameters (a simple Query) $n does not exist.
  auto simple = Error("SELECT b FROM t WHERE a = $1");
  CHECK(simple.code() == sqlstate::kUndefinedParameter);
  CHECK(std::string(simple.message()) == "there is no parameter $1");
}

TEST_CASE_FIXTURE(Fixture, "an index condition on a parameter is an index scan") {
  planner::PlanPtr plan;
  CHECK(ParamTypes("SELECT b FROM k WHERE id = $1", {}, &plan) == Types{kInt4});
  auto lines = planner::ExplainText(*plan, {false, false, false});
  REQUIRE(!lines.empty());
  CHECK(lines[0] == "Index Scan using k_pkey on k");
  CHECK(lines.at(1) == "  Index Cond: (id = $1)");
  CHECK(ParamTypes("UPDATE k SET a = a + $1 WHERE id = $2", {}, &plan) == Types{kInt4, kInt4});
  lines = planner::ExplainText(*plan, {false, false, false});
  REQUIRE(lines.size() >= 2);
  CHECK(lines[1] == "  ->  Index Scan using k_pkey on k");
}

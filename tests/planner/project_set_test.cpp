// Set-returning functions in the select list (planner/src/bind_project_set.cpp): the ProjectSet plan
// shape, its EXPLAIN line, and the 0A000 errors PostgreSQL 15's check_srf_call_placement and
// check_agg_arguments_walker give (messages checked on a PostgreSQL 15 server).
#include <doctest/doctest.h>

#include "binder_fixture.h"

namespace lumadb::planner::testing {
namespace {

using Lines = std::vector<std::string>;

TEST_CASE_FIXTURE(Fixture, "select-list set-returning calls become ProjectSet columns") {
  auto plan = Bind("SELECT a, generate_series(1, a) + 1, unnest(ARRAY[b]) FROM t");
  const auto& project = plan->As<ProjectPlan>();
  const auto& ps = project.child->As<ProjectSetPlan>();
  REQUIRE(ps.functions.size() == 2);
  CHECK(ps.functions[0]->function == "generate_series");
  CHECK(ps.functions[1]->function == "unnest");
  CHECK(ps.functions[0]->args.at(1)->kind == BoundKind::kColumn);  // a, over the scan's row
  REQUIRE(ps.output.size() == 5);                                  // t's a, b, c ++ the two calls
  CHECK(ps.output[3].type.id == TypeId::kInt4);
  CHECK(ps.output[4].type.id == TypeId::kText);
  CHECK(project.exprs.at(2)->kind == BoundKind::kColumn);
  CHECK(project.exprs[2]->column == 4);
  CHECK(plan->output.at(1).name == "?column?");
  CHECK(plan->output.at(2).name == "unnest");
  CHECK(Bind("SELECT jsonb_array_elements_text('[1]')")->output.at(0).type.id == TypeId::kText);
}

TEST_CASE_FIXTURE(Fixture, "over an aggregate the ProjectSet reads the Aggregate's rows") {
  auto plan = Bind("SELECT a, generate_series(1, count(*)::int4) + 1 FROM t GROUP BY a");
  const auto& project = plan->As<ProjectPlan>();
  const auto& ps = project.child->As<ProjectSetPlan>();
  CHECK(ps.child->kind == PlanKind::kAggregate);
  REQUIRE(ps.output.size() == 3);  // a, count(*), the call
  CHECK(ps.functions.at(0)->args.at(1)->kind == BoundKind::kCast);
  CHECK(project.exprs.at(1)->args.at(0)->column == 2);
  CHECK(Error("SELECT a, generate_series(1, 2) FROM t GROUP BY b").code().View() == "42803");
}

TEST_CASE_FIXTURE(Fixture, "regexp_matches and regexp_split_to_table are set-returning") {
  CHECK(Bind("SELECT regexp_matches(b, 'x', 'g') FROM t")->output.at(0).type.id == array_type::kText);
  CHECK(Bind("SELECT * FROM regexp_split_to_table('a b', ' ')")->output.at(0).type.id == TypeId::kText);
  CHECK(Bind("SELECT * FROM regexp_split_to_table('a b', ' ')")->output.at(0).name == "regexp_split_to_table");
  auto e = Error("SELECT regexp_matches(1, 'a')");
  CHECK(e.code().View() == "42883");
  CHECK(e.message() == "function regexp_matches(integer, unknown) does not exist");
}

TEST_CASE_FIXTURE(Fixture, "ORDER BY and LIMIT apply above the ProjectSet") {
  auto plan = Bind("SELECT generate_series(1, 3) AS g ORDER BY g DESC LIMIT 2");
  const auto& limit = plan->As<LimitPlan>();
  const auto& sort = limit.child->As<ProjectPlan>().child->As<SortPlan>();
  CHECK(sort.child->kind == PlanKind::kProjectSet);
  CHECK(Explain("SELECT unnest(ARRAY[1, 2]), 5") == Lines{"ProjectSet", "  ->  Result"});
  CHECK(Explain("SELECT a, unnest(ARRAY[a]) FROM t") == Lines{"ProjectSet", "  ->  Seq Scan on t"});
  CHECK(Explain("SELECT generate_series(1, a) FROM k WHERE id = 1") ==
        Lines{"ProjectSet", "  ->  Index Scan using k_pkey on k", "        Index Cond: (id = 1)"});
}

TEST_CASE_FIXTURE(Fixture, "set-returning calls where PostgreSQL forbids them") {
  auto where = Error("SELECT 1 FROM t WHERE unnest(ARRAY[a]) = 1");
  CHECK(where.code().View() == "0A000");
  CHECK(where.message() == "set-returning functions are not allowed in WHERE");
  auto having = Error("SELECT count(*) FROM t GROUP BY a HAVING generate_series(1, 2) = 1");
  CHECK(having.code().View() == "0A000");
  CHECK(having.message() == "set-returning functions are not allowed in HAVING");
  auto agg = Error("SELECT sum(unnest(ARRAY[1]))");
  CHECK(agg.code().View() == "0A000");
  CHECK(agg.message() == "aggregate function calls cannot contain set-returning function calls");
  // A call of several columns is one record column.
  CHECK(Bind("SELECT jsonb_each('{}')")->output.at(0).type.id == TypeId::kRecord);
  // Not yet supported (PostgreSQL runs them): grouping by a call, nested calls.
  CHECK(Error("SELECT generate_series(1, 2), count(*) FROM t GROUP BY 1").code().View() == "0A000");
  CHECK(Error("SELECT unnest(ARRAY[unnest(ARRAY[1])])").code().View() == "0A000");
}

TEST_CASE_FIXTURE(Fixture, "a subquery's set-returning calls stay in the subquery") {
  auto plan = Bind("SELECT a FROM t WHERE a IN (SELECT generate_series(1, 3))");
  CHECK(plan->output.size() == 1);
  CHECK(Error("SELECT (SELECT 1 WHERE unnest(ARRAY[1]) = 1)").message() ==
        "set-returning functions are not allowed in WHERE");
}

}  // namespace
}  // namespace lumadb::planner::testing

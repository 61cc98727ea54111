// JOIN USING / NATURAL and join names (planner/src/bind_join_using.cpp, join_scope.cpp): the merged
// columns lead `*`, a FULL join's is COALESCE, USING (...) AS name qualifies only the merged columns,
// (a JOIN b) AS name hides the relations inside, with PostgreSQL 15's errors.
#include <functional>

#include <doctest/doctest.h>

#include "binder_fixture.h"

namespace lumadb::planner::testing {
namespace {

std::vector<std::string> Names(const PlanPtr& plan) {
  std::vector<std::string> names;
  for (const auto& c : plan->output) names.push_back(c.name);
  return names;
}

bool Contains(const PlanPtr& plan, BoundKind kind) {
  std::function<bool(const BoundExpr&)> in = [&](const BoundExpr& e) {
    if (e.kind == kind) return true;
    for (const auto& a : e.args) {
      if (in(*a)) return true;
    }
    return false;
  };
  if (plan->kind == PlanKind::kProject) {
    for (const auto& e : plan->As<ProjectPlan>().exprs) {
      if (in(*e)) return true;
    }
    return Contains(plan->As<ProjectPlan>().child, kind);
  }
  if (plan->kind == PlanKind::kJoin) {
    return Contains(plan->As<JoinPlan>().left, kind) || Contains(plan->As<JoinPlan>().right, kind);
  }
  return false;
}

using V = std::vector<std::string>;

TEST_CASE_FIXTURE(Fixture, "the merged columns come first in *, for every join type") {
  CHECK(Names(Bind("SELECT * FROM t JOIN u USING (a)")) == V{"a", "b", "c", "d"});
  CHECK(Names(Bind("SELECT * FROM u RIGHT JOIN t USING (a)")) == V{"a", "d", "b", "c"});
  CHECK(Names(Bind("SELECT * FROM u NATURAL LEFT JOIN t")) == V{"a", "d", "b", "c"});
  // text = varchar: the merged column is the left one (PostgreSQL casts it to the common type, text).
  CHECK(Names(Bind("SELECT * FROM t JOIN u u1 (x, b) USING (b)")) == V{"b", "a", "c", "x"});
  // A table's own * keeps its order; the hidden side stays reachable qualified.
  CHECK(Names(Bind("SELECT t.*, u1.b FROM t JOIN u u1 (x, b) USING (b)")) == V{"a", "b", "c", "b"});
  // Nested: the outer join's merged column leads, then the inner join's * order.
  CHECK(Names(Bind("SELECT * FROM t JOIN u USING (a) JOIN k USING (b)")) == V{"b", "a", "c", "d", "id", "a", "n", "g"});
}

TEST_CASE_FIXTURE(Fixture, "a FULL join's merged column is COALESCE; inner and outer ones are the side's column") {
  CHECK(Contains(Bind("SELECT a FROM t FULL JOIN u USING (a)"), BoundKind::kCoalesce));
  CHECK_FALSE(Contains(Bind("SELECT a FROM t LEFT JOIN u USING (a)"), BoundKind::kCoalesce));
  CHECK_FALSE(Contains(Bind("SELECT a FROM t RIGHT JOIN u USING (a)"), BoundKind::kCoalesce));
  CHECK(Names(Bind("SELECT * FROM t FULL JOIN u USING (a) FULL JOIN u u2 USING (a)")) == V{"a", "b", "c", "d", "d"});
  // flatten_join_alias_vars: the LEFT join's merged column is t.a, so grouping by t.a covers it.
  CHECK(Names(Bind("SELECT a FROM t LEFT JOIN u USING (a) GROUP BY t.a")) == V{"a"});
}

TEST_CASE_FIXTURE(Fixture, "USING (...) AS name qualifies the merged columns only") {
  CHECK(Names(Bind("SELECT x.* FROM t JOIN u USING (a) AS x WHERE t.b = 'one'")) == V{"a"});
  CHECK(Names(Bind("SELECT x.a FROM t JOIN u USING (a) AS x")) == V{"a"});
  DbError e = Error("SELECT * FROM t JOIN u USING (a) AS x WHERE x.b = 'one'");
  CHECK(std::string(e.code().View()) == "42703");
  CHECK(e.message() == "column x.b does not exist");
  e = Error("SELECT * FROM t a1 JOIN u a2 USING (a) AS a1");
  CHECK(std::string(e.code().View()) == "42712");
  CHECK(e.message() == "table name \"a1\" specified more than once");
  e = Error("SELECT * FROM (t JOIN u USING (a) AS x) AS xx WHERE x.a = 1");
  CHECK(e.message() == "missing FROM-clause entry for table \"x\"");
}

TEST_CASE_FIXTURE(Fixture, "a join alias names the join's columns and hides the relations inside") {
  CHECK(Names(Bind("SELECT xx.* FROM (t JOIN u USING (a)) AS xx")) == V{"a", "b", "c", "d"});
  CHECK(Names(Bind("SELECT j.* FROM (t CROSS JOIN u) AS j (p, q)")) == V{"p", "q", "c", "a", "d"});
  CHECK(Names(Bind("SELECT q, j.d FROM (t CROSS JOIN u) j (p, q)")) == V{"q", "d"});
  DbError e = Error("SELECT * FROM (t JOIN u USING (a)) AS x WHERE t.b = 'one'");
  CHECK(std::string(e.code().View()) == "42P01");
  CHECK(e.message() == "invalid reference to FROM-clause entry for table \"t\"");
  CHECK(e.hint() == "There is an entry for table \"t\", but it cannot be referenced from this part of the query.");
  e = Error("SELECT * FROM (t CROSS JOIN u) ss (p, q, r, s, v, w)");
  CHECK(std::string(e.code().View()) == "42P10");
  CHECK(e.message() == "join expression \"ss\" has 5 columns available but 6 columns specified");
  // The alias hides the inner names, so the same alias may appear inside and outside (bug #8444).
  CHECK(Names(Bind("SELECT * FROM t x JOIN (u x CROSS JOIN u y (p, q)) j ON x.a = p")).size() == 7);
}

}  // namespace
}  // namespace lumadb::planner::testing

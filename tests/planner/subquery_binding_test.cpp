// Binding of outer references (planner/src/bind_subquery.cpp): the level a name resolves to (nearest
// first, ambiguity only within one level), the slots a subquery passes to its subplan, slots re-exported
// through intermediate levels, PostgreSQL's agglevelsup rule, LATERAL, and the errors PostgreSQL 15 gives.
#include <doctest/doctest.h>

#include "binder_fixture.h"

namespace lumadb::planner::testing {
namespace {

std::string Code(const DbError& e) {
  return std::string(e.code().View());
}

// The select-list expression i of a plan whose root is a Project.
const BoundExpr& Target(const PlanPtr& plan, size_t i) {
  REQUIRE(plan->kind == PlanKind::kProject);
  return *plan->As<ProjectPlan>().exprs.at(i);
}

// The first kExecParam in e, or null.
const BoundExpr* FindExecParam(const BoundExpr& e) {
  if (e.kind == BoundKind::kExecParam) return &e;
  for (const auto& a : e.args) {
    if (const auto* p = FindExecParam(*a)) return p;
  }
  return nullptr;
}

TEST_CASE_FIXTURE(Fixture, "an outer column becomes a slot the subquery sets") {
  auto plan = Bind("SELECT (SELECT u.d FROM u WHERE u.a = t.a) FROM t");
  const BoundExpr& sub = Target(plan, 0);
  REQUIRE(sub.kind == BoundKind::kSubquery);
  REQUIRE(sub.param_ids.size() == 1);
  REQUIRE(sub.args.size() == 1);
  CHECK(sub.args[0]->kind == BoundKind::kColumn);
  CHECK(sub.args[0]->column == 0);
  // Inside: Project over the scan of u, whose qual compares u.a with the slot.
  const auto& scan = sub.subplan->As<ProjectPlan>().child->As<SeqScanPlan>();
  const BoundExpr* param = FindExecParam(*scan.qual);
  REQUIRE(param != nullptr);
  CHECK(param->op == sub.param_ids[0]);
  CHECK(param->name == "t.a");
  // The same outer column twice is one slot.
  CHECK(Target(Bind("SELECT (SELECT t.a + t.a FROM u WHERE u.a = t.a) FROM t"), 0).param_ids.size() == 1);
  // Uncorrelated: no slots, so exec computes it once.
  CHECK(Target(Bind("SELECT (SELECT max(a) FROM u) FROM t"), 0).param_ids.empty());
}

TEST_CASE_FIXTURE(Fixture, "the nearest level wins; ambiguity only within one level") {
  CHECK(Target(Bind("SELECT (SELECT a FROM u LIMIT 1) FROM t"), 0).param_ids.empty());  // u.a
  auto outer_b = Bind("SELECT (SELECT b FROM u LIMIT 1) FROM t");                       // t.b
  CHECK(Target(outer_b, 0).param_ids.size() == 1);
  CHECK(Target(outer_b, 0).args[0]->column == 1);
  // An alias hides the table name at its level, so t.c is the outer t.
  CHECK(Target(Bind("SELECT (SELECT count(*) FROM t AS x WHERE x.a < t.a) FROM t"), 0).param_ids.size() == 1);
  DbError ambiguous = Error("SELECT (SELECT a FROM u, k LIMIT 1) FROM t");
  CHECK(Code(ambiguous) == "42702");
  CHECK(ambiguous.message() == "column reference \"a\" is ambiguous");
}

TEST_CASE_FIXTURE(Fixture, "references two levels up pass through the middle subquery") {
  auto plan = Bind("SELECT (SELECT (SELECT t.b) FROM u LIMIT 1) FROM t");
  const BoundExpr& middle = Target(plan, 0);
  REQUIRE(middle.param_ids.size() == 1);
  CHECK(middle.args[0]->kind == BoundKind::kColumn);
  const auto& limit = middle.subplan->As<LimitPlan>();
  const BoundExpr& inner = *limit.child->As<ProjectPlan>().exprs.at(0);
  REQUIRE(inner.kind == BoundKind::kSubquery);
  REQUIRE(inner.param_ids.size() == 1);
  // The inner subquery's slot is set from the middle one's.
  CHECK(inner.args[0]->kind == BoundKind::kExecParam);
  CHECK(inner.args[0]->op == middle.param_ids[0]);
}

TEST_CASE_FIXTURE(Fixture, "an aggregate over outer columns only belongs to the outer query") {
  auto plan = Bind("SELECT (SELECT max(t.a)) FROM t");
  const auto& project = plan->As<ProjectPlan>();
  REQUIRE(project.child->kind == PlanKind::kAggregate);
  CHECK(project.child->As<AggregatePlan>().aggregates.size() == 1);
  const BoundExpr& sub = *project.exprs[0];
  REQUIRE(sub.param_ids.size() == 1);
  CHECK(sub.args[0]->kind == BoundKind::kColumn);  // the Aggregate's result
  // With a column of its own level in the arguments it is the subquery's aggregate.
  auto inner = Bind("SELECT (SELECT max(u.a + t.a) FROM u) FROM t");
  CHECK(inner->As<ProjectPlan>().child->kind == PlanKind::kSeqScan);
  DbError where = Error("SELECT * FROM t WHERE (SELECT max(t.a)) > 0");
  CHECK(Code(where) == "42803");
  CHECK(where.message() == "aggregate functions are not allowed in WHERE");
  DbError ungrouped = Error("SELECT (SELECT t.b) FROM t GROUP BY t.a");
  CHECK(Code(ungrouped) == "42803");
  CHECK(ungrouped.message() == "subquery uses ungrouped column \"t.b\" from outer query");
  CHECK(ungrouped.position() == 16);
}

TEST_CASE_FIXTURE(Fixture, "missing names at every level") {
  DbError rel = Error("SELECT (SELECT q.a FROM u) FROM t");
  CHECK(Code(rel) == "42P01");
  CHECK(rel.message() == "missing FROM-clause entry for table \"q\"");
  CHECK(rel.position() == 16);
  DbError col = Error("SELECT (SELECT t.zz FROM u) FROM t");
  CHECK(Code(col) == "42703");
  CHECK(col.message() == "column t.zz does not exist");
  CHECK(Code(Error("SELECT (SELECT zz FROM u) FROM t")) == "42703");
}

TEST_CASE_FIXTURE(Fixture, "LATERAL items and functions in FROM read earlier items") {
  auto plan = Bind("SELECT * FROM t, LATERAL (SELECT u.d FROM u WHERE u.a = t.a) s");
  const auto& join = plan->As<ProjectPlan>().child->As<JoinPlan>();
  REQUIRE(join.lateral_params.size() == 1);
  CHECK(join.lateral_params[0].value->column == 0);
  auto series = Bind("SELECT * FROM t, generate_series(1, t.a) g");
  CHECK(series->As<ProjectPlan>().child->As<JoinPlan>().lateral_params.size() == 1);
  // A plain comma join may be reordered, under a projection restoring the column order.
  auto comma = Bind("SELECT * FROM t, u");  // kept: the nodes below are read through raw pointers
  const PlanNode* plain = comma->As<ProjectPlan>().child.get();
  while (plain->kind == PlanKind::kProject) plain = plain->As<ProjectPlan>().child.get();
  CHECK(plain->As<JoinPlan>().lateral_params.empty());
  DbError hidden = Error("SELECT * FROM t, (SELECT u.d FROM u WHERE u.a = t.a) s");
  CHECK(Code(hidden) == "42P01");
  CHECK(hidden.message() == "invalid reference to FROM-clause entry for table \"t\"");
  CHECK(hidden.hint() == "There is an entry for table \"t\", but it cannot be referenced from this part of the query.");
}

TEST_CASE_FIXTURE(Fixture, "EXPLAIN shows SubPlans and InitPlans as PostgreSQL 15") {
  using Lines = std::vector<std::string>;
  CHECK(Explain("SELECT a, (SELECT count(*) FROM u WHERE u.a = t.a) FROM t") ==
        Lines{"Seq Scan on t", "  SubPlan 1", "    ->  Aggregate", "          ->  Seq Scan on u",
              "                Filter: (a = t.a)"});
  CHECK(Explain("SELECT a FROM t WHERE a NOT IN (SELECT a FROM u)") ==
        Lines{"Seq Scan on t", "  Filter: (NOT (hashed SubPlan 1))", "  SubPlan 1", "    ->  Seq Scan on u"});
  CHECK(Explain("SELECT a, (SELECT max(a) FROM u) FROM t") ==
        Lines{"Seq Scan on t", "  InitPlan 1 (returns $0)", "    ->  Aggregate", "          ->  Seq Scan on u"});
  // Inner subqueries are numbered first; outer columns take parameters before the InitPlan's.
  CHECK(Explain("SELECT a, (SELECT (SELECT t.a + u.a) FROM u LIMIT 1) FROM t WHERE t.a > (SELECT 1)") ==
        Lines{"Seq Scan on t", "  Filter: (a > $2)", "  InitPlan 3 (returns $2)", "    ->  Result", "  SubPlan 2",
              "    ->  Limit", "          ->  Seq Scan on u", "                SubPlan 1",
              "                  ->  Result"});
}

TEST_CASE_FIXTURE(Fixture, "WHERE EXISTS, NOT EXISTS and IN become hash semi and anti joins") {
  using Lines = std::vector<std::string>;
  CHECK(Explain("SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a)") ==
        Lines{"Hash Semi Join", "  Hash Cond: (t.a = u.a)", "  ->  Seq Scan on t", "  ->  Hash",
              "        ->  Seq Scan on u"});
  CHECK(Explain("SELECT a FROM t WHERE b > 'x' AND NOT EXISTS (SELECT 1 FROM u WHERE t.a = u.a AND u.d > 'q')") ==
        Lines{"Hash Anti Join", "  Hash Cond: (t.a = u.a)", "  ->  Seq Scan on t", "        Filter: (b > 'x'::text)",
              "  ->  Hash", "        ->  Seq Scan on u", "              Filter: (d > 'q'::character varying)"});
  CHECK(Explain("SELECT a FROM t WHERE a IN (SELECT a FROM u)") == Lines{"Hash Semi Join", "  Hash Cond: (t.a = u.a)",
                                                                         "  ->  Seq Scan on t", "  ->  Hash",
                                                                         "        ->  Seq Scan on u"});
  // Correlated by an inequality, or under OR: stays a SubPlan.
  CHECK(Explain("SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a < t.a)") ==
        Lines{"Seq Scan on t", "  Filter: (SubPlan 1)", "  SubPlan 1", "    ->  Seq Scan on u",
              "          Filter: (a < t.a)"});
  CHECK(Explain("SELECT a FROM t WHERE a = 1 OR EXISTS (SELECT 1 FROM u WHERE u.a = t.a)")[0] == "Seq Scan on t");
}

TEST_CASE_FIXTURE(Fixture, "an earlier FROM item only LATERAL could see is skipped for an enclosing level") {
  // colNameToVar: y's b is the outer t.b, not x's b.
  auto plan = Bind("SELECT (SELECT r FROM (SELECT t.a AS b) x, (SELECT b AS r) y) FROM t");
  CHECK(Target(plan, 0).param_ids.size() == 2);
  DbError e = Error("SELECT (SELECT r FROM (SELECT 1 AS zz) x, (SELECT zz AS r) y) FROM t");
  CHECK(Code(e) == "42703");
  CHECK(e.hint() ==
        "There is a column named \"zz\" in table \"x\", but it cannot be referenced from this part of "
        "the query.");
}

TEST_CASE_FIXTURE(Fixture, "a row compared with a subquery passes its values in and compares in the subquery") {
  // (t.a, t.b) IN (SELECT ...): true = ANY over the subquery's per-row comparison, t.a and t.b as slots.
  const PlanPtr in_plan = Bind("SELECT (a, b) IN (SELECT a, d FROM u) FROM t");
  const BoundExpr& in = Target(in_plan, 0);
  REQUIRE(in.kind == BoundKind::kSubquery);
  CHECK(static_cast<SubqueryKind>(in.op) == SubqueryKind::kAny);
  CHECK(in.param_ids.size() == 2);
  REQUIRE(in.args.size() == 3);
  CHECK(in.args[0]->kind == BoundKind::kConst);
  CHECK(in.args[1]->kind == BoundKind::kColumn);
  const auto& project = in.subplan->As<ProjectPlan>();
  REQUIRE(project.exprs.size() == 1);
  CHECK(project.exprs[0]->kind == BoundKind::kAnd);
  CHECK(project.output.at(0).type.id == TypeId::kBool);
  // NOT IN negates ANY; <> ALL is ALL; a constant stays in the comparison, needing no slot.
  CHECK(Target(Bind("SELECT (a, b) NOT IN (SELECT a, d FROM u) FROM t"), 0).negated);
  const PlanPtr all_plan = Bind("SELECT (1, b) <> ALL (SELECT a, d FROM u) FROM t");
  const BoundExpr& all = Target(all_plan, 0);
  CHECK(static_cast<SubqueryKind>(all.op) == SubqueryKind::kAll);
  CHECK(all.param_ids.size() == 1);
  CHECK(all.subplan->As<ProjectPlan>().exprs[0]->kind == BoundKind::kOr);
  // A row compared with a scalar subquery: a boolean scalar subquery.
  const PlanPtr scalar_plan = Bind("SELECT (a, b) < (SELECT a, d FROM u) FROM t");
  const BoundExpr& scalar = Target(scalar_plan, 0);
  CHECK(static_cast<SubqueryKind>(scalar.op) == SubqueryKind::kScalar);
  CHECK(scalar.type.id == TypeId::kBool);
  CHECK(scalar.param_ids.size() == 2);
}

TEST_CASE_FIXTURE(Fixture, "a row and a subquery of another width are 42601") {
  DbError many = Error("SELECT (a, b) IN (SELECT a, d, 1 FROM u) FROM t");
  CHECK(Code(many) == "42601");
  CHECK(many.message() == "subquery has too many columns");
  CHECK(Error("SELECT (a, b, c) = ANY (SELECT a, d FROM u) FROM t").message() == "subquery has too few columns");
  CHECK(Error("SELECT (a, b) = (SELECT a FROM u) FROM t").message() == "subquery has too few columns");
  DbError literal = Error("SELECT (1, 'x') IN (SELECT a, a FROM u) FROM t");
  CHECK(Code(literal) == "22P02");
}

}  // namespace
}  // namespace lumadb::planner::testing

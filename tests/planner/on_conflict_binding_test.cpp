// ON CONFLICT arbiter inference and the DO UPDATE scope (planner/src/bind_on_conflict.cpp), UPDATE ... FROM
// and DELETE ... USING plans (bind_modify_join.cpp), with PostgreSQL 15's errors and EXPLAIN lines.
#include <doctest/doctest.h>

#include "binder_fixture.h"

namespace lumadb::planner::testing {
namespace {

std::string Code(const DbError& e) {
  return std::string(e.code().View());
}

TEST_CASE_FIXTURE(Fixture, "ON CONFLICT infers the unique indexes matching the target columns") {
  auto plan = BindAny("insert into k (a, b) values (1, 'x') on conflict (id) do nothing");
  const auto& insert = plan->As<InsertPlan>();
  REQUIRE(insert.on_conflict);
  CHECK(insert.on_conflict->arbiters == std::vector<Oid>{16389});
  CHECK(BindAny("insert into k (a) values (1) on conflict do nothing")->As<InsertPlan>().on_conflict->arbiters.empty());
  CHECK(BindAny("insert into k (a) values (1) on conflict on constraint k_pkey do nothing")
            ->As<InsertPlan>()
            .on_conflict->arbiters == std::vector<Oid>{16389});
  // k_a_b is not unique; an expression never matches (no expression indexes).
  CHECK(Code(AnyError("insert into k (a) values (1) on conflict (a, b) do nothing")) == "42P10");
  CHECK(Code(AnyError("insert into k (a) values (1) on conflict ((id + 1)) do nothing")) == "42P10");
  CHECK(AnyError("insert into k (a) values (1) on conflict (idd) do nothing").message() ==
        "column \"idd\" does not exist");
  CHECK(Code(AnyError("insert into k (a) values (1) on conflict on constraint k_a_check do nothing")) == "42809");
  CHECK(Code(AnyError("insert into k (a) values (1) on conflict on constraint nope do nothing")) == "42704");
  CHECK(Code(AnyError("insert into k (a) values (1) on conflict do update set a = 1")) == "42601");
}

TEST_CASE_FIXTURE(Fixture, "DO UPDATE reads the existing row, then EXCLUDED") {
  auto plan = BindAny(
      "insert into k as x (a) values (1) on conflict (id) do update set a = excluded.a + x.a "
      "where x.b is not null");
  const auto& c = *plan->As<InsertPlan>().on_conflict;
  CHECK(c.do_update);
  REQUIRE(c.set.size() == 5);
  REQUIRE(c.set[1]);
  CHECK_FALSE(c.set[0]);
  // x.a is column 1, excluded.a column 5 + 1.
  const auto& sum = *c.set[1];
  REQUIRE(sum.args.size() == 2);
  CHECK(sum.args[0]->column == 6);
  CHECK(sum.args[1]->column == 1);
  CHECK(c.where);
  CHECK(Code(AnyError("insert into k as excluded (a) values (1) on conflict (id) do update set a = excluded.a")) ==
        "42P09");
  // The fake catalog resolves only t and u by OID, which the alias hint needs.
  auto alias = AnyError("update t x set b = t.b");
  CHECK(alias.message() == "invalid reference to FROM-clause entry for table \"t\"");
  CHECK(alias.hint() == "Perhaps you meant to reference the table alias \"x\".");
  CHECK(AnyError("insert into k (a) values (1) on conflict (id) do nothing returning excluded.a").message() ==
        "invalid reference to FROM-clause entry for table \"excluded\"");
  CHECK(Explain("insert into k as x (a) values (1) on conflict (id) do update set a = 2 where x.a > 0") ==
        std::vector<std::string>{"Insert on k x", "  Conflict Resolution: UPDATE", "  Conflict Arbiter Indexes: k_pkey",
                                 "  Conflict Filter: (x.a > 0)", "  ->  Result"});
}

TEST_CASE_FIXTURE(Fixture, "UPDATE ... FROM and DELETE ... USING join the target's locking scan") {
  auto plan = BindAny("update t set b = u.d from u where t.a = u.a returning t.a, u.d");
  const auto& update = plan->As<UpdatePlan>();
  REQUIRE(update.child->kind == PlanKind::kJoin);
  const auto& join = update.child->As<JoinPlan>();
  CHECK(join.left_keys.size() == 1);
  // t's columns, its rid, then u's: u.d is column 5.
  CHECK(update.values[1]->args.empty() ? update.values[1]->column == 5 : update.values[1]->args[0]->column == 5);
  CHECK(update.returning[1]->column == 5);
  CHECK(Code(AnyError("update t set b = 'x' from t")) == "42712");
  CHECK(Code(AnyError("update t x set b = 'x' from u where t.a = u.a")) == "42P01");
  auto del = BindAny("delete from t using u where t.a = u.a returning *");
  CHECK(del->output.size() == 5);
  CHECK(Explain("delete from t using u where t.a = u.a") ==
        std::vector<std::string>{"Delete on t", "  ->  Hash Join", "        Hash Cond: (t.a = u.a)",
                                 "        ->  Seq Scan on t", "        ->  Hash", "              ->  Seq Scan on u"});
}

}  // namespace
}  // namespace lumadb::planner::testing

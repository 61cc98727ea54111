// RETURNING, OVERRIDING, TRUNCATE options, functions in FROM, VACUUM/ANALYZE and EXPLAIN (issue 4).

#include <doctest/doctest.h>

#include "test_util.h"

namespace lumadb::parser::testing {

TEST_CASE("INSERT/UPDATE/DELETE ... RETURNING") {
  auto i = ParseOne<ast::InsertStmt>("insert into t (a) values (1) returning *, a + 1 as b, a c");
  REQUIRE(i->returning.size() == 3);
  CHECK(i->returning[0].expr->kind == ast::ExprKind::kStar);
  CHECK(Render(*i->returning[1].expr) == "(+ a 1)");
  CHECK(i->returning[1].alias == "b");
  CHECK(i->returning[2].alias == "c");
  CHECK(i->returning[0].location == 39);
  CHECK(ParseOne<ast::InsertStmt>("insert into t values (1)")->returning.empty());
  CHECK(ParseOne<ast::InsertStmt>("insert into t default values returning id")->returning.size() == 1);

  auto u = ParseOne<ast::UpdateStmt>("update t set a = 1 where b = 2 returning t.*, a");
  REQUIRE(u->returning.size() == 2);
  CHECK(Render(*u->returning[0].expr) == "t.*");
  auto d = ParseOne<ast::DeleteStmt>("delete from t returning id");
  CHECK(d->alias.empty());
  REQUIRE(d->returning.size() == 1);
  CHECK(Render(*d->returning[0].expr) == "id");
  CHECK(ParseOne<ast::DeleteStmt>("delete from t x where x.a = 1 returning x.a")->alias == "x");
  CHECK(ErrorOf("delete from t returning").message == "syntax error at end of input");
}

TEST_CASE("INSERT ... OVERRIDING") {
  auto s = ParseOne<ast::InsertStmt>("INSERT INTO t (id) OVERRIDING SYSTEM VALUE VALUES (1)");
  CHECK(s->overriding == ast::OverridingKind::kSystem);
  CHECK(s->columns == std::vector<std::string>{"id"});
  CHECK(s->source->values.size() == 1);
  CHECK(ParseOne<ast::InsertStmt>("insert into t overriding user value select 1")->overriding ==
        ast::OverridingKind::kUser);
  CHECK(ParseOne<ast::InsertStmt>("insert into t values (1)")->overriding == ast::OverridingKind::kNone);
  CHECK(ErrorOf("insert into t overriding system values (1)").message == "syntax error at or near \"values\"");
}

TEST_CASE("TRUNCATE options") {
  auto t = ParseOne<ast::TruncateStmt>("TRUNCATE TABLE ONLY a, s.b RESTART IDENTITY CASCADE");
  REQUIRE(t->tables.size() == 2);
  CHECK(t->tables[1].schema == "s");
  CHECK(t->restart_identity);
  CHECK(t->cascade);
  auto c = ParseOne<ast::TruncateStmt>("truncate a continue identity restrict");
  CHECK_FALSE(c->restart_identity);
  CHECK_FALSE(c->cascade);
}

TEST_CASE("set-returning functions in FROM") {
  auto s = ParseOne<ast::SelectStmt>("select aid from generate_series(1, 100000) as aid");
  REQUIRE(s->from.size() == 1);
  const ast::TableRef& f = *s->from[0];
  CHECK(f.kind == ast::TableRefKind::kFunction);
  REQUIRE(f.function != nullptr);
  CHECK(Render(*f.function) == "generate_series(1, 100000)");
  CHECK(f.alias == "aid");
  CHECK(f.location == 16);
  auto cols = ParseOne<ast::SelectStmt>("select * from generate_series(1, 10, 2) g(x)");
  CHECK(cols->from[0]->alias == "g");
  CHECK(cols->from[0]->column_aliases == std::vector<std::string>{"x"});
  auto bare = ParseOne<ast::SelectStmt>("select * from pg_catalog.generate_series(1, 3)");
  CHECK(bare->from[0]->alias.empty());
  CHECK(bare->from[0]->function->name == std::vector<std::string>{"pg_catalog", "generate_series"});
  auto join = ParseOne<ast::SelectStmt>("select * from t join generate_series(1, 3) g on g = t.a");
  REQUIRE(join->from[0]->kind == ast::TableRefKind::kJoin);
  CHECK(join->from[0]->right->kind == ast::TableRefKind::kFunction);
  CHECK(join->from[0]->left->kind == ast::TableRefKind::kBase);
  auto pgbench = ParseOne<ast::InsertStmt>(
      "insert into pgbench_accounts(aid,bid,abalance,filler) select aid, (aid - 1) / 100000 + 1, 0, '' from "
      "generate_series(1, 100000) as aid");
  CHECK(pgbench->source->from.at(0)->kind == ast::TableRefKind::kFunction);
  CHECK(ParseOne<ast::SelectStmt>("select * from generate_series(1, 3) with ordinality")->from.at(0) != nullptr);
}

TEST_CASE("VACUUM and ANALYZE") {
  auto v = ParseOne<ast::VacuumStmt>("vacuum analyze pgbench_accounts");
  CHECK(v->is_vacuum);
  CHECK(v->analyze);
  CHECK_FALSE(v->full);
  REQUIRE(v->tables.size() == 1);
  CHECK(v->tables[0].name == "pgbench_accounts");
  auto all = ParseOne<ast::VacuumStmt>("VACUUM FULL FREEZE VERBOSE");
  CHECK(all->full);
  CHECK(all->verbose);
  CHECK_FALSE(all->analyze);
  CHECK(all->tables.empty());
  auto opts = ParseOne<ast::VacuumStmt>("vacuum (full false, verbose, analyze on, parallel 2) a, s.b (x, y)");
  CHECK_FALSE(opts->full);
  CHECK(opts->verbose);
  CHECK(opts->analyze);
  CHECK(opts->tables.size() == 2);
  auto an = ParseOne<ast::VacuumStmt>("ANALYSE VERBOSE t (a)");
  CHECK_FALSE(an->is_vacuum);
  CHECK(an->analyze);
  CHECK(an->verbose);
  CHECK(ParseOne<ast::VacuumStmt>("analyze")->tables.empty());
  CHECK(ParseOne<ast::VacuumStmt>("analyze (skip_locked) t")->tables.size() == 1);

  auto unknown = ErrorOf("vacuum (foo) ");
  CHECK(unknown.code == "42601");
  CHECK(unknown.message == "unrecognized VACUUM option \"foo\"");
  CHECK(unknown.position == 9);
  auto an_opt = ErrorOf("analyze (full)");
  CHECK(an_opt.message == "unrecognized ANALYZE option \"full\"");
  CHECK(an_opt.position == 10);
  CHECK(ErrorOf("vacuum (full maybe)").message == "full requires a Boolean value");
  auto cols = ErrorOf("vacuum t (a)");
  CHECK(cols.code == "0A000");
  CHECK(cols.message == "ANALYZE option must be specified when a column list is provided");
}

TEST_CASE("EXPLAIN") {
  using Options = std::vector<std::pair<std::string, std::string>>;
  auto e =
      ParseOne<ast::ExplainStmt>("EXPLAIN (COSTS OFF, format json, analyse, buffers 1) SELECT * FROM t WHERE a = 1");
  CHECK(e->options == Options{{"costs", "false"}, {"format", "json"}, {"analyze", "true"}, {"buffers", "true"}});
  REQUIRE(e->query != nullptr);
  CHECK(e->query->kind == ast::StmtKind::kSelect);
  CHECK(e->query->location == 53);
  auto plain = ParseOne<ast::ExplainStmt>("explain select 1");
  CHECK(plain->options.empty());
  auto av = ParseOne<ast::ExplainStmt>("explain analyze verbose delete from t where a = 1");
  CHECK(av->options == Options{{"analyze", "true"}, {"verbose", "true"}});
  CHECK(av->query->kind == ast::StmtKind::kDelete);
  CHECK(ParseOne<ast::ExplainStmt>("explain verbose insert into t values (1)")->query->kind == ast::StmtKind::kInsert);
  CHECK(ParseOne<ast::ExplainStmt>("explain update t set a = 1")->query->kind == ast::StmtKind::kUpdate);
  CHECK(ParseOne<ast::ExplainStmt>("explain (select 1)")->query->kind == ast::StmtKind::kSelect);
  CHECK(ParseOne<ast::ExplainStmt>("explain values (1)")->query->kind == ast::StmtKind::kSelect);

  auto foo = ErrorOf("explain (foo) select 1");
  CHECK(foo.code == "42601");
  CHECK(foo.message == "unrecognized EXPLAIN option \"foo\"");
  CHECK(foo.position == 10);
  CHECK(ErrorOf("explain (costs maybe) select 1").message == "costs requires a Boolean value");
  auto fmt = ErrorOf("explain (format xml2) select 1");
  CHECK(fmt.code == "22023");
  CHECK(fmt.message == "unrecognized value for EXPLAIN option \"format\": \"xml2\"");
  CHECK(fmt.position == 10);
  CHECK(ErrorOf("explain (timing) select 1").message == "EXPLAIN option TIMING requires ANALYZE");
  CHECK(ErrorOf("explain checkpoint").message == "syntax error at or near \"checkpoint\"");
}

}  // namespace lumadb::parser::testing

// SELECT, VALUES, set operations, FROM items and multi-statement strings.

#include <doctest/doctest.h>

#include "test_util.h"

namespace lumadb::parser::testing {

using ast::SelectStmt;

TEST_CASE("simple SELECT with every clause") {
  auto s = ParseOne<SelectStmt>(
      "select distinct a, b AS \"B\", c d, * from t where a > 1 group by a, b having count(*) > 2 "
      "order by a desc nulls first, b, c asc nulls last limit 10 offset 5 rows");
  CHECK(s->distinct);
  REQUIRE(s->targets.size() == 4);
  CHECK(s->targets[1].alias == "B");
  CHECK(s->targets[2].alias == "d");
  CHECK(s->targets[3].expr->kind == ast::ExprKind::kStar);
  REQUIRE(s->from.size() == 1);
  CHECK(s->from[0]->table.name == "t");
  CHECK(Render(*s->where) == "(> a 1)");
  CHECK(s->group_by.size() == 2);
  CHECK(Render(*s->having) == "(> count(*) 2)");
  REQUIRE(s->order_by.size() == 3);
  CHECK(s->order_by[0].descending);
  CHECK(s->order_by[0].nulls_first == true);
  CHECK_FALSE(s->order_by[1].nulls_first.has_value());
  CHECK(s->order_by[2].nulls_first == false);
  CHECK(Render(*s->limit) == "10");
  CHECK(Render(*s->offset) == "5");
}

TEST_CASE("SELECT without FROM, LIMIT ALL, FETCH FIRST") {
  auto s = ParseOne<SelectStmt>("SELECT 1 LIMIT ALL");
  CHECK(s->from.empty());
  CHECK(s->limit == nullptr);
  auto f = ParseOne<SelectStmt>("SELECT a FROM t OFFSET 2 FETCH FIRST 3 ROWS ONLY");
  CHECK(Render(*f->limit) == "3");
  CHECK(Render(*f->offset) == "2");
  auto one = ParseOne<SelectStmt>("SELECT a FROM t FETCH NEXT ROW ONLY");
  CHECK(Render(*one->limit) == "1");
  CHECK(ParseOne<SelectStmt>("SELECT")->targets.empty());
}

TEST_CASE("VALUES and set operations") {
  auto v = ParseOne<SelectStmt>("VALUES (1, 'a'), (2, 'b')");
  REQUIRE(v->values.size() == 2);
  CHECK(Render(*v->values[1][1]) == "'b'");
  auto u = ParseOne<SelectStmt>("SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3 ORDER BY 1 LIMIT 1");
  CHECK(u->set_op == ast::SetOpType::kExcept);
  CHECK_FALSE(u->set_all);
  CHECK(u->larg->set_op == ast::SetOpType::kUnion);
  CHECK(u->larg->set_all);
  CHECK(u->order_by.size() == 1);
  CHECK(u->limit != nullptr);
  // INTERSECT binds tighter than UNION.
  auto i = ParseOne<SelectStmt>("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3");
  CHECK(i->set_op == ast::SetOpType::kUnion);
  CHECK(i->rarg->set_op == ast::SetOpType::kIntersect);
  auto p = ParseOne<SelectStmt>("(SELECT 1 LIMIT 1) UNION (SELECT 2)");
  CHECK(p->set_op == ast::SetOpType::kUnion);
  CHECK(p->larg->limit != nullptr);
  auto q = ParseOne<SelectStmt>("((SELECT 1)) ORDER BY 1");
  CHECK(q->set_op == ast::SetOpType::kNone);
  CHECK(q->order_by.size() == 1);
}

TEST_CASE("FROM: aliases, joins, subqueries") {
  auto s = ParseOne<SelectStmt>(
      "SELECT * FROM s.t AS x(a, b), u v LEFT OUTER JOIN w ON v.id = w.id CROSS JOIN z NATURAL JOIN y "
      "JOIN q USING (id, k), (SELECT 1) AS sub, (a FULL JOIN b ON true)");
  REQUIRE(s->from.size() == 4);
  const auto& t = *s->from[0];
  CHECK(t.table.schema == "s");
  CHECK(t.table.name == "t");
  CHECK(t.alias == "x");
  CHECK(t.column_aliases == std::vector<std::string>{"a", "b"});
  const auto& j = *s->from[1];  // (((u LEFT w) CROSS z) NATURAL y) JOIN q
  REQUIRE(j.kind == ast::TableRefKind::kJoin);
  CHECK(j.join_type == ast::JoinType::kInner);
  CHECK(j.using_columns == std::vector<std::string>{"id", "k"});
  CHECK(j.left->natural);
  CHECK(j.left->left->join_type == ast::JoinType::kCross);
  const auto& left = *j.left->left->left;
  CHECK(left.join_type == ast::JoinType::kLeft);
  CHECK(left.left->alias == "v");
  CHECK(Render(*left.on) == "(= v.id w.id)");
  CHECK(s->from[2]->kind == ast::TableRefKind::kSubquery);
  CHECK(s->from[2]->alias == "sub");
  CHECK(s->from[3]->join_type == ast::JoinType::kFull);
}

TEST_CASE("FROM: join aliases and USING (...) AS name") {
  auto s = ParseOne<SelectStmt>("SELECT * FROM (a JOIN b USING (i) AS x) AS j (p, q), (c CROSS JOIN d) e");
  REQUIRE(s->from.size() == 2);
  const auto& j = *s->from[0];
  REQUIRE(j.kind == ast::TableRefKind::kJoin);
  CHECK(j.alias == "j");
  CHECK(j.column_aliases == std::vector<std::string>{"p", "q"});
  CHECK(j.using_columns == std::vector<std::string>{"i"});
  CHECK(j.join_using_alias == "x");
  CHECK(j.join_using_alias_location == 34);
  CHECK(s->from[1]->alias == "e");
  CHECK(s->from[1]->join_type == ast::JoinType::kCross);
  // gram.y has no parenthesised plain table, and USING's alias takes AS and no column list.
  CheckError("SELECT * FROM (a) x", "syntax error at or near \")\"", 17);
  CheckError("SELECT * FROM a JOIN b USING (i) AS x(c)", "syntax error at or near \"(\"", 38);
}

TEST_CASE("reserved keywords are not bare names, but may follow AS or be quoted") {
  CHECK(ErrorOf("SELECT 1 AS select").code == "none");
  CHECK(ErrorOf("SELECT \"from\" FROM \"table\"").code == "none");
  CHECK(ErrorOf("SELECT from FROM t").code == "42601");
  // A column-name keyword (INTEGER, TIME) is a valid column name.
  CHECK(Render(*ParseExpr("time")) == "time");
}

TEST_CASE("multi-statement strings record each statement's text") {
  const std::string sql = "SELECT 1;  select 2 ; ;\n BEGIN";
  auto stmts = Parse(sql);
  REQUIRE(stmts.size() == 3);
  CHECK(sql.substr(stmts[0]->location, stmts[0]->length) == "SELECT 1");
  CHECK(sql.substr(stmts[1]->location, stmts[1]->length) == "select 2");
  CHECK(sql.substr(stmts[2]->location, stmts[2]->length) == "BEGIN");
  CHECK(stmts[2]->kind == ast::StmtKind::kTransaction);
}

TEST_CASE("locking clauses: strengths, OF lists, NOWAIT / SKIP LOCKED, before or after LIMIT") {
  auto s = ParseOne<SelectStmt>("SELECT * FROM t, u FOR UPDATE OF t FOR KEY SHARE OF u, s.v SKIP LOCKED LIMIT 1");
  REQUIRE(s->locking.size() == 2);
  CHECK(s->locking[0].strength == ast::LockStrength::kUpdate);
  REQUIRE(s->locking[0].tables.size() == 1);
  CHECK(s->locking[0].tables[0].name == "t");
  CHECK(s->locking[0].wait == ast::LockWaitPolicy::kBlock);
  CHECK(s->locking[0].location == 19);
  CHECK(s->locking[1].strength == ast::LockStrength::kKeyShare);
  REQUIRE(s->locking[1].tables.size() == 2);
  CHECK(s->locking[1].tables[1].schema == "s");
  CHECK(s->locking[1].wait == ast::LockWaitPolicy::kSkipLocked);
  CHECK(Render(*s->limit) == "1");

  auto n = ParseOne<SelectStmt>("select a from t order by a limit 2 offset 1 for no key update nowait");
  REQUIRE(n->locking.size() == 1);
  CHECK(n->locking[0].strength == ast::LockStrength::kNoKeyUpdate);
  CHECK(n->locking[0].wait == ast::LockWaitPolicy::kNoWait);
  CHECK(n->locking[0].tables.empty());
  CHECK(ParseOne<SelectStmt>("SELECT 1 FOR SHARE")->locking.at(0).strength == ast::LockStrength::kShare);
  CHECK(ParseOne<SelectStmt>("(SELECT * FROM t LIMIT 1) FOR UPDATE")->locking.size() == 1);
  CHECK(ParseOne<SelectStmt>("SELECT * FROM t")->locking.empty());
}

TEST_CASE("locking clause syntax errors") {
  CHECK_THROWS_AS(Parse("SELECT * FROM t FOR UPDATE NOWAIT SKIP LOCKED"), DbError);
  CHECK_THROWS_AS(Parse("SELECT * FROM t LIMIT 1 FOR UPDATE LIMIT 2"), DbError);
  CHECK_THROWS_AS(Parse("SELECT * FROM t FOR"), DbError);
}

}  // namespace lumadb::parser::testing

// PREPARE, EXECUTE, DEALLOCATE, DECLARE CURSOR, FETCH, MOVE and CLOSE (issue 5).

#include <doctest/doctest.h>

#include "common/error.h"
#include "test_util.h"

namespace lumadb::parser::testing {

using D = ast::FetchDirection;

TEST_CASE("PREPARE with and without parameter types") {
  auto p = ParseOne<ast::PrepareStmt>("PREPARE q (int4, text) AS SELECT $1, $2");
  CHECK(p->name == "q");
  REQUIRE(p->types.size() == 2);
  CHECK(p->types[1].names == std::vector<std::string>{"text"});
  REQUIRE(p->query);
  CHECK(p->query->kind == ast::StmtKind::kSelect);
  auto i = ParseOne<ast::PrepareStmt>("prepare \"Ins\" as insert into t values ($1)");
  CHECK(i->name == "Ins");
  CHECK(i->types.empty());
  CHECK(i->query->kind == ast::StmtKind::kInsert);
  CHECK(ParseOne<ast::PrepareStmt>("PREPARE u AS UPDATE t SET a = 1")->query->kind == ast::StmtKind::kUpdate);
  CHECK(ParseOne<ast::PrepareStmt>("PREPARE d AS DELETE FROM t")->query->kind == ast::StmtKind::kDelete);
  CHECK(ErrorOf("PREPARE x AS CREATE TABLE t (a int)").code == "42601");
}

TEST_CASE("EXECUTE and DEALLOCATE") {
  auto e = ParseOne<ast::ExecuteStmt>("EXECUTE q (1, 'a' || 'b', $$x$$)");
  CHECK(e->name == "q");
  CHECK(e->params.size() == 3);
  CHECK(ParseOne<ast::ExecuteStmt>("execute q")->params.empty());
  auto d = ParseOne<ast::DeallocateStmt>("DEALLOCATE PREPARE q");
  CHECK(d->name == "q");
  CHECK_FALSE(d->all);
  CHECK(ParseOne<ast::DeallocateStmt>("deallocate all")->all);
  CHECK(ParseOne<ast::DeallocateStmt>("deallocate prepare all")->all);
}

TEST_CASE("DECLARE CURSOR options") {
  auto c = ParseOne<ast::DeclareCursorStmt>("DECLARE \"c1\" CURSOR WITHOUT HOLD FOR SELECT 1");
  CHECK(c->name == "c1");
  CHECK_FALSE(c->hold);
  CHECK_FALSE(c->scroll);
  CHECK_FALSE(c->no_scroll);
  REQUIRE(c->query);
  auto b = ParseOne<ast::DeclareCursorStmt>("declare c binary insensitive scroll cursor with hold for values (1)");
  CHECK(b->binary);
  CHECK(b->scroll);
  CHECK(b->hold);
  CHECK(ParseOne<ast::DeclareCursorStmt>("declare c no scroll cursor for select 1")->no_scroll);
  CHECK(ParseOne<ast::DeclareCursorStmt>("declare c asensitive cursor for select 1")->name == "c");
  auto both = ErrorOf("declare c scroll no scroll cursor for select 1");
  CHECK(both.code == "42P11");
  CHECK(both.message == "cannot specify both SCROLL and NO SCROLL");
  CHECK(ErrorOf("declare c asensitive insensitive cursor for select 1").message ==
        "cannot specify both ASENSITIVE and INSENSITIVE");
  CHECK(ErrorOf("declare c cursor for insert into t values (1)").code == "42601");
  auto ro =
      ParseOne<ast::DeclareCursorStmt>("DECLARE \"x\" SCROLL CURSOR FOR SELECT a FROM t ORDER BY a FOR READ ONLY");
  CHECK(ro->query->As<ast::SelectStmt>().locking.empty());
}

TEST_CASE("FETCH directions are normalised as gram.y") {
  struct Case {
    const char* sql;
    D direction;
    int64_t count;
  };
  const Case cases[] = {
      {"FETCH c", D::kForward, 1},
      {"FETCH FROM c", D::kForward, 1},
      {"FETCH NEXT IN c", D::kForward, 1},
      {"FETCH PRIOR c", D::kBackward, 1},
      {"FETCH FIRST c", D::kAbsolute, 1},
      {"FETCH LAST FROM c", D::kAbsolute, -1},
      {"FETCH ABSOLUTE -3 FROM c", D::kAbsolute, -3},
      {"FETCH RELATIVE +2 c", D::kRelative, 2},
      {"FETCH 5 c", D::kForward, 5},
      {"FETCH - 5 c", D::kForward, -5},
      {"FETCH ALL FROM c", D::kForward, ast::kFetchAll},
      {"FETCH FORWARD c", D::kForward, 1},
      {"FETCH FORWARD 2000 FROM \"c\"", D::kForward, 2000},
      {"FETCH FORWARD ALL c", D::kForward, ast::kFetchAll},
      {"FETCH BACKWARD c", D::kBackward, 1},
      {"FETCH BACKWARD 0 c", D::kBackward, 0},
      {"FETCH BACKWARD ALL IN c", D::kBackward, ast::kFetchAll},
  };
  for (const Case& k : cases) {
    CAPTURE(k.sql);
    auto f = ParseOne<ast::FetchStmt>(k.sql);
    CHECK(f->name == "c");
    CHECK_FALSE(f->is_move);
    CHECK(f->direction == k.direction);
    CHECK(f->count == k.count);
  }
  auto m = ParseOne<ast::FetchStmt>("move absolute 2 in c");
  CHECK(m->is_move);
  CHECK(m->direction == D::kAbsolute);
  CHECK(ParseOne<ast::FetchStmt>("fetch next")->name == "next");  // a cursor called next
}

TEST_CASE("FETCH syntax errors as PostgreSQL") {
  auto big = ErrorOf("fetch 3000000000 from c");
  CHECK(big.code == "42601");
  CHECK(big.message == "syntax error at or near \"3000000000\"");
  CHECK(big.position == 7);
  CHECK(ErrorOf("fetch next 3 from c").code == "42601");
  CHECK(ErrorOf("fetch absolute from c").code == "42601");
}

TEST_CASE("CLOSE") {
  CHECK(ParseOne<ast::ClosePortalStmt>("CLOSE c")->name == "c");
  CHECK(ParseOne<ast::ClosePortalStmt>("close all")->all);
}

}  // namespace lumadb::parser::testing

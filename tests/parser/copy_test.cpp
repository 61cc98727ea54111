// COPY statements: both option syntaxes, the query form, files (issue 5).

#include <doctest/doctest.h>

#include "common/error.h"
#include "test_util.h"

namespace lumadb::parser::testing {

namespace {

const ast::CopyOption* Find(const ast::CopyStmt& c, const std::string& name) {
  for (const auto& o : c.options) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("COPY FROM STDIN with generic options") {
  auto c = ParseOne<ast::CopyStmt>(
      "COPY  s.t (a, \"B\") FROM STDIN WITH (FORMAT csv, HEADER match, DELIMITER ';', NULL 'x', QUOTE '\"', "
      "ESCAPE '\\', FORCE_NOT_NULL (a), FORCE_QUOTE *, ENCODING 'UTF8', FREEZE on)");
  CHECK(c->is_from);
  CHECK(c->table.schema == "s");
  CHECK(c->table.name == "t");
  CHECK(c->columns == std::vector<std::string>{"a", "B"});
  CHECK(c->filename.empty());
  REQUIRE(c->options.size() == 10);
  CHECK(Find(*c, "format")->value == "csv");
  CHECK(Find(*c, "header")->value == "match");
  CHECK(Find(*c, "delimiter")->value == ";");
  CHECK(Find(*c, "null")->value == "x");
  CHECK(Find(*c, "quote")->value == "\"");
  CHECK(Find(*c, "escape")->value == "\\");
  CHECK(Find(*c, "force_not_null")->is_list);
  CHECK(Find(*c, "force_not_null")->list == std::vector<std::string>{"a"});
  CHECK(Find(*c, "force_quote")->star);
  CHECK(Find(*c, "freeze")->value == "on");
}

TEST_CASE("COPY with the pgbench and psql spellings") {
  auto p = ParseOne<ast::CopyStmt>("copy pgbench_accounts from stdin with (freeze on)");
  CHECK(p->is_from);
  REQUIRE(p->options.size() == 1);
  CHECK(p->options[0].name == "freeze");
  auto h = ParseOne<ast::CopyStmt>("COPY  t TO STDOUT WITH (FORMAT csv, HEADER)");
  CHECK_FALSE(h->is_from);
  REQUIRE(h->options.size() == 2);
  CHECK_FALSE(h->options[1].has_value);
}

TEST_CASE("COPY with the old option syntax") {
  auto c = ParseOne<ast::CopyStmt>(
      "copy t from stdin with delimiter as ',' null as '' csv header quote as '\"' force not null a, b");
  REQUIRE(c->options.size() == 6);
  CHECK(c->options[0].name == "delimiter");
  CHECK(c->options[0].value == ",");
  CHECK(c->options[1].name == "null");
  CHECK(c->options[1].value.empty());
  CHECK(c->options[1].has_value);
  CHECK(c->options[2].name == "format");
  CHECK(c->options[2].value == "csv");
  CHECK(c->options[3].name == "header");
  CHECK(c->options[4].name == "quote");
  CHECK(c->options[5].name == "force_not_null");
  CHECK(c->options[5].list == std::vector<std::string>{"a", "b"});

  auto b = ParseOne<ast::CopyStmt>("copy binary t to stdout");
  REQUIRE(b->options.size() == 1);
  CHECK(b->options[0].value == "binary");
  auto q = ParseOne<ast::CopyStmt>("copy t to stdout csv force quote *");
  REQUIRE(q->options.size() == 2);
  CHECK(q->options[1].star);
  auto d = ParseOne<ast::CopyStmt>("copy t from stdin using delimiters '|'");
  REQUIRE(d->options.size() == 1);
  CHECK(d->options[0].value == "|");
}

TEST_CASE("COPY (query) TO and files") {
  auto c = ParseOne<ast::CopyStmt>("COPY  ( SELECT id, name FROM customers ORDER BY id ) TO STDOUT WITH (FORMAT csv)");
  REQUIRE(c->query);
  CHECK(c->query->targets.size() == 2);
  CHECK(c->query_location == 8);
  CHECK(c->table.name.empty());
  auto f = ParseOne<ast::CopyStmt>("copy t to '/tmp/x.csv' (format csv)");
  CHECK(f->filename == "/tmp/x.csv");
  CHECK_THROWS_AS(Parse("copy (select 1) from stdin"), DbError);
  CHECK_THROWS_AS(Parse("copy t from program 'ls'"), DbError);
}

}  // namespace lumadb::parser::testing

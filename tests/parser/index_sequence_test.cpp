// CREATE INDEX, DROP INDEX, REINDEX, CREATE/ALTER/DROP SEQUENCE (issue 4 DDL).

#include <doctest/doctest.h>

#include "test_util.h"

namespace lumadb::parser::testing {

TEST_CASE("CREATE INDEX") {
  auto i = ParseOne<ast::CreateIndexStmt>(
      "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_ab ON ONLY s.t USING btree (a DESC NULLS LAST, b NULLS FIRST, "
      "c ASC)");
  CHECK(i->unique);
  CHECK(i->if_not_exists);
  CHECK(i->name == "t_ab");
  CHECK(i->table.schema == "s");
  CHECK(i->table.name == "t");
  CHECK(i->method == "btree");
  REQUIRE(i->columns.size() == 3);
  CHECK(i->columns[0].column == "a");
  CHECK(i->columns[0].descending);
  CHECK(i->columns[0].nulls_first == std::optional<bool>(false));
  CHECK(i->columns[0].location == 77);
  CHECK_FALSE(i->columns[1].descending);
  CHECK(i->columns[1].nulls_first == std::optional<bool>(true));
  CHECK_FALSE(i->columns[2].descending);
  CHECK_FALSE(i->columns[2].nulls_first.has_value());
  CHECK_FALSE(i->has_expression);
  CHECK_FALSE(i->has_where);
  CHECK_FALSE(i->has_include);

  auto unnamed = ParseOne<ast::CreateIndexStmt>("create index on t (a)");
  CHECK(unnamed->name.empty());
  CHECK_FALSE(unnamed->unique);
  CHECK(unnamed->method == "btree");
  // "if" is an unreserved keyword, so it can name an index.
  CHECK(ParseOne<ast::CreateIndexStmt>("create index if on t (a)")->name == "if");
  CHECK(ParseOne<ast::CreateIndexStmt>("create index i on t using hash (a)")->method == "hash");

  auto rest = ParseOne<ast::CreateIndexStmt>(
      "create index i on t (lower(b), (a + 1)) include (c) with (fillfactor = 70) where a > 0");
  CHECK(rest->has_expression);
  CHECK(rest->has_include);
  CHECK(rest->has_where);
  CHECK(rest->columns.size() == 2);
}

TEST_CASE("DROP INDEX and REINDEX") {
  auto d = ParseOne<ast::DropStmt>("DROP INDEX CONCURRENTLY IF EXISTS a, s.b CASCADE");
  CHECK(d->object_type == ast::ObjectType::kIndex);
  CHECK(d->if_exists);
  CHECK(d->cascade);
  REQUIRE(d->names.size() == 2);
  CHECK(d->names[1].schema == "s");
  CHECK(ParseOne<ast::DropStmt>("drop index i restrict")->object_type == ast::ObjectType::kIndex);

  auto r = ParseOne<ast::ReindexStmt>("REINDEX INDEX t_pkey");
  CHECK_FALSE(r->is_table);
  CHECK(r->name.name == "t_pkey");
  auto rt = ParseOne<ast::ReindexStmt>("reindex table concurrently s.t");
  CHECK(rt->is_table);
  CHECK(rt->name.schema == "s");
  CHECK(ParseOne<ast::ReindexStmt>("reindex (verbose) table t")->is_table);
}

TEST_CASE("CREATE SEQUENCE with every option") {
  auto s = ParseOne<ast::CreateSequenceStmt>(
      "CREATE TEMP SEQUENCE IF NOT EXISTS s.q AS bigint INCREMENT BY -2 MINVALUE -100 NO MAXVALUE START WITH -1 "
      "CACHE 10 CYCLE OWNED BY t.c");
  CHECK(s->if_not_exists);
  CHECK(s->name.schema == "s");
  CHECK(s->name.name == "q");
  const ast::SequenceOptions& o = s->options;
  REQUIRE(o.as_type.has_value());
  CHECK(o.as_type->names == std::vector<std::string>{"int8"});
  CHECK(o.increment == std::optional<int64_t>(-2));
  REQUIRE(o.min_value.has_value());
  CHECK(*o.min_value == std::optional<int64_t>(-100));
  REQUIRE(o.max_value.has_value());
  CHECK_FALSE(o.max_value->has_value());  // NO MAXVALUE
  CHECK(o.start == std::optional<int64_t>(-1));
  CHECK(o.cache == std::optional<int64_t>(10));
  CHECK(o.cycle == std::optional<bool>(true));
  CHECK(o.owned_by == std::vector<std::string>{"t", "c"});
  CHECK_FALSE(o.restart.has_value());

  auto plain = ParseOne<ast::CreateSequenceStmt>("create sequence q");
  CHECK_FALSE(plain->options.increment.has_value());
  CHECK_FALSE(plain->options.min_value.has_value());
  CHECK_FALSE(plain->options.cycle.has_value());
  auto more = ParseOne<ast::CreateSequenceStmt>(
      "create sequence q increment 5 maxvalue 9223372036854775807 minvalue -9223372036854775808 start 3 no cycle "
      "owned by none");
  CHECK(more->options.increment == std::optional<int64_t>(5));
  CHECK(*more->options.max_value == std::optional<int64_t>(INT64_MAX));
  CHECK(*more->options.min_value == std::optional<int64_t>(INT64_MIN));
  CHECK(more->options.start == std::optional<int64_t>(3));
  CHECK(more->options.cycle == std::optional<bool>(false));
  CHECK(more->options.owned_by == std::vector<std::string>{"none"});
}

TEST_CASE("sequence option errors as PostgreSQL") {
  auto e = ErrorOf("create sequence s3 increment 1 increment 2");
  CHECK(e.code == "42601");
  CHECK(e.message == "conflicting or redundant options");
  CHECK(e.position == 32);
  CHECK(ErrorOf("create sequence s no cycle cycle").message == "conflicting or redundant options");
  auto frac = ErrorOf("create sequence s increment by 1.5");
  CHECK(frac.code == "22P02");
  CHECK(frac.message == "invalid input syntax for type bigint: \"1.5\"");
  auto big = ErrorOf("create sequence s start 99999999999999999999");
  CHECK(big.code == "22003");
  CHECK(big.message == "value \"99999999999999999999\" is out of range for type bigint");
  auto word = ErrorOf("create sequence s increment by x");
  CHECK(word.message == "syntax error at or near \"x\"");
  CHECK(word.position == 32);
}

TEST_CASE("ALTER SEQUENCE and DROP SEQUENCE") {
  auto a = ParseOne<ast::AlterSequenceStmt>("ALTER SEQUENCE IF EXISTS q RESTART WITH 7 INCREMENT 3 NO MINVALUE");
  CHECK(a->if_exists);
  CHECK(a->name.name == "q");
  CHECK(a->options.restart == std::optional<int64_t>(7));
  CHECK_FALSE(a->options.restart_default);
  CHECK(a->options.increment == std::optional<int64_t>(3));
  REQUIRE(a->options.min_value.has_value());
  CHECK_FALSE(a->options.min_value->has_value());
  auto r = ParseOne<ast::AlterSequenceStmt>("alter sequence q restart");
  CHECK(r->options.restart_default);
  CHECK_FALSE(r->options.restart.has_value());
  CHECK(ParseOne<ast::AlterSequenceStmt>("alter sequence q restart 4")->options.restart == std::optional<int64_t>(4));
  auto rename = ParseOne<ast::AlterTableStmt>("alter sequence q rename to q2");
  CHECK(rename->is_sequence);
  CHECK(rename->rename == ast::AlterTableStmt::Rename::kTable);
  CHECK(rename->rename_to == "q2");
  CHECK(ErrorOf("alter sequence q").message == "syntax error at end of input");

  auto d = ParseOne<ast::DropStmt>("DROP SEQUENCE IF EXISTS a, b CASCADE");
  CHECK(d->object_type == ast::ObjectType::kSequence);
  CHECK(d->if_exists);
  CHECK(d->cascade);
  CHECK(d->names.size() == 2);
}

}  // namespace lumadb::parser::testing

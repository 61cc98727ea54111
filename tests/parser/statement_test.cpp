// INSERT/UPDATE/DELETE, DDL, transaction control, SET/RESET/SHOW, CHECKPOINT.

#include <doctest/doctest.h>

#include "test_util.h"

namespace lumadb::parser::testing {

TEST_CASE("INSERT forms") {
  auto i = ParseOne<ast::InsertStmt>("INSERT INTO public.t (a, \"B\") VALUES (1, DEFAULT), ($1, 'x')");
  CHECK(i->table.schema == "public");
  CHECK(i->columns == std::vector<std::string>{"a", "B"});
  CHECK(i->column_locations == std::vector<int32_t>{22, 25});
  REQUIRE(i->source);
  REQUIRE(i->source->values.size() == 2);
  CHECK(i->source->values[0][1]->kind == ast::ExprKind::kDefault);
  auto s = ParseOne<ast::InsertStmt>("insert into t select * from u");
  CHECK(s->columns.empty());
  CHECK(s->source->from.size() == 1);
  auto p = ParseOne<ast::InsertStmt>("insert into t (select 1)");
  CHECK(p->columns.empty());
  CHECK(p->source->targets.size() == 1);
  auto d = ParseOne<ast::InsertStmt>("INSERT INTO t DEFAULT VALUES");
  CHECK(d->source == nullptr);
}

TEST_CASE("UPDATE and DELETE") {
  auto u = ParseOne<ast::UpdateStmt>("UPDATE t AS x SET a = a + 1, b = DEFAULT FROM u WHERE x.id = u.id");
  CHECK(u->alias == "x");
  REQUIRE(u->set.size() == 2);
  CHECK(u->set[0].column == "a");
  CHECK(Render(*u->set[0].value) == "(+ a 1)");
  CHECK(u->set[1].value->kind == ast::ExprKind::kDefault);
  CHECK(u->from.size() == 1);
  CHECK(u->where != nullptr);
  auto bare = ParseOne<ast::UpdateStmt>("update t set x = 1");
  CHECK(bare->alias.empty());
  auto d = ParseOne<ast::DeleteStmt>("DELETE FROM t x WHERE x.a IS NULL");
  CHECK(d->alias == "x");
  CHECK(Render(*d->where) == "(ISNULL x.a)");
  CHECK(ParseOne<ast::DeleteStmt>("delete from t")->where == nullptr);
}

TEST_CASE("CREATE TABLE") {
  const std::string sql =
      "CREATE TABLE IF NOT EXISTS s.t (id bigint PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'x' || 'y' , "
      "price numeric(10,2) CONSTRAINT u UNIQUE NULL, at timestamp with time zone DEFAULT now(), "
      "CONSTRAINT pk UNIQUE (id, name), UNIQUE (price)) WITH (fillfactor=70, autovacuum_enabled)";
  auto c = ParseOne<ast::CreateTableStmt>(sql);
  CHECK(c->if_not_exists);
  CHECK(c->table.schema == "s");
  REQUIRE(c->columns.size() == 4);
  CHECK(c->columns[0].type.names == std::vector<std::string>{"int8"});
  CHECK(c->columns[0].primary_key);
  CHECK(c->columns[1].type.names == std::vector<std::string>{"varchar"});
  CHECK(c->columns[1].type.modifiers == std::vector<int32_t>{20});
  CHECK(c->columns[1].not_null);
  CHECK(c->columns[1].default_text == "'x' || 'y'");
  CHECK(Render(*c->columns[1].default_expr) == "(|| 'x' 'y')");
  CHECK(c->columns[2].unique);
  CHECK_FALSE(c->columns[2].not_null);
  CHECK(c->columns[3].type.names == std::vector<std::string>{"timestamptz"});
  CHECK(c->columns[3].default_text == "now()");
  REQUIRE(c->constraints.size() == 2);
  CHECK(c->constraints[0].name == "pk");
  CHECK(c->constraints[0].type == ast::TableConstraint::Type::kUnique);
  CHECK(c->constraints[0].columns == std::vector<std::string>{"id", "name"});
  CHECK(c->constraints[1].type == ast::TableConstraint::Type::kUnique);
  REQUIRE(c->options.size() == 2);
  CHECK(c->options[0] == std::pair<std::string, std::string>{"fillfactor", "70"});
  CHECK(c->options[1].second == "true");
  CHECK(ParseOne<ast::CreateTableStmt>("create table e ()")->columns.empty());
}

TEST_CASE("CREATE SCHEMA/DATABASE, DROP, TRUNCATE") {
  auto s = ParseOne<ast::CreateSchemaStmt>("CREATE SCHEMA IF NOT EXISTS Sales");
  CHECK(s->if_not_exists);
  CHECK(s->name == "sales");
  auto db = ParseOne<ast::CreateDatabaseStmt>("CREATE DATABASE d WITH OWNER = bob ENCODING 'UTF8' CONNECTION LIMIT -1");
  CHECK(db->name == "d");
  REQUIRE(db->options.size() == 3);
  CHECK(db->options[0] == std::pair<std::string, std::string>{"owner", "bob"});
  CHECK(db->options[1].second == "UTF8");
  CHECK(db->options[2] == std::pair<std::string, std::string>{"connection_limit", "-1"});
  auto d = ParseOne<ast::DropStmt>("DROP TABLE IF EXISTS a, s.b CASCADE");
  CHECK(d->object_type == ast::ObjectType::kTable);
  CHECK(d->if_exists);
  CHECK(d->cascade);
  CHECK(d->names.size() == 2);
  CHECK(ParseOne<ast::DropStmt>("drop schema x restrict")->object_type == ast::ObjectType::kSchema);
  CHECK(ParseOne<ast::DropStmt>("drop database if exists x")->object_type == ast::ObjectType::kDatabase);
  CHECK(ParseOne<ast::TruncateStmt>("TRUNCATE TABLE a, b")->tables.size() == 2);
  CHECK(ParseOne<ast::TruncateStmt>("truncate a")->tables.size() == 1);
}

TEST_CASE("transaction control") {
  using T = ast::TransactionStmt::Type;
  auto b = ParseOne<ast::TransactionStmt>("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  CHECK(b->type == T::kBegin);
  CHECK(b->options == std::vector<std::string>{"isolation level repeatable read", "read only"});
  CHECK(ParseOne<ast::TransactionStmt>("start transaction")->type == T::kBegin);
  CHECK(ParseOne<ast::TransactionStmt>("START TRANSACTION READ ONLY")->start_syntax);
  CHECK_FALSE(ParseOne<ast::TransactionStmt>("begin")->start_syntax);
  CHECK(ParseOne<ast::TransactionStmt>("begin work")->type == T::kBegin);
  CHECK(ParseOne<ast::TransactionStmt>("END")->type == T::kCommit);
  CHECK(ParseOne<ast::TransactionStmt>("commit and chain")->chain);
  CHECK_FALSE(ParseOne<ast::TransactionStmt>("commit work and no chain")->chain);
  CHECK(ParseOne<ast::TransactionStmt>("ABORT")->type == T::kRollback);
  auto to = ParseOne<ast::TransactionStmt>("ROLLBACK TO SAVEPOINT Sp1");
  CHECK(to->type == T::kRollbackTo);
  CHECK(to->savepoint == "sp1");
  CHECK(ParseOne<ast::TransactionStmt>("rollback transaction to s")->savepoint == "s");
  CHECK(ParseOne<ast::TransactionStmt>("SAVEPOINT s")->type == T::kSavepoint);
  CHECK(ParseOne<ast::TransactionStmt>("release s")->type == T::kRelease);
  CHECK(ParseOne<ast::TransactionStmt>("RELEASE SAVEPOINT s")->savepoint == "s");
  auto st = ParseOne<ast::TransactionStmt>("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
  CHECK(st->type == T::kSetTransaction);
  CHECK(st->options == std::vector<std::string>{"isolation level serializable"});
  auto sc = ParseOne<ast::TransactionStmt>("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
  CHECK(sc->type == T::kSetSessionCharacteristics);
  CHECK(ParseOne<ast::TransactionStmt>("SAVEPOINT \"My Sp\"")->savepoint == "My Sp");
  CHECK(ParseOne<ast::TransactionStmt>("rollback work to savepoint s")->type == T::kRollbackTo);
  CHECK(ParseOne<ast::TransactionStmt>("ROLLBACK AND NO CHAIN")->type == T::kRollback);
}

TEST_CASE("CHECKPOINT") {
  CHECK(ParseOne<ast::CheckpointStmt>("CHECKPOINT")->kind == ast::StmtKind::kCheckpoint);
  CHECK(ParseOne<ast::CheckpointStmt>("checkpoint ;")->kind == ast::StmtKind::kCheckpoint);
  CHECK_THROWS_AS(parser::Parse("CHECKPOINT now"), DbError);
}

TEST_CASE("SET, RESET, SHOW") {
  using T = ast::VariableSetStmt::Type;
  auto s = ParseOne<ast::VariableSetStmt>("SET search_path TO \"MySchema\", public");
  CHECK(s->type == T::kSetValue);
  CHECK(s->name == "search_path");
  CHECK(s->values == std::vector<std::string>{"MySchema", "public"});
  auto l = ParseOne<ast::VariableSetStmt>("set local statement_timeout = '5s'");
  CHECK(l->local);
  CHECK(l->values == std::vector<std::string>{"5s"});
  CHECK(ParseOne<ast::VariableSetStmt>("SET extra_float_digits = -3")->values[0] == "-3");
  CHECK(ParseOne<ast::VariableSetStmt>("SET x TO DEFAULT")->type == T::kSetDefault);
  CHECK(ParseOne<ast::VariableSetStmt>("SET session datestyle = ISO")->values[0] == "iso");
  auto tz = ParseOne<ast::VariableSetStmt>("SET TIME ZONE 'UTC'");
  CHECK(tz->name == "timezone");
  CHECK(tz->values == std::vector<std::string>{"UTC"});
  CHECK(ParseOne<ast::VariableSetStmt>("SET TIME ZONE LOCAL")->type == T::kSetDefault);
  CHECK(ParseOne<ast::VariableSetStmt>("SET NAMES 'UTF8'")->name == "client_encoding");
  CHECK(ParseOne<ast::VariableSetStmt>("SET standard_conforming_strings = on")->values[0] == "on");
  CHECK(ParseOne<ast::VariableSetStmt>("RESET ALL")->type == T::kResetAll);
  auto r = ParseOne<ast::VariableSetStmt>("reset TimeZone");
  CHECK(r->type == T::kReset);
  CHECK(r->name == "timezone");
  CHECK(ParseOne<ast::VariableShowStmt>("SHOW ALL")->name == "all");
  CHECK(ParseOne<ast::VariableShowStmt>("show time zone")->name == "timezone");
  CHECK(ParseOne<ast::VariableShowStmt>("SHOW TRANSACTION ISOLATION LEVEL")->name == "transaction_isolation");
  CHECK(ParseOne<ast::VariableShowStmt>("SHOW server_version")->name == "server_version");
}

}  // namespace lumadb::parser::testing

// CREATE / DROP INDEX, REINDEX (RenewIndexFile), TRUNCATE of indexed tables, index lookups, DROP SCHEMA.
#include <doctest/doctest.h>

#include "catalog/catalog.h"
#include "catalog_test_util.h"
#include "storage/btree.h"
#include "storage/storage_engine.h"

namespace lumadb::catalog {
namespace {

using testing::ClusterFixture;
using testing::Col;
using testing::MakeDef;
using testing::MessageOf;
using testing::SqlStateOf;

const std::vector<std::string> kPath{"public"};

IndexDef On(std::vector<int16_t> attnums, std::string name = "", bool unique = false) {
  IndexDef def;
  def.name = std::move(name);
  def.unique = unique;
  for (int16_t a : attnums) def.columns.push_back(IndexColumn{a, false, false});
  return def;
}

TEST_CASE("CREATE INDEX records the index, generates names and shares the relation namespace") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  TableDef def = MakeDef("t", {Col("a"), Col("b")});
  def.keys = {KeyConstraint{"", true, {1}}};
  auto table = db.CreateTable(*t, def, kPath);
  IndexDef desc = On({2, 1});
  desc.columns[0].descending = true;
  desc.columns[0].nulls_first = true;
  IndexInfo first = db.CreateIndex(*t, *table, desc);
  CHECK(first.name == "t_b_a_idx");
  CHECK_FALSE(first.unique);
  CHECK(first.table_oid == table->oid);
  CHECK(f.cluster->storage().FileExists(first.file));
  IndexInfo second = db.CreateIndex(*t, *table, On({2, 1}, "", true));
  CHECK(second.name == "t_b_a_idx1");
  CHECK(second.unique);
  CHECK(SqlStateOf([&] { db.CreateIndex(*t, *table, On({1}, "t")); }) == "42P07");
  CHECK(MessageOf([&] { db.CreateIndex(*t, *table, On({1}, "t_pkey")); }) == "relation \"t_pkey\" already exists");
  CHECK(SqlStateOf([&] { db.CreateTable(*t, MakeDef("t_b_a_idx", {Col("x")}), kPath); }) == "42P07");
  f.Commit(*t);

  f.Restart();
  Catalog& again = f.Postgres();
  t = f.Begin();
  auto found = again.LookupIndex(*t, "", "t_b_a_idx", kPath);
  REQUIRE(found);
  CHECK(found->first->name == "t");
  CHECK(found->second.oid == first.oid);
  REQUIRE(found->second.columns.size() == 2);
  CHECK(found->second.columns[0].attnum == 2);
  CHECK(found->second.columns[0].descending);
  CHECK(found->second.columns[0].nulls_first);
  CHECK_FALSE(found->second.columns[1].descending);
  CHECK(again.LookupIndex(*t, "public", "t_b_a_idx1", {}));
  CHECK_FALSE(again.LookupIndex(*t, "", "t", kPath));       // a table, not an index
  CHECK_FALSE(again.LookupTable(*t, "", "t_pkey", kPath));  // an index, not a table
  auto by_oid = again.TableByOid(*t, table->oid);
  REQUIRE(by_oid);
  CHECK(by_oid->indexes.size() == 3);  // by name: t_b_a_idx, t_b_a_idx1, t_pkey
  CHECK(by_oid->indexes[2].name == "t_pkey");
  f.Commit(*t);
}

TEST_CASE("DROP INDEX refuses a constraint's index and unlinks the file at commit") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  TableDef def = MakeDef("t", {Col("a"), Col("b")});
  def.keys = {KeyConstraint{"", true, {1}}};
  auto table = db.CreateTable(*t, def, kPath);
  IndexInfo plain = db.CreateIndex(*t, *table, On({2}));
  f.Commit(*t);

  t = f.Begin();
  auto pkey = db.LookupIndex(*t, "", "t_pkey", kPath)->second;
  try {
    db.DropIndex(*t, pkey);
    FAIL("DROP INDEX t_pkey succeeded");
  } catch (const DbError& e) {
    CHECK(std::string(e.code().View()) == "2BP01");
    CHECK(e.message() == "cannot drop index t_pkey because constraint t_pkey on table t requires it");
    CHECK(e.hint() == "You can drop constraint t_pkey on table t instead.");
  }
  f.Abort(*t);

  t = f.Begin();
  db.DropIndex(*t, plain);
  CHECK_FALSE(db.LookupIndex(*t, "", "t_b_idx", kPath));
  CHECK(f.cluster->storage().FileExists(plain.file));
  f.Abort(*t);
  t = f.Begin();
  CHECK(db.LookupIndex(*t, "", "t_b_idx", kPath));
  db.DropIndex(*t, plain);
  f.Commit(*t);
  CHECK_FALSE(f.cluster->storage().FileExists(plain.file));
  t = f.Begin();
  CHECK(db.TableByOid(*t, table->oid)->indexes.size() == 1);
  f.Commit(*t);
}

TEST_CASE("REINDEX and TRUNCATE give indexes new files; rollback keeps the old ones") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  TableDef def = MakeDef("t", {Col("a")});
  def.keys = {KeyConstraint{"", true, {1}}};
  auto table = db.CreateTable(*t, def, kPath);
  f.Commit(*t);
  IndexInfo pkey = table->indexes.at(0);

  t = f.Begin();
  IndexInfo renewed = db.RenewIndexFile(*t, pkey);
  CHECK(renewed.oid == pkey.oid);
  CHECK_FALSE(renewed.file == pkey.file);
  CHECK(f.cluster->storage().FileExists(renewed.file));
  CHECK(db.TableByOid(*t, table->oid)->indexes[0].file == renewed.file);
  f.Abort(*t);
  CHECK_FALSE(f.cluster->storage().FileExists(renewed.file));
  CHECK(f.cluster->storage().FileExists(pkey.file));

  t = f.Begin();
  renewed = db.RenewIndexFile(*t, pkey);
  db.Index(renewed).Initialize(t->log());
  f.Commit(*t);
  CHECK_FALSE(f.cluster->storage().FileExists(pkey.file));

  t = f.Begin();
  db.TruncateTable(*t, *db.TableByOid(*t, table->oid));
  auto truncated = db.TableByOid(*t, table->oid);
  storage::FileId after = truncated->indexes[0].file;
  CHECK_FALSE(after == renewed.file);
  CHECK(db.Index(truncated->indexes[0]).Verify().empty());
  f.Commit(*t);
  CHECK_FALSE(f.cluster->storage().FileExists(renewed.file));
  f.Restart();
  Catalog& again = f.Postgres();
  t = f.Begin();
  CHECK(again.TableByOid(*t, table->oid)->indexes[0].file == after);
  f.Commit(*t);
}

TEST_CASE("DROP SCHEMA lists and drops tables, their indexes and sequences") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  db.CreateSchema(*t, "s");
  TableDef def = MakeDef("t", {Col("a")});
  def.schema = "s";
  def.keys = {KeyConstraint{"", true, {1}}};
  auto table = db.CreateTable(*t, def, kPath);
  SequenceDef owned;
  owned.owned_by_table = table->oid;
  owned.owned_by_attnum = 1;
  SequenceInfo serial = db.CreateSequence(*t, owned, kPath);
  CHECK(serial.schema == "s");
  SequenceDef loose;
  loose.schema = "s";
  loose.name = "loose";
  SequenceInfo other = db.CreateSequence(*t, loose, kPath);
  f.Commit(*t);

  t = f.Begin();
  Oid ns = *db.LookupNamespace(*t, "s");
  try {
    db.DropSchema(*t, ns, false);
    FAIL("DROP SCHEMA s succeeded");
  } catch (const DbError& e) {
    CHECK(e.message() == "cannot drop schema s because other objects depend on it");
    CHECK(
        e.detail() ==
        "sequence s.loose depends on schema s\ntable s.t depends on schema s\nsequence s.t_a_seq depends on schema s");
  }
  f.Abort(*t);
  t = f.Begin();
  db.DropSchema(*t, ns, true);
  f.Commit(*t);
  CHECK_FALSE(f.cluster->storage().FileExists(table->file));
  CHECK_FALSE(f.cluster->storage().FileExists(table->indexes[0].file));
  CHECK_FALSE(f.cluster->storage().FileExists(serial.file));
  CHECK_FALSE(f.cluster->storage().FileExists(other.file));
  t = f.Begin();
  CHECK_FALSE(db.SequenceByOid(*t, other.oid));
  CHECK_FALSE(db.LookupNamespace(*t, "s"));
  f.Commit(*t);
}

}  // namespace
}  // namespace lumadb::catalog

// ReplaceTableDef, the catalog side of ALTER TABLE.
#include <doctest/doctest.h>

#include "catalog/catalog.h"
#include "catalog_test_util.h"
#include "storage/storage_engine.h"

namespace lumadb::catalog {
namespace {

using testing::ClusterFixture;
using testing::Col;
using testing::MakeDef;
using testing::MessageOf;
using testing::SqlStateOf;

const std::vector<std::string> kPath{"public"};

/// r(x, id PRIMARY KEY) and t(a, rid REFERENCES r(id)).
std::pair<std::shared_ptr<const TableInfo>, std::shared_ptr<const TableInfo>> CreatePair(ClusterFixture& f,
                                                                                         Catalog& db) {
  auto t = f.Begin();
  TableDef r = MakeDef("r", {Col("x"), Col("id")});
  r.keys = {KeyConstraint{"", true, {2}}};
  auto referenced = db.CreateTable(*t, r, kPath);
  TableDef def = MakeDef("t", {Col("a"), Col("rid")});
  ForeignKey fk;
  fk.attnums = {2};
  fk.ref_table_oid = referenced->oid;
  fk.ref_attnums = {2};
  def.foreign_keys = {fk};
  auto referencing = db.CreateTable(*t, def, kPath);
  f.Commit(*t);
  return {referenced, referencing};
}

TEST_CASE("ALTER TABLE renames, drops a column and adds keys; references follow the columns") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto [r, t_table] = CreatePair(f, db);
  auto t = f.Begin();
  TableInfo def = *db.TableByOid(*t, r->oid);
  def.name = "r2";
  def.columns.erase(def.columns.begin());  // DROP COLUMN x: id becomes attnum 1
  def.columns[0].name = "ident";
  def.columns.push_back(Col("extra"));
  def.keys[0].attnums = {1};
  def.keys.push_back(KeyConstraint{"", false, {2}, 0});  // ADD UNIQUE (extra)
  def.checks.push_back(CheckConstraint{"", "extra > 0", false});
  def.indexes[0].columns[0].attnum = 1;
  auto altered = db.ReplaceTableDef(*t, *r, def, true);
  REQUIRE(altered);
  CHECK(altered->name == "r2");
  CHECK_FALSE(altered->file == r->file);
  REQUIRE(altered->columns.size() == 2);
  CHECK(altered->columns[0].attnum == 1);
  CHECK(altered->columns[1].attnum == 2);
  REQUIRE(altered->keys.size() == 2);
  CHECK(altered->keys[0].name == "r_pkey");  // names stay as they were
  CHECK(altered->keys[0].index_oid == r->keys[0].index_oid);
  CHECK(altered->keys[1].name == "r2_extra_key");
  CHECK(altered->keys[1].index_oid != 0);
  CHECK(altered->indexes.size() == 2);
  CHECK(altered->checks.at(0).name == "r2_extra_check");
  REQUIRE(altered->referenced_by.size() == 1);
  CHECK(altered->referenced_by[0].ref_attnums == std::vector<int16_t>{1});
  CHECK(db.TableByOid(*t, t_table->oid)->foreign_keys.at(0).ref_attnums == std::vector<int16_t>{1});
  CHECK_FALSE(db.LookupTable(*t, "", "r", kPath));
  f.Commit(*t);
  CHECK_FALSE(f.cluster->storage().FileExists(r->file));

  f.Restart();
  Catalog& again = f.Postgres();
  t = f.Begin();
  auto reread = again.LookupTable(*t, "", "r2", kPath);
  REQUIRE(reread);
  CHECK(reread->columns[0].name == "ident");
  CHECK(reread->keys.size() == 2);
  CHECK(again.LookupTable(*t, "", "t", kPath)->foreign_keys.at(0).ref_attnums == std::vector<int16_t>{1});
  f.Commit(*t);
}

TEST_CASE("ALTER TABLE refuses to drop what another table's foreign key needs; rollback restores") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto [r, t_table] = CreatePair(f, db);
  auto t = f.Begin();
  TableInfo no_pk = *r;
  no_pk.keys.clear();
  no_pk.indexes.clear();
  CHECK(SqlStateOf([&] { db.ReplaceTableDef(*t, *r, no_pk, false); }) == "2BP01");
  TableInfo no_id = *r;
  no_id.columns.pop_back();
  no_id.keys.clear();
  no_id.indexes.clear();
  CHECK(SqlStateOf([&] { db.ReplaceTableDef(*t, *r, no_id, false); }) == "2BP01");
  TableInfo clash = *r;
  clash.name = "t";
  CHECK(MessageOf([&] { db.ReplaceTableDef(*t, *r, clash, false); }) == "relation \"t\" already exists");
  TableInfo dup = *r;
  dup.columns[1].name = "x";
  CHECK(SqlStateOf([&] { db.ReplaceTableDef(*t, *r, dup, false); }) == "42701");
  f.Abort(*t);

  // DROP CONSTRAINT of the referencing side, then of the key: the key's index goes with it.
  t = f.Begin();
  TableInfo t_def = *t_table;
  t_def.foreign_keys.clear();
  db.ReplaceTableDef(*t, *t_table, t_def, false);
  auto r_now = db.TableByOid(*t, r->oid);
  CHECK(r_now->referenced_by.empty());
  TableInfo r_def = *r_now;
  r_def.keys.clear();
  auto dropped = db.ReplaceTableDef(*t, *r_now, r_def, false);
  CHECK(dropped->keys.empty());
  CHECK(dropped->indexes.empty());
  CHECK_FALSE(db.LookupIndex(*t, "", "r_pkey", kPath));
  f.Abort(*t);
  t = f.Begin();
  CHECK(db.TableByOid(*t, r->oid)->keys.size() == 1);
  CHECK(db.TableByOid(*t, t_table->oid)->foreign_keys.size() == 1);
  CHECK(f.cluster->storage().FileExists(r->indexes[0].file));
  f.Commit(*t);
}

}  // namespace
}  // namespace lumadb::catalog

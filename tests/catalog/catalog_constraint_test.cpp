// CREATE TABLE with PRIMARY KEY / UNIQUE (and their indexes), CHECK and FOREIGN KEY constraints.
#include <map>

#include <doctest/doctest.h>

#include "catalog/catalog.h"
#include "catalog_test_util.h"
#include "common/row_codec.h"
#include "storage/btree.h"
#include "storage/heap_file.h"
#include "storage/storage_engine.h"

namespace lumadb::catalog {
namespace {

using testing::ClusterFixture;
using testing::Col;
using testing::MakeDef;
using testing::MessageOf;
using testing::SqlStateOf;

const std::vector<std::string> kPath{"public"};

/// r(id int4 PRIMARY KEY, code text UNIQUE).
std::shared_ptr<const TableInfo> CreateReferenced(Catalog& db, txn::Transaction& t) {
  TableDef def = MakeDef("r", {Col("id"), Col("code", TypeId::kText)});
  def.keys = {KeyConstraint{"", true, {1}}, KeyConstraint{"", false, {2}}};
  return db.CreateTable(t, def, kPath);
}

ForeignKey Fk(std::vector<int16_t> attnums, Oid ref_table, std::vector<int16_t> ref_attnums) {
  ForeignKey fk;
  fk.attnums = std::move(attnums);
  fk.ref_table_oid = ref_table;
  fk.ref_attnums = std::move(ref_attnums);
  return fk;
}

TEST_CASE("key constraints get unique indexes named after them, with initialized files") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  auto r = CreateReferenced(db, *t);
  REQUIRE(r->keys.size() == 2);
  REQUIRE(r->indexes.size() == 2);
  CHECK(r->keys[0].name == "r_pkey");
  CHECK(r->keys[1].name == "r_code_key");
  for (const KeyConstraint& key : r->keys) {
    const IndexInfo* index = nullptr;
    for (const IndexInfo& i : r->indexes) {
      if (i.oid == key.index_oid) index = &i;
    }
    REQUIRE(index);
    CHECK(index->name == key.name);
    CHECK(index->unique);
    CHECK(index->primary == key.primary);
    CHECK(index->table_oid == r->oid);
    CHECK(index->columns.size() == key.attnums.size());
    CHECK(f.cluster->storage().FileExists(index->file));
    CHECK(db.Index(*index).CountEntries() == 0);
    CHECK(db.Index(*index).Verify().empty());
  }
  CHECK(r->columns[0].not_null);
  f.Commit(*t);
  f.Restart();
  Catalog& again = f.Postgres();
  t = f.Begin();
  auto reread = again.LookupTable(*t, "", "r", kPath);
  REQUIRE(reread);
  CHECK(reread->indexes.size() == 2);
  CHECK(reread->keys[0].index_oid == r->keys[0].index_oid);
  CHECK(again.LookupIndex(*t, "", "r_pkey", kPath)->second.oid == r->keys[0].index_oid);
  f.Commit(*t);
}

TEST_CASE("CHECK and FOREIGN KEY constraints are stored with PostgreSQL's generated names") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  auto r = CreateReferenced(db, *t);
  TableDef def = MakeDef("t", {Col("a"), Col("b"), Col("rid"), Col("rcode", TypeId::kText)});
  def.checks = {CheckConstraint{"", "a > 0", false}, CheckConstraint{"", "a < b AND upper('b') <> ''", false},
                CheckConstraint{"", "length('x'::text) > 0", false}, CheckConstraint{"positive_b", "b > 0", true}};
  ForeignKey by_id = Fk({3}, r->oid, {1});
  by_id.on_delete = FkAction::kCascade;
  by_id.on_update = FkAction::kSetNull;
  def.foreign_keys = {by_id, Fk({4}, r->oid, {2})};
  auto table = db.CreateTable(*t, def, kPath);
  REQUIRE(table->checks.size() == 4);
  // By name: t_a_check (one column), t_check and t_check1 (none or several), positive_b.
  CHECK(table->checks[0].name == "positive_b");
  CHECK(table->checks[0].not_valid);
  CHECK(table->checks[1].name == "t_a_check");
  CHECK(table->checks[1].expr == "a > 0");
  CHECK(table->checks[2].name == "t_check");
  CHECK(table->checks[3].name == "t_check1");
  REQUIRE(table->foreign_keys.size() == 2);
  CHECK(table->foreign_keys[0].name == "t_rcode_fkey");
  CHECK(table->foreign_keys[0].ref_index_oid == r->keys[1].index_oid);
  CHECK(table->foreign_keys[1].name == "t_rid_fkey");
  CHECK(table->foreign_keys[1].table_oid == table->oid);
  CHECK(table->foreign_keys[1].ref_index_oid == r->keys[0].index_oid);
  CHECK(table->foreign_keys[1].on_delete == FkAction::kCascade);
  CHECK(table->foreign_keys[1].on_update == FkAction::kSetNull);
  // pg_constraint as SELECT sees it: conkey lists the columns a CHECK mentions, confkey the referenced ones.
  auto pg_constraint = db.LookupTable(*t, "pg_catalog", "pg_constraint", {});
  std::vector<TypeId> types;
  for (const ColumnInfo& c : pg_constraint->columns) types.push_back(c.type.id);
  auto column = [&](std::string_view name) {
    for (size_t i = 0; i < pg_constraint->columns.size(); ++i) {
      if (pg_constraint->columns[i].name == name) return i;
    }
    FAIL("no column " << name);
    return size_t{0};
  };
  std::map<std::string, Row> rows;
  auto it = db.Heap(*pg_constraint).Scan();
  storage::Rid rid;
  std::vector<std::byte> bytes;
  while (it.Next(&rid, &bytes)) {
    Row row = DecodeRow(types, bytes);
    rows.emplace(row[column("conname")].GetString(), row);
  }
  CHECK(rows.at("t_a_check")[column("conkey")].GetString() == "{1}");
  CHECK(rows.at("t_check")[column("conkey")].GetString() == "{1,2}");
  CHECK(rows.at("t_check1")[column("conkey")].is_null());
  CHECK(rows.at("t_rid_fkey")[column("confkey")].GetString() == "{1}");
  CHECK(rows.at("t_rid_fkey")[column("confdeltype")].GetString() == "c");
  CHECK(rows.at("r_pkey")[column("contype")].GetString() == "p");
  CHECK(rows.at("r_pkey")[column("conindid")].GetInt() == r->keys[0].index_oid);

  auto referenced = db.LookupTable(*t, "", "r", kPath);
  REQUIRE(referenced->referenced_by.size() == 2);
  CHECK(referenced->referenced_by[1].name == "t_rid_fkey");
  CHECK(referenced->referenced_by[1].attnums == std::vector<int16_t>{3});
  f.Commit(*t);

  f.Restart();
  Catalog& again = f.Postgres();
  t = f.Begin();
  auto reread = again.LookupTable(*t, "", "t", kPath);
  CHECK(reread->checks.size() == 4);
  CHECK(reread->foreign_keys[1].on_delete == FkAction::kCascade);
  CHECK(reread->foreign_keys[1].ref_attnums == std::vector<int16_t>{1});
  CHECK(again.LookupTable(*t, "", "r", kPath)->referenced_by.size() == 2);
  f.Commit(*t);
}

TEST_CASE("foreign keys are checked against the referenced table's unique keys") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  auto r = CreateReferenced(db, *t);
  TableDef def = MakeDef("t", {Col("a"), Col("b", TypeId::kText), Col("c", TypeId::kDate)});
  def.foreign_keys = {Fk({1, 2}, r->oid, {1, 2})};  // (id, code) is no unique key of r
  CHECK(SqlStateOf([&] { db.CreateTable(*t, def, kPath); }) == "42830");
  CHECK(MessageOf([&] { db.CreateTable(*t, def, kPath); }) ==
        "there is no unique constraint matching given keys for referenced table \"r\"");
  def.foreign_keys = {Fk({3}, r->oid, {1})};  // date vs integer
  CHECK(SqlStateOf([&] { db.CreateTable(*t, def, kPath); }) == "42804");
  def.foreign_keys = {Fk({1, 2}, r->oid, {1})};
  CHECK(MessageOf([&] { db.CreateTable(*t, def, kPath); }) ==
        "number of referencing and referenced columns for foreign key disagree");
  def.foreign_keys = {Fk({1}, 999999, {1})};
  CHECK(SqlStateOf([&] { db.CreateTable(*t, def, kPath); }) == "42P01");
  CHECK_FALSE(db.LookupTable(*t, "", "t", kPath));

  // A self-reference (ref_table_oid 0: the table being created) to its own primary key.
  TableDef tree = MakeDef("tree", {Col("id"), Col("parent")});
  tree.keys = {KeyConstraint{"", true, {1}}};
  tree.foreign_keys = {Fk({2}, 0, {1})};
  auto created = db.CreateTable(*t, tree, kPath);
  REQUIRE(created->foreign_keys.size() == 1);
  CHECK(created->foreign_keys[0].name == "tree_parent_fkey");
  CHECK(created->foreign_keys[0].ref_table_oid == created->oid);
  CHECK(created->foreign_keys[0].ref_index_oid == created->keys[0].index_oid);
  CHECK(created->referenced_by.size() == 1);
  f.Commit(*t);
}

TEST_CASE("DROP TABLE refuses a referenced table, drops its indexes with it, and rolls back") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  auto r = CreateReferenced(db, *t);
  TableDef def = MakeDef("t", {Col("r")});
  def.foreign_keys = {Fk({1}, r->oid, {1})};
  auto table = db.CreateTable(*t, def, kPath);
  f.Commit(*t);

  t = f.Begin();
  try {
    db.DropTable(*t, *r);
    FAIL("DROP TABLE r succeeded");
  } catch (const DbError& e) {
    CHECK(std::string(e.code().View()) == "2BP01");
    CHECK(e.message() == "cannot drop table r because other objects depend on it");
    CHECK(e.detail() == "constraint t_r_fkey on table t depends on table r");
    CHECK(e.hint() == "Use DROP ... CASCADE to drop the dependent objects too.");
  }
  f.Abort(*t);

  t = f.Begin();
  db.DropTable(*t, *db.LookupTable(*t, "", "t", kPath));
  auto r_now = db.LookupTable(*t, "", "r", kPath);
  CHECK(r_now->referenced_by.empty());
  db.DropTable(*t, *r_now);
  CHECK_FALSE(db.LookupIndex(*t, "", "r_pkey", kPath));
  f.Abort(*t);

  t = f.Begin();
  auto kept = db.LookupTable(*t, "", "r", kPath);
  REQUIRE(kept);
  CHECK(kept->referenced_by.size() == 1);
  CHECK(db.LookupIndex(*t, "", "r_pkey", kPath));
  db.DropTable(*t, *db.LookupTable(*t, "", "t", kPath));
  db.DropTable(*t, *kept);
  f.Commit(*t);
  for (const IndexInfo& index : r->indexes) CHECK_FALSE(f.cluster->storage().FileExists(index.file));
  CHECK_FALSE(f.cluster->storage().FileExists(table->file));
}

TEST_CASE("constraint and index names share the relation namespace") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  db.CreateTable(*t, MakeDef("t_pkey", {Col("a")}), kPath);
  TableDef def = MakeDef("t", {Col("a"), Col("b")});
  def.keys = {KeyConstraint{"", true, {1}}};
  auto table = db.CreateTable(*t, def, kPath);
  CHECK(table->keys[0].name == "t_pkey1");  // ChooseRelationName skips the taken name
  CHECK(SqlStateOf([&] { db.CreateTable(*t, MakeDef("t_pkey1", {Col("a")}), kPath); }) == "42P07");
  TableDef named = MakeDef("u", {Col("a"), Col("b")});
  named.keys = {KeyConstraint{"t", false, {1}}};
  CHECK(MessageOf([&] { db.CreateTable(*t, named, kPath); }) == "relation \"t\" already exists");
  named.keys = {KeyConstraint{"u_k", false, {1}}};
  named.checks = {CheckConstraint{"u_k", "a > 0", false}};
  CHECK(SqlStateOf([&] { db.CreateTable(*t, named, kPath); }) == "42710");
  CHECK(MessageOf([&] { db.CreateTable(*t, named, kPath); }) == "constraint \"u_k\" for relation \"u\" already exists");
  f.Commit(*t);
}

TEST_CASE("a rolled back CREATE TABLE removes its index files and frees the names") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  auto r = CreateReferenced(db, *t);
  f.Abort(*t);
  for (const IndexInfo& index : r->indexes) CHECK_FALSE(f.cluster->storage().FileExists(index.file));
  t = f.Begin();
  CHECK_FALSE(db.LookupIndex(*t, "", "r_pkey", kPath));
  CHECK(CreateReferenced(db, *t)->keys[0].name == "r_pkey");
  f.Commit(*t);
}

}  // namespace
}  // namespace lumadb::catalog

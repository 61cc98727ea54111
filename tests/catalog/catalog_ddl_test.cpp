#include <algorithm>

#include <doctest/doctest.h>

#include "catalog/catalog.h"
#include "catalog/search_path.h"
#include "catalog_test_util.h"
#include "common/row_codec.h"
#include "storage/heap_file.h"
#include "storage/storage_engine.h"

namespace lumadb::catalog {
namespace {

using testing::ClusterFixture;
using testing::MessageOf;
using testing::SqlStateOf;

const std::vector<std::string> kDefaultPath{"$user", "public"};

ColumnInfo Column(std::string name, TypeId type = TypeId::kInt4) {
  return ColumnInfo{std::move(name), TypeDesc{type, -1}, 0, false, std::nullopt};
}

TableDef Def(std::string name, std::vector<ColumnInfo> columns, std::string schema = "") {
  TableDef def;
  def.schema = std::move(schema);
  def.name = std::move(name);
  def.columns = std::move(columns);
  return def;
}

/// relname of every pg_class row, read straight from the heap as the executor would.
std::vector<std::string> RelNames(Catalog& db, txn::Transaction& t) {
  auto pg_class = db.LookupTable(t, "pg_catalog", "pg_class", {});
  std::vector<TypeId> types;
  for (const ColumnInfo& c : pg_class->columns) types.push_back(c.type.id);
  std::vector<std::string> names;
  auto it = db.Heap(*pg_class).Scan();
  storage::Rid rid;
  std::vector<std::byte> bytes;
  while (it.Next(&rid, &bytes)) names.push_back(DecodeRow(types, bytes)[1].GetString());
  return names;
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST_CASE("catalog relations are tables in pg_catalog, found first along any search_path") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  auto pg_class = db.LookupTable(*t, "", "pg_class", kDefaultPath);
  REQUIRE(pg_class);
  CHECK(pg_class->oid == 1259);
  CHECK(pg_class->schema == "pg_catalog");
  CHECK(pg_class->namespace_oid == kPgCatalogNamespace);
  CHECK(pg_class->relkind == 'r');
  CHECK(pg_class->columns.at(1).name == "relname");
  CHECK(pg_class->columns.at(1).attnum == 2);
  auto pg_database = db.LookupTable(*t, "pg_catalog", "pg_database", {});
  REQUIRE(pg_database);
  CHECK(pg_database->file == storage::FileId{0, 1262});  // shared, under global/
  auto names = RelNames(db, *t);
  for (const char* rel : {"pg_namespace", "pg_class", "pg_attribute", "pg_attrdef", "pg_constraint", "pg_depend",
                          "pg_index", "pg_sequence", "pg_type", "pg_database", "pg_authid"}) {
    CHECK(Has(names, rel));
  }
  CHECK_FALSE(db.LookupTable(*t, "", "nosuch", kDefaultPath));
  CHECK_FALSE(db.LookupTable(*t, "nosuch", "pg_class", kDefaultPath));
  f.Commit(*t);
}

TEST_CASE("CREATE TABLE records columns, defaults, keys and fillfactor") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  TableDef def = Def("t", {Column("a"), Column("b", TypeId::kText), Column("c")});
  def.columns[1].default_expr = "'x'::text";
  def.columns[2].not_null = true;
  def.keys = {KeyConstraint{"", false, {2}}, KeyConstraint{"", true, {1}}, KeyConstraint{"", false, {2, 3}},
              KeyConstraint{"", false, {1}}};
  def.fillfactor = 70;
  auto table = db.CreateTable(*t, def, kDefaultPath);
  REQUIRE(table);
  CHECK(table->oid >= kFirstNormalObjectId);
  CHECK(table->file == storage::FileId{5, table->oid});
  CHECK(table->schema == "public");
  CHECK(table->fillfactor == 70);
  REQUIRE(table->columns.size() == 3);
  CHECK(table->columns[0].not_null);  // primary key column
  CHECK(table->columns[1].attnum == 2);
  CHECK(table->columns[1].default_expr == std::optional<std::string>("'x'::text"));
  CHECK(table->columns[2].not_null);
  // PostgreSQL: the primary key first; UNIQUE(a) is redundant with it and dropped.
  REQUIRE(table->keys.size() == 3);
  CHECK(table->keys[0].name == "t_pkey");
  CHECK(table->keys[0].primary);
  CHECK(table->keys[1].name == "t_b_key");
  CHECK(table->keys[2].name == "t_b_c_key");
  CHECK(table->keys[2].attnums == std::vector<int16_t>{2, 3});
  CHECK(f.cluster->storage().FileExists(table->file));

  // A second table whose generated name would collide gets a numbered one.
  TableDef dup = Def("t_b", {Column("key")});
  dup.keys = {KeyConstraint{"", false, {1}}};
  CHECK(db.CreateTable(*t, dup, kDefaultPath)->keys[0].name == "t_b_key_key");
  f.Commit(*t);

  t = f.Begin();
  auto again = db.LookupTable(*t, "public", "t", {});
  REQUIRE(again);
  CHECK(again->keys.size() == 3);
  CHECK(again->columns[1].default_expr == std::optional<std::string>("'x'::text"));
  f.Commit(*t);
}

TEST_CASE("generated constraint names are shortened to 63 bytes as PostgreSQL's makeObjectName does") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  TableDef def = Def(std::string(60, 'a'), {Column(std::string(46, 'b')), Column("c")});
  def.keys = {KeyConstraint{"", false, {1}}, KeyConstraint{"", true, {2}}};
  auto table = db.CreateTable(*t, def, kDefaultPath);
  REQUIRE(table->keys.size() == 2);
  CHECK(table->keys[0].name == std::string(58, 'a') + "_pkey");
  CHECK(table->keys[1].name == std::string(29, 'a') + "_" + std::string(29, 'b') + "_key");
  // Never cut inside a UTF-8 character: "x" + 30 two-byte characters; 58 bytes would split the 29th.
  std::string wide = "x";
  for (int i = 0; i < 30; ++i) wide += "\xc3\xa9";
  TableDef utf8 = Def(wide, {Column("c")});
  utf8.keys = {KeyConstraint{"", true, {1}}};
  CHECK(db.CreateTable(*t, utf8, kDefaultPath)->keys[0].name == wide.substr(0, 57) + "_pkey");
  f.Commit(*t);
}

TEST_CASE("CREATE TABLE errors carry PostgreSQL's SQLSTATEs and wording") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  db.CreateTable(*t, Def("t", {Column("a")}), kDefaultPath);
  CHECK(SqlStateOf([&] { db.CreateTable(*t, Def("t", {Column("x")}), kDefaultPath); }) == "42P07");
  CHECK(MessageOf([&] { db.CreateTable(*t, Def("t", {Column("x")}), kDefaultPath); }) ==
        "relation \"t\" already exists");
  CHECK(SqlStateOf([&] { db.CreateTable(*t, Def("u", {Column("a"), Column("a")}), kDefaultPath); }) == "42701");
  CHECK(MessageOf([&] {
          db.CreateTable(*t, Def("u", {Column("a"), Column("a")}), kDefaultPath);
        }) == "column \"a\" specified more than once");
  CHECK(MessageOf([&] { db.CreateTable(*t, Def("u", {Column("a")}), {"nosuch"}); }) ==
        "no schema has been selected to create in");
  CHECK(SqlStateOf([&] { db.CreateTable(*t, Def("u", {Column("a")}), {}); }) == "3F000");
  CHECK(MessageOf([&] { db.CreateTable(*t, Def("u", {Column("a")}, "nosuch"), kDefaultPath); }) ==
        "schema \"nosuch\" does not exist");
  CHECK(SqlStateOf([&] { db.CreateTable(*t, Def("u", {Column("a")}, "pg_catalog"), kDefaultPath); }) == "42501");
  TableDef two_pks = Def("p", {Column("a"), Column("b")});
  two_pks.keys = {KeyConstraint{"", true, {1}}, KeyConstraint{"", true, {2}}};
  CHECK(SqlStateOf([&] { db.CreateTable(*t, two_pks, kDefaultPath); }) == "42P16");
  TableDef bad_ff = Def("p", {Column("a")});
  bad_ff.fillfactor = 5;
  CHECK(SqlStateOf([&] { db.CreateTable(*t, bad_ff, kDefaultPath); }) == "22023");
  CHECK_FALSE(db.LookupTable(*t, "", "u", kDefaultPath));
  f.Commit(*t);
}

TEST_CASE("uncommitted DDL is invisible to other transactions, rolled back DDL leaves nothing") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  uint64_t version = db.version();
  auto t = f.Begin();
  auto table = db.CreateTable(*t, Def("ghost", {Column("a")}), kDefaultPath);
  storage::FileId file = table->file;
  CHECK(db.LookupTable(*t, "", "ghost", kDefaultPath));
  auto reader = f.Begin();
  CHECK_FALSE(db.LookupTable(*reader, "", "ghost", kDefaultPath));
  f.Commit(*reader);
  CHECK(f.cluster->storage().FileExists(file));
  f.Abort(*t);
  CHECK(db.version() > version);

  t = f.Begin();
  CHECK_FALSE(db.LookupTable(*t, "", "ghost", kDefaultPath));
  CHECK_FALSE(Has(RelNames(db, *t), "ghost"));
  CHECK_FALSE(f.cluster->storage().FileExists(file));
  f.Commit(*t);
}

TEST_CASE("DROP TABLE unlinks the file at commit; rolled back it keeps the table") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  db.CreateTable(*t, Def("d", {Column("a")}), kDefaultPath);
  f.Commit(*t);

  t = f.Begin();
  auto table = db.LookupTable(*t, "", "d", kDefaultPath);
  db.DropTable(*t, *table);
  CHECK_FALSE(db.LookupTable(*t, "", "d", kDefaultPath));
  f.Abort(*t);
  t = f.Begin();
  CHECK(db.LookupTable(*t, "", "d", kDefaultPath));
  CHECK(f.cluster->storage().FileExists(table->file));
  db.DropTable(*t, *table);
  CHECK(f.cluster->storage().FileExists(table->file));
  f.Commit(*t);
  CHECK_FALSE(f.cluster->storage().FileExists(table->file));

  t = f.Begin();
  CHECK_FALSE(db.LookupTable(*t, "", "d", kDefaultPath));
  CHECK_FALSE(Has(RelNames(db, *t), "d"));
  auto pg_class = db.LookupTable(*t, "", "pg_class", kDefaultPath);
  CHECK(MessageOf([&] { db.DropTable(*t, *pg_class); }) == "permission denied: \"pg_class\" is a system catalog");
  CHECK(SqlStateOf([&] { db.TruncateTable(*t, *pg_class); }) == "42501");
  f.Commit(*t);
}

TEST_CASE("TRUNCATE swaps in a new file; rollback restores the old one") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  std::vector<TypeId> types{TypeId::kInt4};
  auto count_rows = [&](const TableInfo& table) {
    int n = 0;
    auto it = db.Heap(table).Scan();
    storage::Rid rid;
    std::vector<std::byte> bytes;
    while (it.Next(&rid, &bytes)) ++n;
    return n;
  };
  auto t = f.Begin();
  auto table = db.CreateTable(*t, Def("tr", {Column("a")}), kDefaultPath);
  db.Heap(*table).Insert(t->log(), EncodeRow(types, Row{Value::Int4(1)}));
  f.Commit(*t);

  t = f.Begin();
  db.TruncateTable(*t, *table);
  auto truncated = db.LookupTable(*t, "", "tr", kDefaultPath);
  CHECK(truncated->oid == table->oid);
  CHECK_FALSE(truncated->file == table->file);
  CHECK(count_rows(*truncated) == 0);
  f.Abort(*t);
  CHECK_FALSE(f.cluster->storage().FileExists(truncated->file));
  t = f.Begin();
  auto restored = db.LookupTable(*t, "", "tr", kDefaultPath);
  CHECK(restored->file == table->file);
  CHECK(count_rows(*restored) == 1);

  db.TruncateTable(*t, *restored);
  truncated = db.LookupTable(*t, "", "tr", kDefaultPath);
  f.Commit(*t);
  CHECK_FALSE(f.cluster->storage().FileExists(table->file));
  CHECK(f.cluster->storage().FileExists(truncated->file));
  t = f.Begin();
  CHECK(count_rows(*db.LookupTable(*t, "", "tr", kDefaultPath)) == 0);
  f.Commit(*t);
}

TEST_CASE("schemas and search_path resolution") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  db.CreateSchema(*t, "alice");
  CHECK(SqlStateOf([&] { db.CreateSchema(*t, "alice"); }) == "42P06");
  CHECK(MessageOf([&] { db.CreateSchema(*t, "alice"); }) == "schema \"alice\" already exists");
  CHECK(SqlStateOf([&] { db.CreateSchema(*t, "pg_mine"); }) == "42939");
  auto alice = db.LookupNamespace(*t, "alice");
  REQUIRE(alice);
  CHECK(*alice >= kFirstNormalObjectId);

  auto as_alice = ExpandSearchPath(kDefaultPath, "alice");
  CHECK(as_alice == std::vector<std::string>{"alice", "public"});
  // "$user" resolves to the user's schema when it exists, so CREATE lands there...
  CHECK(db.CreateTable(*t, Def("x", {Column("a")}), as_alice)->schema == "alice");
  // ...and is skipped when it does not.
  auto as_bob = ExpandSearchPath(kDefaultPath, "bob");
  CHECK(db.CreateTable(*t, Def("x", {Column("a")}), as_bob)->schema == "public");
  CHECK(db.LookupTable(*t, "", "x", as_alice)->schema == "alice");
  CHECK(db.LookupTable(*t, "", "x", as_bob)->schema == "public");
  CHECK(db.LookupTable(*t, "alice", "x", as_bob)->schema == "alice");

  // pg_catalog is searched first unless the path lists it.
  db.CreateTable(*t, Def("pg_class", {Column("a")}, "public"), as_bob);
  CHECK(db.LookupTable(*t, "", "pg_class", {"public"})->schema == "pg_catalog");
  CHECK(db.LookupTable(*t, "", "pg_class", {"public", "pg_catalog"})->schema == "public");
  f.Commit(*t);
}

TEST_CASE("DROP SCHEMA: 2BP01 unless CASCADE, which drops the tables") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  db.CreateSchema(*t, "s");
  auto u = db.CreateTable(*t, Def("u", {Column("a")}, "s"), kDefaultPath);
  f.Commit(*t);

  t = f.Begin();
  Oid s = *db.LookupNamespace(*t, "s");
  try {
    db.DropSchema(*t, s, false);
    FAIL("expected 2BP01");
  } catch (const DbError& e) {
    CHECK(e.code().View() == "2BP01");
    CHECK(e.message() == "cannot drop schema s because other objects depend on it");
    CHECK(e.detail() == std::optional<std::string>("table s.u depends on schema s"));
  }
  CHECK(SqlStateOf([&] { db.DropSchema(*t, kPgCatalogNamespace, true); }) == "2BP01");
  db.DropSchema(*t, s, true);
  CHECK_FALSE(db.LookupNamespace(*t, "s"));
  CHECK_FALSE(db.LookupTable(*t, "s", "u", {}));
  f.Commit(*t);
  CHECK_FALSE(f.cluster->storage().FileExists(u->file));

  t = f.Begin();
  db.DropSchema(*t, kPublicNamespace, false);  // empty: allowed, as in PostgreSQL
  CHECK_FALSE(db.LookupNamespace(*t, "public"));
  f.Abort(*t);
  t = f.Begin();
  CHECK(db.LookupNamespace(*t, "public"));
  f.Commit(*t);
}

}  // namespace
}  // namespace lumadb::catalog

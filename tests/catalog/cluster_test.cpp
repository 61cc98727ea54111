#include "catalog/cluster.h"

#include <fstream>

#include <doctest/doctest.h>

#include "catalog_test_util.h"
#include "common/row_codec.h"
#include "storage/heap_file.h"
#include "storage/storage_engine.h"
#include "txn/transaction_manager.h"

namespace lumadb::catalog {
namespace {

using testing::ClusterFixture;
using testing::MessageOf;
using testing::SqlStateOf;
using testing::TempDir;

TEST_CASE("Init lays out a data directory that Exists recognises") {
  TempDir tmp;
  CHECK_FALSE(Cluster::Exists(tmp.data()));
  Cluster::Init(tmp.data(), InitOptions{});
  CHECK(Cluster::Exists(tmp.data()));
  std::ifstream version(tmp.data() / "PG_VERSION");
  std::string text;
  version >> text;
  CHECK(text == "15");
  CHECK(std::filesystem::exists(tmp.data() / "global" / "1262"));
  CHECK(std::filesystem::exists(tmp.data() / "global" / "1260"));
  CHECK(std::filesystem::exists(tmp.data() / "base" / "5" / "1259"));
  CHECK(std::filesystem::exists(tmp.data() / "base" / "1" / "2615"));
  CHECK_FALSE(std::filesystem::exists(tmp.data() / "lumadb.conf"));
}

TEST_CASE("Init refuses a non-empty directory; opening a non-data directory fails") {
  TempDir tmp;
  std::ofstream(tmp.path() / "stray") << "x";
  CHECK(SqlStateOf([&] { Cluster::Init(tmp.path(), InitOptions{}); }) == "58030");
  CHECK(MessageOf([&] { Cluster::Init(tmp.path(), InitOptions{}); }) ==
        "directory \"" + tmp.path().string() + "\" exists but is not empty");
  CHECK(SqlStateOf([&] { Cluster c(tmp.path(), 16); }) == "58030");
  // An existing empty directory is fine, as for initdb.
  std::filesystem::create_directories(tmp.path() / "empty");
  Cluster::Init(tmp.path() / "empty", InitOptions{});
  CHECK(Cluster::Exists(tmp.path() / "empty"));
}

TEST_CASE("roles and databases of a new cluster") {
  ClusterFixture f;
  auto t = f.Begin();
  auto role = f.cluster->LookupRole(*t, "postgres");
  REQUIRE(role);
  CHECK(role->oid == 10);
  CHECK(role->superuser);
  CHECK(role->can_login);
  CHECK(role->password == std::optional<std::string>("secret"));
  CHECK_FALSE(f.cluster->LookupRole(*t, "nobody"));

  auto dbs = f.cluster->ListDatabases(*t);
  REQUIRE(dbs.size() == 2);
  CHECK(dbs[0].name == "template1");
  CHECK(dbs[0].oid == 1);
  CHECK(dbs[1].name == "postgres");
  CHECK(dbs[1].oid == 5);
  CHECK(dbs[1].owner == 10);
  CHECK_FALSE(f.cluster->LookupDatabase(*t, "nosuch"));
  f.Commit(*t);

  Catalog& postgres = f.Postgres();
  CHECK(postgres.database_oid() == 5);
  CHECK(&postgres == &f.Postgres());  // one shared Catalog per database
}

TEST_CASE("CREATE DATABASE: private until commit, 42P04 on a duplicate") {
  ClusterFixture f;
  auto creator = f.Begin();
  f.cluster->CreateDatabase(*creator, "shop", 10);
  CHECK(f.cluster->LookupDatabase(*creator, "shop"));
  CHECK(SqlStateOf([&] { f.cluster->CreateDatabase(*creator, "shop", 10); }) == "42P04");
  CHECK(MessageOf([&] { f.cluster->CreateDatabase(*creator, "postgres", 10); }) ==
        "database \"postgres\" already exists");
  auto other = f.Begin();
  CHECK_FALSE(f.cluster->LookupDatabase(*other, "shop"));
  f.Commit(*other);
  f.Commit(*creator);

  auto t = f.Begin();
  auto shop = f.cluster->LookupDatabase(*t, "shop");
  REQUIRE(shop);
  CHECK(shop->oid >= kFirstNormalObjectId);
  Catalog& catalog = f.cluster->OpenDatabase(*shop);
  CHECK(catalog.LookupNamespace(*t, "public") == std::optional<Oid>(kPublicNamespace));
  CHECK(catalog.LookupTable(*t, "", "pg_class", {"public"}));
  f.Commit(*t);
}

TEST_CASE("CREATE DATABASE rolled back leaves no row and no files") {
  ClusterFixture f;
  auto t = f.Begin();
  f.cluster->CreateDatabase(*t, "gone", 10);
  auto oid = f.cluster->LookupDatabase(*t, "gone")->oid;
  CHECK(std::filesystem::exists(f.tmp.data() / "base" / std::to_string(oid)));
  f.Abort(*t);
  CHECK_FALSE(std::filesystem::exists(f.tmp.data() / "base" / std::to_string(oid)));
  auto t2 = f.Begin();
  CHECK_FALSE(f.cluster->LookupDatabase(*t2, "gone"));
  CHECK(f.cluster->ListDatabases(*t2).size() == 2);
  f.Commit(*t2);
}

TEST_CASE("DROP DATABASE removes the files at commit") {
  ClusterFixture f;
  auto t = f.Begin();
  f.cluster->CreateDatabase(*t, "tmpdb", 10);
  f.Commit(*t);
  t = f.Begin();
  auto oid = f.cluster->LookupDatabase(*t, "tmpdb")->oid;
  auto dir = f.tmp.data() / "base" / std::to_string(oid);
  f.cluster->DropDatabase(*t, "tmpdb", false);
  CHECK(std::filesystem::exists(dir));
  f.Commit(*t);
  CHECK_FALSE(std::filesystem::exists(dir));

  t = f.Begin();
  CHECK_FALSE(f.cluster->LookupDatabase(*t, "tmpdb"));
  CHECK(SqlStateOf([&] { f.cluster->DropDatabase(*t, "tmpdb", false); }) == "3D000");
  CHECK(MessageOf([&] { f.cluster->DropDatabase(*t, "tmpdb", false); }) == "database \"tmpdb\" does not exist");
  CHECK(SqlStateOf([&] { f.cluster->DropDatabase(*t, "tmpdb", true); }) == "none");
  CHECK(SqlStateOf([&] { f.cluster->DropDatabase(*t, "template1", false); }) == "42809");
  f.Commit(*t);
}

TEST_CASE("DROP DATABASE rolled back keeps the database") {
  ClusterFixture f;
  auto t = f.Begin();
  f.cluster->DropDatabase(*t, "postgres", false);
  CHECK_FALSE(f.cluster->LookupDatabase(*t, "postgres"));
  f.Abort(*t);
  CHECK(std::filesystem::exists(f.tmp.data() / "base" / "5" / "1259"));
  t = f.Begin();
  CHECK(f.cluster->LookupDatabase(*t, "postgres"));
  f.Commit(*t);
}

TEST_CASE("catalog and data survive a clean restart; OIDs are not reused") {
  ClusterFixture f;
  Oid first_oid = 0;
  {
    Catalog& db = f.Postgres();
    auto t = f.Begin();
    TableDef def;
    def.name = "kept";
    def.columns = {ColumnInfo{"id", TypeDesc{TypeId::kInt4, -1}, 0, false, std::nullopt}};
    auto table = db.CreateTable(*t, def, {"public"});
    first_oid = table->oid;
    std::vector<TypeId> types{TypeId::kInt4};
    db.Heap(*table).Insert(t->log(), EncodeRow(types, Row{Value::Int4(42)}));
    f.cluster->CreateDatabase(*t, "other", 10);
    f.Commit(*t);
  }
  f.Restart();
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  auto table = db.LookupTable(*t, "", "kept", {"public"});
  REQUIRE(table);
  CHECK(table->oid == first_oid);
  auto it = db.Heap(*table).Scan();
  storage::Rid rid;
  std::vector<std::byte> bytes;
  REQUIRE(it.Next(&rid, &bytes));
  std::vector<TypeId> types{TypeId::kInt4};
  CHECK(DecodeRow(types, bytes)[0].GetInt() == 42);
  CHECK(f.cluster->LookupDatabase(*t, "other"));
  TableDef def;
  def.name = "later";
  def.columns = {ColumnInfo{"id", TypeDesc{TypeId::kInt4, -1}, 0, false, std::nullopt}};
  CHECK(db.CreateTable(*t, def, {"public"})->oid > first_oid);
  f.Commit(*t);
}

}  // namespace
}  // namespace lumadb::catalog

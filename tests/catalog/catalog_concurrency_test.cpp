#include <atomic>
#include <chrono>
#include <thread>

#include <doctest/doctest.h>

#include "catalog/catalog.h"
#include "catalog_test_util.h"

namespace lumadb::catalog {
namespace {

using testing::ClusterFixture;
using testing::SqlStateOf;

const std::vector<std::string> kPath{"public"};

TableDef Def(std::string name) {
  TableDef def;
  def.name = std::move(name);
  def.columns = {ColumnInfo{"a", TypeDesc{TypeId::kInt4, -1}, 0, false, std::nullopt}};
  return def;
}

TEST_CASE("DDL is serialised: a second DDL waits, then sees the first one's committed result") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto first = f.Begin();
  db.CreateTable(*first, Def("race"), kPath);

  std::atomic<bool> done{false};
  std::string second_state;
  std::thread second_thread([&] {
    auto second = f.Begin();
    second_state = SqlStateOf([&] { db.CreateTable(*second, Def("race"), kPath); });
    f.Abort(*second);
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK_FALSE(done.load());  // blocked on the catalog locks
  f.Commit(*first);
  second_thread.join();
  CHECK(second_state == "42P07");

  auto t = f.Begin();
  CHECK(db.LookupTable(*t, "", "race", kPath));
  f.Commit(*t);
}

TEST_CASE("readers of the committed catalog do not wait for a DDL in progress") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto ddl = f.Begin();
  db.CreateTable(*ddl, Def("pending"), kPath);
  std::atomic<bool> found{true};
  std::thread reader_thread([&] {
    auto reader = f.Begin();
    found = db.LookupTable(*reader, "", "pending", kPath) != nullptr || !db.LookupTable(*reader, "", "pg_class", kPath);
    f.Commit(*reader);
  });
  reader_thread.join();  // would hang if lookups waited for the DDL's locks
  CHECK_FALSE(found.load());
  f.Commit(*ddl);
}

}  // namespace
}  // namespace lumadb::catalog

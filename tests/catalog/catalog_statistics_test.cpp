// pg_statistic and pg_class.reltuples/relpages: StoreStatistics writes them in the caller's transaction,
// TableInfo::statistics publishes them parsed, and DDL moves or removes them with their columns.
#include <doctest/doctest.h>

#include "catalog/catalog.h"
#include "catalog_test_util.h"
#include "common/row_codec.h"
#include "storage/heap_file.h"

namespace lumadb::catalog {
namespace {

using testing::ClusterFixture;
using testing::Col;
using testing::MakeDef;
using testing::SqlStateOf;

const std::vector<std::string> kPath{"public"};

/// Statistics of column `attnum` with an MCV list of the given text values.
ColumnStatistics TextStats(int16_t attnum, std::vector<std::string> values, float null_frac) {
  ColumnStatistics s;
  s.attnum = attnum;
  s.null_frac = null_frac;
  s.avg_width = 5;
  s.n_distinct = static_cast<float>(values.size());
  for (auto& v : values) {
    s.mcv_values.push_back(Value::String(std::move(v)));
    s.mcv_freqs.push_back(0.25f);
  }
  s.correlation = -0.5f;
  return s;
}

ColumnStatistics IntStats(int16_t attnum) {
  ColumnStatistics s;
  s.attnum = attnum;
  s.avg_width = 4;
  s.n_distinct = -1;
  s.histogram = {Value::Int4(1), Value::Int4(50), Value::Int4(100)};
  return s;
}

/// The kinds, stanumbers1, stavalues1 and stanumbers2 of a pg_statistic row as stored (text), read as the executor
/// would.
std::vector<std::string> StoredSlots(Catalog& db, txn::Transaction& t, Oid relid, int16_t attnum) {
  auto rel = db.LookupTable(t, "pg_catalog", "pg_statistic", {});
  REQUIRE(rel);
  std::vector<TypeId> types;
  for (const ColumnInfo& c : rel->columns) types.push_back(c.type.id);
  auto it = db.Heap(*rel).Scan();
  storage::Rid rid;
  std::vector<std::byte> bytes;
  while (it.Next(&rid, &bytes)) {
    Row r = DecodeRow(types, bytes);
    if (static_cast<Oid>(r[0].GetInt()) != relid || r[1].GetInt() != attnum) continue;
    auto text = [](const Value& v) { return v.is_null() ? std::string("NULL") : v.GetString(); };
    // kind1 kind2 kind3, then stanumbers1, stavalues1, stanumbers2.
    return {std::to_string(r[6].GetInt()) + " " + std::to_string(r[7].GetInt()) + " " + std::to_string(r[8].GetInt()),
            text(r[21]), text(r[26]), text(r[22])};
  }
  return {};
}

}  // namespace

TEST_CASE("StoreStatistics writes pg_statistic and pg_class; the TableInfo shows them parsed") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  auto table = db.CreateTable(*t, MakeDef("s", {Col("id"), Col("name", TypeId::kText)}), kPath);
  f.Commit(*t);
  CHECK(table->reltuples == -1);
  CHECK(table->relpages == 0);
  CHECK_FALSE(table->statistics);

  t = f.Begin();
  AnalyzeResult result{1000, 7, {IntStats(1), TextStats(2, {"a", "b c", "x\"y", "NULL"}, 0.125f)}};
  db.StoreStatistics(*t, *table, result);
  // PostgreSQL's array text: quotes around elements with spaces, quotes or the word NULL.
  CHECK(StoredSlots(db, *t, table->oid, 2) ==
        std::vector<std::string>{"1 3 0", "{0.25,0.25,0.25,0.25}", R"({a,"b c","x\"y","NULL"})", "{-0.5}"});
  CHECK(StoredSlots(db, *t, table->oid, 1) == std::vector<std::string>{"2 0 0", "NULL", "{1,50,100}", "NULL"});
  f.Commit(*t);

  f.Restart();
  Catalog& again = f.Postgres();
  t = f.Begin();
  auto read = again.LookupTable(*t, "", "s", kPath);
  REQUIRE(read);
  CHECK(read->reltuples == 1000);
  CHECK(read->relpages == 7);
  REQUIRE(read->statistics);
  const ColumnStatistics* name = read->statistics->Column(2);
  REQUIRE(name);
  CHECK(name->null_frac == 0.125f);
  CHECK(name->n_distinct == 4);
  REQUIRE(name->mcv_values.size() == 4);
  CHECK(name->mcv_values[1].GetString() == "b c");
  CHECK(name->mcv_values[2].GetString() == "x\"y");
  CHECK(name->mcv_values[3].GetString() == "NULL");
  CHECK(name->correlation == -0.5f);
  const ColumnStatistics* id = read->statistics->Column(1);
  REQUIRE(id);
  REQUIRE(id->histogram.size() == 3);
  CHECK(id->histogram[1].GetInt() == 50);
  CHECK(id->mcv_values.empty());
  f.Commit(*t);
}

TEST_CASE("a rolled-back ANALYZE leaves the previous statistics; a new one replaces only its columns") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  auto table = db.CreateTable(*t, MakeDef("s", {Col("id"), Col("name", TypeId::kText)}), kPath);
  db.StoreStatistics(*t, *table, AnalyzeResult{10, 1, {IntStats(1), TextStats(2, {"a"}, 0)}});
  f.Commit(*t);

  t = f.Begin();
  db.StoreStatistics(*t, *table, AnalyzeResult{20, 2, {TextStats(2, {"p", "q"}, 0.5f)}});
  CHECK(db.TableByOid(*t, table->oid)->reltuples == 20);  // the transaction sees its own
  f.Abort(*t);
  t = f.Begin();
  auto now = db.TableByOid(*t, table->oid);
  CHECK(now->reltuples == 10);
  CHECK(now->statistics->Column(2)->mcv_values.size() == 1);

  db.StoreStatistics(*t, *now, AnalyzeResult{20, 2, {TextStats(2, {"p", "q"}, 0.5f)}});
  f.Commit(*t);
  t = f.Begin();
  now = db.TableByOid(*t, table->oid);
  CHECK(now->reltuples == 20);
  CHECK(now->statistics->Column(2)->mcv_values.size() == 2);
  CHECK(now->statistics->Column(1)->histogram.size() == 3);  // not analyzed this time: kept
  CHECK(SqlStateOf([&] {
          db.StoreStatistics(*t, *db.LookupTable(*t, "pg_catalog", "pg_statistic", {}), AnalyzeResult{});
        }) == "42501");
  f.Commit(*t);
}

TEST_CASE("DDL moves statistics with their column and removes those of dropped or retyped ones") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  auto table = db.CreateTable(*t, MakeDef("s", {Col("a"), Col("b"), Col("c", TypeId::kText), Col("d")}), kPath);
  db.StoreStatistics(*t, *table, AnalyzeResult{10, 1, {IntStats(1), IntStats(2), TextStats(3, {"x"}, 0), IntStats(4)}});
  f.Commit(*t);

  // DROP COLUMN a (b, c, d move down), RENAME d TO e, ALTER b TYPE int8.
  t = f.Begin();
  TableInfo def = *db.TableByOid(*t, table->oid);
  def.columns.erase(def.columns.begin());
  def.columns[0].type = TypeDesc{TypeId::kInt8, -1};
  def.columns[2].name = "e";
  auto altered = db.ReplaceTableDef(*t, *db.TableByOid(*t, table->oid), def, true);
  f.Commit(*t);
  t = f.Begin();
  altered = db.TableByOid(*t, table->oid);
  CHECK(altered->reltuples == 10);
  REQUIRE(altered->statistics);
  CHECK(altered->statistics->columns.size() == 2);
  CHECK_FALSE(altered->statistics->Column(1));  // b, retyped
  REQUIRE(altered->statistics->Column(2));      // c
  CHECK(altered->statistics->Column(2)->mcv_values.at(0).GetString() == "x");
  REQUIRE(altered->statistics->Column(3));  // d, now e
  CHECK(altered->statistics->Column(3)->histogram.size() == 3);

  // TRUNCATE forgets the size, keeps the rows; DROP TABLE removes them.
  db.TruncateTable(*t, *altered);
  f.Commit(*t);
  t = f.Begin();
  auto truncated = db.TableByOid(*t, table->oid);
  CHECK(truncated->reltuples == -1);
  CHECK(truncated->relpages == 0);
  CHECK(truncated->statistics);
  db.DropTable(*t, *truncated);
  CHECK(StoredSlots(db, *t, table->oid, 2).empty());
  CHECK(StoredSlots(db, *t, table->oid, 3).empty());
  f.Commit(*t);
}

}  // namespace lumadb::catalog

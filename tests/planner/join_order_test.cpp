// Join planning (planner/src/join_order.cpp, join_paths.cpp, join_cost.cpp): the order the dynamic
// programming search picks over analyzed tables of very different sizes, the method chosen per join, the
// enable_* settings, and the FULL JOIN restriction. Expected plans are PostgreSQL 15's for the same sizes.
#include <doctest/doctest.h>

#include "binder_fixture.h"
#include "planner/planner_settings.h"

using namespace lumadb;

namespace {

using planner::testing::FakeCatalog;

std::shared_ptr<catalog::TableInfo> Analyzed(Oid oid, std::string name, double tuples, int32_t pages,
                                             std::vector<std::pair<std::string, float>> cols) {
  auto t = std::make_shared<catalog::TableInfo>();
  t->oid = oid;
  t->schema = "public";
  t->name = std::move(name);
  t->reltuples = tuples;
  t->relpages = pages;
  catalog::TableStatistics stats;
  int16_t attnum = 1;
  for (auto& [n, distinct] : cols) {
    t->columns.push_back({n, {TypeId::kInt4, -1}, attnum, false, std::nullopt, 0, 0});
    catalog::ColumnStatistics c;
    c.attnum = attnum++;
    c.avg_width = 4;
    c.n_distinct = distinct;
    stats.columns.push_back(c);
  }
  t->statistics = std::make_shared<const catalog::TableStatistics>(stats);
  t->indexes.push_back({oid + 100, t->name + "_pkey", oid, true, true, {{1, false, false}}, {}});
  return t;
}

/// A star schema: fact(id, a_id, b_id, amount) with 10000 rows, dim_a(id, grp) with 10, dim_b(id, grp)
/// with 100; each has a primary key on id.
class StarCatalog : public FakeCatalog {
 public:
  StarCatalog() {
    fact_ = Analyzed(17000, "fact", 10000, 55, {{"id", -1}, {"a_id", 10}, {"b_id", 100}, {"amount", 1000}});
    dim_a_ = Analyzed(17001, "dim_a", 10, 1, {{"id", -1}, {"grp", 2}});
    dim_b_ = Analyzed(17002, "dim_b", 100, 1, {{"id", -1}, {"grp", 5}});
  }
  std::shared_ptr<const catalog::TableInfo> LookupTable(txn::Transaction& txn, std::string_view schema,
                                                        std::string_view name,
                                                        const std::vector<std::string>& path) override {
    if (name == "fact") return fact_;
    if (name == "dim_a") return dim_a_;
    if (name == "dim_b") return dim_b_;
    return FakeCatalog::LookupTable(txn, schema, name, path);
  }

 private:
  std::shared_ptr<catalog::TableInfo> fact_, dim_a_, dim_b_;
};

struct StarFixture {
  StarCatalog catalog;
  txn::Transaction txn{1, txn::IsolationLevel::kReadCommitted, false};

  /// EXPLAIN (COSTS OFF) of a SELECT, one string with a line per node or property.
  std::string Plan(const std::string& sql) {
    auto stmts = parser::Parse(sql);
    planner::Binder binder(catalog, txn, {"public"}, sql);
    auto plan = binder.BindSelect(stmts.at(0)->As<ast::SelectStmt>());
    std::string out;
    for (const auto& line : planner::ExplainText(*plan, planner::ExplainOptions{false, false, false})) {
      out += line + "\n";
    }
    return out;
  }
};

}  // namespace

TEST_CASE_FIXTURE(StarFixture, "the small side of an equi-join is hashed, whatever the FROM order") {
  const std::string expected =
      "Hash Join\n"
      "  Hash Cond: (f.a_id = a.id)\n"
      "  ->  Seq Scan on fact f\n"
      "  ->  Hash\n"
      "        ->  Seq Scan on dim_a a\n";
  CHECK(Plan("select * from fact f, dim_a a where f.a_id = a.id") == expected);
  CHECK(Plan("select * from dim_a a, fact f where a.id = f.a_id") == expected);
}

TEST_CASE_FIXTURE(StarFixture, "three tables: the fact table is probed by both dimensions' hashes") {
  std::string plan = Plan(
      "select count(*) from dim_a a join dim_b b on true join fact f on f.b_id = b.id where f.a_id = a.id "
      "and b.grp = 1");
  // The filtered dimension joins the fact table first; no cross product of the two dimensions.
  CHECK(plan.find("Nested Loop") == std::string::npos);
  CHECK(plan ==
        "Aggregate\n"
        "  ->  Hash Join\n"
        "        Hash Cond: (f.a_id = a.id)\n"
        "        ->  Hash Join\n"
        "              Hash Cond: (f.b_id = b.id)\n"
        "              ->  Seq Scan on fact f\n"
        "              ->  Hash\n"
        "                    ->  Seq Scan on dim_b b\n"
        "                          Filter: (grp = 1)\n"
        "        ->  Hash\n"
        "              ->  Seq Scan on dim_a a\n");
}

TEST_CASE_FIXTURE(StarFixture, "the output keeps the FROM clause's column order after reordering") {
  auto stmts = parser::Parse("select * from dim_a a, fact f where a.id = f.a_id");
  planner::Binder binder(catalog, txn, {"public"}, "");
  auto plan = binder.BindSelect(stmts.at(0)->As<ast::SelectStmt>());
  REQUIRE(plan->output.size() == 6);
  CHECK(plan->output[0].name == "id");
  CHECK(plan->output[1].name == "grp");
  CHECK(plan->output[3].name == "a_id");
}

TEST_CASE_FIXTURE(StarFixture, "a selective outer side probes the other table's index") {
  CHECK(Plan("select * from fact f1 join fact f2 on f1.id = f2.id where f1.amount = 5") ==
        "Nested Loop\n"
        "  ->  Seq Scan on fact f1\n"
        "        Filter: (amount = 5)\n"
        "  ->  Index Scan using fact_pkey on fact f2\n"
        "        Index Cond: (id = f1.id)\n");
}

TEST_CASE_FIXTURE(StarFixture, "a cross product only when nothing links the tables") {
  std::string plan = Plan("select * from dim_a a, dim_b b where a.id < 3 and b.id < 3");
  CHECK(plan.rfind("Nested Loop\n", 0) == 0);
  plan = Plan("select * from dim_a a, fact f, dim_b b where a.id = f.a_id and b.id = f.b_id");
  CHECK(plan.find("Nested Loop") == std::string::npos);
}

TEST_CASE_FIXTURE(StarFixture, "outer joins hash their smaller side, turning round when needed") {
  CHECK(Plan("select * from dim_a a left join fact f on f.a_id = a.id") ==
        "Hash Right Join\n"
        "  Hash Cond: (f.a_id = a.id)\n"
        "  ->  Seq Scan on fact f\n"
        "  ->  Hash\n"
        "        ->  Seq Scan on dim_a a\n");
  CHECK(Plan("select * from fact f left join dim_a a on f.a_id = a.id").rfind("Hash Left Join\n", 0) == 0);
}

TEST_CASE_FIXTURE(StarFixture, "enable_hashjoin = off gives a merge join over sorted inputs") {
  planner::PlannerSettings settings;
  settings.enable_hashjoin = false;
  planner::PlannerSettingsScope scope(settings);
  CHECK(Plan("select * from dim_a a full join dim_b b on a.id = b.id") ==
        "Merge Full Join\n"
        "  Merge Cond: (a.id = b.id)\n"
        "  ->  Sort\n"
        "        Sort Key: a.id\n"
        "        ->  Seq Scan on dim_a a\n"
        "  ->  Sort\n"
        "        Sort Key: b.id\n"
        "        ->  Seq Scan on dim_b b\n");
  settings.enable_mergejoin = false;
  planner::PlannerSettingsScope no_merge(settings);
  // FULL joins may still hash: there is no other way to run them.
  CHECK(Plan("select * from dim_a a full join dim_b b on a.id = b.id").rfind("Hash Full Join\n", 0) == 0);
  CHECK(Plan("select * from dim_a a, dim_b b where a.grp = b.grp").rfind("Nested Loop\n", 0) == 0);
}

TEST_CASE_FIXTURE(StarFixture, "FULL JOIN needs a merge- or hash-joinable condition (0A000)") {
  try {
    Plan("select * from dim_a a full join dim_b b on a.id > b.id");
    FAIL("expected 0A000");
  } catch (const DbError& e) {
    CHECK(e.code() == sqlstate::kFeatureNotSupported);
    CHECK(std::string(e.what()) == "FULL JOIN is only supported with merge-joinable or hash-joinable join conditions");
  }
  CHECK(Plan("select * from dim_a a full join dim_b b on a.id = b.id and a.grp > b.grp")
            .find("Join Filter: (a.grp > b.grp)") != std::string::npos);
}

TEST_CASE_FIXTURE(StarFixture, "more inputs than the exhaustive limit are joined greedily, still linked") {
  std::string sql = "select count(*) from fact f0";
  for (int i = 1; i <= 9; ++i) {  // one more than kDpLimit
    sql += " join dim_b b" + std::to_string(i) + " on b" + std::to_string(i) + ".id = f0.b_id";
  }
  std::string plan = Plan(sql);
  CHECK(plan.find("Nested Loop") == std::string::npos);
  CHECK(plan.find("Seq Scan on fact f0") != std::string::npos);
}

// Parallel aggregation plans (planner/src/parallel_plan.cpp, parallel_estimate.cpp): the shape and the
// estimates PostgreSQL 15 prints for an analyzed table of 1,000,000 rows on 6,370 pages (bench/
// analytic_bench.sh's sales table), no parallel plan for a small table or with
// max_parallel_workers_per_gather = 0.
#include <doctest/doctest.h>

#include "binder_fixture.h"
#include "planner/planner_settings.h"

using namespace lumadb;

namespace {

using planner::testing::FakeCatalog;

using Columns = std::vector<std::tuple<std::string, TypeDesc, int32_t, float>>;

// A table of `tuples` rows on `pages` pages whose columns have pg_statistic's widths and distinct counts.
std::shared_ptr<catalog::TableInfo> Analyzed(Oid oid, std::string name, double tuples, int32_t pages,
                                             const Columns& cols) {
  auto t = std::make_shared<catalog::TableInfo>();
  t->oid = oid;
  t->schema = "public";
  t->name = std::move(name);
  t->reltuples = tuples;
  t->relpages = pages;
  catalog::TableStatistics stats;
  int16_t attnum = 1;
  for (const auto& [n, type, width, distinct] : cols) {
    t->columns.push_back({n, type, attnum, false, std::nullopt, 0, 0});
    catalog::ColumnStatistics c;
    c.attnum = attnum++;
    c.avg_width = width;
    c.n_distinct = distinct;
    stats.columns.push_back(c);
  }
  t->statistics = std::make_shared<const catalog::TableStatistics>(stats);
  return t;
}

// sales(id int4, store int4, aid int4, amount numeric(12,2), sold date).
std::shared_ptr<catalog::TableInfo> Sales(Oid oid, std::string name, double tuples, int32_t pages) {
  return Analyzed(oid, std::move(name), tuples, pages,
                  {{"id", {TypeId::kInt4, -1}, 4, -1},
                   {"store", {TypeId::kInt4, -1}, 4, 1000},
                   {"aid", {TypeId::kInt4, -1}, 4, 100000},
                   {"amount", {TypeId::kNumeric, (12 << 16) + 2 + 4}, 6, 10007},
                   {"sold", {TypeId::kDate, -1}, 4, 365}});
}

// pgbench_accounts(aid int4, bid int4, abalance int4) at scale 10: 1,000,000 rows.
std::shared_ptr<catalog::TableInfo> Accounts(Oid oid, std::string name, int32_t pages) {
  return Analyzed(oid, std::move(name), 1000000, pages,
                  {{"aid", {TypeId::kInt4, -1}, 4, -1},
                   {"bid", {TypeId::kInt4, -1}, 4, 10},
                   {"abalance", {TypeId::kInt4, -1}, 4, 1}});
}

class SalesCatalog : public FakeCatalog {
 public:
  std::shared_ptr<const catalog::TableInfo> LookupTable(txn::Transaction& txn, std::string_view schema,
                                                        std::string_view name,
                                                        const std::vector<std::string>& path) override {
    if (name == "sales") return sales_;
    if (name == "small") return small_;
    if (name == "accounts") return accounts_;
    if (name == "few_accounts") return few_accounts_;
    return FakeCatalog::LookupTable(txn, schema, name, path);
  }

 private:
  std::shared_ptr<catalog::TableInfo> sales_ = Sales(17100, "sales", 1000000, 6370);
  std::shared_ptr<catalog::TableInfo> small_ = Sales(17101, "small", 10000, 64);
  std::shared_ptr<catalog::TableInfo> accounts_ = Accounts(17102, "accounts", 16394);
  // The same rows on fewer pages than min_parallel_table_scan_size: no Parallel Hash for it.
  std::shared_ptr<catalog::TableInfo> few_accounts_ = Accounts(17103, "few_accounts", 1000);
};

struct SalesFixture {
  SalesCatalog catalog;
  txn::Transaction txn{1, txn::IsolationLevel::kReadCommitted, false};

  /// EXPLAIN of a SELECT (with costs unless `costs` is false), a line per node or property.
  std::string Plan(const std::string& sql, bool costs = true, bool verbose = false) {
    auto stmts = parser::Parse(sql);
    planner::Binder binder(catalog, txn, {"public"}, sql);
    auto plan = binder.BindSelect(stmts.at(0)->As<ast::SelectStmt>());
    planner::ExplainOptions options{false, false, false};
    options.costs = costs;
    options.verbose = verbose;
    std::string out;
    for (const auto& line : planner::ExplainText(*plan, options)) out += line + "\n";
    return out;
  }
};

}  // namespace

// Costs and rows are PostgreSQL 15's for the same statistics; a scan's width is still that of every column
// (LumaDB's estimate does not follow projection pruning; PostgreSQL prints 0 and 10 here).
TEST_CASE_FIXTURE(SalesFixture, "count(*) of a large table: Finalize Aggregate over a Gather of two workers") {
  CHECK(Plan("SELECT count(*) FROM sales") ==
        "Finalize Aggregate  (cost=12578.55..12578.56 rows=1 width=8)\n"
        "  ->  Gather  (cost=12578.33..12578.54 rows=2 width=8)\n"
        "        Workers Planned: 2\n"
        "        ->  Partial Aggregate  (cost=11578.33..11578.34 rows=1 width=8)\n"
        "              ->  Parallel Seq Scan on sales  (cost=0.00..10536.67 rows=416667 width=22)\n");
}

TEST_CASE_FIXTURE(SalesFixture, "GROUP BY: Finalize GroupAggregate over a Gather Merge, the ORDER BY's Sort gone") {
  CHECK(Plan("SELECT store, count(*), sum(amount) FROM sales GROUP BY store ORDER BY store LIMIT 20") ==
        "Limit  (cost=14724.02..14729.34 rows=20 width=44)\n"
        "  ->  Finalize GroupAggregate  (cost=14724.02..14989.87 rows=1000 width=44)\n"
        "        Group Key: store\n"
        "        ->  Gather Merge  (cost=14724.02..14957.37 rows=2000 width=44)\n"
        "              Workers Planned: 2\n"
        "              ->  Sort  (cost=13724.00..13726.50 rows=1000 width=44)\n"
        "                    Sort Key: store\n"
        "                    ->  Partial HashAggregate  (cost=13661.67..13674.17 rows=1000 width=44)\n"
        "                          Group Key: store\n"
        "                          ->  Parallel Seq Scan on sales  (cost=0.00..10536.67 rows=416667 width=22)\n");
  // Another order keeps its Sort above the aggregation.
  CHECK(Plan("SELECT store, count(*) FROM sales GROUP BY store ORDER BY count(*) DESC", false) ==
        "Sort\n"
        "  Sort Key: count DESC\n"
        "  ->  Finalize GroupAggregate\n"
        "        Group Key: store\n"
        "        ->  Gather Merge\n"
        "              Workers Planned: 2\n"
        "              ->  Sort\n"
        "                    Sort Key: store\n"
        "                    ->  Partial HashAggregate\n"
        "                          Group Key: store\n"
        "                          ->  Parallel Seq Scan on sales\n");
}

// PostgreSQL 15's plan of bench/analytic_bench.sh's "order by limit": a top-N heapsort in every participant
// (cost_sort's bounded estimate), merged by a Gather Merge.
TEST_CASE_FIXTURE(SalesFixture, "ORDER BY ... LIMIT of a large table: Limit over a Gather Merge of bounded Sorts") {
  CHECK(Plan("SELECT id, amount FROM sales ORDER BY amount DESC, id LIMIT 10") ==
        "Limit  (cost=20540.71..20541.88 rows=10 width=10)\n"
        "  ->  Gather Merge  (cost=20540.71..117769.80 rows=833334 width=10)\n"
        "        Workers Planned: 2\n"
        "        ->  Sort  (cost=19540.69..20582.36 rows=416667 width=22)\n"
        "              Sort Key: amount DESC, id\n"
        "              ->  Parallel Seq Scan on sales  (cost=0.00..10536.67 rows=416667 width=22)\n");
  // OFFSET widens every participant's bound (count + offset rows each).
  CHECK(Plan("SELECT id, amount FROM sales ORDER BY amount DESC, id LIMIT 10 OFFSET 5") ==
        "Limit  (cost=21759.97..21761.14 rows=10 width=10)\n"
        "  ->  Gather Merge  (cost=21759.39..118988.48 rows=833334 width=10)\n"
        "        Workers Planned: 2\n"
        "        ->  Sort  (cost=20759.36..21801.03 rows=416667 width=22)\n"
        "              Sort Key: amount DESC, id\n"
        "              ->  Parallel Seq Scan on sales  (cost=0.00..10536.67 rows=416667 width=22)\n");
  CHECK(Plan("SELECT id + 1, amount FROM sales WHERE store < 500 ORDER BY amount NULLS FIRST LIMIT 3", false) ==
        "Limit\n"
        "  ->  Gather Merge\n"
        "        Workers Planned: 2\n"
        "        ->  Sort\n"
        "              Sort Key: amount NULLS FIRST\n"
        "              ->  Parallel Seq Scan on sales\n"
        "                    Filter: (store < 500)\n");
}

TEST_CASE_FIXTURE(SalesFixture, "ORDER BY ... LIMIT stays serial when workers do not pay or cannot run it") {
  // The serial top-N heapsort's bounded estimate (PostgreSQL's, with the parallel plan disabled).
  planner::PlannerSettings off;
  off.max_parallel_workers_per_gather = 0;
  {
    planner::PlannerSettingsScope scope(off);
    CHECK(Plan("SELECT id, amount FROM sales ORDER BY amount DESC, id LIMIT 10") ==
          "Limit  (cost=37979.64..37979.67 rows=10 width=10)\n"
          "  ->  Sort  (cost=37979.64..40479.64 rows=1000000 width=10)\n"
          "        Sort Key: amount DESC, id\n"
          "        ->  Seq Scan on sales  (cost=0.00..16370.00 rows=1000000 width=22)\n");
  }
  CHECK(Plan("SELECT id FROM small ORDER BY amount LIMIT 10", false).find("Gather") == std::string::npos);
  CHECK(Plan("SELECT id FROM sales ORDER BY random() LIMIT 10", false).find("Gather") == std::string::npos);
  CHECK(Plan("SELECT id FROM sales ORDER BY amount", false).find("Gather") == std::string::npos);
  CHECK(Plan("SELECT id FROM sales ORDER BY amount LIMIT 20000", false).find("Gather") == std::string::npos);
  CHECK(Plan("SELECT id FROM sales ORDER BY amount LIMIT 10 FOR UPDATE", false).find("Gather") == std::string::npos);
}

TEST_CASE_FIXTURE(SalesFixture, "no parallel plan for a small table, when disabled, or for what workers cannot run") {
  CHECK(Plan("SELECT count(*) FROM small", false) == "Aggregate\n  ->  Seq Scan on small\n");
  planner::PlannerSettings off;
  off.max_parallel_workers_per_gather = 0;
  {
    planner::PlannerSettingsScope scope(off);
    CHECK(Plan("SELECT count(*) FROM sales", false) == "Aggregate\n  ->  Seq Scan on sales\n");
  }
  CHECK(Plan("SELECT count(DISTINCT store) FROM sales", false) == "Aggregate\n  ->  Seq Scan on sales\n");
  CHECK(Plan("SELECT count(*) FROM sales WHERE random() < 0.5", false).rfind("Aggregate\n", 0) == 0);
  CHECK(Plan("SELECT count(*) FROM sales WHERE id > (SELECT 1)", false).rfind("Aggregate\n", 0) == 0);
  CHECK(Plan("SELECT store, count(*) FROM sales GROUP BY ROLLUP (store)", false).find("Gather") == std::string::npos);
  CHECK(Plan("SELECT id, count(*) FROM sales GROUP BY id", false).find("Gather") == std::string::npos);
}

TEST_CASE_FIXTURE(SalesFixture, "max_parallel_workers_per_gather caps the workers planned") {
  planner::PlannerSettings one;
  one.max_parallel_workers_per_gather = 1;
  planner::PlannerSettingsScope scope(one);
  CHECK(Plan("SELECT sum(amount) FROM sales", false) ==
        "Finalize Aggregate\n"
        "  ->  Gather\n"
        "        Workers Planned: 1\n"
        "        ->  Partial Aggregate\n"
        "              ->  Parallel Seq Scan on sales\n");
}

TEST_CASE_FIXTURE(SalesFixture, "a hash join of two large tables under an aggregation: a Parallel Hash Join") {
  const std::string join = "SELECT a.bid, count(*), sum(s.amount) FROM sales s JOIN accounts a ON a.aid = s.aid";
  CHECK(Plan(join + " GROUP BY a.bid ORDER BY a.bid", false) ==
        "Finalize GroupAggregate\n"
        "  Group Key: a.bid\n"
        "  ->  Gather Merge\n"
        "        Workers Planned: 2\n"
        "        ->  Sort\n"
        "              Sort Key: a.bid\n"
        "              ->  Partial HashAggregate\n"
        "                    Group Key: a.bid\n"
        "                    ->  Parallel Hash Join\n"
        "                          Hash Cond: (s.aid = a.aid)\n"
        "                          ->  Parallel Seq Scan on sales s\n"
        "                          ->  Parallel Hash\n"
        "                                ->  Parallel Seq Scan on accounts a\n");
  CHECK(Plan("SELECT count(*) FROM sales s JOIN accounts a ON a.aid = s.aid", false) ==
        "Finalize Aggregate\n"
        "  ->  Gather\n"
        "        Workers Planned: 2\n"
        "        ->  Partial Aggregate\n"
        "              ->  Parallel Hash Join\n"
        "                    Hash Cond: (s.aid = a.aid)\n"
        "                    ->  Parallel Seq Scan on sales s\n"
        "                    ->  Parallel Hash\n"
        "                          ->  Parallel Seq Scan on accounts a\n");
  // An inner side too small for workers, an outer join: the serial plan.
  CHECK(Plan("SELECT count(*) FROM sales s JOIN few_accounts a ON a.aid = s.aid", false).find("Gather") ==
        std::string::npos);
  CHECK(Plan("SELECT count(a.bid) FROM sales s LEFT JOIN accounts a ON a.aid = s.aid", false).find("Gather") ==
        std::string::npos);
}

// VERBOSE's Output lines of a Gather Merge and of the Sort below it, as PostgreSQL 15 prints them: the partial
// states parenthesized (the Sort's used to fail with "bad plan node cast"). The other lines differ from
// PostgreSQL's (a Finalize Aggregate prints "count", a scan every column).
TEST_CASE_FIXTURE(SalesFixture, "EXPLAIN VERBOSE of a grouped parallel aggregation: the partial states' Output") {
  const std::string plan = Plan(
      "SELECT a.bid, count(*), sum(s.amount) FROM sales s JOIN accounts a ON a.aid = s.aid GROUP BY a.bid "
      "ORDER BY a.bid",
      false, true);
  CHECK(plan.find("  ->  Gather Merge\n"
                  "        Output: a.bid, (PARTIAL count(*)), (PARTIAL sum(s.amount))\n"
                  "        Workers Planned: 2\n"
                  "        ->  Sort\n"
                  "              Output: a.bid, (PARTIAL count(*)), (PARTIAL sum(s.amount))\n"
                  "              Sort Key: a.bid\n"
                  "              ->  Partial HashAggregate\n"
                  "                    Output: a.bid, PARTIAL count(*), PARTIAL sum(s.amount)\n") != std::string::npos);
  CHECK(Plan("SELECT count(*) FROM sales", false, true).find("  ->  Gather\n        Output: (PARTIAL count(*))\n") !=
        std::string::npos);
}

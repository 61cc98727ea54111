// Projection pruning (planner/src/prune_columns.h): which table columns a sequential scan decodes.
#include <doctest/doctest.h>

#include "binder_fixture.h"

using namespace lumadb;
using planner::PlanKind;
using planner::testing::Fixture;

namespace {

// The SeqScan reached from p through single-child nodes, or null.
const planner::SeqScanPlan* ScanOf(const planner::PlanPtr& p) {
  const planner::PlanNode* n = p.get();
  while (n != nullptr) {
    switch (n->kind) {
      case PlanKind::kSeqScan:
        return &n->As<planner::SeqScanPlan>();
      case PlanKind::kProject:
        n = n->As<planner::ProjectPlan>().child.get();
        break;
      case PlanKind::kAggregate:
        n = n->As<planner::AggregatePlan>().child.get();
        break;
      case PlanKind::kSort:
        n = n->As<planner::SortPlan>().child.get();
        break;
      case PlanKind::kLimit:
        n = n->As<planner::LimitPlan>().child.get();
        break;
      case PlanKind::kFilter:
        n = n->As<planner::FilterPlan>().child.get();
        break;
      default:
        return nullptr;
    }
  }
  return nullptr;
}

std::vector<bool> DecodeOf(const planner::PlanPtr& p) {
  const auto* scan = ScanOf(p);
  REQUIRE(scan != nullptr);
  return scan->decode;
}

}  // namespace

TEST_CASE_FIXTURE(Fixture, "a scan decodes only the columns the query reads") {
  // t(a int4, b text, c numeric)
  CHECK(DecodeOf(Bind("SELECT count(*) FROM t")) == std::vector<bool>{false, false, false});
  CHECK(DecodeOf(Bind("SELECT sum(c) FROM t WHERE a < 3")) == std::vector<bool>{true, false, true});
  CHECK(DecodeOf(Bind("SELECT a, count(*) FROM t GROUP BY a ORDER BY a")) == std::vector<bool>{true, false, false});
  CHECK(DecodeOf(Bind("SELECT b FROM t ORDER BY c DESC LIMIT 3")) == std::vector<bool>{false, true, true});
  // An aggregate's argument, ORDER BY and FILTER all count: here that is every column, so no mask.
  CHECK(DecodeOf(Bind("SELECT string_agg(b, ',' ORDER BY c) FILTER (WHERE a > 0) FROM t")).empty());
  CHECK(DecodeOf(Bind("SELECT string_agg(b, ',') FILTER (WHERE a > 0) FROM t")) ==
        std::vector<bool>{true, true, false});
}

TEST_CASE_FIXTURE(Fixture, "every column read, or a subquery, leaves the scan decoding all of them") {
  CHECK(DecodeOf(Bind("SELECT * FROM t")).empty());
  CHECK(DecodeOf(Bind("SELECT a, b, c FROM t WHERE a > 1")).empty());
  CHECK(DecodeOf(Bind("SELECT a FROM t WHERE a > (SELECT max(a) FROM u WHERE u.d = t.b)")).empty());
  CHECK(DecodeOf(Bind("SELECT (SELECT max(a) FROM u) FROM t")).empty());
}

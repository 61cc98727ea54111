// Projection pruning (planner/src/prune_columns.h): which table columns a sequential scan decodes.
#include <map>
#include <string>

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

namespace {

// The scans of p's tree in left-to-right order: SeqScans and IndexScans (an index join's inner included).
void CollectScans(const planner::PlanPtr& p, std::vector<const planner::PlanNode*>* out) {
  switch (p->kind) {
    case PlanKind::kSeqScan:
    case PlanKind::kIndexScan:
      out->push_back(p.get());
      return;
    case PlanKind::kJoin:
      CollectScans(p->As<planner::JoinPlan>().left, out);
      CollectScans(p->As<planner::JoinPlan>().right, out);
      return;
    case PlanKind::kIndexNestedLoop:
      CollectScans(p->As<planner::IndexNestedLoopPlan>().outer, out);
      out->push_back(p->As<planner::IndexNestedLoopPlan>().inner.get());
      return;
    case PlanKind::kProject:
      return CollectScans(p->As<planner::ProjectPlan>().child, out);
    case PlanKind::kAggregate:
      return CollectScans(p->As<planner::AggregatePlan>().child, out);
    case PlanKind::kSort:
      return CollectScans(p->As<planner::SortPlan>().child, out);
    default:
      return;
  }
}

// Each scanned table's decode mask, by table name: the join order decides which side comes first.
std::map<std::string, std::vector<bool>> ScanDecodes(const planner::PlanPtr& p) {
  std::vector<const planner::PlanNode*> scans;
  CollectScans(p, &scans);
  std::map<std::string, std::vector<bool>> out;
  for (const auto* s : scans) {
    if (s->kind == PlanKind::kSeqScan) {
      out[s->As<planner::SeqScanPlan>().table->name] = s->As<planner::SeqScanPlan>().decode;
    } else {
      out[s->As<planner::IndexScanPlan>().table->name] = s->As<planner::IndexScanPlan>().decode;
    }
  }
  return out;
}

}  // namespace

TEST_CASE_FIXTURE(Fixture, "a selective qual is checked on its own columns before the rest are decoded") {
  // The plans are kept: ScanOf points into them.
  const auto selective = Bind("SELECT sum(c) FROM t WHERE a < 3");
  const auto* scan = ScanOf(selective);
  REQUIRE(scan != nullptr);
  CHECK(scan->qual_decode == std::vector<bool>{true, false, false});
  const auto star = Bind("SELECT * FROM t WHERE b = 'x'");
  scan = ScanOf(star);
  REQUIRE(scan != nullptr);
  CHECK(scan->decode.empty());
  CHECK(scan->qual_decode == std::vector<bool>{false, true, false});
  // The qual reads everything the rows need: one decode.
  const auto same = Bind("SELECT a FROM t WHERE a < 3");
  scan = ScanOf(same);
  REQUIRE(scan != nullptr);
  CHECK(scan->qual_decode.empty());
}

TEST_CASE_FIXTURE(Fixture, "each side of a join decodes what the join and the nodes above it read") {
  using Masks = std::map<std::string, std::vector<bool>>;
  CHECK(ScanDecodes(Bind("SELECT u.d, count(*) FROM t JOIN u ON t.a = u.a GROUP BY u.d")) ==
        Masks{{"t", {true, false, false}}, {"u", {}}});
  CHECK(ScanDecodes(Bind("SELECT sum(t.c) FROM t LEFT JOIN u ON t.a = u.a")) ==
        Masks{{"t", {true, false, true}}, {"u", {true, false}}});
  // The index join's inner scan keeps its key column for the entry recheck.
  CHECK(ScanDecodes(Bind("SELECT sum(t.c) FROM t JOIN k ON k.id = t.a")) ==
        Masks{{"t", {true, false, true}}, {"k", {true, false, false, false, false}}});
  CHECK(ScanDecodes(Bind("SELECT * FROM t JOIN u ON t.a = u.a")) == Masks{{"t", {}}, {"u", {}}});
}

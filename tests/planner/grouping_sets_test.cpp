// Grouping-set expansion (PostgreSQL 15's expand_grouping_sets): ROLLUP, CUBE, GROUPING SETS, nesting,
// the cross product with plain keys, GROUP BY DISTINCT, the 4096-set limit, and the hashed set order.
#include "planner/grouping_sets.h"

#include <doctest/doctest.h>

#include "common/error.h"

namespace {

using lumadb::planner::ExpandGroupingSets;
using lumadb::planner::GroupingNode;
using lumadb::planner::HashedSetOrder;
using Kind = GroupingNode::Kind;
using Sets = std::vector<std::vector<int>>;

GroupingNode Key(int column) {
  GroupingNode n;
  n.column = column;
  return n;
}

GroupingNode Node(Kind kind, std::vector<GroupingNode> items) {
  GroupingNode n;
  n.kind = kind;
  n.items = std::move(items);
  return n;
}

TEST_CASE("a plain GROUP BY has no grouping sets") {
  CHECK(ExpandGroupingSets({Key(0), Key(1)}, false).empty());
}

TEST_CASE("ROLLUP, CUBE and GROUPING SETS expand as PostgreSQL's expand_groupingset_node") {
  CHECK(ExpandGroupingSets({Node(Kind::kRollup, {Key(0), Key(1)})}, false) == Sets{{}, {0}, {0, 1}});
  CHECK(ExpandGroupingSets({Node(Kind::kCube, {Key(0), Key(1)})}, false) == Sets{{}, {0}, {1}, {0, 1}});
  CHECK(ExpandGroupingSets({Node(Kind::kSets, {Key(0), Key(1)})}, false) == Sets{{0}, {1}});
  // ROLLUP ((a, b), c): the parenthesized list is one element.
  CHECK(ExpandGroupingSets({Node(Kind::kRollup, {Node(Kind::kSimple, {Key(0), Key(1)}), Key(2)})}, false) ==
        Sets{{}, {0, 1}, {0, 1, 2}});
  CHECK(ExpandGroupingSets({Node(Kind::kEmpty, {})}, false) == Sets{{}});
}

TEST_CASE("items multiply; repeated keys leave a set, repeated sets stay unless DISTINCT") {
  // GROUP BY a, ROLLUP (b): (a, b), (a).
  CHECK(ExpandGroupingSets({Key(0), Node(Kind::kRollup, {Key(1)})}, false) == Sets{{0}, {0, 1}});
  // GROUP BY ROLLUP (a, b), ROLLUP (a, c): 9 sets, of which DISTINCT keeps 6.
  const std::vector<GroupingNode> items{Node(Kind::kRollup, {Key(0), Key(1)}), Node(Kind::kRollup, {Key(0), Key(2)})};
  CHECK(ExpandGroupingSets(items, false) == Sets{{}, {0}, {0}, {0}, {0, 1}, {0, 1}, {0, 2}, {0, 2}, {0, 1, 2}});
  CHECK(ExpandGroupingSets(items, true) == Sets{{}, {0}, {0, 1}, {0, 2}, {0, 1, 2}});
  // Nested GROUPING SETS concatenate.
  CHECK(ExpandGroupingSets({Node(Kind::kSets, {Key(0), Node(Kind::kSets, {Key(1), Node(Kind::kEmpty, {})})})}, false) ==
        Sets{{}, {0}, {1}});
}

TEST_CASE("more than 4096 sets is 54001") {
  std::vector<GroupingNode> cube;
  for (int i = 0; i < 12; ++i) cube.push_back(Key(i));
  const std::vector<GroupingNode> items{Node(Kind::kCube, cube), Node(Kind::kCube, {Key(0), Key(1)})};
  try {
    ExpandGroupingSets(items, false);
    FAIL("expected an error");
  } catch (const lumadb::DbError& e) {
    CHECK(std::string(e.what()).find("too many grouping sets present (maximum 4096)") != std::string::npos);
  }
}

TEST_CASE("the hashed order puts empty sets first, then the longest") {
  CHECK(HashedSetOrder(Sets{{}, {0}, {1}, {0, 1}}) == Sets{{}, {0, 1}, {0}, {1}});
  CHECK(HashedSetOrder(Sets{{0}, {1}}) == Sets{{0}, {1}});
}

}  // namespace

#pragma once
// GROUPING SETS, ROLLUP and CUBE (parser/parse_agg.c expand_grouping_sets, optimizer/planner.c
// extract_rollup_sets): the GROUP BY items as written, their expansion into a list of grouping sets, and
// the order the Aggregate node computes them in.

#include <vector>

namespace lumadb::planner {

/// One GROUP BY item: a group key (column: index into the query's distinct group keys) or a set.
struct GroupingNode {
  enum class Kind { kKey, kEmpty, kSimple, kRollup, kCube, kSets };
  Kind kind = Kind::kKey;
  int column = -1;                  // kKey
  std::vector<GroupingNode> items;  // the other kinds' elements (kSimple: keys; kRollup/kCube: kSimple or kKey)
};

/// Expands GROUP BY's items into grouping sets (lists of key indexes): the cross product of the items,
/// each set without repeated keys, sorted by length (stably; PostgreSQL's qsort agrees below 7 sets).
/// With distinct (GROUP BY DISTINCT) each set is sorted and duplicate sets are dropped. Empty when no
/// item is a grouping set (a plain GROUP BY). Throws for more
/// than 4096 sets (54001), as PostgreSQL; the binder checks CUBE's 12 elements.
std::vector<std::vector<int>> ExpandGroupingSets(const std::vector<GroupingNode>& items, bool distinct);

/// The order in which the Aggregate node computes and emits the sets, as PostgreSQL's MixedAggregate
/// does for the plans it picks for small inputs: empty sets (the sorted phase) first, then one hash table
/// per set, longest first, sets of one length in expansion order.
std::vector<std::vector<int>> HashedSetOrder(const std::vector<std::vector<int>>& sets);

}  // namespace lumadb::planner

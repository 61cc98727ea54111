// Grouping-set expansion (parse_agg.c expand_groupingset_node / expand_grouping_sets) and rollup
// the order of the sets' hash tables.
#include "planner/grouping_sets.h"

#include <algorithm>
#include <string>

#include "common/error.h"

namespace lumadb::planner {

namespace {

using Set = std::vector<int>;
using Kind = GroupingNode::Kind;

// The keys of a ROLLUP/CUBE element: one key, or a parenthesized list.
Set Content(const GroupingNode& n) {
  if (n.kind == Kind::kKey) return {n.column};
  Set out;
  for (const auto& k : n.items) out.push_back(k.column);
  return out;
}

std::vector<Set> Expand(const GroupingNode& n) {
  switch (n.kind) {
    case Kind::kKey:
      return {{n.column}};
    case Kind::kEmpty:
      return {{}};
    case Kind::kSimple:
      return {Content(n)};
    case Kind::kRollup: {
      std::vector<Set> out;
      for (size_t len = n.items.size(); len > 0; --len) {
        Set s;
        for (size_t i = 0; i < len; ++i) {
          Set c = Content(n.items[i]);
          s.insert(s.end(), c.begin(), c.end());
        }
        out.push_back(std::move(s));
      }
      out.emplace_back();
      return out;
    }
    case Kind::kCube: {
      std::vector<Set> out;
      for (unsigned mask = 0; mask < (1U << n.items.size()); ++mask) {
        Set s;
        for (size_t i = 0; i < n.items.size(); ++i) {
          if ((mask & (1U << i)) == 0) continue;
          Set c = Content(n.items[i]);
          s.insert(s.end(), c.begin(), c.end());
        }
        out.push_back(std::move(s));
      }
      return out;
    }
    case Kind::kSets:
      break;
  }
  std::vector<Set> out;
  for (const auto& item : n.items) {
    auto sets = Expand(item);
    out.insert(out.end(), sets.begin(), sets.end());
  }
  return out;
}

// list_union_int: a's keys, then b's not already present.
Set Union(const Set& a, const Set& b) {
  Set out;
  for (const Set* part : {&a, &b}) {
    for (int k : *part) {
      if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
    }
  }
  return out;
}

}  // namespace

std::vector<std::vector<int>> ExpandGroupingSets(const std::vector<GroupingNode>& items, bool distinct) {
  const bool any_set = std::any_of(items.begin(), items.end(), [](const auto& n) { return n.kind != Kind::kKey; });
  if (!any_set) return {};
  constexpr double kMaxSets = 4096;
  std::vector<Set> result{{}};
  double count = 1;
  for (const auto& item : items) {
    const std::vector<Set> expanded = Expand(item);
    count *= static_cast<double>(expanded.size());
    if (count > kMaxSets)
      throw DbError(sqlstate::kStatementTooComplex, "too many grouping sets present (maximum 4096)");
    std::vector<Set> next;
    for (const auto& q : result) {
      for (const auto& p : expanded) next.push_back(Union(q, p));
    }
    result = std::move(next);
  }
  if (distinct && result.size() > 1) {
    for (auto& s : result) std::sort(s.begin(), s.end());
    std::stable_sort(result.begin(), result.end(),
                     [](const Set& a, const Set& b) { return a.size() != b.size() ? a.size() < b.size() : a < b; });
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
  }
  std::stable_sort(result.begin(), result.end(), [](const Set& a, const Set& b) { return a.size() < b.size(); });
  return result;
}

std::vector<std::vector<int>> HashedSetOrder(const std::vector<std::vector<int>>& sets) {
  std::vector<Set> out = sets;
  std::stable_sort(out.begin(), out.end(), [](const Set& a, const Set& b) {
    if (a.empty() != b.empty()) return a.empty();
    return a.size() > b.size();
  });
  return out;
}

}  // namespace lumadb::planner

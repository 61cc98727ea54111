// BTree::ReverseCursor: backward scans in descending (key, TID) order over multi-level trees, with
// duplicates, empty leaves left by deletes, bounds, and inserts while the scan runs.
#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "btree_test_util.h"
#include "storage/btree.h"

using namespace lumadb::storage;
using lumadb::testing::BTreeFixture;
using lumadb::testing::EntryEq;
using lumadb::testing::EntryLess;
using lumadb::testing::kIndexFile;
using lumadb::testing::NumKey;
using lumadb::testing::RootLevel;

namespace {

std::vector<BTree::Entry> ScanBackward(const BTree& tree, const std::optional<std::string>& upper) {
  std::vector<BTree::Entry> out;
  BTree::ReverseCursor c = tree.SeekBackward(upper);
  BTree::Entry e;
  while (c.Next(&e)) out.push_back(e);
  return out;
}

}  // namespace

TEST_CASE("an empty index has nothing backward") {
  BTreeFixture f;
  CHECK(ScanBackward(*f.tree, std::nullopt).empty());
  CHECK(ScanBackward(*f.tree, std::string("m")).empty());
}

TEST_CASE("backward scans return every entry below the bound in descending order, across levels and holes") {
  BTreeFixture f;
  std::mt19937 rng(11);
  std::vector<BTree::Entry> expected;
  for (int i = 0; i < 6000; ++i) {
    // Duplicates of a key with many TIDs, and long keys so the tree gets three levels.
    int n = static_cast<int>(rng() % 1500);
    std::string key = NumKey(n, i % 10 == 0 ? 600 : 12);
    Rid rid{static_cast<PageId>(rng() % 1000), static_cast<uint16_t>(i % 7)};
    f.tree->Insert(f.ctx, key, rid);
    expected.push_back({key, rid});
  }
  std::sort(expected.begin(), expected.end(), EntryLess);
  expected.erase(std::unique(expected.begin(), expected.end(), EntryEq), expected.end());
  // Empty whole leaves in the middle: the scan must step over them to the leaves further left.
  auto cut_from = expected.begin() + static_cast<long>(expected.size() / 3);
  auto cut_to = cut_from + 800;
  for (auto it = cut_from; it != cut_to; ++it) CHECK(f.tree->Delete(f.ctx, it->key, it->rid));
  expected.erase(cut_from, cut_to);
  CHECK(RootLevel(f.engine, kIndexFile) >= 2);

  std::vector<BTree::Entry> all = ScanBackward(*f.tree, std::nullopt);
  REQUIRE(all.size() == expected.size());
  CHECK(std::equal(all.begin(), all.end(), expected.rbegin(), EntryEq));
  for (int probe = 0; probe < 100; ++probe) {
    std::string upper = NumKey(static_cast<int>(rng() % 1600));
    std::vector<BTree::Entry> want;
    for (auto it = expected.rbegin(); it != expected.rend(); ++it) {
      if (it->key < upper) want.push_back(*it);
    }
    std::vector<BTree::Entry> got = ScanBackward(*f.tree, upper);
    REQUIRE(got.size() == want.size());
    CHECK(std::equal(got.begin(), got.end(), want.begin(), EntryEq));
  }
  CHECK(f.engine.pool().PinnedFrames() == 0);
}

TEST_CASE("a reverse cursor sees entries inserted behind it, never ahead of it, and none twice") {
  BTreeFixture f;
  for (int i = 0; i < 2000; i += 2) f.tree->Insert(f.ctx, NumKey(i), Rid{1, 0});
  BTree::ReverseCursor c = f.tree->SeekBackward(std::nullopt);
  BTree::Entry e;
  std::vector<std::string> seen;
  for (int n = 0; n < 500; ++n) {
    REQUIRE(c.Next(&e));
    seen.push_back(e.key);
  }
  // Splits everywhere: ahead of the cursor (odd keys > 1000, already passed) and behind it.
  for (int i = 1; i < 2000; i += 2) f.tree->Insert(f.ctx, NumKey(i), Rid{1, 0});
  while (c.Next(&e)) seen.push_back(e.key);
  CHECK(std::is_sorted(seen.rbegin(), seen.rend()));
  CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
  CHECK(seen.size() == 1000 + 500);  // 1000 even keys, the odd keys below 1000
  CHECK(f.tree->Verify().empty());
}

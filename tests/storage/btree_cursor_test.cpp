// BTree::Cursor stepping within its pinned leaf (storage/README.md "B-tree cursors"): between two Next
// calls the tree may gain or lose entries before and after the cursor, and pages may split; each Next must
// still return the smallest entry after the last one returned, as the index is at that moment.
#include <algorithm>
#include <atomic>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "btree_test_util.h"
#include "storage/btree.h"

using namespace lumadb::storage;
using lumadb::testing::BTreeFixture;
using lumadb::testing::kIndexFile;
using lumadb::testing::NumKey;

namespace {

using Item = std::tuple<std::string, PageId, uint16_t>;  // (key, TID) in index order

Item ItemOf(const BTree::Entry& e) {
  return {e.key, e.rid.page, e.rid.slot};
}

// Inserts or deletes (key, rid) in both the tree and the model.
struct Model {
  BTreeFixture& f;
  std::set<Item> items;
  void Insert(int k, size_t width, uint16_t slot = 1) {
    const Rid rid{static_cast<PageId>(k), slot};
    f.tree->Insert(f.ctx, NumKey(k, width), rid);
    items.insert({NumKey(k, width), rid.page, rid.slot});
  }
  void Delete(const Item& it) {
    REQUIRE(f.tree->Delete(f.ctx, std::get<0>(it), Rid{std::get<1>(it), std::get<2>(it)}));
    items.erase(it);
  }
};

}  // namespace

TEST_CASE("cursor: inserts and deletes around the position between calls, splits included") {
  for (size_t width : {12, 300}) {  // short keys: many entries per leaf; long keys: splits every few inserts
    CAPTURE(width);
    BTreeFixture f;
    Model m{f, {}};
    for (int k = 0; k < 4000; k += 4) m.Insert(k, width);
    std::mt19937 rng(42);
    BTree::Cursor c = f.tree->Seek("");
    BTree::Entry e;
    std::optional<Item> last;
    int returned = 0;
    while (c.Next(&e)) {
      const Item got = ItemOf(e);
      auto expect = last ? m.items.upper_bound(*last) : m.items.begin();
      REQUIRE(expect != m.items.end());
      REQUIRE(got == *expect);
      last = got;
      ++returned;
      const int at = static_cast<int>(std::get<1>(got));
      if (returned > 1500) continue;  // then the rest, unchanged, to the end
      switch (rng() % 6) {
        case 0:  // an entry right after the cursor, then one right before it (same leaf most of the time)
          m.Insert(at + 1, width, 2);
          m.Insert(std::max(0, at - 1), width, 3);
          break;
        case 1:  // a run of entries just ahead: splits the leaf under the cursor
          for (int j = 0; j < 20; ++j) m.Insert(at + 1 + j % 3, width, static_cast<uint16_t>(10 + j));
          break;
        case 2:  // a run just behind: splits the leaf, moving the cursor's entry to the right half or not
          for (int j = 0; j < 20; ++j) m.Insert(std::max(0, at - 1 - j % 3), width, static_cast<uint16_t>(60 + j));
          break;
        case 3: {  // the entry returned itself, and the one before it
          auto it = m.items.find(got);
          if (it != m.items.begin()) m.Delete(*std::prev(it));
          m.Delete(got);
          break;
        }
        case 4: {  // the next entry
          auto next = m.items.upper_bound(got);
          if (next != m.items.end()) m.Delete(*next);
          break;
        }
        default:
          break;
      }
    }
    CHECK(!(last && m.items.upper_bound(*last) != m.items.end()));
    CHECK(returned > 1000);
    CHECK(f.tree->Verify().empty());
  }
}

TEST_CASE("cursor: keeps one pin between calls and none at the end") {
  BTreeFixture f;
  for (int k = 0; k < 3000; ++k) f.tree->Insert(f.ctx, NumKey(k), Rid{static_cast<PageId>(k), 1});
  {
    BTree::Cursor c = f.tree->Seek(NumKey(100));
    BTree::Entry e;
    REQUIRE(c.Next(&e));
    CHECK(f.engine.pool().PinnedFrames() == 1);
    // The leaf is pinned, not latched: a writer can change it meanwhile.
    f.tree->Insert(f.ctx, NumKey(100) + "a", Rid{1, 1});
    REQUIRE(c.Next(&e));
    CHECK(e.key == NumKey(100) + "a");
    int n = 2;
    while (c.Next(&e)) ++n;
    CHECK(n == 3000 - 100 + 1);
    CHECK(f.engine.pool().PinnedFrames() == 0);
    BTree::Cursor moved = std::move(c);
    CHECK_FALSE(moved.Next(&e));
  }
  {
    BTree::Cursor c = f.tree->Seek("");
    BTree::Entry e;
    REQUIRE(c.Next(&e));
  }
  CHECK(f.engine.pool().PinnedFrames() == 0);  // a cursor dropped midway gives its pin back
}

TEST_CASE("cursor: a writer thread splits and shrinks the leaves while a reader steps through them") {
  BTreeFixture f(128);
  for (int k = 0; k < 20000; k += 2) f.tree->Insert(f.ctx, NumKey(k, 40), Rid{static_cast<PageId>(k), 1});
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    LogContext ctx{7, &f.engine.log(), 0, {}};
    std::mt19937 rng(3);
    while (!stop.load()) {
      const int k = static_cast<int>(rng() % 20000);
      if (k % 2 == 0) continue;  // the even keys stay: the reader checks it sees all of them
      if (rng() % 2 == 0) {
        f.tree->Insert(ctx, NumKey(k, 40), Rid{static_cast<PageId>(k), 1});
      } else {
        f.tree->Delete(ctx, NumKey(k, 40), Rid{static_cast<PageId>(k), 1});
      }
    }
  });
  for (int round = 0; round < 5; ++round) {
    BTree::Cursor c = f.tree->Seek("");
    BTree::Entry e;
    std::string prev;
    int evens = 0;
    bool ordered = true;
    while (c.Next(&e)) {
      ordered &= prev.empty() || prev < e.key;
      prev = e.key;
      evens += std::stoi(e.key.substr(1, 8)) % 2 == 0 ? 1 : 0;
    }
    CHECK(ordered);
    CHECK(evens == 10000);
  }
  stop = true;
  writer.join();
  CHECK(f.tree->Verify().empty());
  CHECK(f.engine.pool().PinnedFrames() == 0);
}

// The B+tree under concurrent writers and readers, and bulk builds.
#include <algorithm>
#include <atomic>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "btree_test_util.h"
#include "storage/btree.h"
#include "support/temp_dir.h"

using namespace lumadb::storage;
using lumadb::testing::EntryLess;
using lumadb::testing::kIndexFile;
using lumadb::testing::NumKey;
using lumadb::testing::RootLevel;
using lumadb::testing::ScanAll;
using lumadb::testing::TempDir;

TEST_CASE("four writers split pages concurrently while a reader scans; every key is found afterwards") {
  TempDir dir;
  StorageEngine engine(dir.path(), 128);
  LogContext init{1, &engine.log(), 0, {}};
  engine.CreateFile(kIndexFile, &init);
  BTree& tree = engine.Index(kIndexFile);
  tree.Initialize(init);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 6000;
  std::atomic<int> done{0};
  std::atomic<bool> scan_ok{true};
  std::atomic<int> scans{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      LogContext ctx{static_cast<TxnId>(10 + t), &engine.log(), 0, {}};
      std::vector<int> mine;
      for (int i = t; i < kThreads * kPerThread; i += kThreads) mine.push_back(i);
      std::shuffle(mine.begin(), mine.end(), std::mt19937(t));
      for (int i : mine) tree.Insert(ctx, NumKey(i, 24 + i % 50), Rid{static_cast<PageId>(i), 0});
      ++done;
    });
  }
  std::thread reader([&] {
    while (done.load() < kThreads) {
      std::vector<BTree::Entry> all = ScanAll(tree);
      if (!std::is_sorted(all.begin(), all.end(), EntryLess) ||
          std::adjacent_find(all.begin(), all.end(), [](const BTree::Entry& a, const BTree::Entry& b) {
            return a.key == b.key && a.rid == b.rid;
          }) != all.end()) {
        scan_ok = false;
      }
      ++scans;
    }
  });
  for (std::thread& th : threads) th.join();
  reader.join();
  CHECK(scan_ok.load());
  CHECK(scans.load() > 0);
  CHECK(tree.Verify().empty());
  CHECK(tree.CountEntries() == kThreads * kPerThread);
  CHECK(RootLevel(engine, kIndexFile) >= 2);
  for (int i = 0; i < kThreads * kPerThread; i += 37) {
    BTree::Cursor c = tree.Seek(NumKey(i, 24 + i % 50));
    BTree::Entry e;
    REQUIRE(c.Next(&e));
    CHECK(e.key == NumKey(i, 24 + i % 50));
  }
  CHECK(engine.pool().PinnedFrames() == 0);
}

TEST_CASE("concurrent unique inserts of the same keys: exactly one entry per key wins") {
  TempDir dir;
  StorageEngine engine(dir.path(), 128);
  LogContext init{1, &engine.log(), 0, {}};
  engine.CreateFile(kIndexFile, &init);
  BTree& tree = engine.Index(kIndexFile);
  tree.Initialize(init);
  constexpr int kKeys = 3000;
  std::atomic<int> wins{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      LogContext ctx{static_cast<TxnId>(10 + t), &engine.log(), 0, {}};
      // Every existing entry counts as live: a second inserter of a key must see the first one.
      BTree::UniqueCheck live = [](Rid) { return BTree::UniqueVerdict::kConflict; };
      for (int i = 0; i < kKeys; ++i) {
        int k = (i * 17 + t * 101) % kKeys;
        Rid rid{static_cast<PageId>(k), static_cast<uint16_t>(t)};
        if (tree.Insert(ctx, NumKey(k, 100), rid, &live).kind == BTree::InsertResult::kInserted) ++wins;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  CHECK(wins.load() == kKeys);
  std::vector<BTree::Entry> all = ScanAll(tree);
  CHECK(all.size() == kKeys);
  std::set<std::string> keys;
  for (const BTree::Entry& e : all) keys.insert(e.key);
  CHECK(keys.size() == kKeys);
  CHECK(tree.Verify().empty());
}

TEST_CASE("BulkLoad builds a sound tree that scans in order and takes further inserts") {
  TempDir dir;
  StorageEngine engine(dir.path(), 256);
  LogContext ctx{1, &engine.log(), 0, {}};
  engine.CreateFile(kIndexFile, &ctx);
  BTree& tree = engine.Index(kIndexFile);
  std::vector<BTree::Entry> entries;
  constexpr int kEntries = 200000;
  entries.reserve(kEntries);
  for (int i = 0; i < kEntries; ++i) entries.push_back({NumKey(i / 2), Rid{static_cast<PageId>(i), 1}});
  tree.BulkLoad(ctx, entries);
  CHECK(tree.Verify().empty());
  CHECK(RootLevel(engine, kIndexFile) >= 2);
  std::vector<BTree::Entry> got = ScanAll(tree);
  REQUIRE(got.size() == entries.size());
  CHECK(std::equal(got.begin(), got.end(), entries.begin(),
                   [](const BTree::Entry& a, const BTree::Entry& b) { return a.key == b.key && a.rid == b.rid; }));
  // Inserts into full bulk-built pages split them, at the right end too.
  for (int i = 0; i < 2000; ++i) tree.Insert(ctx, NumKey(i * 50) + "x", Rid{1, 1});
  for (int i = 0; i < 2000; ++i) tree.Insert(ctx, NumKey(kEntries + i), Rid{1, 1});
  CHECK(tree.CountEntries() == kEntries + 4000);
  CHECK(tree.Verify().empty());

  // Empty input: an empty tree; unsorted input is refused.
  constexpr FileId kEmpty{1, 20002};
  engine.CreateFile(kEmpty, &ctx);
  engine.Index(kEmpty).BulkLoad(ctx, {});
  CHECK(engine.Index(kEmpty).CountEntries() == 0);
  CHECK(engine.Index(kEmpty).Verify().empty());
  engine.Index(kEmpty).Insert(ctx, "a", Rid{1, 1});
  CHECK(engine.Index(kEmpty).CountEntries() == 1);
  constexpr FileId kBad{1, 20003};
  engine.CreateFile(kBad, &ctx);
  std::vector<BTree::Entry> unsorted{{"b", Rid{1, 1}}, {"a", Rid{1, 1}}};
  CHECK_THROWS(engine.Index(kBad).BulkLoad(ctx, unsorted));
}

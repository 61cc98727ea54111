// The B+tree's functional behaviour: order, duplicates, key sizes, splits, unique checks, deletes.
#include "storage/btree.h"

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "btree_test_util.h"
#include "support/error_of.h"
#include "support/temp_dir.h"

using namespace lumadb::storage;
using lumadb::testing::BTreeFixture;
using lumadb::testing::CommitCtx;
using lumadb::testing::EntryEq;
using lumadb::testing::EntryLess;
using lumadb::testing::ErrorOf;
using lumadb::testing::kIndexFile;
using lumadb::testing::NumKey;
using lumadb::testing::RootLevel;
using lumadb::testing::ScanAll;
using lumadb::testing::TempDir;

namespace {

std::string RandomKey(std::mt19937& rng, size_t max_len) {
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string k(len(rng), '\0');
  for (char& c : k) c = static_cast<char>(byte(rng));
  return k;
}

}  // namespace

TEST_CASE("random keys of every size come back in (key, TID) order; Seek finds the first key >= a bound") {
  BTreeFixture f;
  std::mt19937 rng(42);
  std::vector<BTree::Entry> expected;
  for (int i = 0; i < 4000; ++i) {
    // Mostly short keys, some up to the maximum, and duplicates of a key with other TIDs.
    size_t max_len = i % 50 == 0 ? BTree::MaxKeySize() : 40;
    std::string key = i % 7 == 0 && !expected.empty() ? expected[rng() % expected.size()].key : RandomKey(rng, max_len);
    Rid rid{static_cast<PageId>(rng() % 100000), static_cast<uint16_t>(rng() % 300)};
    CHECK(f.tree->Insert(f.ctx, key, rid).kind == BTree::InsertResult::kInserted);
    expected.push_back({key, rid});
  }
  std::sort(expected.begin(), expected.end(), EntryLess);
  expected.erase(std::unique(expected.begin(), expected.end(), EntryEq), expected.end());
  std::vector<BTree::Entry> got = ScanAll(*f.tree);
  REQUIRE(got.size() == expected.size());
  CHECK(std::equal(got.begin(), got.end(), expected.begin(), EntryEq));
  CHECK(f.tree->CountEntries() == expected.size());
  CHECK(f.tree->Verify().empty());
  CHECK(f.engine.pool().PinnedFrames() == 0);
  for (int probe = 0; probe < 200; ++probe) {
    std::string lower = RandomKey(rng, 3);
    auto first = std::find_if(expected.begin(), expected.end(), [&](const BTree::Entry& e) { return e.key >= lower; });
    BTree::Cursor c = f.tree->Seek(lower);
    BTree::Entry e;
    if (first == expected.end()) {
      CHECK_FALSE(c.Next(&e));
    } else {
      REQUIRE(c.Next(&e));
      CHECK(EntryEq(e, *first));
    }
  }
}

TEST_CASE("duplicates of one key with different TIDs; inserting an existing entry is a no-op") {
  BTreeFixture f;
  for (uint16_t s = 0; s < 500; ++s) f.tree->Insert(f.ctx, "same", Rid{static_cast<PageId>(499 - s), s});
  f.tree->Insert(f.ctx, "same", Rid{7, 492});  // already there
  f.tree->Insert(f.ctx, "samd", Rid{1, 1});
  f.tree->Insert(f.ctx, "samf", Rid{1, 1});
  std::vector<BTree::Entry> got = ScanAll(*f.tree, "same");
  REQUIRE(got.size() == 501);
  for (size_t i = 0; i < 500; ++i) {
    CHECK(got[i].key == "same");
    CHECK(got[i].rid.page == i);  // ascending TIDs
  }
  CHECK(got[500].key == "samf");
  CHECK(f.tree->CountEntries() == 502);
  CHECK(f.tree->Verify().empty());
}

TEST_CASE("large keys split pages up to four levels; every key is found again") {
  BTreeFixture f;
  constexpr int kKeys = 700;
  std::vector<int> order(kKeys);
  for (int i = 0; i < kKeys; ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(7));
  for (int i : order) f.tree->Insert(f.ctx, NumKey(i, 1200), Rid{static_cast<PageId>(i), 1});
  CHECK(RootLevel(f.engine, kIndexFile) >= 3);
  CHECK(f.tree->Verify().empty());
  for (int i = 0; i < kKeys; ++i) {
    BTree::Cursor c = f.tree->Seek(NumKey(i, 1200));
    BTree::Entry e;
    REQUIRE(c.Next(&e));
    CHECK(e.key == NumKey(i, 1200));
    CHECK(e.rid == Rid{static_cast<PageId>(i), 1});
  }
  CHECK(f.tree->CountEntries() == kKeys);
}

TEST_CASE("ascending inserts pack the left pages (rightmost splits)") {
  BTreeFixture f;
  for (int i = 0; i < 20000; ++i) f.tree->Insert(f.ctx, NumKey(i), Rid{static_cast<PageId>(i), 0});
  CHECK(f.tree->Verify().empty());
  // 20000 entries of 2 + 12 + 6 bytes plus a line pointer: ~55 pages at 90%, ~80 at 50%.
  CHECK(f.engine.pool().disk().PageCount(kIndexFile) < 65);
  CHECK(f.tree->CountEntries() == 20000);
}

TEST_CASE("keys longer than MaxKeySize are 54000 with PostgreSQL's wording") {
  BTreeFixture f;
  std::string max(BTree::MaxKeySize(), 'x');
  CHECK(f.tree->Insert(f.ctx, max, Rid{1, 1}).kind == BTree::InsertResult::kInserted);
  std::string too_long(BTree::MaxKeySize() + 1, 'x');
  auto [code, message] = ErrorOf([&] { f.tree->Insert(f.ctx, too_long, Rid{1, 2}); });
  CHECK(code == "54000");
  CHECK(message.find("index row size 2705 exceeds btree version 4 maximum 2704 for index") == 0);
  CHECK(ErrorOf([&] { BTree::CheckKeySize(3000, "t_pkey"); }) ==
        std::pair<std::string, std::string>{
            "54000", "index row size 3008 exceeds btree version 4 maximum 2704 for index \"t_pkey\""});
  CHECK(f.tree->CountEntries() == 1);
}

TEST_CASE("unique checks: conflict and wait leave the index unchanged; ignore inserts") {
  BTreeFixture f;
  f.tree->Insert(f.ctx, "a", Rid{1, 1});
  f.tree->Insert(f.ctx, "b", Rid{1, 2});
  std::vector<Rid> asked;
  BTree::UniqueVerdict verdict = BTree::UniqueVerdict::kConflict;
  BTree::UniqueCheck check = [&](Rid r) {
    asked.push_back(r);
    return verdict;
  };
  BTree::InsertResult r = f.tree->Insert(f.ctx, "a", Rid{2, 1}, &check);
  CHECK(r.kind == BTree::InsertResult::kConflict);
  CHECK(r.other == Rid{1, 1});
  CHECK(asked == std::vector<Rid>{Rid{1, 1}});
  verdict = BTree::UniqueVerdict::kWait;
  r = f.tree->Insert(f.ctx, "a", Rid{2, 1}, &check);
  CHECK(r.kind == BTree::InsertResult::kWait);
  CHECK(r.other == Rid{1, 1});
  CHECK(f.tree->CountEntries() == 2);
  verdict = BTree::UniqueVerdict::kIgnore;
  CHECK(f.tree->Insert(f.ctx, "a", Rid{2, 1}, &check).kind == BTree::InsertResult::kInserted);
  CHECK(f.tree->CountEntries() == 3);
  asked.clear();
  verdict = BTree::UniqueVerdict::kConflict;
  CHECK(f.tree->Insert(f.ctx, "c", Rid{3, 1}, &check).kind == BTree::InsertResult::kInserted);  // no equal key
  CHECK(f.tree->Insert(f.ctx, "c", Rid{3, 1}, &check).kind == BTree::InsertResult::kInserted);  // itself: no-op
  CHECK(asked.empty());
}

TEST_CASE("a unique check sees every equal key, across right siblings") {
  BTreeFixture f;
  std::string key(300, 'k');
  for (uint16_t s = 0; s < 200; ++s) f.tree->Insert(f.ctx, key, Rid{10, s});  // spans several leaves
  f.tree->Insert(f.ctx, key + "z", Rid{1, 0});
  REQUIRE(RootLevel(f.engine, kIndexFile) >= 1);
  size_t calls = 0;
  BTree::UniqueCheck ignore = [&](Rid r) {
    ++calls;
    CHECK(r.page == 10);
    return BTree::UniqueVerdict::kIgnore;
  };
  CHECK(f.tree->Insert(f.ctx, key, Rid{5, 0}, &ignore).kind == BTree::InsertResult::kInserted);
  CHECK(calls == 200);
  // The last one decides, wherever it is.
  BTree::UniqueCheck last_conflicts = [&](Rid r) {
    return r == Rid{10, 199} ? BTree::UniqueVerdict::kConflict : BTree::UniqueVerdict::kIgnore;
  };
  BTree::InsertResult r = f.tree->Insert(f.ctx, key, Rid{4, 0}, &last_conflicts);
  CHECK(r.kind == BTree::InsertResult::kConflict);
  CHECK(r.other == Rid{10, 199});
  CHECK(f.tree->CountEntries() == 202);
  CHECK(f.tree->Verify().empty());
}

TEST_CASE("Delete removes one entry and reports a missing one; the cursor skips nothing") {
  BTreeFixture f;
  for (int i = 0; i < 3000; ++i) f.tree->Insert(f.ctx, NumKey(i), Rid{static_cast<PageId>(i), 0});
  for (int i = 0; i < 3000; i += 2) CHECK(f.tree->Delete(f.ctx, NumKey(i), Rid{static_cast<PageId>(i), 0}));
  CHECK_FALSE(f.tree->Delete(f.ctx, NumKey(0), Rid{0, 0}));
  CHECK_FALSE(f.tree->Delete(f.ctx, NumKey(1), Rid{1, 1}));  // the key exists, with another TID
  std::vector<BTree::Entry> got = ScanAll(*f.tree);
  REQUIRE(got.size() == 1500);
  for (size_t i = 0; i < got.size(); ++i) CHECK(got[i].key == NumKey(static_cast<int>(2 * i + 1)));
  CHECK(f.tree->Verify().empty());
}

TEST_CASE("a cursor sees entries inserted ahead of it, never behind it, and none twice") {
  BTreeFixture f;
  for (int i = 0; i < 2000; i += 2) f.tree->Insert(f.ctx, NumKey(i), Rid{1, 0});
  BTree::Cursor c = f.tree->Seek("");
  BTree::Entry e;
  std::vector<std::string> seen;
  for (int n = 0; n < 500; ++n) {
    REQUIRE(c.Next(&e));
    seen.push_back(e.key);
  }
  // Splits everywhere: behind the cursor (odd keys < 1000) and ahead of it.
  for (int i = 1; i < 2000; i += 2) f.tree->Insert(f.ctx, NumKey(i), Rid{1, 0});
  while (c.Next(&e)) seen.push_back(e.key);
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
  CHECK(seen.size() == 1000 + 501);  // 1000 even keys, the odd keys from 999 up
}

TEST_CASE("Verify reports a page whose items are out of order, and a broken right-link") {
  BTreeFixture f;
  for (int i = 0; i < 2000; ++i) f.tree->Insert(f.ctx, NumKey(i), Rid{1, 0});
  REQUIRE(f.tree->Verify().empty());
  std::vector<BTree::Entry> all = ScanAll(*f.tree);
  PageId leaf = 0;
  {
    // The leftmost leaf: from the meta page's root down the first downlinks.
    ReadPageGuard meta = f.engine.pool().Read(kIndexFile, 0);
    std::memcpy(&leaf, meta.data() + 24 + 8, 4);
  }
  for (;;) {
    ReadPageGuard g = f.engine.pool().Read(kIndexFile, leaf);
    uint16_t level;
    std::memcpy(&level, g.data() + 8192 - 16 + 4, 2);
    if (level == 0) break;
    uint32_t right;
    std::memcpy(&right, g.data() + 8192 - 16, 4);
    size_t first = right == kInvalidPageId ? 0 : 1;  // item 0 is the high key unless rightmost
    uint16_t off;
    std::memcpy(&off, g.data() + 24 + 2 * first, 2);
    uint16_t klen;
    std::memcpy(&klen, g.data() + off, 2);
    std::memcpy(&leaf, g.data() + off + 2 + klen + 6, 4);
  }
  {
    WritePageGuard g = f.engine.pool().Write(kIndexFile, leaf);
    char* d = g.mutable_data();
    char tmp[2];
    std::memcpy(tmp, d + 24 + 2 * 3, 2);
    std::memcpy(d + 24 + 2 * 3, d + 24 + 2 * 4, 2);
    std::memcpy(d + 24 + 2 * 4, tmp, 2);
  }
  std::vector<std::string> problems = f.tree->Verify();
  REQUIRE_FALSE(problems.empty());
  CHECK(problems[0] == "block " + std::to_string(leaf) + ": item 5 is not ordered after item 4");
  {
    WritePageGuard g = f.engine.pool().Write(kIndexFile, leaf);
    uint32_t bogus = 1;
    std::memcpy(g.mutable_data() + 8192 - 16, &bogus, 4);
  }
  problems = f.tree->Verify();
  CHECK(std::find_if(problems.begin(), problems.end(), [](const std::string& p) {
          return p.find("right link 1, expected") != std::string::npos;
        }) != problems.end());
}

TEST_CASE("IsIndexPage tells index pages from heap pages") {
  BTreeFixture f;
  ReadPageGuard g = f.engine.pool().Read(kIndexFile, 1);
  CHECK(BTree::IsIndexPage(g.data()));
  std::vector<char> zero(kPageSize, 0);
  CHECK_FALSE(BTree::IsIndexPage(zero.data()));
}

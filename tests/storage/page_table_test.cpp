// PageTable (storage/page_table.h): the buffer pool's open-addressing page table partition.
#include "storage/page_table.h"

#include <map>
#include <random>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

using namespace lumadb::storage;

namespace {
// Frame "pointers" only compared, never dereferenced.
BufferFrame* FrameNo(size_t n) {
  return reinterpret_cast<BufferFrame*>(static_cast<uintptr_t>((n + 1) * 64));
}
}  // namespace

TEST_CASE("PageTable maps, refuses duplicates and erases") {
  PageTable table;
  FileId a{1, 100};
  FileId b{1, 101};
  CHECK(table.Find(a, 0) == nullptr);
  CHECK(table.Insert(a, 0, FrameNo(0)));
  CHECK(table.Insert(b, 0, FrameNo(1)));
  CHECK_FALSE(table.Insert(a, 0, FrameNo(2)));
  CHECK(table.Find(a, 0) == FrameNo(0));
  CHECK(table.Find(b, 0) == FrameNo(1));
  CHECK(table.size() == 2);
  table.Erase(a, 0);
  table.Erase(a, 0);
  CHECK(table.Find(a, 0) == nullptr);
  CHECK(table.Find(b, 0) == FrameNo(1));
  CHECK(table.size() == 1);
}

TEST_CASE("PageTable agrees with std::map over random inserts and erases, growing as it fills") {
  PageTable table(4);
  std::map<std::pair<uint64_t, PageId>, BufferFrame*> model;
  std::mt19937 rng(42);
  // Few files and a small page range, so probe runs collide and wrap around often.
  std::uniform_int_distribution<uint32_t> rel(1, 3);
  std::uniform_int_distribution<PageId> page(0, 2000);
  for (size_t step = 0; step < 200000; ++step) {
    FileId file{5, rel(rng)};
    PageId p = page(rng);
    auto key = std::make_pair(file.Key(), p);
    if (rng() % 3 == 0) {
      table.Erase(file, p);
      model.erase(key);
    } else {
      bool inserted = table.Insert(file, p, FrameNo(step));
      CHECK(inserted == model.emplace(key, FrameNo(step)).second);
    }
    if (step % 1000 == 0) {
      REQUIRE(table.size() == model.size());
      for (const auto& [k, frame] : model)
        REQUIRE(table.Find(FileId{5, static_cast<uint32_t>(k.first)}, k.second) == frame);
    }
  }
  for (uint32_t r = 1; r <= 3; ++r) {
    for (PageId p = 0; p <= 2000; ++p) {
      auto it = model.find({FileId{5, r}.Key(), p});
      REQUIRE(table.Find(FileId{5, r}, p) == (it == model.end() ? nullptr : it->second));
    }
  }
}

#include "storage/buffer_pool.h"

#include <cstring>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "common/error.h"
#include "support/temp_dir.h"

using namespace lumadb::storage;
using lumadb::DbError;
using lumadb::testing::TempDir;

namespace {

constexpr FileId kFile{1, 100};

void Stamp(WritePageGuard& g, uint32_t v) {
  std::memcpy(g.mutable_data() + 100, &v, sizeof(v));
}
uint32_t ReadStamp(const char* page) {
  uint32_t v;
  std::memcpy(&v, page + 100, sizeof(v));
  return v;
}

}  // namespace

TEST_CASE("every frame pinned -> 'no unpinned buffers available'; unpinning allows eviction") {
  TempDir dir;
  DiskManager disk(dir.path());
  disk.Create(kFile);
  BufferPool pool(disk, 3);
  std::vector<WritePageGuard> held;
  for (uint32_t i = 0; i < 3; ++i) {
    held.push_back(pool.NewPage(kFile));
    Stamp(held.back(), 1000 + i);
  }
  CHECK(pool.PinnedFrames() == 3);
  try {
    pool.NewPage(kFile);
    FAIL("expected an error");
  } catch (const DbError& e) {
    CHECK(e.code() == lumadb::sqlstate::kInternalError);
    CHECK(e.message() == "no unpinned buffers available");
  }
  CHECK(disk.PageCount(kFile) == 3);  // the failed NewPage did not extend the file
  held.clear();
  CHECK(pool.PinnedFrames() == 0);
  // Four more pages through three frames: dirty pages are written on eviction and read back intact.
  for (uint32_t i = 3; i < 7; ++i) {
    WritePageGuard g = pool.NewPage(kFile);
    Stamp(g, 1000 + i);
  }
  for (uint32_t i = 0; i < 7; ++i) {
    ReadPageGuard g = pool.Read(kFile, i);
    CHECK(ReadStamp(g.data()) == 1000 + i);
  }
  CHECK(pool.PinnedFrames() == 0);
}

TEST_CASE("a read guard is a hit while the page stays cached; shared latches coexist") {
  TempDir dir;
  DiskManager disk(dir.path());
  disk.Create(kFile);
  BufferPool pool(disk, 2);
  {
    WritePageGuard g = pool.NewPage(kFile);
    Stamp(g, 7);
  }
  ReadPageGuard a = pool.Read(kFile, 0);
  ReadPageGuard b = pool.Read(kFile, 0);  // same frame, two shared latches
  CHECK(a.data() == b.data());
  CHECK(pool.PinnedFrames() == 1);
  ReadPageGuard moved = std::move(a);
  CHECK_FALSE(a.valid());
  CHECK(moved.valid());
  moved.Release();
  b.Release();
  CHECK(pool.PinnedFrames() == 0);
}

TEST_CASE("FlushAll writes dirty pages, which a new pool reads back") {
  TempDir dir;
  {
    DiskManager disk(dir.path());
    disk.Create(kFile);
    BufferPool pool(disk, 4);
    for (uint32_t i = 0; i < 3; ++i) {
      WritePageGuard g = pool.NewPage(kFile);
      Stamp(g, 50 + i);
    }
    pool.FlushAll();
    disk.SyncAll();
  }
  DiskManager disk(dir.path());
  BufferPool pool(disk, 4);
  CHECK(disk.PageCount(kFile) == 3);
  for (uint32_t i = 0; i < 3; ++i) CHECK(ReadStamp(pool.Read(kFile, i).data()) == 50 + i);
}

TEST_CASE("DiscardFile forgets dirty pages without writing them") {
  TempDir dir;
  DiskManager disk(dir.path());
  disk.Create(kFile);
  BufferPool pool(disk, 4);
  {
    WritePageGuard g = pool.NewPage(kFile);
    Stamp(g, 1);
  }
  pool.FlushAll();
  {
    WritePageGuard g = pool.Write(kFile, 0);
    Stamp(g, 2);
  }
  pool.DiscardFile(kFile);
  CHECK(ReadStamp(pool.Read(kFile, 0).data()) == 1);  // re-read from disk: the change was dropped
}

TEST_CASE("reading past the end of a file is XX001") {
  TempDir dir;
  DiskManager disk(dir.path());
  disk.Create(kFile);
  BufferPool pool(disk, 2);
  try {
    pool.Read(kFile, 5);
    FAIL("expected an error");
  } catch (const DbError& e) {
    CHECK(e.code() == lumadb::sqlstate::kDataCorrupted);
    CHECK(e.message() == "could not read block 5 in file \"base/1/100\": read only 0 of 8192 bytes");
  }
  CHECK(pool.PinnedFrames() == 0);
  CHECK_NOTHROW(pool.NewPage(kFile));  // the failed frame went back to the free list
}

TEST_CASE("threads hammering a small pool: every page keeps its own counter") {
  TempDir dir;
  DiskManager disk(dir.path());
  disk.Create(kFile);
  BufferPool pool(disk, 4);
  constexpr uint32_t kPages = 16;
  for (uint32_t i = 0; i < kPages; ++i) {
    WritePageGuard g = pool.NewPage(kFile);
    Stamp(g, 0);
  }
  constexpr int kThreads = 4;
  constexpr int kIters = 400;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kIters; ++i) {
        PageId p = static_cast<PageId>((i * 7 + t) % kPages);
        for (;;) {
          try {
            WritePageGuard g = pool.Write(kFile, p);
            Stamp(g, ReadStamp(g.data()) + 1);
            break;
          } catch (const DbError&) {
            std::this_thread::yield();  // all 4 frames pinned by the others for a moment
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  uint64_t total = 0;
  for (uint32_t i = 0; i < kPages; ++i) total += ReadStamp(pool.Read(kFile, i).data());
  CHECK(total == static_cast<uint64_t>(kThreads) * kIters);
  CHECK(pool.PinnedFrames() == 0);
}

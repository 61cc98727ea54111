#include "storage/disk_manager.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

#include <doctest/doctest.h>

#include "common/error.h"
#include "storage/page.h"
#include "support/temp_dir.h"

using namespace lumadb::storage;
using lumadb::DbError;
using lumadb::testing::TempDir;

TEST_CASE("relation file paths follow PostgreSQL's layout") {
  CHECK(DiskManager::RelativePath(FileId{5, 16384}) == "base/5/16384");
  CHECK(DiskManager::RelativePath(FileId{0, 1262}) == "global/1262");
  TempDir dir;
  DiskManager disk(dir.path());
  disk.Create(FileId{5, 16384});
  disk.Create(FileId{0, 1262});
  CHECK(std::filesystem::exists(dir.path() / "base" / "5" / "16384"));
  CHECK(std::filesystem::exists(dir.path() / "global" / "1262"));
  CHECK(disk.Exists(FileId{5, 16384}));
  CHECK_FALSE(disk.Exists(FileId{5, 1}));
}

TEST_CASE("create twice, open missing, unlink, remove database") {
  TempDir dir;
  DiskManager disk(dir.path());
  FileId f{7, 20000};
  disk.Create(f);
  try {
    disk.Create(f);
    FAIL("expected an error");
  } catch (const DbError& e) {
    CHECK(e.code() == lumadb::sqlstate::kIoError);
    CHECK(e.message() == "could not create file \"base/7/20000\": File exists");
  }
  try {
    disk.PageCount(FileId{7, 1});
    FAIL("expected an error");
  } catch (const DbError& e) {
    CHECK(e.code() == lumadb::sqlstate::kUndefinedFile);
    CHECK(e.message() == "could not open file \"base/7/1\": No such file or directory");
  }
  CHECK(disk.Extend(f) == 0);
  CHECK(disk.Extend(f) == 1);
  CHECK(disk.PageCount(f) == 2);
  disk.Unlink(f);
  CHECK_FALSE(disk.Exists(f));
  CHECK_NOTHROW(disk.Unlink(f));  // already gone
  disk.Create(FileId{7, 20001});
  disk.RemoveDatabase(7);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "base" / "7"));
}

TEST_CASE("pages round-trip with a checksum; a corrupted byte is detected as XX001") {
  TempDir dir;
  FileId f{3, 4000};
  std::vector<char> page(kPageSize, 0);
  {
    DiskManager disk(dir.path());
    disk.Create(f);
    disk.Extend(f);
    disk.Extend(f);
    std::memcpy(page.data() + 200, "payload", 7);
    disk.WritePage(f, 1, page.data());
    std::vector<char> back(kPageSize);
    disk.ReadPage(f, 1, back.data());
    CHECK(std::memcmp(back.data() + 200, "payload", 7) == 0);
    CHECK(VerifyPageChecksum(back.data()));
    disk.ReadPage(f, 0, back.data());  // extension zeroes need no checksum
    CHECK(PageIsZero(back.data()));
    disk.SyncAll();
  }
  // Flip one byte of page 1 on disk.
  {
    std::fstream file(dir.path() / "base" / "3" / "4000", std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(kPageSize + 4000);
    file.put('\x5a');
  }
  DiskManager disk(dir.path());
  std::vector<char> back(kPageSize);
  try {
    disk.ReadPage(f, 1, back.data());
    FAIL("expected an error");
  } catch (const DbError& e) {
    CHECK(e.code() == lumadb::sqlstate::kDataCorrupted);
    CHECK(e.message() == "invalid page in block 1 of relation base/3/4000");
  }
}

TEST_CASE("WritePage does not modify the caller's buffer") {
  TempDir dir;
  DiskManager disk(dir.path());
  FileId f{1, 1};
  disk.Create(f);
  disk.Extend(f);
  std::vector<char> page(kPageSize, 0);
  page[3000] = 1;
  disk.WritePage(f, 0, page.data());
  uint32_t sum;
  std::memcpy(&sum, page.data() + kPageChecksumOffset, 4);
  CHECK(sum == 0);
}

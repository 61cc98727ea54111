// storage/temp_file.h: names, append and read back, truncation, removal, temp_file_limit accounting.
#include "storage/temp_file.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "common/error.h"
#include "support/temp_dir.h"

namespace lumadb::storage {
namespace {

std::vector<std::byte> Bytes(const std::string& s) {
  std::vector<std::byte> out;
  for (char c : s) out.push_back(static_cast<std::byte>(c));
  return out;
}

TEST_CASE("a temporary file is named after its session, reads back what was appended and goes when destroyed") {
  testing::TempDir dir;
  const auto tmp = dir.path() / "base" / "pgsql_tmp";
  auto space = std::make_shared<TempFileSpace>(tmp, 4242, -1);
  std::filesystem::path path;
  {
    TempFile file(space);
    path = file.path();
    CHECK(path.parent_path() == tmp);
    CHECK(path.filename().string().rfind("pgsql_tmp4242.", 0) == 0);
    CHECK(file.Append(Bytes("hello ")) == 0);
    std::vector<std::byte> big(100000, std::byte{'x'});
    CHECK(file.Append(big) == 6);
    CHECK(file.Append(Bytes("end")) == 100006);
    CHECK(file.size() == 100009);
    CHECK(space->used_bytes() == 100009);
    std::vector<std::byte> out(6);
    CHECK(file.ReadAt(0, out) == 6);
    CHECK(out == Bytes("hello "));
    out.resize(10);
    CHECK(file.ReadAt(100006, out) == 3);  // short at the end
    out.resize(3);
    CHECK(out == Bytes("end"));
    file.Truncate();
    CHECK(file.size() == 0);
    CHECK(file.peak_size() == 100009);
    CHECK(space->used_bytes() == 0);
    file.Append(Bytes("again"));
    CHECK(std::filesystem::exists(path));
  }
  CHECK(!std::filesystem::exists(path));
  CHECK(space->used_bytes() == 0);
}

TEST_CASE("temp_file_limit counts every file of the space") {
  testing::TempDir dir;
  auto space = std::make_shared<TempFileSpace>(dir.path() / "base" / "pgsql_tmp", 1, 1);  // 1 kB
  TempFile a(space);
  TempFile b(space);
  a.Append(std::vector<std::byte>(600));
  try {
    b.Append(std::vector<std::byte>(600));
    FAIL("expected 53400");
  } catch (const DbError& e) {
    CHECK(e.code().View() == "53400");
    CHECK(e.message() == "temporary file size exceeds temp_file_limit (1kB)");
  }
  CHECK(b.size() == 0);
}

TEST_CASE("RemoveAll empties base/pgsql_tmp") {
  testing::TempDir dir;
  const auto tmp = dir.path() / "base" / "pgsql_tmp";
  std::filesystem::create_directories(tmp);
  std::ofstream(tmp / "pgsql_tmp77.0") << "stale";
  std::ofstream(tmp / "pgsql_tmp77.1") << "stale";
  TempFile::RemoveAll(dir.path());
  CHECK(std::filesystem::is_empty(tmp));
  TempFile::RemoveAll(dir.path() / "missing");  // no directory: nothing to do
}

}  // namespace
}  // namespace lumadb::storage

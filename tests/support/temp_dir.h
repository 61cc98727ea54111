#pragma once
// A temporary directory for tests, removed with everything in it when the test ends. Shared by every test
// executable (tests/ is on their include path).

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <system_error>

namespace lumadb::testing {

/// A fresh empty directory under std::filesystem::temp_directory_path() ($TMPDIR or /tmp), unique per
/// process and instance, removed recursively at scope exit.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("lumadb-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// The directory itself.
  const std::filesystem::path& path() const { return path_; }
  /// A data directory path inside it that does not exist yet, for code that creates its own directory
  /// (Cluster::Init, `lumadb serve` on a missing directory).
  std::filesystem::path data() const { return path_ / "data"; }

 private:
  std::filesystem::path path_;
};

}  // namespace lumadb::testing

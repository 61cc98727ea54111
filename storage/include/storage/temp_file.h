#pragma once
// Temporary files of spilling executors (PostgreSQL's fd.c OpenTemporaryFile and buffile.c, without the
// 1 GB segmenting): `<data>/base/pgsql_tmp/pgsql_tmp<pid>.<n>`, bytes only. A TempFile is removed when
// its object is destroyed (end of the executor, an error unwinding it, a cancel), and the directory is
// emptied when the storage starts (RemovePgTempFiles), so a crash leaves nothing behind for long.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace lumadb::storage {

/// Where a session's temporary files go and how much of them it may hold (temp_file_limit). Shared by
/// the TempFiles it creates, which add their bytes to `used_bytes` as they grow and give them back
/// when they are truncated or removed.
class TempFileSpace {
 public:
  /// dir: `<data>/base/pgsql_tmp` (created at the first file); pid: the session's backend pid for the
  /// names; limit_kb: temp_file_limit in kB, -1 for none.
  TempFileSpace(std::filesystem::path dir, int32_t pid, int64_t limit_kb);

  const std::filesystem::path& dir() const { return dir_; }
  int32_t pid() const { return pid_; }
  /// Bytes held now by this space's files.
  int64_t used_bytes() const;

  /// Accounts `bytes` more (negative: fewer). Throws 53400 "temporary file size exceeds
  /// temp_file_limit (NkB)" when the total would pass the limit (fd.c FileWrite), before any write.
  void Reserve(int64_t bytes);
  /// Sets temp_file_limit in kB (-1: none) for the Reserve calls that follow: a session keeps one space
  /// for its lifetime, and SET temp_file_limit applies from its next statement on.
  void set_limit_kb(int64_t limit_kb);

 private:
  std::filesystem::path dir_;
  int32_t pid_;
  int64_t limit_kb_;
  mutable std::mutex mu_;
  int64_t used_bytes_ = 0;
};

/// One temporary file: appended to with a write buffer, read anywhere with pread, truncated to reuse.
/// Not thread-safe. I/O errors are 58030 with the file's path relative to the data directory's base/.
class TempFile {
 public:
  /// Creates `pgsql_tmp<pid>.<n>` in space's directory (n: a process-wide counter).
  explicit TempFile(std::shared_ptr<TempFileSpace> space);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  /// Appends bytes at the end; returns the offset they start at.
  uint64_t Append(std::span<const std::byte> bytes);
  /// Reads up to out.size() bytes at offset (pending appends are written first); returns the count read.
  size_t ReadAt(uint64_t offset, std::span<std::byte> out);
  /// Bytes in the file, appended ones included.
  uint64_t size() const { return size_; }
  /// Empties the file (a merge pass reuses it).
  void Truncate();
  /// The largest size the file had, in bytes (EXPLAIN's Disk figures).
  uint64_t peak_size() const { return peak_size_; }
  const std::filesystem::path& path() const { return path_; }

  /// Removes every file in `<data_dir>/base/pgsql_tmp` (storage start-up; PostgreSQL's RemovePgTempFiles).
  static void RemoveAll(const std::filesystem::path& data_dir);

 private:
  void Flush();

  std::shared_ptr<TempFileSpace> space_;
  std::filesystem::path path_;
  int fd_ = -1;
  std::vector<std::byte> buffer_;  // appended bytes not yet written, from written_ on
  uint64_t written_ = 0;
  uint64_t size_ = 0;
  uint64_t peak_size_ = 0;
};

}  // namespace lumadb::storage

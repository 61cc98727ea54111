#include "storage/temp_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "common/error.h"

namespace lumadb::storage {

namespace {

// Below this many buffered bytes an Append only copies (buffile.c writes BLCKSZ at a time).
constexpr size_t kWriteBufferBytes = 64 * 1024;

std::atomic<uint64_t> temp_file_counter{0};

// The path as PostgreSQL's messages show a temporary file's: relative to the data directory.
std::string Shown(const std::filesystem::path& path) {
  return "base/pgsql_tmp/" + path.filename().string();
}

[[noreturn]] void ThrowIo(const char* what, const std::filesystem::path& path, int err) {
  throw DbError(sqlstate::kIoError, std::string(what) + " \"" + Shown(path) + "\": " + std::strerror(err));
}

}  // namespace

TempFileSpace::TempFileSpace(std::filesystem::path dir, int32_t pid, int64_t limit_kb)
    : dir_(std::move(dir)), pid_(pid), limit_kb_(limit_kb) {}

int64_t TempFileSpace::used_bytes() const {
  std::lock_guard lock(mu_);
  return used_bytes_;
}

void TempFileSpace::Reserve(int64_t bytes) {
  std::lock_guard lock(mu_);
  if (bytes > 0 && limit_kb_ >= 0 && used_bytes_ + bytes > limit_kb_ * 1024) {
    throw DbError(sqlstate::kConfigurationLimitExceeded,
                  "temporary file size exceeds temp_file_limit (" + std::to_string(limit_kb_) + "kB)");
  }
  used_bytes_ += bytes;
}

void TempFileSpace::set_limit_kb(int64_t limit_kb) {
  std::lock_guard lock(mu_);
  limit_kb_ = limit_kb;
}

TempFile::TempFile(std::shared_ptr<TempFileSpace> space) : space_(std::move(space)) {
  std::error_code ec;
  std::filesystem::create_directories(space_->dir(), ec);
  if (ec) ThrowIo("could not create directory", space_->dir(), ec.value());
  const uint64_t n = temp_file_counter.fetch_add(1);
  path_ = space_->dir() / ("pgsql_tmp" + std::to_string(space_->pid()) + "." + std::to_string(n));
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) ThrowIo("could not create temporary file", path_, errno);
}

TempFile::~TempFile() {
  if (fd_ >= 0) ::close(fd_);
  ::unlink(path_.c_str());
  space_->Reserve(-static_cast<int64_t>(size_));
}

uint64_t TempFile::Append(std::span<const std::byte> bytes) {
  const uint64_t at = size_;
  space_->Reserve(static_cast<int64_t>(bytes.size()));
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
  size_ += bytes.size();
  peak_size_ = std::max(peak_size_, size_);
  if (buffer_.size() >= kWriteBufferBytes) Flush();
  return at;
}

void TempFile::Flush() {
  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::pwrite(fd_, buffer_.data() + done, buffer_.size() - done, static_cast<off_t>(written_ + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ThrowIo("could not write to file", path_, n < 0 ? errno : ENOSPC);
    done += static_cast<size_t>(n);
  }
  written_ += buffer_.size();
  buffer_.clear();
}

size_t TempFile::ReadAt(uint64_t offset, std::span<std::byte> out) {
  if (!buffer_.empty()) Flush();
  size_t done = 0;
  while (done < out.size() && offset + done < written_) {
    ssize_t n = ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ThrowIo("could not read from file", path_, errno);
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

void TempFile::Truncate() {
  buffer_.clear();
  if (::ftruncate(fd_, 0) != 0) ThrowIo("could not truncate file", path_, errno);
  space_->Reserve(-static_cast<int64_t>(size_));
  written_ = 0;
  size_ = 0;
}

void TempFile::RemoveAll(const std::filesystem::path& data_dir) {
  std::error_code ec;
  const auto dir = data_dir / "base" / "pgsql_tmp";
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::filesystem::remove_all(entry.path(), ec);
  }
}

}  // namespace lumadb::storage

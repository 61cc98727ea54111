#include "wal_segments.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "common/crash_point.h"
#include "common/error.h"
#include "storage/panic.h"

namespace lumadb::storage {

namespace fs = std::filesystem;

namespace {

std::string RelName(const fs::path& p) {
  return "pg_wal/" + p.filename().string();
}

[[noreturn]] void PanicErrno(const std::string& what, const fs::path& p, int err) {
  Panic("could not " + what + " file \"" + RelName(p) + "\": " + std::strerror(err));
}

void FsyncDir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) PanicErrno("open", dir, errno);
  if (::fsync(fd) != 0) PanicErrno("fsync", dir, errno);
  ::close(fd);
}

/// pwrite all of `bytes` at `offset`; PANIC on failure.
void WriteAll(int fd, const fs::path& p, const std::byte* bytes, size_t n, uint64_t offset) {
  while (n > 0) {
    ssize_t w = ::pwrite(fd, bytes, n, static_cast<off_t>(offset));
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) PanicErrno("write to", p, w < 0 ? errno : ENOSPC);
    bytes += w;
    n -= static_cast<size_t>(w);
    offset += static_cast<uint64_t>(w);
  }
}

/// Parses a segment file name; false for other files (temp files, ...).
bool ParseSegmentName(const std::string& name, uint64_t* segno) {
  if (name.size() != 24 || name.find_first_not_of("0123456789ABCDEF") != std::string::npos) return false;
  uint64_t hi = std::stoull(name.substr(8, 8), nullptr, 16);
  uint64_t lo = std::stoull(name.substr(16, 8), nullptr, 16);
  *segno = hi * (0x100000000ull / kWalSegmentSize) + lo;
  return true;
}

}  // namespace

WalSegments::WalSegments(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) {
    throw DbError(sqlstate::kIoError, "could not create directory \"" + dir_.string() + "\": " + ec.message());
  }
  // A crash while a segment was being zero-filled leaves its temporary file behind.
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.path().filename().string().rfind("xlogtemp.", 0) == 0) fs::remove(entry.path(), ec);
  }
  preparer_ = std::thread([this] { PrepareLoop(); });
}

WalSegments::~WalSegments() {
  {
    std::lock_guard lock(ahead_mu_);
    stopping_ = true;
  }
  ahead_cv_.notify_one();
  preparer_.join();
  CloseAll();
}

void WalSegments::PrepareAhead(uint64_t segno) {
  {
    std::lock_guard lock(ahead_mu_);
    if (segno <= ahead_requested_) return;
    ahead_requested_ = segno;
  }
  ahead_cv_.notify_one();
}

void WalSegments::PrepareLoop() {
  std::unique_lock lock(ahead_mu_);
  for (;;) {
    ahead_cv_.wait(lock, [&] { return stopping_ || ahead_done_ < ahead_requested_; });
    if (stopping_) return;
    uint64_t segno = ahead_requested_;
    lock.unlock();
    {
      std::lock_guard create(create_mu_);
      if (!fs::exists(dir_ / SegmentName(segno))) Create(segno);
    }
    lock.lock();
    ahead_done_ = std::max(ahead_done_, segno);
  }
}

void WalSegments::CloseAll() {
  std::lock_guard lock(fds_mu_);
  for (auto& [segno, fd] : fds_) ::close(fd);
  fds_.clear();
}

std::string WalSegments::SegmentName(uint64_t segno) {
  constexpr uint64_t kPerId = 0x100000000ull / kWalSegmentSize;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%08X%08X%08X", 1u, static_cast<unsigned>(segno / kPerId),
                static_cast<unsigned>(segno % kPerId));
  return buf;
}

std::vector<uint64_t> WalSegments::List() const {
  std::vector<uint64_t> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    uint64_t segno;
    if (ParseSegmentName(entry.path().filename().string(), &segno)) out.push_back(segno);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void WalSegments::Create(uint64_t segno) {
  fs::path tmp = dir_ / ("xlogtemp." + std::to_string(::getpid()));
  int fd = ::open(tmp.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) PanicErrno("create", tmp, errno);
  std::vector<std::byte> zeros(1 << 20);
  for (uint64_t off = 0; off < kWalSegmentSize; off += zeros.size()) {
    WriteAll(fd, tmp, zeros.data(), zeros.size(), off);
  }
  if (::fsync(fd) != 0) PanicErrno("fsync", tmp, errno);
  ::close(fd);
  fs::path target = dir_ / SegmentName(segno);
  if (::rename(tmp.c_str(), target.c_str()) != 0) PanicErrno("rename", tmp, errno);
  FsyncDir(dir_);
}

int WalSegments::Open(uint64_t segno, bool create) {
  {
    std::lock_guard lock(fds_mu_);
    auto it = fds_.find(segno);
    if (it != fds_.end()) return it->second;
  }
  // Not open yet: only the flush leader opens for writing, so nobody else adds this segment meanwhile;
  // readers racing it at worst open a second descriptor, which is closed below.
  fs::path p = dir_ / SegmentName(segno);
  int fd = ::open(p.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    if (!create) return -1;
    std::lock_guard create_lock(create_mu_);  // waits for the background thread if it is making this one
    fd = ::open(p.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
      Create(segno);
      fd = ::open(p.c_str(), O_RDWR | O_CLOEXEC);
    }
  }
  if (fd < 0) PanicErrno("open", p, errno);
  if (create) PrepareAhead(segno + 1);
  std::lock_guard lock(fds_mu_);
  auto [it, added] = fds_.emplace(segno, fd);
  if (!added) ::close(fd);
  return it->second;
}

void WalSegments::Write(Lsn start, std::span<const std::byte> bytes) {
  if (CrashPointsEnabled() && !bytes.empty() && CrashPointReached("wal-append")) {
    Write(start, bytes.first((bytes.size() + 1) / 2));
    CrashNow("wal-append");
  }
  while (!bytes.empty()) {
    uint64_t segno = start / kWalSegmentSize;
    uint64_t offset = start % kWalSegmentSize;
    size_t n = std::min<uint64_t>(bytes.size(), kWalSegmentSize - offset);
    WriteAll(Open(segno, true), dir_ / SegmentName(segno), bytes.data(), n, offset);
    unsynced_.insert(segno);
    bytes = bytes.subspan(n);
    start += n;
  }
}

void WalSegments::Sync() {
  for (uint64_t segno : unsynced_) {
    if (::fdatasync(Open(segno, false)) != 0) PanicErrno("fdatasync", dir_ / SegmentName(segno), errno);
    ++sync_count_;
  }
  unsynced_.clear();
}

size_t WalSegments::Read(Lsn start, std::span<std::byte> out) {
  size_t done = 0;
  while (done < out.size()) {
    uint64_t segno = start / kWalSegmentSize;
    uint64_t offset = start % kWalSegmentSize;
    int fd = Open(segno, false);
    if (fd < 0) break;
    size_t n = std::min<uint64_t>(out.size() - done, kWalSegmentSize - offset);
    ssize_t r = ::pread(fd, out.data() + done, n, static_cast<off_t>(offset));
    if (r <= 0) break;
    done += static_cast<size_t>(r);
    start += static_cast<uint64_t>(r);
  }
  return done;
}

void WalSegments::TruncateAt(Lsn end) {
  std::lock_guard create_lock(create_mu_);
  uint64_t last = end / kWalSegmentSize;
  CloseAll();
  unsynced_.clear();
  for (uint64_t segno : List()) {
    if (segno > last) ::unlink((dir_ / SegmentName(segno)).c_str());
  }
  if (!fs::exists(dir_ / SegmentName(last))) {
    Create(last);  // zero-filled already
    return;
  }
  int fd = Open(last, false);
  uint64_t offset = end % kWalSegmentSize;
  std::vector<std::byte> zeros(std::min<uint64_t>(kWalSegmentSize - offset, 1 << 20));
  for (uint64_t off = offset; off < kWalSegmentSize; off += zeros.size()) {
    WriteAll(fd, dir_ / SegmentName(last), zeros.data(), std::min<uint64_t>(zeros.size(), kWalSegmentSize - off), off);
  }
  if (::fsync(fd) != 0) PanicErrno("fsync", dir_ / SegmentName(last), errno);
  FsyncDir(dir_);
}

void WalSegments::RemoveBefore(Lsn keep, Lsn end) {
  std::lock_guard create_lock(create_mu_);
  uint64_t first_kept = keep / kWalSegmentSize;
  std::vector<uint64_t> all = List();
  if (all.empty()) return;
  uint64_t next_future = all.back() + 1;
  // Segments already waiting beyond the end count against the recycling budget.
  size_t recycled =
      static_cast<size_t>(std::count_if(all.begin(), all.end(), [&](uint64_t s) { return s > end / kWalSegmentSize; }));
  for (uint64_t segno : all) {
    if (segno >= first_kept) break;
    {
      std::lock_guard lock(fds_mu_);
      auto it = fds_.find(segno);
      if (it != fds_.end()) {
        ::close(it->second);
        fds_.erase(it);
      }
    }
    unsynced_.erase(segno);
    fs::path p = dir_ / SegmentName(segno);
    if (recycled < kRecycleSegments) {
      fs::path target = dir_ / SegmentName(next_future++);
      if (::rename(p.c_str(), target.c_str()) == 0) {
        ++recycled;
        continue;
      }
    }
    ::unlink(p.c_str());
  }
  FsyncDir(dir_);
}

}  // namespace lumadb::storage
